// dactl state: list, show, rename or forget what the state records; its
// history, restoring a version, and moving it between the local files and the
// backend dactl.toml's [state] names.

#include <functional>

#include "cmd/commands/registry.h"
#include "cmd/commands/shared_options.h"
#include "cmd/steps/state_step.h"
#include "cmd/views/state_view.h"
#include "engine/state/state_edit.h"
#include "engine/util/uuid.h"

namespace dactl::cli {

namespace {

constexpr const char* k_usage =
    "dactl state list | show ADDRESS | mv OLD NEW | rm ADDRESS... | history | restore SERIAL | "
    "push | pull";

struct StateArguments : CommonOptions {
    int serial = 0;  ///< list and show: this version instead of the latest
};

std::string no_state(Session& session, const Project& project) {
    return "there is no state yet (" + state_location(session, project) + "): no apply is recorded";
}

// The latest version, or the one --serial names; nothing (after fail()) when
// there is none or it is unreadable.
std::optional<State> existing_state(const StateArguments& options, Session& session,
                                    const Project& project) {
    Result<StateBackend*> backend = state_backend(session, project);
    if (!backend) {
        session.fail(backend.error().message);
        return std::nullopt;
    }
    Result<std::optional<State>> state =
        options.serial > 0 ? (*backend)->read_version(options.serial) : (*backend)->read();
    if (!state || !*state) {
        session.fail(!state ? state.error().message
                     : options.serial > 0
                         ? "version " + std::to_string(options.serial) +
                               " of the state is not kept in " + (*backend)->location() +
                               " (dactl state history lists those that are)"
                         : no_state(session, project));
        return std::nullopt;
    }
    return **state;
}

// Writes `state` as the version after `locked`'s, for `command`.
Status write_after(Session& session, const Project& project, const LockedState& locked,
                   const State& state, const std::string& command) {
    Result<StateBackend*> backend = state_backend(session, project);
    if (!backend) {
        return backend.error();
    }
    return (*backend)->write(state, locked.state ? locked.state->serial : 0,
                             write_origin(session, command, count_changed(locked.state, state)));
}

// mv, rm and restore: under the lock, the state re-read, changed, written as
// the next version.
int edit_state(Session& session, const Project& project, const std::string& command,
               const std::function<Result<State>(const State&)>& edit, const std::string& done) {
    std::optional<LockedState> locked = lock_state(session, project, command);
    if (!locked) {
        return session.failed();
    }
    if (!locked->state) {
        return session.fail(no_state(session, project));
    }
    Result<State> edited = edit(*locked->state);
    if (!edited) {
        return session.fail(edited.error().message + "; the state was not changed");
    }
    if (Status written = write_after(session, project, *locked, *edited, command); !written) {
        return session.fail("the state was not written: " + written.error().message);
    }
    session.present(text_view(done + " The org was not touched.\n"));
    return k_exit_ok;
}

int show_entry(const StateArguments& options, Session& session, const Project& project,
               const std::string& address) {
    std::optional<State> state = existing_state(options, session, project);
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
        session, project, "state rm",
        [&](const State& state) { return state_removed(state, addresses); },
        "Removed " + listed + " from the state: dactl no longer remembers applying " +
            (addresses.size() == 1 ? "it" : "them") +
            " (while a manifest declares one, the next apply manages it again).");
}

int show_history(Session& session, const Project& project) {
    Result<StateBackend*> backend = state_backend(session, project);
    Result<std::vector<StateVersion>> versions =
        backend ? (*backend)->history() : Result<std::vector<StateVersion>>(backend.error());
    if (!versions) {
        return session.fail(versions.error().message);
    }
    session.present(state_history_view(*versions, (*backend)->location()));
    return k_exit_ok;
}

// The content of version `serial` as the version after the latest.
int restore(Session& session, const Project& project, const std::string& operand) {
    const std::int64_t serial = std::atoll(operand.c_str());
    if (serial <= 0 || std::to_string(serial) != operand) {
        return session.fail(
            "state restore takes a version's serial (dactl state history lists "
            "them), not " +
            operand);
    }
    Result<StateBackend*> backend = state_backend(session, project);
    if (!backend) {
        return session.fail(backend.error().message);
    }
    Result<std::optional<State>> kept = (*backend)->read_version(serial);
    if (!kept || !*kept) {
        return session.fail(!kept ? kept.error().message
                                  : "version " + operand + " of the state is not kept in " +
                                        (*backend)->location() +
                                        " (dactl state history lists those that are)");
    }
    const State restored = **kept;
    return edit_state(
        session, project, "state restore " + operand,
        [&](const State& latest) -> Result<State> {
            if (latest.serial == serial) {
                return make_error(ErrorKind::invalid_input,
                                  "version " + operand + " is the latest already");
            }
            State next = restored;
            next.lineage = latest.lineage;
            next.serial = latest.serial + 1;
            return next;
        },
        "Restored version " + operand +
            " of the state as the latest: drift and the next plan "
            "compare against it again.");
}

// The two ends of a move, both locked, and what each holds.
struct MoveEnds {
    std::unique_ptr<StateLease> from_lock;
    std::unique_ptr<StateLease> to_lock;
    std::optional<State> source;
    std::optional<State> target;
};

// Nothing after fail().
std::optional<MoveEnds> lock_both(Session& session, StateBackend& from, StateBackend& to,
                                  const std::string& command) {
    LockRequest request{lock_request_holder(session, command), session.options().lock_timeout,
                        session.context().interrupted, nullptr};
    Result<std::unique_ptr<StateLease>> from_lock = from.lock(request);
    request.holder.id = random_uuid();  // the second lock is another lock
    Result<std::unique_ptr<StateLease>> to_lock =
        from_lock ? to.lock(request) : Result<std::unique_ptr<StateLease>>(from_lock.error());
    Result<std::optional<State>> source =
        to_lock ? from.read() : Result<std::optional<State>>(to_lock.error());
    Result<std::optional<State>> target = source ? to.read() : source;
    if (!target) {
        session.fail(target.error().message + "; nothing was moved");
        return std::nullopt;
    }
    return MoveEnds{std::move(from_lock).value(), std::move(to_lock).value(),
                    std::move(source).value(), std::move(target).value()};
}

// Writes the source's state at the target unless the target holds another
// lineage (refused) or this version or a later one already.
int write_moved(Session& session, StateBackend& from, StateBackend& to, const MoveEnds& ends,
                const std::string& command, bool push) {
    const State& moving = *ends.source;
    const std::string serial = "serial " + std::to_string(moving.serial);
    if (ends.target && ends.target->lineage != moving.lineage) {
        return session.fail(to.location() + " holds another state (lineage " +
                            ends.target->lineage + ", not " + moving.lineage +
                            "); nothing was moved: it is not overwritten by a different one");
    }
    if (ends.target && ends.target->serial >= moving.serial) {
        session.present(text_view(to.location() + " holds serial " +
                                  std::to_string(ends.target->serial) + " of this state already (" +
                                  from.location() + " holds " + serial +
                                  "); nothing was moved.\n"));
        return k_exit_ok;
    }
    Status written = to.write(moving, ends.target ? ends.target->serial : 0,
                              write_origin(session, command, count_changed(ends.target, moving)));
    if (!written) {
        return session.fail("the state was not moved: " + written.error().message);
    }
    session.present(text_view(
        "Moved the state (" + serial + ", " + std::to_string(moving.actions.size()) +
        (moving.actions.size() == 1 ? " action" : " actions") + ") from " + from.location() +
        " to " + to.location() + "." +
        (push ? " The local files stay as they were; dactl reads and writes the backend now.\n"
              : " The backend keeps its versions.\n")));
    return k_exit_ok;
}

// push: the local files' state into the configured backend; pull: back.
int move_state(Session& session, const Project& project, bool push) {
    if (project.settings.state.backend == StateBackendKind::local) {
        return session.fail(std::string("state ") + (push ? "push" : "pull") +
                            " moves the state between the local files and the backend [state] "
                            "names in dactl.toml, and it names none (backend = \"postgres\" "
                            "with a project key; docs/state.md)");
    }
    Result<StateBackend*> configured = state_backend(session, project);
    if (!configured) {
        return session.fail(configured.error().message);
    }
    std::unique_ptr<StateBackend> files = local_backend(project);
    StateBackend& from = push ? *files : **configured;
    StateBackend& to = push ? **configured : *files;
    const std::string command = push ? "state push" : "state pull";
    std::optional<MoveEnds> ends = lock_both(session, from, to, command);
    if (!ends) {
        return session.failed();
    }
    if (!ends->source) {
        return session.fail("there is no state in " + from.location() + " to move");
    }
    return write_moved(session, from, to, *ends, command, push);
}

int run_state(const StateArguments& options, Session& session) {
    const std::vector<std::string>& words = options.operands;
    std::optional<Project> project = session.load_settings();
    if (!project) {
        return session.failed();
    }
    const std::string what = words.empty() ? "" : words.front();
    const std::size_t operands = words.empty() ? 0 : words.size() - 1;
    if (options.serial > 0 && what != "list" && what != "show") {
        return session.fail("--serial goes with state list and state show");
    }
    if (what == "list" && operands == 0) {
        std::optional<State> state = existing_state(options, session, *project);
        return state ? (session.present(state_list_view(*state)), k_exit_ok) : session.failed();
    }
    if (what == "show" && operands == 1) {
        return show_entry(options, session, *project, words[1]);
    }
    if (what == "mv" && operands == 2) {
        return edit_state(
            session, *project, "state mv",
            [&](const State& state) { return state_moved(state, words[1], words[2]); },
            "Moved " + words[1] + " to " + words[2] +
                " in the state; its history came along. Rename it in the manifests too.");
    }
    if (what == "rm" && operands >= 1) {
        return remove_entries(session, *project, {words.begin() + 1, words.end()});
    }
    if (what == "history" && operands == 0) {
        return show_history(session, *project);
    }
    if (what == "restore" && operands == 1) {
        return restore(session, *project, words[1]);
    }
    if ((what == "push" || what == "pull") && operands == 0) {
        return move_state(session, *project, what == "push");
    }
    return session.fail("usage: " + std::string(k_usage));
}

}  // namespace

