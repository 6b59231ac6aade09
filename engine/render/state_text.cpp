#include "engine/render/state_render.h"
#include "engine/render/table.h"
#include "engine/render/value_text.h"
#include "engine/state/state_codec.h"
#include "engine/text/quote.h"

namespace dactl {

std::string render_state_list(const State& state, const Palette& palette) {
    if (state.actions.empty()) {
        return "The state records no action (serial " + std::to_string(state.serial) + ").\n";
    }
    TableRows rows = {{"ADDRESS", "ID", "VERSION", "APPLIED AT"}};
    rows.reserve(state.actions.size() + 1);
    for (const StateAction& action : state.actions) {
        rows.push_back(
            {action.address, action.id, std::to_string(action.version), action.applied_at});
    }
    std::string text = text_table(rows, palette);
    text += "\n";
    text += std::to_string(state.actions.size());
    text += state.actions.size() == 1 ? " action" : " actions";
    text += " in the state (serial " + std::to_string(state.serial) + ")";
    if (state.org) {
        text += ", applied to ";
        text += state.org->describe();
    }
    text += ".\n";
    return text;
}

std::string render_state_entry(const StateAction& action, const Palette& palette) {
    std::string text = palette.bold(action.address) + "\n";
    text += "    id:         " + action.id + "\n";
    text += "    name:       " + dactl::quoted(action.name) + "\n";
    text += "    version:    " + std::to_string(action.version) + "\n";
    text += "    applied at: " + action.applied_at + "\n";
    text += "    managed:\n";
    for (const auto& [field, value] : action.managed) {
        text +=
            "        " + std::string(field_key(field)) + " = " + value_text(field, value) + "\n";
    }
    return text;
}

std::string render_state_history(const std::vector<StateVersion>& versions,
                                 const std::string& location, const Palette& palette) {
    if (versions.empty()) {
        return "No version of the state is kept in " + location + " yet.\n";
    }
    TableRows rows = {{"SERIAL", "WRITTEN AT", "COMMAND", "CHANGED", "BY", "FROM"}};
    rows.reserve(versions.size() + 1);
    for (const StateVersion& version : versions) {
        rows.push_back({std::to_string(version.serial), version.written_at, version.origin.command,
                        std::to_string(version.origin.changed), version.origin.who,
                        version.origin.run});
    }
    std::string text = text_table(rows, palette);
    text += "\n";
    text += std::to_string(versions.size());
    text += versions.size() == 1 ? " version" : " versions";
    text += " of the state in " + location +
            "; dactl state list --serial N lists one, dactl state restore N makes it current "
            "again.\n";
    return text;
}

}  // namespace dactl
