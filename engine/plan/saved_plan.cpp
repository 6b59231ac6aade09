#include "engine/plan/saved_plan.h"

#include <algorithm>

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

}  // namespace

Result<Planning> replan_saved(Provider& provider, const Project& project, const SavedPlan& saved,
                              int parallelism) {
    if (saved.manifests_digest != project.digest) {
        return stale(stale_line("the manifests changed since it was made"));
    }
    std::vector<Reread> reads;
    for (const auto& change : saved.plan.changes) {
        reads.push_back(Reread{change.address, project.find_address(change.address), change.id});
    }
    GatherOptions options;
    options.parallelism = parallelism;
    options.templates = Templates::none;
    Result<Gathered> org = gather_by_id(provider, reads, options);
    if (!org) {
        return org.error();
    }
    // The actions the rules govern are bound again the way the plan bound them.
    Diagnostics governing;
    Governance governance = govern(project.rules, *org, project.targets, governing);
    std::string reasons;
    for (std::size_t i = 0; i < reads.size(); ++i) {
        const DesiredAction* desired = reads[i].desired;
        for (const Binding& binding : org->bindings) {
            if (binding.desired->address() == reads[i].address && binding.live->id == reads[i].id) {
                desired = binding.desired;
            }
        }
        const std::string reason =
            stale_reason(saved.plan.changes[i], desired, org->find_live(reads[i].id));
        if (!reason.empty()) {
            if (!reasons.empty()) {
                reasons += '\n';
            }
            reasons += stale_line(reason);
        }
    }
    if (!reasons.empty()) {
        return stale(reasons);
    }
    options.templates = Templates::managed;
    if (Status loaded = load_templates(provider.actions(), *org, options); !loaded) {
        return loaded.error();
    }
    Planning planning = plan_governed(std::move(org).value(), std::move(governance), governing);
    planning.plan.unchanged = saved.plan.unchanged;
    planning.plan.targets = saved.plan.targets;
    planning.plan.governed = saved.plan.governed;
    if (!planning.diagnostics.has_errors() && !same_changes(planning.plan, saved.plan)) {
        return stale(stale_line("the changes it would make now differ from the saved ones"));
    }
    return planning;
}

}  // namespace dactl
