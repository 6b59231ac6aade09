#pragma once
// Rule: one `[rule.<label>]` table of a manifest, a policy over many actions
// ("everything calling orders.example.com waits at least 15 s").

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "engine/diagnostics/diagnostic.h"
#include "engine/model/live_action.h"

namespace dactl {

/// What a rule matches on: the live action's attribute of this name.
enum class MatchKey { name, category, url, integration_id, request_type };

/// One key of `match = {...}`: an exact string or a shell-style glob.
struct MatchTerm {
    MatchKey key = MatchKey::name;
    std::string pattern;
    SourcePosition where;
};

/// timeout_seconds of a rule: an exact value, or bounds (either or both).
struct TimeoutPolicy {
    std::optional<std::int64_t> exact;
    std::optional<std::int64_t> at_least;
    std::optional<std::int64_t> at_most;
    SourcePosition where;

    /// "at least 15", "at most 30", "at least 8, at most 30" or "exactly 45".
    std::string text() const;
};

struct Rule {
    std::string label;             ///< [a-z0-9_]+, unique among rules
    SourcePosition where;          ///< the table's header
    std::vector<MatchTerm> match;  ///< all must hold; never empty once loaded
    TimeoutPolicy timeout;

    /// "rule.<label>".
    std::string address() const { return "rule." + label; }
    /// Whether every term holds for `action` (globs as fnmatch, case-sensitive).
    /// Custom authentication and built-in actions are never matched.
    bool matches(const LiveAction& action) const;
};

/// "name", "category", "url", "integration_id", "request_type".
std::string_view match_key_text(MatchKey key);
/// The key for this text, or nothing.
std::optional<MatchKey> match_key_from_text(std::string_view text);
/// Whether `pattern` is a glob fnmatch can read (an unclosed `[` is not).
bool valid_glob(std::string_view pattern);

}  // namespace dactl
