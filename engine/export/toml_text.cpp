#include "engine/export/toml_text.h"

#include "engine/util/json_text.h"

namespace dactl {

std::string toml_basic_string(std::string_view text) {
    // JSON's escapes (\", \\, \n, \t, \r, \uXXXX for control characters and DEL)
    // are all valid in a TOML basic string.
    return json_string(text);
}

namespace {

bool has_control(std::string_view text, bool allow_newlines) {
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '\n' && allow_newlines) {
            continue;
        }
        if ((byte < 0x20 && c != '\t') || byte == 0x7f) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::string toml_string(std::string_view text) {
    const bool multi_line = text.find('\n') != std::string_view::npos;
    if (!multi_line && text.find('\'') == std::string_view::npos && !has_control(text, false)) {
        std::string literal = "'";
        literal += text;
        literal += '\'';
        return literal;
    }
    // A multi-line literal drops a newline right after its opening quotes, so one
    // is added; it cannot hold ''' or end in ' (which would merge with the closer).
    if (multi_line && text.find("'''") == std::string_view::npos && text.back() != '\'' &&
        text.find('\r') == std::string_view::npos && !has_control(text, true)) {
        return "'''\n" + std::string(text) + "'''";
    }
    return toml_basic_string(text);
}

std::string toml_key(std::string_view key) {
    bool bare = !key.empty();
    for (char c : key) {
        bare = bare && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '-');
    }
    return bare ? std::string(key) : toml_basic_string(key);
}

std::string toml_inline_table(const StringMap& map) {
    if (map.empty()) {
        return "{}";
    }
    std::string out = "{ ";
    bool first = true;
    for (const auto& [key, value] : map) {
        out += (first ? "" : ", ") + toml_key(key) + " = " + toml_basic_string(value);
        first = false;
    }
    return out + " }";
}

}  // namespace dactl
