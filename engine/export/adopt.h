#pragma once
// Adoption: manifest entries for live actions no manifest manages yet, so that
// the next plan proposes the timeout a measurement recommends.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "engine/model/live_action.h"

namespace dactl {

struct Adoption {
    const LiveAction* action = nullptr;
    /// The timeout to set; none keeps the current one (written as it is).
    std::optional<int> timeout_seconds;
    std::vector<std::string> comments;  ///< written above the table, one "# " line each
    /// The label it must have (the address a rule gave it); none: one is made.
    std::optional<std::string> label = std::nullopt;
};

struct AdoptionText {
    std::string text;                 ///< the tables, each after a blank line
    std::vector<std::string> labels;  ///< in the order of the adoptions
};

/// One [action.<label>] table per adoption, selecting the action by id, with
/// its timeout_seconds; labels from the names (label_from_name), made unique
/// against `taken` and each other by the one rule (unique_labels). For an
/// `environment`, the base table selects the action by name and the id and
/// timeout go into its [action.<label>.env.<environment>] table.
AdoptionText adoption_text(const std::vector<Adoption>& adoptions, std::set<std::string> taken,
                           const std::string& environment = "");

}  // namespace dactl
