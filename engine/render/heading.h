#pragma once
// How every view says which environment it is about: a text heading line and
// a Markdown title.

#include <string>

namespace dactl {

/// "Environment: prod" and a blank line for a run in an environment; "" without.
std::string environment_heading(const std::string& environment);
/// "### dactl <command>", then " for <environment>" for a run in one.
std::string markdown_title(const std::string& command, const std::string& environment);

}  // namespace dactl
