#pragma once
// What this dactl was built from: the version and, when built from a git
// checkout, the commit (cmake/build_info.cmake writes it at every build).

#include <string>
#include <string_view>

namespace dactl::cli {

struct BuildInfo {
    std::string_view version;  ///< "0.1.0"
    std::string_view commit;   ///< 12 hex digits, or "" when not built from git
    bool modified = false;     ///< the checkout had uncommitted changes to tracked files
};

const BuildInfo& build_info();

/// "dactl 0.1.0 (commit 0123456789ab)", "... (commit 0123456789ab, modified)" or
/// "dactl 0.1.0" when the commit is unknown.
std::string version_line(const BuildInfo& info);

}  // namespace dactl::cli
