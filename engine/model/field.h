#pragma once
// The fields of a data action that a manifest can manage. Every part of dactl
// (loader, plan, renderers, state, provider) speaks of fields through this enum,
// so a new field is added here once.

#include <optional>
#include <span>
#include <string_view>

namespace dactl {

/// Declared in the order plans show them.
enum class Field {
    name,
    category,
    timeout_seconds,
    request_url_template,
    request_type,
    request_headers,
    request_template,
    response_translation_map,
    response_translation_map_defaults,
    response_success_template,
    /// The function's own timeout (1-15 s) of a function data action: not in the
    /// action's config, read and written through the action's function.
    function_timeout_seconds,
};

enum class FieldKind {
    text,           ///< a one-line string, shown as "old" -> "new"
    integer,        ///< a whole number
    string_map,     ///< name -> string, managed as a whole map, diffed per key
    template_text,  ///< a multi-line Velocity template, diffed per line
};

struct FieldInfo {
    Field field;
    std::string_view key;  ///< as written in plans and state: "request.url_template"
    std::string_view
        api_path;  ///< where it lives in the API's Action: "config.request.requestUrlTemplate"
    FieldKind kind;
};

/// Every field, in Field order.
std::span<const FieldInfo> all_fields();
/// The description of one field.
const FieldInfo& field_info(Field field);
/// The field's dotted key, e.g. "timeout_seconds", "response.success_template".
std::string_view field_key(Field field);
/// The field with this dotted key, or nothing.
std::optional<Field> field_from_key(std::string_view key);
/// Whether the field lives in the action's own document (name, category,
/// config), which a PATCH of the action writes; false for the function's.
bool in_action_document(Field field);

}  // namespace dactl
