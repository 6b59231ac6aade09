#pragma once
// Where a project keeps what dactl records about one org: its state, lock and
// state key. A project without environments keeps them in `.dactl/`; each
// environment in `.dactl/env/<name>/`, so that no run against one environment
// reads or writes another's.

#include <filesystem>
#include <string>

namespace dactl {

/// `<project>/.dactl`, or `<project>/.dactl/env/<environment>` for an environment.
std::filesystem::path state_directory(const std::filesystem::path& project_directory,
                                      const std::string& environment = "");

}  // namespace dactl
