#include "tests/emulator/switches.h"

namespace dactl::emulator {

Switches::Switches(Settings initial) : m_settings(initial) {}

Settings Switches::settings() const {
    std::lock_guard lock(m_mutex);
    return m_settings;
}

Result<std::pair<SettingsChange, Settings>> Switches::patch(const Json& body) {
    std::lock_guard lock(m_mutex);
    Result<SettingsChange> change = apply_settings_patch(m_settings, body);
    if (!change) {
        return change.error();
    }
    if (change->fail_every) {
        m_failure_count = 0;
    }
    if (change->drop_every) {
        m_drop_count = 0;
    }
    if (change->conflict_next_patches) {
        m_saved_by_someone_else.clear();
    }
    return std::make_pair(*change, m_settings);
}

RequestFaults Switches::next_request(Randomness& randomness) {
    RequestFaults faults;
    int latency_min = 0;
    int latency_max = 0;
    {
        std::lock_guard lock(m_mutex);
        if (m_settings.fail_every > 0 && ++m_failure_count % m_settings.fail_every == 0) {
            faults.fail_status = m_settings.fail_status;
        }
        if (m_settings.drop_every > 0 && ++m_drop_count % m_settings.drop_every == 0) {
            faults.drop = true;
        }
        latency_min = m_settings.latency_min_ms;
        latency_max = m_settings.latency_max_ms;
    }
    faults.extra_latency = Milliseconds(randomness.uniform(latency_min, latency_max));
    return faults;
}

bool Switches::take_conflict(const std::string& action_id) {
    std::lock_guard lock(m_mutex);
    if (m_settings.conflict_next_patches <= 0 ||
        !m_saved_by_someone_else.insert(action_id).second) {
        return false;
    }
    --m_settings.conflict_next_patches;
    return true;
}

}  // namespace dactl::emulator
