#include "tests/support/temp_dir.h"

#include <fstream>
#include <stdexcept>
#include <stdlib.h>

namespace dactl::testing {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "dactl-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

void TempDir::write(const std::string& relative, const std::string& contents) const {
    std::filesystem::path file = m_path / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << contents;
}

}  // namespace dactl::testing
