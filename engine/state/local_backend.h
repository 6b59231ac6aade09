#pragma once
// LocalStateBackend: the state, lock and key in files under `.dactl/` (or
// `.dactl/env/<name>/`), as dactl has always kept them. It keeps the current
// version and the one before (state.json.backup), no longer history.

#include <filesystem>

#include "engine/state/state_backend.h"

namespace dactl {

class LocalStateBackend final : public StateBackend {
public:
    /// `home` is a state_directory().
    explicit LocalStateBackend(std::filesystem::path home);

    std::string location() const override;
    Result<std::optional<State>> read() override;
    Result<std::unique_ptr<StateLease>> lock(const LockRequest& request) override;
    Result<std::optional<LockInfo>> lock_holder() override;
    Status force_unlock(const std::string& id) override;
    /// Under the lock: refused when the file's serial is not `expected`.
    Status write(const State& state, std::int64_t expected, const WriteOrigin& origin) override;
    /// Fails: the files keep no history (docs/state.md).
    Result<std::vector<StateVersion>> history() override;
    /// The current version or the backup's, when `serial` is one of theirs.
    Result<std::optional<State>> read_version(std::int64_t serial) override;

private:
    std::filesystem::path m_home;
};

}  // namespace dactl
