#include "engine/state/state_key.h"

#include "engine/util/digest.h"
#include "engine/util/file_io.h"

namespace dactl {

std::filesystem::path key_path(const std::filesystem::path& home) {
    return home / "key";
}

Result<std::optional<std::string>> find_state_key(
    const std::filesystem::path& home, const std::optional<std::string>& from_environment) {
    if (from_environment && !from_environment->empty()) {
        return from_environment;
    }
    const std::filesystem::path path = key_path(home);
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return std::optional<std::string>();
    }
    Result<std::string> text = read_file(path);
    if (!text) {
        return text.error();
    }
    const std::string key = text->substr(0, text->find('\n'));
    if (key.empty()) {
        return make_error(ErrorKind::io, path.string() +
                                             " is empty; remove it (secret header values will "
                                             "show as changed once) or restore it");
    }
    return std::optional<std::string>(key);
}

Result<std::string> state_key_for_writing(const std::filesystem::path& home,
                                          const std::optional<std::string>& from_environment) {
    Result<std::optional<std::string>> found = find_state_key(home, from_environment);
    if (!found) {
        return found.error();
    }
    if (*found) {
        return **found;
    }
    const std::filesystem::path path = key_path(home);
    if (Status made = ensure_private_directory(path.parent_path()); !made) {
        return made.error();
    }
    constexpr std::size_t k_key_bytes = 32;
    const std::string key = random_hex(k_key_bytes);
    if (Status written = write_file_atomically(path, key + "\n"); !written) {
        return written.error();
    }
    return key;
}

}  // namespace dactl
