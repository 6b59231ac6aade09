#pragma once
// The views of `dactl validate`: valid manifests counted, as text
// (validate_text.cpp) and as the JSON document (validate_json.cpp).

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
/// {"format_version", "command": "validate", "valid": true, "actions", "files",
/// "diagnostics"} (the warnings) for valid manifests, and "environments" (the
/// ones checked) when any is; invalid ones give the error document.
std::string encode_validate_output(std::size_t actions, std::size_t files,
                                   const Diagnostics& diagnostics,
                                   const std::vector<std::string>& environments = {});

}  // namespace dactl
