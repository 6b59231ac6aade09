#pragma once
// The views of a run that failed before it had a result: Markdown for the job
// summary (error_text.cpp) and the JSON error document (error_json.cpp).

#include <string>

#include "engine/diagnostics/diagnostic.h"
#include "engine/render/markdown_text.h"

namespace dactl {

/// A heading naming the command, the error and every diagnostic in a text
/// block. At most `limit` bytes.
std::string render_error_markdown(const std::string& command, const std::string& message,
                                  const Diagnostics& diagnostics,
                                  std::size_t limit = k_markdown_limit);
/// {"format_version", "command", "error", "diagnostics"}.
std::string encode_error_output(const std::string& command, const std::string& error,
                                const Diagnostics& diagnostics);

}  // namespace dactl
