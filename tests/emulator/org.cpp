#include "tests/emulator/org.h"

#include "tests/emulator/error_body.h"

namespace dactl::emulator {

Error action_not_found(const std::string& id) {
    return api_error(404, "not.found", "Action " + id + " not found");
}

Org::Org(std::vector<ActionEntry> actions) {
    m_actions.reserve(actions.size());
    for (auto& entry : actions) {
        m_actions.push_back(Stored{std::move(entry), std::nullopt, TimePoint()});
    }
    reindex();
}

void Org::reindex() {
    m_index.clear();
    for (std::size_t i = 0; i < m_actions.size(); ++i) {
        m_index[m_actions[i].entry.action.string_or("id", "")] = i;
    }
}

ActionEntry Org::reader_view(const Stored& stored, TimePoint now) const {
    if (stored.stale_view && now < stored.stale_until) {
        return ActionEntry{*stored.stale_view, stored.entry.traits, stored.entry.draft,
                           stored.entry.function, stored.entry.draft_function};
    }
    return stored.entry;
}

std::vector<ActionEntry> Org::read_all(TimePoint now) const {
    std::lock_guard lock(m_mutex);
    std::vector<ActionEntry> actions;
    actions.reserve(m_actions.size());
    for (const auto& stored : m_actions) {
        actions.push_back(reader_view(stored, now));
    }
    return actions;
}

std::optional<ActionEntry> Org::read(const std::string& id, TimePoint now) const {
    std::lock_guard lock(m_mutex);
    auto found = m_index.find(id);
    if (found == m_index.end()) {
        return std::nullopt;
    }
    return reader_view(m_actions[found->second], now);
}

std::vector<ActionEntry> Org::dump() const {
    std::lock_guard lock(m_mutex);
    std::vector<ActionEntry> actions;
    actions.reserve(m_actions.size());
    for (const auto& stored : m_actions) {
        actions.push_back(stored.entry);
    }
    return actions;
}

std::optional<ActionEntry> Org::find(const std::string& id) const {
    std::lock_guard lock(m_mutex);
    auto found = m_index.find(id);
    if (found == m_index.end()) {
        return std::nullopt;
    }
    return m_actions[found->second].entry;
}

Result<Json> Org::edit(const std::string& id, const Edit& edit, StaleWindow stale) {
    std::lock_guard lock(m_mutex);
    auto found = m_index.find(id);
    if (found == m_index.end()) {
        return action_not_found(id);
    }
    Stored& stored = m_actions[found->second];
    Json before = stored.entry.action;
    Result<Json> result = edit(stored.entry);
    if (result && stored.entry.action != before && stale.duration.count() > 0) {
        stored.stale_view = std::move(before);
        stored.stale_until = stale.now + stale.duration;
    }
    return result;
}

Status Org::add(ActionEntry entry) {
    std::lock_guard lock(m_mutex);
    const std::string id = entry.action.string_or("id", "");
    if (m_index.count(id) != 0) {
        return api_error(409, "conflict", "An action with id " + id + " already exists");
    }
    m_index[id] = m_actions.size();
    m_actions.push_back(Stored{std::move(entry), std::nullopt, TimePoint()});
    return {};
}

Status Org::remove(const std::string& id) {
    std::lock_guard lock(m_mutex);
    auto found = m_index.find(id);
    if (found == m_index.end()) {
        return action_not_found(id);
    }
    m_actions.erase(m_actions.begin() + static_cast<std::ptrdiff_t>(found->second));
    reindex();
    return {};
}

}  // namespace dactl::emulator
