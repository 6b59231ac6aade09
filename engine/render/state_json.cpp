#include "engine/json/json_writer.h"
#include "engine/render/json_output.h"
#include "engine/render/state_render.h"
#include "engine/state/state_codec.h"

namespace dactl {

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

std::string encode_state_history_output(const std::vector<StateVersion>& versions,
                                        const std::string& location) {
    JsonWriter json;
    begin_output(json, "state history");
    json.member("location", location);
    json.key("versions");
    json.begin_array();
    for (const StateVersion& version : versions) {
        json.begin_object();
        json.member("serial", version.serial);
        json.member("lineage", version.lineage);
        json.member("written_at", version.written_at);
        json.member("command", version.origin.command);
        json.member("changed", static_cast<std::int64_t>(version.origin.changed));
        json.member("by", version.origin.who);
        json.member("from", version.origin.run);
        json.end_object();
    }
    json.end_array();
    json.end_object();
    return json.finish();
}

}  // namespace dactl
