#pragma once
// The view of `dactl validate`.

#include "cmd/views/view.h"
#include "engine/render/validate_render.h"

namespace dactl::cli {

/// Text and Markdown: one line counting what is valid; JSON: the document.
View validate_view(const ValidationReport& report);

}  // namespace dactl::cli
