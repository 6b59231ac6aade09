#include "providers/genesys/answer_page.h"

#include <cctype>

#include "engine/util/ascii.h"
#include "engine/util/escape.h"
#include "engine/util/utf8.h"

namespace dactl::genesys {

namespace {

constexpr std::size_t k_page_excerpt = 200;
constexpr std::size_t k_longest_location = 300;

bool starts_with_markup(std::string_view body) {
    const std::size_t first = body.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && body[first] == '<';
}

}  // namespace

std::string page_excerpt(std::string_view body) {
    const bool markup = starts_with_markup(body);
    std::string text;
    bool space = false;
    bool in_tag = false;
    for (char c : body) {
        const auto byte = static_cast<unsigned char>(c);
        if (markup && (in_tag || c == '<')) {
            in_tag = c != '>';
            space = space || !text.empty();
            continue;
        }
        if (std::isspace(byte) != 0) {
            space = !text.empty();
            continue;
        }
        if (byte < 0x20 || byte > 0x7e) {
            continue;
        }
        if (space) {
            text += ' ';
            space = false;
        }
        text += c;
        if (text.size() >= k_page_excerpt) {
            break;
        }
    }
    return text.substr(0, k_page_excerpt);
}

bool is_html_page(const http::Response& answer) {
    if (ascii_lower(answer.header("Content-Type")).starts_with("text/html")) {
        return true;
    }
    const std::string_view body = answer.body;
    const std::size_t start = body.find_first_not_of(" \t\r\n");
    const std::string head =
        ascii_lower(body.substr(start == std::string_view::npos ? 0 : start, 14));
    return head.starts_with("<!doctype html") || head.starts_with("<html");
}

std::string quoted_excerpt(std::string_view body) {
    const std::string excerpt = page_excerpt(body);
    return excerpt.empty() ? std::string() : ": \"" + excerpt + "\"";
}

std::string html_page_text(const http::Response& answer) {
    return "the answer is an HTML page, not JSON (a proxy's or a sign-in page?)" +
           quoted_excerpt(answer.body);
}

std::string redirect_text(const http::Response& answer, std::string_view what) {
    std::string location = printable(answer.header("Location"));
    if (location.size() > k_longest_location) {
        location = location.substr(0, k_longest_location) + "...";
    }
    std::string text = std::string(what) + " was redirected";
    if (!location.empty()) {
        text += " to " + location;
    }
    return text + "; dactl follows no redirects (is the URL right, or is a proxy in the way?)";
}

}  // namespace dactl::genesys
