#pragma once
// Rules over the listed org: which actions each `[rule.<label>]` governs, and
// the timeout it asks of them (internal to planning).

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/gather/gather.h"
#include "engine/model/rule.h"

namespace dactl {

/// What a rule asked of one field of one action: "rule.orders_backend" and
/// "at least 15".
struct RuleReason {
    std::string rule;
    std::string policy;
};

/// The bounds the rules put on one governed action's timeout, combined, each
/// with the rule that set it ("rule.x"); unset where no rule says.
struct TimeoutBounds {
    std::optional<std::int64_t> exact;
    std::string exact_rule;
    std::optional<std::int64_t> at_least;
    std::string at_least_rule;
    std::optional<std::int64_t> at_most;
    std::string at_most_rule;
};

/// What the rules decided over a Gathered.
struct Governance {
    /// By address: the rule that decided the timeout of a governed action.
    std::map<std::string, RuleReason> reasons;
    /// By address: the bounds on every governed action's timeout, declared or not.
    std::map<std::string, TimeoutBounds> bounds;
    std::size_t count = 0;           ///< actions governed by a rule, declared or not
    std::set<std::string> governed;  ///< addresses of the undeclared actions the rules govern
};

/// Applies `rules` to every action of `org.live` they match (Rule::matches).
/// For each: the bounds of all its rules combine (the highest at_least, the
/// lowest at_most; exact values must agree and lie within them, else an error
/// naming the rules and the action); a declared timeout_seconds outside them is
/// an error naming both places; otherwise the action's timeout is to be raised
/// to at_least, lowered to at_most, or set to the exact value (an unset timeout
/// counts as the service default of 60 s), and kept as it is when within. A
/// declared action (in `org.desired`) manages that timeout; an undeclared one
/// is added to `org.desired` and bound, labelled as `known` records its id (the
/// state's address for it) or else by the one labelling rule (unique_labels),
/// so that its address depends on no listing order. A rule that matches
/// nothing is a warning.
Governance govern(const std::vector<Rule>& rules, Gathered& org,
                  const std::map<std::string, std::string>& known, Diagnostics& diagnostics);

}  // namespace dactl
