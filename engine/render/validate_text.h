#pragma once
// The result of `dactl validate`: valid manifests, counted.

#include <cstddef>
#include <string>
#include <vector>

#include "engine/diagnostics/diagnostic.h"

namespace dactl {

struct ValidationReport {
    std::size_t actions = 0;
    std::size_t rules = 0;
    std::size_t files = 0;
    Diagnostics warnings;
    std::vector<std::string> environments;  ///< the ones checked; none declared: empty
};

/// "Valid: 3 actions and 1 rule in 2 files, for environments prod and test.\n"
std::string render_validation_text(const ValidationReport& report);

}  // namespace dactl
