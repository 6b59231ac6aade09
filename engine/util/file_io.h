#pragma once
// Small, careful file operations shared by the state, plan and lock files.

#include <filesystem>
#include <string>
#include <string_view>

#include "engine/util/result.h"

namespace dactl {

/// The whole file. Fails with ErrorKind::io naming the path and the reason.
Result<std::string> read_file(const std::filesystem::path& path);

/// Replaces `path` atomically with `contents`: writes `<path>.tmp.<pid>` with
/// mode 0600, fsyncs it, renames it over `path` and fsyncs the directory.
/// Readers see the old or the new file, never a torn one.
Status write_file_atomically(const std::filesystem::path& path, std::string_view contents);

/// Makes a directory (and parents) with mode 0700 if it does not exist.
Status ensure_private_directory(const std::filesystem::path& directory);

}  // namespace dactl
