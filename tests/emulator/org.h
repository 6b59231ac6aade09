#pragma once
// Org: the emulated org's actions behind one mutex, with stale read views
// after writes.

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "engine/util/result.h"
#include "tests/emulator/action_shape.h"
#include "tests/emulator/clock.h"

namespace dactl::emulator {

/// How long readers keep seeing an action as it was before a write.
struct StaleWindow {
    Milliseconds duration{0};
    TimePoint now;
};

class Org {
public:
    /// An org holding `actions` in this order.
    explicit Org(std::vector<ActionEntry> actions);

    /// Every action as API readers see it at `now` (a stale view within its window), in order.
    std::vector<ActionEntry> read_all(TimePoint now) const;
    /// One action as API readers see it at `now`; nothing when the id is unknown.
    std::optional<ActionEntry> read(const std::string& id, TimePoint now) const;
    /// Every action as stored (never stale), in order.
    std::vector<ActionEntry> dump() const;
    /// One action as stored; nothing when the id is unknown.
    std::optional<ActionEntry> find(const std::string& id) const;

    /// Changes an action: `edit` runs under the lock on the stored entry and may change it
    /// whatever it answers. When it succeeds and changed the action, readers see the action
    /// as it was before for `stale.duration`. Fails with 404 "not.found" for an unknown id,
    /// or with `edit`'s error.
    using Edit = std::function<Result<Json>(ActionEntry& entry)>;
    Result<Json> edit(const std::string& id, const Edit& edit, StaleWindow stale);

    /// Adds an action at the end; fails with 409 "conflict" when its id exists.
    Status add(ActionEntry entry);
    /// Removes an action; fails with 404 "not.found" for an unknown id.
    Status remove(const std::string& id);

private:
    struct Stored {
        ActionEntry entry;
        std::optional<Json> stale_view;  ///< what readers see until stale_until
        TimePoint stale_until;
    };

    ActionEntry reader_view(const Stored& stored, TimePoint now) const;
    void reindex();

    mutable std::mutex m_mutex;
    std::vector<Stored> m_actions;
    std::unordered_map<std::string, std::size_t> m_index;
};

/// The 404 answer for an unknown action id.
Error action_not_found(const std::string& id);

}  // namespace dactl::emulator
