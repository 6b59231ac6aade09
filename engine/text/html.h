#pragma once

#include <string>
#include <string_view>

namespace dactl {

/// `text` safe inside HTML text and attribute values: &, <, > and " escaped.
std::string html_escape(std::string_view text);

}  // namespace dactl
