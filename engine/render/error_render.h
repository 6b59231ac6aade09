#pragma once
// The views of a run that failed before it had a result: Markdown for the job
// summary (error_text.cpp) and the JSON error document (error_json.cpp).

#include <string>

#include "engine/diagnostics/diagnostic.h"
#include "engine/render/markdown_text.h"

namespace dactl {

/// A run that failed before it had a result.
struct Failure {
    std::string command;      ///< "apply", "insights --since-apply" ...
    std::string environment;  ///< the environment chosen, when one was
    std::string message;
    Diagnostics diagnostics;
};

/// A heading naming the command (and environment), the error and every
/// diagnostic in a text block. At most `limit` bytes.
std::string render_error_markdown(const Failure& failure, std::size_t limit = k_markdown_limit);
/// {"format_version", "command", "environment" (with one), "error", "diagnostics"}.
std::string encode_error_output(const Failure& failure);

}  // namespace dactl
