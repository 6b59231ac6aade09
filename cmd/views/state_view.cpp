#include "cmd/views/state_view.h"

#include "engine/render/state_render.h"

namespace dactl::cli {

View state_list_view(const State& state) {
    return [&](OutputFormat format, const Style& style) -> std::string {
        return format == OutputFormat::json   ? encode_state_list_output(state)
               : format == OutputFormat::text ? render_state_list(state, style.palette)
                                              : std::string();
    };
}

View state_entry_view(const StateAction& action) {
    return [&](OutputFormat format, const Style& style) -> std::string {
        return format == OutputFormat::json   ? encode_state_entry_output(action)
               : format == OutputFormat::text ? render_state_entry(action, style.palette)
                                              : std::string();
    };
}

View state_history_view(const std::vector<StateVersion>& versions, const std::string& location) {
    return [&](OutputFormat format, const Style& style) -> std::string {
        return format == OutputFormat::json ? encode_state_history_output(versions, location)
               : format == OutputFormat::text
                   ? render_state_history(versions, location, style.palette)
                   : std::string();
    };
}

}  // namespace dactl::cli
