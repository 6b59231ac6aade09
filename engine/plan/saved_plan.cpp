#include "engine/plan/saved_plan.h"

#include "engine/plan/compute_plan.h"
#include "engine/util/parallel.h"

namespace dactl {

namespace {

const std::string k_stale = "saved plan is stale: ";
const std::string k_again = "; run plan again";

// The saved plan masks secret header values, so compare what it could record.
bool same_changes(const Plan& now, const Plan& saved) {
    if (now.changes.size() != saved.changes.size()) {
        return false;
    }
    for (std::size_t i = 0; i < now.changes.size(); ++i) {
        const ActionChange& a = now.changes[i];
        const ActionChange& b = saved.changes[i];
        if (a.address != b.address || a.id != b.id || a.fields.size() != b.fields.size()) {
            return false;
        }
        for (std::size_t j = 0; j < a.fields.size(); ++j) {
            const FieldChange& x = a.fields[j];
            const FieldChange& y = b.fields[j];
            if (x.field != y.field ||
                value_json(x.field, x.before) != value_json(y.field, y.before) ||
                value_json(x.field, x.after) != value_json(y.field, y.after)) {
                return false;
            }
        }
    }
    return true;
}

Error stale(const std::string& reasons) {
    return make_error(ErrorKind::conflict, reasons);
}

}  // namespace

Result<Planning> replan_saved(Provider& provider, const Project& project, const SavedPlan& saved,
                              int parallelism) {
    if (saved.manifests_digest != project.digest) {
        return stale(k_stale + "the manifests changed since it was made" + k_again);
    }
    Planning planning;
    planning.live = std::make_unique<std::vector<LiveAction>>();
    planning.live->reserve(saved.plan.changes.size());
    const std::vector<ActionChange>& changes = saved.plan.changes;
    std::vector<std::optional<Result<LiveAction>>> reads(changes.size());
    parallel_for(changes.size(), parallelism,
                 [&](std::size_t i) { reads[i].emplace(provider.get_action(changes[i].id)); });
    std::string reasons;
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const ActionChange& change = changes[i];
        const DesiredAction* desired = project.find(change.address.substr(7));
        Result<LiveAction> live = std::move(*reads[i]);
        if (!live && live.error().kind != ErrorKind::not_found) {
            Error error = live.error();
            error.message = change.address + ": reading " + change.id + " failed: " + error.message;
            return error;
        }
        std::string reason;
        if (desired == nullptr) {
            reason = change.address + " is no longer in the manifests";
        } else if (!live) {
            reason = change.address + " (" + change.id + ") no longer exists in the org";
        } else if (live->version != change.version) {
            reason = change.address + " changed in the org, version " +
                     std::to_string(change.version) + " -> " + std::to_string(live->version);
        }
        if (!reason.empty()) {
            reasons += (reasons.empty() ? "" : "\n") + k_stale + reason + k_again;
            continue;
        }
        planning.live->push_back(std::move(live).value());
        planning.bindings.push_back(Binding{desired, &planning.live->back()});
    }
    if (!reasons.empty()) {
        return stale(reasons);
    }
    if (Status loaded = load_managed_templates(provider, planning.bindings, parallelism); !loaded) {
        return loaded.error();
    }
    PlanResult result = compute_plan(planning.bindings);
    planning.diagnostics = std::move(result.diagnostics);
    planning.plan = std::move(result.plan);
    planning.plan.unchanged = saved.plan.unchanged;
    if (!planning.diagnostics.has_errors() && !same_changes(planning.plan, saved.plan)) {
        return stale(k_stale + "the changes it would make now differ from the saved ones" +
                     k_again);
    }
    return planning;
}

}  // namespace dactl
