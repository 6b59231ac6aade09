#pragma once
// Writing recommended timeouts into the manifests (`probe --write`, `insights
// --write`): which recommendations become edits, and the edits applied to the
// files in place (set_timeout_in_text), each file written atomically.

#include <filesystem>
#include <string>
#include <vector>

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
    /// One line per lower bound left out: "action.x: not written: ...".
    std::vector<std::string> notes;
};

/// The edits that carry `recommendations` into the project's manifests: one
/// per recommendation that is not a lower bound, names an action of `project`
/// and differs from what its manifest already says.
TimeoutEdits timeout_edits(const Project& project,
                           const std::vector<TimeoutRecommendation>& recommendations);

/// Applies the edits to the files under `project.directory`. Every file is read
/// and edited in memory first; if any edit fails nothing is written. Then the
/// files are written atomically, one by one. Answers one line per edit,
/// "Set timeout_seconds = N for action.x in FILE". Fails with
/// ErrorKind::invalid_input (a file changed since it was loaded) or ErrorKind::io
/// naming the file; when a write fails, the message also names the files
/// already written.
Result<std::vector<std::string>> write_timeout_edits(const Project& project,
                                                     const std::vector<TimeoutEdit>& edits);

}  // namespace dactl
