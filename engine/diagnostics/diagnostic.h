#pragma once
// Diagnostics: user-facing problems found in a project (manifests, settings,
// selection against the org), collected so that one run reports all of them.

#include <string>
#include <vector>

namespace dactl {

/// A place in a manifest file. Lines and columns count from 1; 0 means unknown.
struct SourcePosition {
    std::string path;  ///< as shown to the user: relative to the project directory
    int line = 0;
    int column = 0;

    bool known() const { return line > 0; }
};

enum class Severity { error, warning };

struct Diagnostic {
    Severity severity = Severity::error;
    SourcePosition where;     ///< may be unknown (path empty) for project-wide problems
    std::string message;      ///< one sentence, no trailing period, no position
    std::string source_line;  ///< the offending line of the file, when known
    /// The action it is about ("action.order"), when it is about one: how a
    /// command tells an action's problem apart without reading the message.
    std::string address;

    /// "path:line:col: message" (or "path: message", or just the message), then,
    /// when the source line is known, the line and a caret under the column.
    std::string format() const;
};

/// An ordered collection of diagnostics.
class Diagnostics {
public:
    void add(Diagnostic diagnostic) { m_items.push_back(std::move(diagnostic)); }
    void error(SourcePosition where, std::string message, std::string address = {});
    void warning(SourcePosition where, std::string message, std::string address = {});
    /// The first diagnostic about `address`, or null.
    const Diagnostic* about(const std::string& address) const;
    /// Only the diagnostics `keep` accepts.
    template <class Keep>
    void keep_only(Keep keep) {
        std::erase_if(m_items, [&](const Diagnostic& d) { return !keep(d); });
    }
    void append(const Diagnostics& other);

    bool has_errors() const;
    /// How many are errors.
    std::size_t error_count() const;
    bool empty() const { return m_items.empty(); }
    std::size_t size() const { return m_items.size(); }
    const std::vector<Diagnostic>& items() const { return m_items; }

    /// Sorts by path, line, column, then message: the order they are shown in.
    void sort();
    /// Every diagnostic's format(), each ending in a newline.
    std::string format() const;

private:
    std::vector<Diagnostic> m_items;
};

}  // namespace dactl
