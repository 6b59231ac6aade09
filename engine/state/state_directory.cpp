#include "engine/state/state_directory.h"

namespace dactl {

std::filesystem::path state_directory(const std::filesystem::path& project_directory,
                                      const std::string& environment) {
    std::filesystem::path directory = project_directory / ".dactl";
    if (!environment.empty()) {
        directory /= std::filesystem::path("env") / environment;
    }
    return directory;
}

}  // namespace dactl
