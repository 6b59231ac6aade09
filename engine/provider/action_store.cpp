#include "engine/provider/action_store.h"

#include <algorithm>

namespace dactl {

Result<std::vector<LiveAction>> ActionStore::find_unlisted(
    const std::vector<Selector>& /*selectors*/) {
    return std::vector<LiveAction>();
}

std::vector<std::vector<std::string>> ActionStore::read_groups(
    const std::vector<std::string>& ids) {
    constexpr std::size_t k_group = 50;
    std::vector<std::vector<std::string>> groups;
    for (std::size_t at = 0; at < ids.size(); at += k_group) {
        groups.emplace_back(
            ids.begin() + static_cast<std::ptrdiff_t>(at),
            ids.begin() + static_cast<std::ptrdiff_t>(std::min(at + k_group, ids.size())));
    }
    return groups;
}

namespace {

// One read per id: the found ones, not-found ones left out, any other failure the answer.
template <class Read>
Result<std::vector<LiveAction>> read_each(const std::vector<std::string>& ids, Read read) {
    std::vector<LiveAction> found;
    for (const std::string& id : ids) {
        Result<LiveAction> action = read(id);
        if (action) {
            found.push_back(std::move(action).value());
        } else if (action.error().kind != ErrorKind::not_found) {
            return action.error();
        }
    }
    return found;
}

}  // namespace

Result<std::vector<LiveAction>> ActionStore::read_actions(const std::vector<std::string>& ids) {
    return read_each(ids, [this](const std::string& id) { return get_action(id); });
}

Result<std::vector<LiveAction>> ActionStore::read_actions_after_interrupt(
    const std::vector<std::string>& ids) {
    return read_each(ids, [this](const std::string& id) { return read_after_interrupt(id); });
}

Result<LiveAction> ActionStore::read_after_interrupt(const std::string& id) {
    return get_action(id);
}

}  // namespace dactl
