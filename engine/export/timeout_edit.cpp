#include "engine/export/timeout_edit.h"

#include <cctype>
#include <vector>

namespace dactl {

namespace {

struct Line {
    std::size_t start;
    std::size_t length;  // without the newline
};

std::vector<Line> split(std::string_view text) {
    std::vector<Line> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines.push_back({start, text.size() - start});
            break;
        }
        lines.push_back({start, end - start});
        start = end + 1;
    }
    return lines;
}

// The byte offset of a column that toml++ counts in code points (from 1).
std::size_t byte_offset(std::string_view line, int column) {
    std::size_t at = 0;
    for (int seen = 1; seen < column && at < line.size(); ++seen) {
        ++at;
        while (at < line.size() && (static_cast<unsigned char>(line[at]) & 0xc0) == 0x80) {
            ++at;
        }
    }
    return at;
}

// How long the key timeout_seconds is where `text` starts: bare or quoted, 0 if it is not there.
std::size_t key_length(std::string_view text) {
    for (std::string_view key : {"timeout_seconds", "\"timeout_seconds\"", "'timeout_seconds'"}) {
        if (text.starts_with(key)) {
            return key.size();
        }
    }
    return 0;
}

Error mismatch(const DesiredAction& action) {
    return make_error(ErrorKind::invalid_input, action.where.path +
                                                    ": the file changed since it was read; " +
                                                    action.address() + " was not updated");
}

Result<std::string> replace_value(std::string_view text, const std::vector<Line>& lines,
                                  const DesiredAction& action, const SourcePosition& key,
                                  int seconds) {
    if (key.line < 1 || static_cast<std::size_t>(key.line) > lines.size()) {
        return mismatch(action);
    }
    const Line& line = lines[static_cast<std::size_t>(key.line - 1)];
    std::string_view content = text.substr(line.start, line.length);
    const std::size_t at = byte_offset(content, key.column);
    const std::size_t length = key_length(content.substr(at));
    if (length == 0) {
        return mismatch(action);
    }
    std::size_t equals = content.find('=', at + length);
    if (equals == std::string_view::npos) {
        return mismatch(action);
    }
    std::size_t value = equals + 1;
    while (value < content.size() && (content[value] == ' ' || content[value] == '\t')) {
        ++value;
    }
    std::size_t end = value;
    while (end < content.size() &&
           (std::isalnum(static_cast<unsigned char>(content[end])) || content[end] == '_' ||
            content[end] == '.' || content[end] == '+' || content[end] == '-')) {
        ++end;
    }
    if (end == value) {
        return mismatch(action);
    }
    std::string out(text);
    out.replace(line.start + value, end - value, std::to_string(seconds));
    return out;
}

}  // namespace

namespace {

// A line "timeout_seconds = N" inserted after line `after` (1-based), indented
// as it is; refused when that line opens an inline table.
Result<std::string> insert_after(std::string_view text, const std::vector<Line>& lines,
                                 const DesiredAction& action, int after, int seconds) {
    if (after < 1 || static_cast<std::size_t>(after) > lines.size()) {
        return mismatch(action);
    }
    const Line& line = lines[static_cast<std::size_t>(after - 1)];
    std::string_view content = text.substr(line.start, line.length);
    if (content.find('{') != std::string_view::npos) {
        return make_error(ErrorKind::invalid_input,
                          action.where.path + ":" + std::to_string(after) + ": " +
                              action.address() +
                              " is written as an inline table; set timeout_seconds there by hand");
    }
    std::string indent(content.substr(0, content.find_first_not_of(" \t")));
    if (content.starts_with("[")) {
        indent.clear();  // after a table header: a key of that table
    }
    std::string out(text);
    out.insert(line.start + line.length,
               "\n" + indent + "timeout_seconds = " + std::to_string(seconds));
    return out;
}

}  // namespace

Result<std::string> set_timeout_in_text(std::string_view text, const DesiredAction& action,
                                        int seconds, const std::string& environment) {
    const std::vector<Line> lines = split(text);
    auto key = action.positions.find(Field::timeout_seconds);
    const bool overridden = action.overridden_fields.count(Field::timeout_seconds) != 0;
    if (key != action.positions.end() && (environment.empty() || overridden)) {
        return replace_value(text, lines, action, key->second, seconds);
    }
    if (environment.empty()) {
        return insert_after(text, lines, action, action.selector_where.line, seconds);
    }
    if (action.override_where) {
        return insert_after(text, lines, action, action.override_where->line, seconds);
    }
    std::string out(text);
    if (!out.empty() && !out.ends_with("\n")) {
        out += "\n";
    }
    out += "\n[action." + action.label + ".env." + environment +
           "]\ntimeout_seconds = " + std::to_string(seconds) + "\n";
    return out;
}

}  // namespace dactl
