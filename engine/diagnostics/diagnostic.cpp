#include "engine/diagnostics/diagnostic.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "engine/util/escape.h"
#include "engine/util/utf8.h"

namespace dactl {

namespace {

// The source line as printed, and the run of blanks that puts a caret under
// the code point `column` (1-based) of it. Control and invisible characters
// and bytes that are not UTF-8 are printed escaped (printable(): \u001b,
// \u200d, \xff; never raw to a terminal) and padded by as many blanks; tabs
// stay tabs so the caret lines up.
std::pair<std::string, std::string> quoted_line(std::string_view source, int column) {
    std::string shown;
    std::string pad;
    int point = 1;
    for (std::size_t at = 0; at < source.size(); ++point) {
        const auto byte = static_cast<unsigned char>(source[at]);
        std::size_t length = utf8_sequence_length(source, at);
        std::string piece;
        std::size_t width = 1;
        if (byte == '\t') {
            piece = "\t";
        } else if (length == 0 || byte < 0x20 || byte == 0x7f) {
            length = 1;
            piece = printable(source.substr(at, 1));
            width = piece.size();
        } else {
            // An invisible or bidirectional character is shown as \u200d.
            piece = printable(source.substr(at, length));
            width = piece.size() == length ? 1 : piece.size();
        }
        if (point < column) {
            pad += byte == '\t' ? std::string("\t") : std::string(width, ' ');
        }
        shown += piece;
        at += length;
    }
    return {shown, pad};
}

}  // namespace

std::string Diagnostic::format() const {
    std::string text;
    if (!where.path.empty()) {
        text = printable(where.path);
        if (where.known()) {
            text += ':';
            text += std::to_string(where.line);
            text += ':';
            text += std::to_string(where.column);
        }
        text += ": ";
    }
    if (severity == Severity::warning) {
        text += "warning: ";
    }
    text += message;
    if (!source_line.empty() && where.known()) {
        const auto [shown, pad] = quoted_line(source_line, where.column);
        text += "\n    ";
        text += shown;
        text += "\n    ";
        text += pad;
        text += "^";
    }
    return text;
}

void Diagnostics::error(SourcePosition where, std::string message, std::string address) {
    m_items.push_back(
        Diagnostic{Severity::error, std::move(where), std::move(message), {}, std::move(address)});
}

void Diagnostics::warning(SourcePosition where, std::string message, std::string address) {
    m_items.push_back(Diagnostic{
        Severity::warning, std::move(where), std::move(message), {}, std::move(address)});
}

const Diagnostic* Diagnostics::about(const std::string& address) const {
    for (const Diagnostic& diagnostic : m_items) {
        if (!address.empty() && diagnostic.address == address) {
            return &diagnostic;
        }
    }
    return nullptr;
}

void Diagnostics::append(const Diagnostics& other) {
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool Diagnostics::has_errors() const {
    return std::any_of(m_items.begin(), m_items.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(
        std::count_if(m_items.begin(), m_items.end(),
                      [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

void Diagnostics::sort() {
    std::stable_sort(m_items.begin(), m_items.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.where.path, a.where.line, a.where.column, a.message) <
               std::tie(b.where.path, b.where.line, b.where.column, b.message);
    });
}

std::string Diagnostics::format() const {
    std::string text;
    for (const auto& item : m_items) {
        text += item.format();
        text += "\n";
    }
    return text;
}

}  // namespace dactl
