#pragma once

#include <string>
#include <string_view>

namespace dactl {

/// `text` safe as HTML text content: &, < and > escaped (quotes are kept, so
/// do not use it for attribute values that may hold them).
std::string html_escape(std::string_view text);

}  // namespace dactl
