#include "engine/json/json_writer.h"
#include "engine/render/json_output.h"
#include "engine/render/validate_render.h"

namespace dactl {

std::string encode_validate_output(std::size_t actions, std::size_t files,
                                   const Diagnostics& diagnostics,
                                   const std::vector<std::string>& environments) {
    JsonWriter json;
    begin_output(json, "validate");
    json.key("valid");
    json.boolean(true);
    json.member("actions", static_cast<std::int64_t>(actions));
    json.member("files", static_cast<std::int64_t>(files));
    if (!environments.empty()) {
        json.strings("environments", environments);
    }
    write_diagnostics(json, diagnostics);
    json.end_object();
    return json.finish();
}

}  // namespace dactl
