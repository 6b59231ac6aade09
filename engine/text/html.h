#pragma once

#include <string>
#include <string_view>

namespace dactl {

/// `text` safe as HTML text content or a quoted attribute value (escape_html,
/// escape.h).
std::string html_escape(std::string_view text);

/// The start of a dactl report page, up to and including its <h1>: the title,
/// the style every report shares (tables of numbers, sections) and `style`.
std::string html_report_start(const std::string& title, std::string_view style);

}  // namespace dactl
