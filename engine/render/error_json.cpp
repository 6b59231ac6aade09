#include "engine/json/json_writer.h"
#include "engine/render/error_render.h"
#include "engine/render/json_output.h"

namespace dactl {

std::string encode_error_output(const std::string& command, const std::string& error,
                                const Diagnostics& diagnostics) {
    JsonWriter json;
    begin_output(json, command);
    json.member("error", error);
    write_diagnostics(json, diagnostics);
    json.end_object();
    return json.finish();
}

}  // namespace dactl
