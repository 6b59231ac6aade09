#include "engine/render/error_render.h"
#include "engine/render/heading.h"
#include "engine/render/markdown_text.h"

namespace dactl {

std::string render_error_markdown(const Failure& failure, std::size_t limit) {
    std::string body = "Error: " + failure.message + "\n" + failure.diagnostics.format();
    if (body.size() > limit) {
        body.resize(limit);
        body += "\n(cut at " + std::to_string(limit) + " bytes; the job log has all of it)\n";
    }
    return markdown_title(failure.command, failure.environment) + ": failed\n\n" +
           fenced(body, "text");
}

}  // namespace dactl
