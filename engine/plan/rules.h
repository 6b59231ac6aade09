#pragma once
// Rules over the listed org: which actions each `[rule.<label>]` governs, and
// the timeout it asks of them (internal to planning).

#include <deque>
#include <map>
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

/// The actions the rules govern. `governed` owns the manifest actions the
/// rules made (an undeclared action they match, or a declared one they add
/// timeout_seconds to); the bindings of the Gathered it was made over point
/// into it, so it must live as long as they do (moving keeps the elements in place).
struct Governance {
    std::deque<DesiredAction> governed;
    /// By address: the rule that decided the timeout of a governed action.
    std::map<std::string, RuleReason> reasons;
    std::size_t count = 0;  ///< actions governed by a rule, declared or not
    /// The --target patterns the rules were applied under (the plan's targets).
    std::vector<std::string> targets;
};

/// Applies `rules` to every action of `org.live` they match (Rule::matches).
/// For each: the bounds of all its rules combine (the highest at_least, the
/// lowest at_most; exact values must agree and lie within them, else an error
/// naming the rules and the action); a declared timeout_seconds outside them is
/// an error naming both places; otherwise the action's timeout is to be raised
/// to at_least, lowered to at_most, or set to the exact value (an unset timeout
/// counts as the service default of 60 s), and kept as it is when within. A
/// declared action's binding is replaced by a copy managing that timeout; an
/// undeclared one is bound as action.<label from its name> (with `targets`,
/// only when an address matches one). A rule that matches nothing is a warning.
Governance govern(const std::vector<Rule>& rules, Gathered& org,
                  const std::vector<std::string>& targets, Diagnostics& diagnostics);

/// The manifest actions as the rules made them: `declared` in order, each one a
/// rule added a key to replaced by its governed copy, then the undeclared
/// actions the rules govern, by label (for drift, which binds them again).
std::vector<DesiredAction> with_governed(const std::vector<DesiredAction>& declared,
                                         const Governance& governance);

}  // namespace dactl
