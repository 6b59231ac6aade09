#pragma once
// The org as a command that reads chosen actions sees it (probe, insights):
// the project loaded, the actions named on the command line, the org read.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cmd/session.h"
#include "engine/gather/gather.h"

namespace dactl::cli {

/// `org` binds into `chosen` (moving keeps both in place).
struct ChosenOrg {
    Project project;
    std::vector<DesiredAction> chosen;
    std::unique_ptr<Provider> provider;
    Gathered org;
};

/// Loads the project, picks the actions `names` names (all when none),
/// connects and reads the org without templates (the functions of the bound
/// function actions too, warning where the function stops first), showing
/// the diagnostics. Nothing after fail() (`unbound` when a chosen action
/// selects nothing).
std::optional<ChosenOrg> read_chosen_org(Session& session, const std::vector<std::string>& names,
                                         const std::string& unbound);

}  // namespace dactl::cli
