#pragma once
// TempDir: a fresh directory under the system's temporary directory, removed
// with everything in it when the object goes out of scope.

#include <filesystem>
#include <string>

namespace dactl::testing {

class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }
    /// Writes a file (creating parent directories) relative to the directory.
    void write(const std::string& relative, const std::string& contents) const;

private:
    std::filesystem::path m_path;
};

}  // namespace dactl::testing
