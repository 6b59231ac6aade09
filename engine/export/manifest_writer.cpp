#include "engine/export/manifest_writer.h"

#include "engine/util/file_io.h"

namespace dactl {

Result<std::optional<std::string>> current_text(const std::filesystem::path& path) {
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (ec) {
        return make_error(ErrorKind::io, "cannot look at " + path.string() + ": " + ec.message());
    }
    if (!exists) {
        return std::optional<std::string>();
    }
    Result<std::string> text = read_file(path);
    if (!text) {
        return text.error();
    }
    return std::optional<std::string>(std::move(text).value());
}

namespace {

// Every file written so far back as it was: its old text, or gone.
void put_back(const std::vector<FileEdit>& edits, std::size_t written) {
    for (std::size_t i = 0; i < written; ++i) {
        const FileEdit& edit = edits[i];
        if (edit.before) {
            (void)write_file_atomically(edit.path, *edit.before);
        } else {
            std::error_code ec;
            std::filesystem::remove(edit.path, ec);
        }
    }
}

Status unchanged_since_read(const FileEdit& edit) {
    Result<std::optional<std::string>> now = current_text(edit.path);
    if (!now) {
        return make_error(ErrorKind::io, now.error().message + "; nothing was written");
    }
    if (!edit.before && *now) {
        return make_error(ErrorKind::conflict, edit.shown + " already exists; nothing was written");
    }
    if (edit.before && *now != edit.before) {
        return make_error(ErrorKind::invalid_input,
                          edit.shown + " changed since dactl read it; nothing was written");
    }
    return {};
}

std::string names(const std::vector<FileEdit>& edits) {
    std::string text;
    for (std::size_t i = 0; i < edits.size(); ++i) {
        text += (i == 0 ? "" : i + 1 == edits.size() ? " and " : ", ") + edits[i].shown;
    }
    return text;
}

}  // namespace

Status write_manifests(const std::vector<FileEdit>& edits, const std::function<Status()>& verify) {
    for (const FileEdit& edit : edits) {
        if (Status unchanged = unchanged_since_read(edit); !unchanged) {
            return unchanged;
        }
    }
    for (std::size_t i = 0; i < edits.size(); ++i) {
        if (!edits[i].before) {
            std::error_code ec;
            std::filesystem::create_directories(edits[i].path.parent_path(), ec);
        }
        if (Status written = write_file_atomically(edits[i].path, edits[i].after); !written) {
            put_back(edits, i);
            return make_error(ErrorKind::io, written.error().message + "; nothing was written");
        }
    }
    if (Status verified = verify ? verify() : Status{}; !verified) {
        put_back(edits, edits.size());
        Error error = verified.error();
        error.message += "; " + names(edits) + (edits.size() == 1 ? " was" : " were") +
                         " put back as " + (edits.size() == 1 ? "it was" : "they were");
        return error;
    }
    return {};
}

}  // namespace dactl
