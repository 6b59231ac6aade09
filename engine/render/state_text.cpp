#include "engine/render/state_text.h"

#include "engine/json/json_writer.h"
#include "engine/render/output_codec.h"
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
    text += "    name:       " + quoted(action.name) + "\n";
    text += "    version:    " + std::to_string(action.version) + "\n";
    text += "    applied at: " + action.applied_at + "\n";
    text += "    managed:\n";
    for (const auto& [field, value] : action.managed) {
        text +=
            "        " + std::string(field_key(field)) + " = " + value_text(field, value) + "\n";
    }
    return text;
}

std::string encode_state_list_output(const State& state) {
    JsonWriter json;
    begin_output(json, "state list");
    json.member("lineage", state.lineage);
    json.member("serial", state.serial);
    json.key("org");
    if (state.org) {
        json.begin_object();
        json.member("id", state.org->id);
        json.member("name", state.org->name);
        json.end_object();
    } else {
        json.null();
    }
    json.key("actions");
    json.begin_array();
    for (const StateAction& action : state.actions) {
        json.begin_object();
        json.member("address", action.address);
        json.member("id", action.id);
        json.member("name", action.name);
        json.member("version", action.version);
        json.member("applied_at", action.applied_at);
        json.end_object();
    }
    json.end_array();
    json.end_object();
    return json.finish();
}

std::string encode_state_entry_output(const StateAction& action) {
    JsonWriter json;
    begin_output(json, "state show");
    json.key("action");
    write_state_action(json, action, RecordedSecrets::masked);
    json.end_object();
    return json.finish();
}

}  // namespace dactl
