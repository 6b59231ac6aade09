#include "engine/render/heading.h"

namespace dactl {

std::string environment_heading(const std::string& environment) {
    return environment.empty() ? std::string() : "Environment: " + environment + "\n\n";
}

std::string markdown_title(const std::string& command, const std::string& environment) {
    return "### dactl " + command + (environment.empty() ? "" : " for " + environment);
}

}  // namespace dactl
