// dactl state: list, show, rename or forget what the state records.

#include <functional>

#include "cmd/commands/registry.h"
#include "cmd/commands/shared_options.h"
#include "cmd/steps/state_step.h"
#include "cmd/views/state_view.h"
#include "engine/state/state_edit.h"
#include "engine/state/state_file.h"

namespace dactl::cli {

namespace {

constexpr const char* k_usage = "dactl state list | show ADDRESS | mv OLD NEW | rm ADDRESS...";

std::string no_state(const Project& project) {
    return "there is no state yet (" + state_location(project) + "): no apply is recorded";
}

// The project's state; nothing (after fail()) when there is none or it is unreadable.
std::optional<State> existing_state(Session& session, const Project& project) {
    Result<std::optional<State>> state = read_project_state(project);
    if (!state || !*state) {
        session.fail(!state ? state.error().message : no_state(project));
        return std::nullopt;
    }
    return **state;
}

// mv and rm: under the lock, the state re-read, changed, written atomically.
int edit_state(Session& session, const Project& project,
               const std::function<Result<State>(const State&)>& edit, const std::string& done) {
    std::optional<LockedState> locked = lock_state(session, project, "state");
    if (!locked) {
        return session.failed();
    }
    if (!locked->state) {
        return session.fail(no_state(project));
    }
    Result<State> edited = edit(*locked->state);
    if (!edited) {
        return session.fail(edited.error().message + "; the state was not changed");
    }
    if (Status written = write_state(state_home(project), *edited); !written) {
        return session.fail("the state was not written: " + written.error().message);
    }
    session.present(text_view(done + " The org was not touched.\n"));
    return k_exit_ok;
}

int show_entry(Session& session, const Project& project, const std::string& address) {
    std::optional<State> state = existing_state(session, project);
    if (!state) {
        return session.failed();
    }
    const StateAction* action = state->find(address);
    if (action == nullptr) {
        return session.fail(address + " is not in the state (dactl state list shows what is)");
    }
    session.present(state_entry_view(*action));
    return k_exit_ok;
}

int remove_entries(Session& session, const Project& project,
                   const std::vector<std::string>& addresses) {
    std::string listed;
    for (const std::string& address : addresses) {
        listed += (listed.empty() ? "" : ", ") + address;
    }
    return edit_state(
        session, project, [&](const State& state) { return state_removed(state, addresses); },
        "Removed " + listed + " from the state: dactl no longer remembers applying " +
            (addresses.size() == 1 ? "it" : "them") +
            " (while a manifest declares one, the next apply manages it again).");
}

int run_state(const CommonOptions& options, Session& session) {
    const std::vector<std::string>& words = options.operands;
    std::optional<Project> project = session.load_settings();
    if (!project) {
        return session.failed();
    }
    const std::string what = words.empty() ? "" : words.front();
    const std::size_t operands = words.empty() ? 0 : words.size() - 1;
    if (what == "list" && operands == 0) {
        std::optional<State> state = existing_state(session, *project);
        return state ? (session.present(state_list_view(*state)), k_exit_ok) : session.failed();
    }
    if (what == "show" && operands == 1) {
        return show_entry(session, *project, words[1]);
    }
    if (what == "mv" && operands == 2) {
        return edit_state(
            session, *project,
            [&](const State& state) { return state_moved(state, words[1], words[2]); },
            "Moved " + words[1] + " to " + words[2] +
                " in the state; its history came along. Rename it in the manifests too.");
    }
    if (what == "rm" && operands >= 1) {
        return remove_entries(session, *project, {words.begin() + 1, words.end()});
    }
    return session.fail("usage: " + std::string(k_usage));
}

}  // namespace

Command state_command() {
    OptionTable<CommonOptions> table;
    offer_lock_timeout(table,
                       "mv, rm: wait this long for another run's lock (default: fail at once)");
    offer_format(table, text_or_json_formats(), "list, show: text (default) or json");
    return make_command<CommonOptions>(
        {"state",
         "list, show, rename or forget what the state records",
         k_usage,
         "Reads or edits .dactl/state.json, never the org.\n"
         "  list          every action the state records: address, id, version, when applied\n"
         "  show ADDRESS  one of them: its managed values as applied (secrets masked)\n"
         "  mv OLD NEW    record OLD under the address NEW (after renaming its label in the\n"
         "                manifests), keeping its history\n"
         "  rm ADDRESS... forget actions without touching the org\n"
         "mv and rm take the project's lock and write the state atomically, as apply does.",
         1000,
         Operands::choice,
         {"list", "show", "mv", "rm"}},
        table, run_state);
}

}  // namespace dactl::cli
