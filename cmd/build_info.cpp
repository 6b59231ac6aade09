#include "cmd/build_info.h"

namespace dactl::cli {

std::string version_line(const BuildInfo& info) {
    std::string line = "dactl ";
    line += info.version;
    if (!info.commit.empty()) {
        line += " (commit ";
        line += info.commit;
        line += info.modified ? ", modified)" : ")";
    }
    return line;
}

}  // namespace dactl::cli
