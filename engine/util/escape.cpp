#include "engine/util/escape.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>

#include "engine/util/utf8.h"

namespace dactl {

namespace {

// The code point of the valid UTF-8 sequence of `length` bytes at `at`.
char32_t code_point(std::string_view text, std::size_t at, std::size_t length) {
    static constexpr unsigned char k_lead_bits[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    char32_t point = static_cast<unsigned char>(text[at]) & k_lead_bits[length];
    for (std::size_t i = 1; i < length; ++i) {
        point = (point << 6) | (static_cast<unsigned char>(text[at + i]) & 0x3F);
    }
    return point;
}

// Characters a terminal acts on or that cannot be seen: controls, C1
// controls, zero-width and joiner characters, line and paragraph separators,
// bidirectional embeddings, overrides and isolates, the byte order mark.
bool hidden(char32_t point) {
    return point < 0x20 || (point >= 0x7F && point <= 0x9F) ||
           (point >= 0x200B && point <= 0x200F) || (point >= 0x2028 && point <= 0x202E) ||
           (point >= 0x2060 && point <= 0x2064) || (point >= 0x2066 && point <= 0x2069) ||
           point == 0xFEFF;
}

std::string hex(const char* format, unsigned value) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, format, value);
    return buffer;
}

// `c` as HTML text (also inside a quoted attribute or Markdown).
void append_html(std::string& out, char c) {
    switch (c) {
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '&':
            out += "&amp;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
    }
}

}  // namespace

std::string printable(std::string_view text, bool quote_marks) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t length = utf8_sequence_length(text, at);
        if (length == 0) {
            out += hex("\\x%02x", static_cast<unsigned char>(text[at]));
            ++at;
            continue;
        }
        const char32_t point = code_point(text, at, length);
        if (point == '\n') {
            out += "\\n";
        } else if (point == '\t') {
            out += "\\t";
        } else if (point == '\r') {
            out += "\\r";
        } else if (hidden(point)) {
            out += hex("\\u%04x", static_cast<unsigned>(point));
        } else if (quote_marks && (point == '"' || point == '\\')) {
            out += '\\';
            out += static_cast<char>(point);
        } else {
            out.append(text.substr(at, length));
        }
        at += length;
    }
    return out;
}

std::string escape_markdown(std::string_view text) {
    const std::string shown = printable(text);
    const auto word = [&](std::size_t at) {
        return at < shown.size() && std::isalnum(static_cast<unsigned char>(shown[at])) != 0;
    };
    std::string out;
    for (std::size_t at = 0; at < shown.size(); ++at) {
        const char c = shown[at];
        // An underscore inside a word (REQUEST_TIMEOUT) never starts emphasis.
        if (c == '_' && at > 0 && word(at - 1) && word(at + 1)) {
            out += c;
            continue;
        }
        switch (c) {
            case '\\':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '|':
            case '~':
                out += '\\';
                out += c;
                break;
            case '@':
                out += "@&#8203;";
                break;
            case '"':
            case '\'':
                out += c;  // Markdown text needs no entity for a quote
                break;
            default:
                append_html(out, c);
        }
    }
    return out;
}

std::string markdown_code(std::string_view text, bool in_table) {
    std::string body;
    std::size_t longest = 0;
    std::size_t run = 0;
    for (char c : printable(text)) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
        body += in_table && c == '|' ? std::string("\\|") : std::string(1, c);
    }
    const std::string fence(longest + 1, '`');
    // A span that starts or ends with a backtick (or is blank) needs a space
    // inside its fence, which Markdown strips again.
    const bool pad = !body.empty() && (body.front() == '`' || body.back() == '`' ||
                                       body.front() == ' ' || body.back() == ' ');
    const std::string space = pad ? " " : "";
    return fence + space + body + space + fence;
}

std::string escape_html(std::string_view text) {
    std::string out;
    for (char c : printable(text)) {
        append_html(out, c);
    }
    return out;
}

std::string escape_markdown_html(std::string_view text) {
    std::string out;
    for (char c : escape_html(text)) {
        out += c == '@' ? std::string("@&#8203;") : std::string(1, c);
    }
    return out;
}

std::string escape_annotation(std::string_view text, bool property) {
    std::string out;
    for (char c : text) {
        if (c == '%') {
            out += "%25";
        } else if (c == '\r') {
            out += "%0D";
        } else if (c == '\n') {
            out += "%0A";
        } else if (property && c == ':') {
            out += "%3A";
        } else if (property && c == ',') {
            out += "%2C";
        } else {
            out += c;
        }
    }
    return out;
}

}  // namespace dactl
