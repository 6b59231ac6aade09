#pragma once
// LiveAction: one data action as read from the org.

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "engine/model/function_setup.h"
#include "engine/model/value.h"

namespace dactl {

struct LiveAction {
    std::string id;
    std::string name;
    std::string category;
    std::string integration_id;
    std::int64_t version = 0;
    bool secure = false;

    /// Every field of Field: its observed value, unset where the action has none.
    FieldValues fields;
    /// Template fields the API gave only as a URI (`requestTemplateUri`,
    /// `successTemplateUri`); their value in `fields` is unset until loaded.
    std::set<Field> unloaded;

    /// Its integration is of type function-data-actions: the action runs a
    /// function, which has a timeout of its own. Known only when the run read
    /// the integrations (gather does when it matters); false otherwise.
    bool runs_function = false;
    /// The published function, when the run read it; its timeout is also in
    /// `fields` as Field::function_timeout_seconds.
    std::optional<FunctionSetup> function;

    /// The action exactly as the API returned it (a JSON object). Providers use it
    /// to write back the full current config; state snapshots keep it.
    std::string document;

    /// The observed value of a field (unset if not present).
    const Value& get(Field field) const;
    /// Built-in actions (ids starting with "static") cannot be changed.
    bool is_static() const { return id.rfind("static", 0) == 0; }
};

}  // namespace dactl
