#include <functional>

#include "cmd/cli.h"
#include "cmd/command_options.h"
#include "cmd/commands/command.h"
#include "cmd/duration.h"
#include "cmd/views/state_view.h"
#include "engine/state/lock.h"
#include "engine/state/state_edit.h"
#include "engine/state/state_file.h"
#include "engine/util/time_text.h"

namespace dactl::cli {

namespace {

constexpr const char* k_usage = "dactl state list | show ADDRESS | mv OLD NEW | rm ADDRESS...";

std::string no_state(const std::filesystem::path& directory) {
    return "there is no state yet (" + state_path(directory).string() + "): no apply is recorded";
}

// The project's state; fails (after saying so) when there is none or it is unreadable.
std::optional<State> existing_state(Session& session, const std::filesystem::path& directory) {
    Result<std::optional<State>> state = read_state(directory);
    if (!state) {
        session.fail(state.error().message);
        return std::nullopt;
    }
    if (!*state) {
        session.fail(no_state(directory));
        return std::nullopt;
    }
    return **state;
}

// mv and rm: under the lock, the state re-read, changed, written atomically.
int edit_state(Session& session, const std::filesystem::path& directory,
               const std::function<Result<State>(const State&)>& edit, const std::string& done) {
    std::optional<LockedState> locked = lock_state(session, directory, "state");
    if (!locked) {
        return session.interrupted() ? k_exit_interrupted : k_exit_error;
    }
    if (!locked->state) {
        return session.fail(no_state(directory));
    }
    Result<State> edited = edit(*locked->state);
    if (!edited) {
        return session.fail(edited.error().message + "; the state was not changed");
    }
    if (Status written = write_state(directory, *edited); !written) {
        return session.fail("the state was not written: " + written.error().message);
    }
    session.out() << done << " The org was not touched.\n";
    return k_exit_ok;
}

}  // namespace

int run_state(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "state");
    if (!session.check_options()) {
        return k_exit_error;
    }
    const std::vector<std::string>& words = arguments.positionals;
    std::optional<Project> settings = session.load_settings();
    if (!settings) {
        return k_exit_error;
    }
    const std::filesystem::path directory = Session::state_home(*settings);
    const std::string what = words.empty() ? "" : words.front();
    const std::size_t operands = words.empty() ? 0 : words.size() - 1;
    if (what == "list" && operands == 0) {
        std::optional<State> state = existing_state(session, directory);
        if (!state) {
            return k_exit_error;
        }
        state_view(session.format(), session.view_target())->list(*state);
        return k_exit_ok;
    }
    if (what == "show" && operands == 1) {
        std::optional<State> state = existing_state(session, directory);
        if (!state) {
            return k_exit_error;
        }
        const StateAction* action = state->find(words[1]);
        if (action == nullptr) {
            return session.fail(words[1] + " is not in the state (dactl state list shows what is)");
        }
        state_view(session.format(), session.view_target())->entry(*action);
        return k_exit_ok;
    }
    if (what == "mv" && operands == 2) {
        return edit_state(
            session, directory,
            [&](const State& state) { return state_moved(state, words[1], words[2]); },
            "Moved " + words[1] + " to " + words[2] +
                " in the state; its history came along. Rename it in the manifests too.");
    }
    if (what == "rm" && operands >= 1) {
        const std::vector<std::string> addresses(words.begin() + 1, words.end());
        std::string listed;
        for (const std::string& address : addresses) {
            listed += (listed.empty() ? "" : ", ") + address;
        }
        return edit_state(
            session, directory, [&](const State& state) { return state_removed(state, addresses); },
            "Removed " + listed + " from the state: dactl no longer remembers applying " +
                (addresses.size() == 1 ? "it" : "them") +
                " (while a manifest declares one, the next apply manages it again).");
    }
    return session.fail("usage: " + std::string(k_usage));
}

}  // namespace dactl::cli
