#pragma once
// Resolution: the one answer to "which actions does this project manage in
// this org, under which address, wanting what?" Every command that reads the
// org takes it: the manifests' actions (with the chosen environment's
// overrides, as the loader read them) and the actions the rules govern, each
// bound to its live action, addressed by one rule that depends on no listing
// order and keeps the address the state records for an id, with the values
// the declaration, the override and the rules' bounds combine into, and
// narrowed to the --target patterns.

#include <map>
#include <string>
#include <vector>

#include "engine/gather/gather.h"
#include "engine/model/project.h"
#include "engine/resolve/rules.h"
#include "engine/state/state.h"

namespace dactl {

struct Resolution {
    /// The live actions, the managed ones (declared and governed, each once, in
    /// `org.desired`) and their bindings, and the selection and rule diagnostics.
    Gathered org;
    Governance governance;
    std::vector<std::string> targets;  ///< the --target patterns it was narrowed to
    std::string environment;           ///< the environment it was resolved for; "" for none

    /// The managed addresses, sorted.
    std::vector<std::string> addresses() const;
    /// The rule that decided an address's timeout, or null.
    const RuleReason* rule_of(const std::string& address) const;
};

/// The addresses ids were recorded under: the state's entries, so that an
/// action the rules govern keeps its address whatever else is listed.
std::map<std::string, std::string> recorded_addresses(const std::optional<State>& state);

/// Whether every --target must name a managed action.
enum class TargetCheck {
    strict,   ///< a pattern that names none is an error (what the user asked for)
    lenient,  ///< patterns that name none are dropped (a saved plan read again)
};

/// Resolves `project` (its actions, rules and targets) over the listed org:
/// binds the declared actions (select_actions), applies the rules (govern,
/// labelling by `known`), then keeps only the actions a target names, and only
/// the diagnostics about them (and those about no action). Fails
/// (ErrorKind::invalid_input) when a target names no managed action: "no
/// action.x in the manifests; did you mean action.y?" (with rules: "... in the
/// manifests or the actions the rules govern ..."). Pure.
Result<Resolution> resolve(const Project& project, std::vector<LiveAction> live,
                           const std::map<std::string, std::string>& known,
                           TargetCheck check = TargetCheck::strict);

/// The targets checked before the org is read: without rules every managed
/// action is declared, so a pattern that names none of them fails as resolve
/// would, before a request is sent. With rules, nothing (resolve checks them).
Status check_targets_offline(const Project& project);

/// Lists the org, resolves `project` over it, and loads the templates and
/// functions of the managed actions as `options` asks (load_templates,
/// read_functions). Fails when the API fails or as resolve fails.
Result<Resolution> read_resolved(Provider& provider, const Project& project,
                                 const std::map<std::string, std::string>& known,
                                 const GatherOptions& options);

}  // namespace dactl
