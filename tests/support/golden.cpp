#include "tests/support/golden.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

namespace dactl::testing {

namespace {

std::filesystem::path golden_path(const std::string& relative_path) {
    return std::filesystem::path(DACTL_SOURCE_DIR) / "tests" / relative_path;
}

}  // namespace

std::string read_golden(const std::string& relative_path) {
    std::ifstream in(golden_path(relative_path), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void check_golden(const std::string& relative_path, const std::string& actual) {
    const char* update = std::getenv("DACTL_UPDATE_GOLDEN");
    if (update != nullptr && std::string(update) == "1") {
        std::filesystem::create_directories(golden_path(relative_path).parent_path());
        std::ofstream(golden_path(relative_path), std::ios::binary) << actual;
        return;
    }
    INFO("golden file tests/" << relative_path << " (DACTL_UPDATE_GOLDEN=1 rewrites it)");
    REQUIRE(std::filesystem::exists(golden_path(relative_path)));
    REQUIRE(actual == read_golden(relative_path));
}

}  // namespace dactl::testing
