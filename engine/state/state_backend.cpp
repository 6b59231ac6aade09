#include "engine/state/state_backend.h"

#include <set>

namespace dactl {

int count_changed(const std::optional<State>& previous, const State& next) {
    if (!previous) {
        return static_cast<int>(next.actions.size());
    }
    int changed = 0;
    std::set<std::string> seen;
    for (const StateAction& action : next.actions) {
        seen.insert(action.address);
        const StateAction* before = previous->find(action.address);
        changed += before == nullptr || !(*before == action) ? 1 : 0;
    }
    for (const StateAction& action : previous->actions) {
        changed += seen.count(action.address) == 0 ? 1 : 0;
    }
    return changed;
}

std::string holder_text(const LockInfo& holder) {
    std::string text = holder.command.empty() ? std::string("another run") : holder.command;
    text += " (" + (holder.who.empty() ? holder.host : holder.who);
    if (!holder.ci_url.empty()) {
        text += ", " + holder.ci_url;
    }
    if (!holder.version.empty()) {
        text += ", dactl " + holder.version;
    }
    return text + ", since " + holder.created_at + ", lock id " + holder.id + ")";
}

}  // namespace dactl
