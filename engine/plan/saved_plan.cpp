#include "engine/plan/saved_plan.h"

#include <algorithm>
#include <set>

#include "engine/model/secrets.h"
#include "engine/plan/compute_plan.h"

namespace dactl {

namespace {

constexpr std::string_view k_stale = "saved plan is stale: ";
constexpr std::string_view k_again = "; run plan again";

std::string stale_line(const std::string& reason) {
    std::string line(k_stale);
    line += reason;
    line += k_again;
    return line;
}

// A saved plan records secret header values masked, so compare what it could record.
bool same_field(const FieldChange& now, const FieldChange& saved) {
    return now.field == saved.field &&
           masked(now.field, now.before) == masked(saved.field, saved.before) &&
           masked(now.field, now.after) == masked(saved.field, saved.after);
}

bool same_changes(const Plan& now, const Plan& saved) {
    return std::equal(now.changes.begin(), now.changes.end(), saved.changes.begin(),
                      saved.changes.end(), [](const ActionChange& a, const ActionChange& b) {
                          return a.address == b.address && a.id == b.id &&
                                 std::equal(a.fields.begin(), a.fields.end(), b.fields.begin(),
                                            b.fields.end(), same_field);
                      });
}

// Whether `live` already has every value the change sets (the manifests are
// those the plan was made from, so they hold the values, secrets unmasked).
// Templates are not loaded at this point: a change of one is never "held".
bool holds_changes(const ActionChange& change, const DesiredAction& desired,
                   const LiveAction& live) {
    return std::all_of(change.fields.begin(), change.fields.end(), [&](const FieldChange& field) {
        const auto wanted = desired.managed.find(field.field);
        return wanted != desired.managed.end() && live.unloaded.count(field.field) == 0 &&
               value_satisfies(field.field, live.get(field.field), wanted->second);
    });
}

// Why the saved change can no longer be applied as it is; empty when it can.
std::string stale_reason(const ActionChange& change, const DesiredAction* desired,
                         const LiveAction* live) {
    if (desired == nullptr) {
        return change.address + " is no longer in the manifests";
    }
    if (live == nullptr) {
        return change.address + " (" + change.id + ") no longer exists in the org";
    }
    if (live->version != change.version) {
        return change.address + " changed in the org, version " + std::to_string(change.version) +
               " -> " + std::to_string(live->version) +
               (holds_changes(change, *desired, *live)
                    ? ", to what this plan sets (was it applied already?)"
                    : "");
    }
    return "";
}

Error stale(const std::string& reasons) {
    return make_error(ErrorKind::conflict, reasons);
}

// Only the saved plan's changes are applied: a change it did not plan (an
// action edited since) is left out, and its binding too, so that the state
// keeps what it recorded of it.
void keep_planned(Planning& planning, const Plan& saved) {
    std::set<std::string> planned;
    for (const ActionChange& change : saved.changes) {
        planned.insert(change.address);
    }
    std::set<std::string> unplanned;
    for (const ActionChange& change : planning.plan.changes) {
        if (planned.count(change.address) == 0) {
            unplanned.insert(change.address);
        }
    }
    std::erase_if(planning.plan.changes,
                  [&](const ActionChange& change) { return unplanned.count(change.address) != 0; });
    std::erase_if(planning.resolved.org.bindings, [&](const Binding& binding) {
        return unplanned.count(binding.desired->address()) != 0;
    });
    // What went wrong with an action the plan does not change is for the next plan.
    planning.diagnostics.keep_only([&](const Diagnostic& diagnostic) {
        return diagnostic.address.empty() || planned.count(diagnostic.address) != 0;
    });
}

}  // namespace

Result<Planning> replan_saved(Provider& provider, const Project& project, const SavedPlan& saved,
                              const std::map<std::string, std::string>& known, int parallelism) {
    if (saved.manifests_digest != project.digest) {
        return stale(stale_line("the manifests changed since it was made"));
    }
    Project planned = project;
    planned.targets = saved.plan.targets;
    std::map<std::string, std::string> addresses = known;  // the plan's addresses come first
    for (const ActionChange& change : saved.plan.changes) {
        addresses[change.id] = change.address;
    }
    GatherOptions options;
    options.parallelism = parallelism;
    Result<Resolution> resolved = read_resolved(provider, planned, addresses, options);
    if (!resolved) {
        return resolved.error();
    }
    std::string reasons;
    for (const ActionChange& change : saved.plan.changes) {
        const Binding* binding = resolved->org.binding_of(change.address);
        const DesiredAction* desired = binding != nullptr && binding->live->id == change.id
                                           ? binding->desired
                                           : project.find_address(change.address);
        const std::string reason =
            stale_reason(change, desired, resolved->org.find_live(change.id));
        if (!reason.empty()) {
            // Appended piece by piece: g++ 12 -O3 misreads "" + string&& (-Wrestrict).
            if (!reasons.empty()) {
                reasons += '\n';
            }
            reasons += stale_line(reason);
        }
    }
    if (!reasons.empty()) {
        return stale(reasons);
    }
    Planning planning = plan_resolved(std::move(resolved).value());
    keep_planned(planning, saved.plan);
    planning.plan.targets = saved.plan.targets;
    if (!planning.diagnostics.has_errors() && !same_changes(planning.plan, saved.plan)) {
        return stale(stale_line("the changes it would make now differ from the saved ones"));
    }
    return planning;
}

}  // namespace dactl
