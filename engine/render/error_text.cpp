#include "engine/render/error_render.h"
#include "engine/render/markdown_text.h"

namespace dactl {

std::string render_error_markdown(const std::string& command, const std::string& message,
                                  const Diagnostics& diagnostics, std::size_t limit) {
    std::string body = "Error: ";
    body += message;
    body += "\n";
    body += diagnostics.format();
    if (body.size() > limit) {
        body.resize(limit);
        body += "\n(cut at " + std::to_string(limit) + " bytes; the job log has all of it)\n";
    }
    std::string text = "### dactl ";
    text += command;
    text += ": failed\n\n";
    text += fenced(body, "text");
    return text;
}

}  // namespace dactl
