#include "cmd/steps/manifest_step.h"

#include "engine/manifest/loader.h"

namespace dactl::cli {

std::optional<Project> write_manifest_edits(
    Session& session, const std::filesystem::path& directory, const std::string& environment,
    const std::vector<FileEdit>& edits, const std::vector<std::string>& lines,
    const ManifestCheck& check, const std::string& if_exists) {
    Diagnostics problems;
    LoadResult reloaded;
    Status written = write_manifests(edits, [&]() -> Status {
        reloaded = load_project(directory, environment);
        if (reloaded.diagnostics.has_errors()) {
            problems = reloaded.diagnostics;
            const std::size_t errors = reloaded.diagnostics.error_count();
            return make_error(ErrorKind::invalid_input,
                              "the manifests as written have " + std::to_string(errors) +
                                  (errors == 1 ? " problem" : " problems"));
        }
        return check ? check(reloaded.project) : Status{};
    });
    if (!written) {
        session.show(problems);
        const bool exists = written.error().kind == ErrorKind::conflict && !if_exists.empty();
        session.fail(written.error().message + (exists ? " (" + if_exists + ")" : ""));
        return std::nullopt;
    }
    for (const std::string& line : lines) {
        session.tell(line);
    }
    return std::move(reloaded.project);
}

void tell_lower_bounds(Session& session, const TimeoutEdits& edits) {
    for (const std::string& address : edits.lower_bounds) {
        session.tell(address +
                     ": not written: the measurement was cut off at the timeout (a lower bound); "
                     "measure it with --via-draft");
    }
}

bool write_timeouts(Session& session, const Project& project,
                    const std::vector<TimeoutRecommendation>& recommendations) {
    TimeoutEdits edits = timeout_edits(project, recommendations);
    tell_lower_bounds(session, edits);
    Result<ManifestChange> change = timeout_file_edits(project, edits.edits);
    if (!change) {
        session.fail(change.error().message);
        return false;
    }
    return write_manifest_edits(session, project.directory, project.environment, change->files,
                                change->lines)
        .has_value();
}

}  // namespace dactl::cli
