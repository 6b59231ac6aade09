#pragma once
// The project's state key: what the state file's fingerprints of secret header
// values are made with (HMAC-SHA-256), so that drift can tell a secret changed
// without the state holding it. It is never printed. In a pipeline it comes
// from DACTL_STATE_KEY (a repository secret); on a workstation from
// `.dactl/key`, which the first apply makes (64 random hex digits, mode 0600).

#include <filesystem>
#include <optional>
#include <string>

#include "engine/util/result.h"

namespace dactl {

/// `<home>/key`, where `home` is a state_directory().
std::filesystem::path key_path(const std::filesystem::path& home);

/// The key: `from_environment` (DACTL_STATE_KEY) when given and not empty, else
/// the key file's first line, else nothing. Fails (ErrorKind::io, naming the
/// file) when the file exists but cannot be read or is empty.
Result<std::optional<std::string>> find_state_key(
    const std::filesystem::path& home, const std::optional<std::string>& from_environment);

/// The key, as find_state_key, making the key file first when there is none.
Result<std::string> state_key_for_writing(const std::filesystem::path& home,
                                          const std::optional<std::string>& from_environment);

}  // namespace dactl
