#include "engine/util/file_io.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dactl {

namespace {

Error io_error(const std::string& what, const std::filesystem::path& path) {
    return make_error(ErrorKind::io,
                      "cannot " + what + " " + path.string() + ": " + std::strerror(errno));
}

Status fsync_directory(const std::filesystem::path& directory) {
    int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        return io_error("open directory", directory);
    }
    ::fsync(fd);
    ::close(fd);
    return {};
}

bool write_all(int fd, std::string_view contents) {
    while (!contents.empty()) {
        ssize_t written = ::write(fd, contents.data(), contents.size());
        if (written < 0) {
            if (errno == EINTR) {
                continue;
            }
            return false;
        }
        contents.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

}  // namespace

Result<std::string> read_file(const std::filesystem::path& path) {
    // O_NONBLOCK: opening a FIFO someone left in its place must not hang; it is
    // refused below like every file that is not a regular one.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return io_error("read", path);
    }
    struct stat info {};
    if (::fstat(fd, &info) != 0) {
        Error error = io_error("read", path);
        ::close(fd);
        return error;
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(fd);
        return make_error(ErrorKind::io, "cannot read " + path.string() + ": " +
                                             (S_ISDIR(info.st_mode) ? "it is a directory"
                                                                    : "it is not a regular file"));
    }
    std::string text;
    char buffer[65536];
    for (;;) {
        const ssize_t got = ::read(fd, buffer, sizeof buffer);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got < 0) {
            Error error = io_error("read", path);
            ::close(fd);
            return error;
        }
        if (got == 0) {
            break;
        }
        text.append(buffer, static_cast<std::size_t>(got));
    }
    ::close(fd);
    return text;
}

Status write_file_atomically(const std::filesystem::path& path, std::string_view contents) {
    std::filesystem::path temporary = path;
    temporary += ".tmp." + std::to_string(::getpid());
    int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        return io_error("create", temporary);
    }
    ::fchmod(fd, 0600);
    if (!write_all(fd, contents) || ::fsync(fd) != 0) {
        Error error = io_error("write", temporary);
        ::close(fd);
        ::unlink(temporary.c_str());
        return error;
    }
    ::close(fd);
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        Error error = io_error("rename into place", path);
        ::unlink(temporary.c_str());
        return error;
    }
    std::filesystem::path directory = path.parent_path();
    return fsync_directory(directory.empty() ? std::filesystem::path(".") : directory);
}

Status ensure_private_directory(const std::filesystem::path& directory) {
    std::error_code ec;
    if (std::filesystem::is_directory(directory, ec)) {
        return {};
    }
    // Each directory made here is private, not only the last (.dactl/env/prod).
    if (directory.has_parent_path() && directory.parent_path() != directory) {
        if (Status parent = ensure_private_directory(directory.parent_path()); !parent) {
            return parent;
        }
    }
    std::filesystem::create_directory(directory, ec);
    if (ec) {
        return make_error(ErrorKind::io,
                          "cannot create directory " + directory.string() + ": " + ec.message());
    }
    ::chmod(directory.c_str(), 0700);
    return {};
}

}  // namespace dactl
