#include "engine/json/json_writer.h"
#include "engine/render/error_render.h"
#include "engine/render/json_output.h"

namespace dactl {

std::string encode_error_output(const Failure& failure) {
    JsonWriter json;
    begin_output(json, failure.command);
    environment_member(json, failure.environment);
    json.member("error", failure.message);
    write_diagnostics(json, failure.diagnostics);
    json.end_object();
    return json.finish();
}

}  // namespace dactl
