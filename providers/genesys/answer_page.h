#pragma once
// Answers that are not what the API gives: a proxy's or a sign-in portal's
// HTML page, a redirect. Recognised in one place and described with what the
// page says, so the user sees "Access denied by proxy", not "not JSON".

#include <optional>
#include <string>
#include <string_view>

#include "engine/util/result.h"
#include "providers/http/transport.h"

namespace dactl::genesys {

/// The first 200 printable characters of a page that is not JSON: tags of an
/// HTML page dropped, whitespace runs folded into one space, control and
/// non-ASCII bytes left out.
std::string page_excerpt(std::string_view body);

/// ": \"<page_excerpt>\"" to end a sentence about the page, or "" when the
/// page holds no text.
std::string quoted_excerpt(std::string_view body);

/// Whether `answer` is an HTML page: Content-Type text/html, or a body that
/// starts (after whitespace) with "<!doctype html" or "<html".
bool is_html_page(const http::Response& answer);

/// What to say of an HTML page where JSON was expected: "the answer is an HTML
/// page, not JSON (a proxy's or a sign-in page?): \"<excerpt>\"" (without the
/// quote when the page holds no text).
std::string html_page_text(const http::Response& answer);

/// For a 3xx answer: "<what> was redirected to <Location>; dactl follows no
/// redirects (is the URL right, or is a proxy in the way?)", or without the
/// Location when the answer names none.
std::string redirect_text(const http::Response& answer, std::string_view what);

}  // namespace dactl::genesys
