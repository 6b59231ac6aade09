#pragma once
// Switches: the current settings and the counters behind the counter-based
// faults, shared by every request thread.

#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "engine/util/result.h"
#include "tests/emulator/clock.h"
#include "tests/emulator/randomness.h"
#include "tests/emulator/settings.h"

namespace dactl::emulator {

/// What happens to one counted request.
struct RequestFaults {
    std::optional<int> fail_status;  ///< answer this status instead of handling the request
    bool drop = false;               ///< handle the request, then close without answering
    Milliseconds extra_latency{0};
};

class Switches {
public:
    /// Switches set as `initial` says, their counters at zero.
    explicit Switches(Settings initial);

    /// The current settings.
    Settings settings() const;
    /// Applies a PATCH /__emulator/settings body (see apply_settings_patch); restarts the
    /// counters of the switches it sets. Answers the change and the new settings.
    Result<std::pair<SettingsChange, Settings>> patch(const Json& body);
    /// Counts one counted request and answers what happens to it: every Nth fails,
    /// every Mth is dropped (both counted from when the switch was set), and the extra
    /// latency drawn uniformly.
    RequestFaults next_request(Randomness& randomness);
    /// True (and one less to go) while conflictNextPatches is above zero and `action_id`
    /// has not met a foreign save since the switch was set: as when a colleague saves
    /// K actions once each, no action is saved by someone else twice in a row within
    /// the milliseconds of one client's retry.
    bool take_conflict(const std::string& action_id);

private:
    mutable std::mutex m_mutex;
    Settings m_settings;
    long m_failure_count = 0;
    long m_drop_count = 0;
    std::set<std::string> m_saved_by_someone_else;
};

}  // namespace dactl::emulator
