#pragma once
// DesiredAction: one `[action.<label>]` table of a manifest, i.e. what the team
// declares about one live data action.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/diagnostics/diagnostic.h"
#include "engine/model/address.h"
#include "engine/model/value.h"

namespace dactl {

/// How a manifest picks its live action.
struct Selector {
    enum class By { name, id };
    By by = By::name;
    std::string value;  ///< the exact name, or the id
};

/// Input sent as the JSON body of the test endpoint when probing the action.
struct ProbeSpec {
    std::string input_json;  ///< a JSON object, compact
    SourcePosition where;
};

struct DesiredAction {
    std::string label;     ///< [a-z0-9_]+, unique in the project
    SourcePosition where;  ///< the table's header in its file
    Selector selector;
    SourcePosition selector_where;  ///< the `name` or `id` key

    /// The managed fields, and only those. `name` is here only when the action is
    /// selected by id (a rename); selecting by name never changes the name.
    FieldValues managed;
    /// Where each managed field was written.
    std::map<Field, SourcePosition> positions;

    std::optional<ProbeSpec> probe;
    /// The environments its [action.<label>.env.<name>] tables override it in.
    std::vector<std::string> overridden_in;
    /// The chosen environment's override table (its header), when it has one.
    std::optional<SourcePosition> override_where;
    /// The managed fields that table sets (their positions are in it).
    std::set<Field> overridden_fields;

    /// "action.<label>": how plans, state and messages refer to it.
    std::string address() const { return Address{label}.text(); }
    /// Where a field was written, or the table header when not known.
    SourcePosition position_of(Field field) const;
};

}  // namespace dactl
