#pragma once
// Writing recommended timeouts into the manifests (`probe --write`, `insights
// --write`): which recommendations become edits, and the files' new texts
// (set_timeout_in_text) for write_manifests.

#include <filesystem>
#include <string>
#include <vector>

#include "engine/export/manifest_writer.h"
#include "engine/model/project.h"
#include "engine/util/result.h"

namespace dactl {

/// What a measurement recommends for one managed action.
struct TimeoutRecommendation {
    std::string address;  ///< "action.<label>"
    int seconds = 0;
    /// The measurement was cut off at the timeout: `seconds` is a lower bound,
    /// never written.
    bool at_least = false;
};

/// The timeout_seconds to set for one manifest action.
struct TimeoutEdit {
    const DesiredAction* action = nullptr;  ///< points into the Project
    int seconds = 0;
};

struct TimeoutEdits {
    std::vector<TimeoutEdit> edits;  ///< in the order of the recommendations
    /// The addresses whose recommendation is a lower bound, left out.
    std::vector<std::string> lower_bounds;
};

/// The edits that carry `recommendations` into the project's manifests: one
/// per recommendation that is not a lower bound, names an action of `project`
/// and differs from what its manifest already says.
TimeoutEdits timeout_edits(const Project& project,
                           const std::vector<TimeoutRecommendation>& recommendations);

/// The files the edits change, read and edited in memory (bottom-up, so an
/// inserted line moves no later position), for write_manifests, and one line
/// per edit, "Set timeout_seconds = N for action.x in FILE". Fails with
/// ErrorKind::invalid_input (a file changed since it was loaded) or
/// ErrorKind::io naming the file.
struct ManifestChange {
    std::vector<FileEdit> files;
    std::vector<std::string> lines;
};
Result<ManifestChange> timeout_file_edits(const Project& project,
                                          const std::vector<TimeoutEdit>& edits);

}  // namespace dactl
