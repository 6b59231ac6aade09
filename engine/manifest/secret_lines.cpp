#include "engine/manifest/secret_lines.h"

#include "engine/model/secrets.h"

namespace dactl::manifest {

namespace {

bool is_bare_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
}

// The key written just before position `equals` (the last part of a dotted key).
std::string_view key_before(std::string_view line, std::size_t equals) {
    std::size_t end = equals;
    while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t')) {
        --end;
    }
    if (end >= 2 && (line[end - 1] == '"' || line[end - 1] == '\'')) {
        const std::size_t open = line.rfind(line[end - 1], end - 2);
        return open == std::string_view::npos ? std::string_view()
                                              : line.substr(open + 1, end - open - 2);
    }
    std::size_t start = end;
    while (start > 0 && is_bare_key_char(line[start - 1])) {
        --start;
    }
    return line.substr(start, end - start);
}

// Where the string starting at `open` (its quote) ends: the closing quote's index.
std::size_t string_end(std::string_view line, std::size_t open) {
    const char quote = line[open];
    for (std::size_t at = open + 1; at < line.size(); ++at) {
        if (quote == '"' && line[at] == '\\') {
            ++at;
        } else if (line[at] == quote) {
            return at;
        }
    }
    return line.size();
}

}  // namespace

std::string with_secrets_masked(std::string_view line) {
    std::string out(line);
    for (std::size_t at = 0; at < line.size(); ++at) {
        if (line[at] == '"' || line[at] == '\'') {
            const std::size_t close = string_end(line, at);
            std::size_t before = at;
            while (before > 0 && (line[before - 1] == ' ' || line[before - 1] == '\t')) {
                --before;
            }
            if (before > 0 && line[before - 1] == '=' &&
                is_secret_entry(Field::request_headers, key_before(line, before - 1),
                                line.substr(at + 1, close > at ? close - at - 1 : 0))) {
                for (std::size_t i = at + 1; i < close; ++i) {
                    out[i] = '*';
                }
            }
            at = close;
        }
    }
    return out;
}

}  // namespace dactl::manifest
