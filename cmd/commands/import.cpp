#include <filesystem>
#include <set>

#include "cmd/cli.h"
#include "cmd/command_options.h"
#include "cmd/commands/command.h"
#include "cmd/duration.h"
#include "engine/apply/next_state.h"
#include "engine/export/export.h"
#include "engine/gather/gather.h"
#include "engine/manifest/loader.h"
#include "engine/model/address.h"
#include "engine/state/lock.h"
#include "engine/state/state_file.h"
#include "engine/state/state_key.h"
#include "engine/text/quote.h"
#include "engine/util/file_io.h"
#include "engine/util/time_text.h"
#include "engine/util/uuid.h"

namespace dactl::cli {

namespace {

std::string where(const SourcePosition& position) {
    return position.path + ":" + std::to_string(position.line) + ":" +
           std::to_string(position.column);
}

// Refuses what would give one live action two addresses, or one address two.
Status check_free(const Project& project, const std::optional<State>& state,
                  const std::string& address, const std::string& id) {
    if (const DesiredAction* declared = project.find_address(address)) {
        return make_error(ErrorKind::invalid_input,
                          address + " is declared already at " + where(declared->where));
    }
    for (const DesiredAction& desired : project.actions) {
        if (desired.selector.by == Selector::By::id && desired.selector.value == id) {
            return make_error(ErrorKind::invalid_input, id + " is managed already as " +
                                                            desired.address() + " (" +
                                                            where(desired.selector_where) + ")");
        }
    }
    if (!state) {
        return {};
    }
    if (const StateAction* recorded = state->find(address)) {
        return make_error(ErrorKind::invalid_input,
                          address + " is in the state already (" + recorded->id +
                              "); choose another address, or dactl state rm " + address);
    }
    for (const StateAction& recorded : state->actions) {
        if (recorded.id == id) {
            std::string message = id;
            message += " is in the state already as " + recorded.address;
            message += "; to give it a new address: dactl state mv " + recorded.address;
            message += " " + address;
            return make_error(ErrorKind::invalid_input, message);
        }
    }
    return {};
}

Status check_name_free(const Project& project, const LiveAction& live) {
    for (const DesiredAction& desired : project.actions) {
        if (desired.selector.by == Selector::By::name && desired.selector.value == live.name) {
            return make_error(ErrorKind::invalid_input, live.id + " " + dactl::quoted(live.name) +
                                                            " is managed already as " +
                                                            desired.address() + " (by name, " +
                                                            where(desired.selector_where) + ")");
        }
    }
    return {};
}

// `entry` added at the end of `existing` after one blank line.
std::string appended(const std::string& existing, const std::string& entry) {
    if (existing.empty()) {
        return entry;
    }
    return existing + (existing.back() == '\n' ? "\n" : "\n\n") + entry;
}

}  // namespace

int run_import(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "import");
    if (!session.check_options()) {
        return k_exit_error;
    }
    if (arguments.positionals.size() != 2) {
        return session.fail(
            "import needs the address to give the action and its id: dactl import action.LABEL "
            "ID");
    }
    const std::string& address = arguments.positionals[0];
    const std::string& id = arguments.positionals[1];
    const std::optional<Address> parsed = parse_address(address);
    if (!parsed) {
        return session.fail(
            "the address must be action.<label>, the label made of a-z, 0-9 and "
            "_, not " +
            address);
    }
    Result<ExportFields> fields = fields_option(arguments);
    if (!fields) {
        return session.fail(fields.error().message);
    }
    std::optional<Project> project = session.load_project();
    if (!project) {
        return k_exit_error;
    }
    std::optional<LockedState> locked =
        lock_state(session, Session::state_home(*project), "import");
    if (!locked) {
        return session.interrupted() ? k_exit_interrupted : k_exit_error;
    }
    const std::optional<State>* previous = &locked->state;
    if (Status free = check_free(*project, *previous, address, id); !free) {
        return session.fail(free.error().message + "; nothing was written");
    }
    std::unique_ptr<Provider> provider = session.connect(*project);
    if (!provider) {
        return k_exit_error;
    }
    GatherOptions gathering = session.gather_options();
    if (*fields == ExportFields::all) {
        gathering.all_templates_of = [](const LiveAction&) { return true; };
    }
    gathering.functions_of = [](const LiveAction&) { return true; };  // as export writes it
    Result<Gathered> read = gather_by_id(*provider, {Reread{address, nullptr, id}}, gathering);
    if (!read) {
        return session.fail_reading(read.error());
    }
    session.show(read->diagnostics);
    const LiveAction* live = read->find_live(id);
    if (live == nullptr) {
        return session.fail("the org has no action " + id + "; nothing was written");
    }
    if (Status free = check_name_free(*project, *live); !free) {
        return session.fail(free.error().message + "; nothing was written");
    }
    Result<ExportedEntry> entry = export_entry(*live, parsed->label, *fields);
    if (!entry) {
        return session.fail("cannot import " + entry.error().message + "; nothing was written");
    }
    for (const std::string& note : entry->notes) {
        session.err() << "note: " << note << "\n";
    }
    const std::string file = arguments.value("into").value_or(entry->file);
    const std::filesystem::path path = project->directory / file;
    std::error_code ec;
    const bool existed = std::filesystem::exists(path, ec);
    std::string existing;
    if (existed) {
        Result<std::string> text = read_file(path);
        if (!text) {
            return session.fail(text.error().message + "; nothing was written");
        }
        existing = *text;
    }
    if (Status written = write_file_atomically(path, appended(existing, entry->text)); !written) {
        return session.fail(written.error().message + "; nothing was written");
    }
    // The manifests as they now are: the entry must load, or the file goes back.
    LoadResult reloaded = dactl::load_project(project->directory);
    const DesiredAction* desired = reloaded.project.find_address(address);
    if (reloaded.diagnostics.has_errors() || desired == nullptr) {
        existed ? (void)write_file_atomically(path, existing)
                : (void)std::filesystem::remove(path, ec);
        session.show(reloaded.diagnostics);
        return session.fail("the entry written to " + file + " did not load; " + file +
                            " was put back as it was and nothing was recorded");
    }
    const std::vector<DesiredAction> imported = {*desired};
    Gathered bound = bind_org({*live}, imported);
    std::set<std::string> keep;
    if (*previous) {
        for (const StateAction& recorded : (*previous)->actions) {
            keep.insert(recorded.address);
        }
    }
    Result<std::string> key = state_key_for_writing(Session::state_home(*project),
                                                    context.environment("DACTL_STATE_KEY"));
    Status saved = key.ok() ? Status{} : Status(key.error());
    if (saved) {
        State state = next_state(*previous, bound.bindings, ApplyReport{},
                                 utc_timestamp(context.now()), random_uuid(), *key, keep);
        state.org = *previous ? (*previous)->org : std::nullopt;
        if (!state.org) {
            if (Result<OrgIdentity> org = provider->org_identity(); org) {
                state.org = *org;
            }
        }
        saved = write_state(Session::state_home(*project), state);
    }
    if (!saved) {
        return session.fail("the state was not written: " + saved.error().message + "; " + file +
                            " holds the entry, and the next apply records it");
    }
    session.out() << "Imported " << id << " " << dactl::quoted(live->name) << " (version "
                  << live->version << ") as " << address << " into " << file
                  << " and the state. The org was not touched.\n";
    return k_exit_ok;
}

}  // namespace dactl::cli
