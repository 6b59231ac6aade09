#pragma once
// Reading and writing `.dactl/state.json` safely.

#include <filesystem>
#include <optional>

#include "engine/state/state.h"
#include "engine/util/result.h"

namespace dactl {

/// `<home>/state.json`, where `home` is a state_directory().
std::filesystem::path state_path(const std::filesystem::path& home);

/// The project's state, or nothing when no state file exists yet. Fails with
/// ErrorKind::io when it cannot be read and ErrorKind::invalid_input when it is
/// malformed; the message names the file.
Result<std::optional<State>> read_state(const std::filesystem::path& home);

/// Writes the state so that the file is always either the old or the new
/// complete file: a temporary file (mode 0600) is written and fsynced, the old
/// file is kept as `state.json.backup`, then the new one is renamed into place
/// and the directory fsynced. Creates `.dactl/` (mode 0700) when missing.
Status write_state(const std::filesystem::path& home, const State& state);

}  // namespace dactl
