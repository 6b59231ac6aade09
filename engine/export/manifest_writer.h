#pragma once
// The one writer of manifest files (probe and insights --write, --adopt-into,
// import, export): every file or none. Each file must still hold the text it
// was read with (or not exist, for a new one); the files are written
// atomically one by one, then the caller's check (a reload of the project) must
// pass; any failure puts every file back as it was.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/util/result.h"

namespace dactl {

/// One manifest file's new text.
struct FileEdit {
    std::filesystem::path path;         ///< where it is written
    std::string shown;                  ///< how messages name it (relative to the project)
    std::optional<std::string> before;  ///< its text when read; nothing: it must not exist
    std::string after;
};

/// `shown`'s text now, for an edit: the file's text, or nothing when it does
/// not exist. Fails (ErrorKind::io) when it exists but cannot be read.
Result<std::optional<std::string>> current_text(const std::filesystem::path& path);

/// Writes every edit, then runs `verify`. Fails, with every file as it was
/// before, when a file changed since it was read ("FILE changed since dactl
/// read it; nothing was written"), exists where a new one was to be made
/// ("FILE already exists; nothing was written"), cannot be written ("...;
/// nothing was written"), or `verify` fails (its error, with "; FILES put back
/// as they were" added).
Status write_manifests(const std::vector<FileEdit>& edits, const std::function<Status()>& verify);

}  // namespace dactl
