#include "engine/state/state_file.h"

#include <unistd.h>

#include "engine/state/state_codec.h"
#include "engine/util/file_io.h"

namespace dactl {

std::filesystem::path state_path(const std::filesystem::path& home) {
    return home / "state.json";
}

Result<std::optional<State>> read_state(const std::filesystem::path& home) {
    const std::filesystem::path path = state_path(home);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return std::optional<State>();
    }
    Result<std::string> text = read_file(path);
    if (!text) {
        return text.error();
    }
    Result<State> state = decode_state(*text);
    if (!state) {
        Error error = state.error();
        error.message = path.string() + ": " + error.message;
        return error;
    }
    return std::optional<State>(std::move(state).value());
}

Status write_state(const std::filesystem::path& home, const State& state) {
    const std::filesystem::path path = state_path(home);
    if (Status made = ensure_private_directory(path.parent_path()); !made) {
        return made;
    }
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
        // Keep the previous state: a hard link renamed over the old backup, so
        // that neither file is ever missing or partial.
        std::filesystem::path backup = path;
        backup += ".backup";
        std::filesystem::path link = backup;
        link += ".tmp." + std::to_string(::getpid());
        ::unlink(link.c_str());
        if (::link(path.c_str(), link.c_str()) == 0) {
            ::rename(link.c_str(), backup.c_str());
        }
    }
    return write_file_atomically(path, encode_state(state));
}

}  // namespace dactl
