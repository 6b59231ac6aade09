#pragma once
// gather: the first step of every command that reads the org. It lists the
// live actions through the Provider (or re-reads a few by id), binds the
// manifests' actions to them, and loads the templates the next step needs.
// What it reads it owns: commands get one Gathered and pass it on.

#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "engine/diagnostics/diagnostic.h"
#include "engine/gather/selection.h"
#include "engine/provider/provider.h"

namespace dactl {

/// The org as one command read it: the live actions, the manifest actions
/// they were bound to (both owned here, so it is movable, not copyable, and a
/// move keeps every element in place), and the selection diagnostics.
struct Gathered {
    std::vector<LiveAction> live;       ///< in the order the API listed them
    std::deque<DesiredAction> desired;  ///< every manifest action it was asked to bind
    std::vector<Binding> bindings;      ///< into `desired` and `live`, in `desired`'s order
    Diagnostics diagnostics;            ///< selection problems (one error per unbound action)

    Gathered() = default;
    Gathered(Gathered&&) = default;
    Gathered& operator=(Gathered&&) = default;
    Gathered(const Gathered&) = delete;
    Gathered& operator=(const Gathered&) = delete;

    /// The binding of the manifest action at this address, or null when it selected nothing.
    const Binding* binding_of(const std::string& address) const;
    const Binding* binding_of(const DesiredAction& desired) const {
        return binding_of(desired.address());
    }
    /// The manifest action at this address, or null.
    const DesiredAction* find_desired(const std::string& address) const;
    /// The live action with this id, or null.
    const LiveAction* find_live(const std::string& id) const;
    /// The binding of the live action with this id, or null.
    const Binding* binding_of_id(const std::string& id) const;
};

/// Which templates given only as URIs gather loads.
enum class Templates {
    managed,  ///< those a bound manifest action manages (what plan and drift compare)
    none,     ///< none (the caller reads no template)
};

struct GatherOptions {
    int parallelism = 10;  ///< requests in flight at once
    Templates templates = Templates::managed;
    /// Also loads every template of the live actions this accepts, bound or
    /// not (export --fields all); empty: none besides `templates`.
    std::function<bool(const LiveAction&)> all_templates_of;
    /// Also reads the function of every function data action this accepts
    /// (export, probe, insights). Besides these, gather reads the function of
    /// every bound function action when a manifest manages
    /// function.timeout_seconds; otherwise, and when this accepts none, it
    /// reads no integration and no function.
    std::function<bool(const LiveAction&)> functions_of;
    /// Also reads the function of every bound function action, whatever the
    /// manifests manage (probe and insights, to warn about the function's limit).
    bool functions_of_bound = false;
};

/// The pure half of gather_org: takes the listed actions and a copy of
/// `desired`, and binds them (select_actions). Loads nothing.
Gathered bind_org(std::vector<LiveAction> live, const std::vector<DesiredAction>& desired);

/// Declarations of `org` that select nothing may name a custom authentication
/// action, which the listing leaves out: asks (find_unlisted, a request per
/// declaration, at most 10) and says so in place of "no live action". A failed
/// lookup keeps the diagnostics as they were; only an interrupt fails.
Status explain_unlisted(ActionStore& actions, Gathered& org);

/// Lists every action of the org, binds `desired` to them (select_actions),
/// loads the templates `options` asks for and reads the functions (read_functions).
/// Fails only when the API fails, with "listing the org's actions failed: ..."
/// or, for a template, "<address>: reading the templates of <id> failed: ..."
/// (without an address for an unbound action); selection problems are
/// diagnostics in the answer.
Result<Gathered> gather_org(Provider& provider, const std::vector<DesiredAction>& desired,
                            const GatherOptions& options);

/// Loads the templates `options` asks for into `org.live`, up to
/// `options.parallelism` at once (the last step of gather_org, for a caller of
/// gather_by_id that checks what it read first). Fails as gather_org does.
Status load_templates(ActionStore& provider, Gathered& org, const GatherOptions& options);

/// For function data actions: when a bound manifest action manages
/// function.timeout_seconds, or `options.functions_of` accepts a live action,
/// or `options.functions_of_bound` and an action is bound,
/// lists the integrations (Provider::function_integrations) to mark the live
/// actions that run a function, then reads the function of each bound one and
/// each one `functions_of` accepts, up to `options.parallelism` at once. When
/// no manifest manages one and the listing is forbidden, a warning in
/// `org.diagnostics` says the functions are left out. Fails
/// with "listing the org's integrations failed: ..." or "<address>: reading
/// the function of <id> failed: ...".
Status read_functions(FunctionStore& provider, Gathered& org, const GatherOptions& options);

/// One action to re-read by id: the address it is planned under and its
/// manifest action (null when the manifests no longer have it: read, not
/// bound); gather_by_id keeps a copy of it.
struct Reread {
    std::string address;
    const DesiredAction* desired = nullptr;
    std::string id;
};

/// Re-reads the actions by id, together (Provider::read_actions: 50 a request),
/// binds those with a manifest action, loads the templates `options` asks
/// for and reads the functions (read_functions). An action that no longer exists is left out of
/// `live`. Fails when the read fails, "re-reading the N planned actions failed: ...".
Result<Gathered> gather_by_id(Provider& provider, const std::vector<Reread>& reads,
                              const GatherOptions& options);

}  // namespace dactl
