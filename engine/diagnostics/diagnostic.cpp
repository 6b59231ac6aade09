#include "engine/diagnostics/diagnostic.h"

#include <algorithm>
#include <tuple>

#include "engine/util/utf8.h"

namespace dactl {

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
        text += "\n    " + source_line + "\n    ";
        // Tabs in the source keep their width so the caret lines up.
        for (int i = 1; i < where.column && static_cast<size_t>(i - 1) < source_line.size(); ++i) {
            text += source_line[static_cast<size_t>(i - 1)] == '\t' ? '\t' : ' ';
        }
        text += "^";
    }
    return text;
}

void Diagnostics::error(SourcePosition where, std::string message) {
    m_items.push_back(Diagnostic{Severity::error, std::move(where), std::move(message), {}});
}

void Diagnostics::warning(SourcePosition where, std::string message) {
    m_items.push_back(Diagnostic{Severity::warning, std::move(where), std::move(message), {}});
}

void Diagnostics::append(const Diagnostics& other) {
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool Diagnostics::has_errors() const {
    return std::any_of(m_items.begin(), m_items.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::error; });
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
