#pragma once
// Golden files: expected outputs kept under tests/, compared byte for byte.
// Run a test binary with DACTL_UPDATE_GOLDEN=1 to rewrite them after a
// deliberate change, then review the diff.

#include <string>

namespace dactl::testing {

/// The text of tests/<relative_path> in the source tree.
std::string read_golden(const std::string& relative_path);

/// Asserts (Catch2 REQUIRE) that `actual` equals the golden file's content, or
/// rewrites the file when DACTL_UPDATE_GOLDEN=1.
void check_golden(const std::string& relative_path, const std::string& actual);

}  // namespace dactl::testing
