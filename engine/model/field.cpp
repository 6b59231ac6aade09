#include "engine/model/field.h"

#include <array>

namespace dactl {

namespace {

constexpr std::array<FieldInfo, 11> k_fields = {{
    {Field::name, "name", "name", FieldKind::text},
    {Field::category, "category", "category", FieldKind::text},
    {Field::timeout_seconds, "timeout_seconds", "config.timeoutSeconds", FieldKind::integer},
    {Field::request_url_template, "request.url_template", "config.request.requestUrlTemplate",
     FieldKind::text},
    {Field::request_type, "request.type", "config.request.requestType", FieldKind::text},
    {Field::request_headers, "request.headers", "config.request.headers", FieldKind::string_map},
    {Field::request_template, "request.template", "config.request.requestTemplate",
     FieldKind::template_text},
    {Field::response_translation_map, "response.translation_map", "config.response.translationMap",
     FieldKind::string_map},
    {Field::response_translation_map_defaults, "response.translation_map_defaults",
     "config.response.translationMapDefaults", FieldKind::string_map},
    {Field::response_success_template, "response.success_template",
     "config.response.successTemplate", FieldKind::template_text},
    {Field::function_timeout_seconds, "function.timeout_seconds", "function.timeoutSeconds",
     FieldKind::integer},
}};

}  // namespace

std::span<const FieldInfo> all_fields() {
    return k_fields;
}

const FieldInfo& field_info(Field field) {
    return k_fields[static_cast<std::size_t>(field)];
}

std::string_view field_key(Field field) {
    return field_info(field).key;
}

std::optional<Field> field_from_key(std::string_view key) {
    for (const auto& info : k_fields) {
        if (info.key == key) {
            return info.field;
        }
    }
    return std::nullopt;
}

bool in_action_document(Field field) {
    return field != Field::function_timeout_seconds;
}

}  // namespace dactl
