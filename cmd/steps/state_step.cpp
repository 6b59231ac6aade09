#include "cmd/steps/state_step.h"

#include "engine/apply/next_state.h"
#include "engine/state/state_directory.h"
#include "engine/state/state_file.h"
#include "engine/state/state_key.h"
#include "engine/util/time_text.h"
#include "engine/util/uuid.h"

namespace dactl::cli {

std::filesystem::path state_home(const Project& project) {
    return state_directory(project.directory, project.environment);
}

std::string state_location(const Project& project) {
    return state_path(state_home(project)).string();
}

Result<std::optional<State>> read_project_state(const Project& project) {
    return read_state(state_home(project));
}

std::optional<LockedState> lock_state(Session& session, const Project& project,
                                      const std::string& command) {
    Context& context = session.context();
    Result<ProjectLock> lock =
        ProjectLock::acquire(state_home(project), command, session.options().lock_timeout,
                             utc_timestamp(context.now()), context.interrupted);
    if (!lock) {
        session.fail(lock.error().message);
        return std::nullopt;
    }
    Result<std::optional<State>> state = read_project_state(project);
    if (!state) {
        session.fail(state.error().message + "; fix or remove it first");
        return std::nullopt;
    }
    return LockedState{std::move(lock).value(), std::move(state).value()};
}

Status record_state(Session& session, const Project& project, const std::optional<State>& previous,
                    const StateUpdate& update) {
    Context& context = session.context();
    Result<std::string> key =
        state_key_for_writing(state_home(project), context.environment("DACTL_STATE_KEY"));
    if (!key) {
        return key.error();
    }
    State state = next_state(previous, update.bindings, update.report, utc_timestamp(context.now()),
                             random_uuid(), *key, update.keep);
    state.org = update.org ? update.org : (previous ? previous->org : std::nullopt);
    if (previous && state.same_content(*previous)) {
        return {};  // nothing new: the serial stays, the file is not rewritten
    }
    return write_state(state_home(project), state);
}

}  // namespace dactl::cli