Command state_command() {
    OptionTable<StateArguments> table;
    offer_lock_timeout(
        table,
        "mv, rm, restore, push, pull: wait this long for another run's lock (default: "
        "fail at once)");
    offer_format(table, text_or_json_formats(), "list, show, history: text (default) or json");
    table.whole({"serial", "", "N", "list, show: that version of the state (state history)"},
                &StateArguments::serial, 1, 2147483647);
    return make_command<StateArguments>(
        {"state",
         "list, show, edit, restore or move the recorded state",
         k_usage,
         "Reads or edits the state (.dactl/state.json, or the backend [state] names in\n"
         "dactl.toml), never the org.\n"
         "  list          every action the state records: address, id, version, when applied\n"
         "  show ADDRESS  one of them: its managed values as applied (secrets masked)\n"
         "  mv OLD NEW    record OLD under the address NEW (after renaming its label in the\n"
         "                manifests), keeping its history\n"
         "  rm ADDRESS... forget actions without touching the org\n"
         "  history       the versions the postgres backend keeps: serial, when, by whom,\n"
         "                from which command and run, how many entries changed\n"
         "  restore N     write version N's content as the latest version (the drift\n"
         "                baseline back to before a bad apply); nothing is deleted\n"
         "  push | pull   move the chosen environment's state from the local files into the\n"
         "                postgres backend, or back; never over a different lineage\n"
         "Every write takes the lock and is a compare-and-swap on the serial, as apply's is.",
         1000,
         Operands::choice,
         {"list", "show", "mv", "rm", "history", "restore", "push", "pull"}},
        table, run_state);
}

}  // namespace dactl::cli
