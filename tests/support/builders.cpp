#include "tests/support/builders.h"

namespace dactl::testing {

LiveAction make_live(std::string id, std::string name, std::int64_t version) {
    LiveAction action;
    action.id = std::move(id);
    action.name = std::move(name);
    action.category = "Orders";
    action.integration_id = "integration-1";
    action.version = version;
    action.fields[Field::name] = action.name;
    action.fields[Field::category] = action.category;
    action.document = "{\"id\":\"" + action.id + "\"}";
    return action;
}

LiveAction with(LiveAction action, Field field, Value value) {
    if (field == Field::name) {
        action.name = value.as_string();
    } else if (field == Field::category) {
        action.category = value.as_string();
    }
    action.fields[field] = std::move(value);
    return action;
}

DesiredAction make_desired(std::string label, std::string name, int line) {
    DesiredAction action;
    action.label = std::move(label);
    action.where = SourcePosition{"actions.toml", line, 1};
    action.selector = Selector{Selector::By::name, std::move(name)};
    action.selector_where = SourcePosition{"actions.toml", line + 1, 8};
    return action;
}

DesiredAction make_desired_by_id(std::string label, std::string id, int line) {
    DesiredAction action = make_desired(std::move(label), "", line);
    action.selector = Selector{Selector::By::id, std::move(id)};
    return action;
}

DesiredAction manage(DesiredAction action, Field field, Value value) {
    int line = action.where.line + 2 + static_cast<int>(action.managed.size());
    action.positions[field] = SourcePosition{action.where.path, line, 1};
    action.managed[field] = std::move(value);
    return action;
}

}  // namespace dactl::testing
