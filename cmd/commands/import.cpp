// dactl import ADDRESS ID: one live action adopted, a manifest entry and a
// state record; the org is not touched.

#include "engine/import/import.h"

#include "cmd/commands/registry.h"
#include "cmd/commands/shared_options.h"
#include "cmd/steps/manifest_step.h"
#include "cmd/steps/org_step.h"
#include "cmd/steps/state_step.h"
#include "cmd/views/export_view.h"
#include "engine/gather/gather.h"
#include "engine/manifest/loader.h"
#include "engine/model/address.h"
#include "engine/text/quote.h"

namespace dactl::cli {

namespace {

struct ImportArguments : CommonOptions {
    ExportFields fields = ExportFields::timeout;
    std::optional<std::string> into;
};

// The live action, read by id (its templates and function as export writes them).
Result<Gathered> read_one(Provider& provider, const ImportArguments& options,
                          const std::string& address, const std::string& id) {
    GatherOptions gathering;
    gathering.parallelism = options.parallelism;
    if (options.fields == ExportFields::all) {
        gathering.all_templates_of = [](const LiveAction&) { return true; };
    }
    gathering.functions_of = [](const LiveAction&) { return true; };
    return gather_by_id(provider, {Reread{address, nullptr, id}}, gathering);
}

// The live action read; nothing after fail(), also when the org has no such action.
std::optional<Gathered> read_live(Session& session, Provider& provider,
                                  const ImportArguments& options, const std::string& address,
                                  const std::string& id) {
    Result<Gathered> read = read_one(provider, options, address, id);
    if (!read) {
        session.fail_reading(read.error());
        return std::nullopt;
    }
    session.show(read->diagnostics);
    if (read->find_live(id) == nullptr) {
        // Custom authentication actions are read only on request: is it one?
        Result<std::vector<LiveAction>> hidden =
            provider.actions().find_unlisted({Selector{Selector::By::id, id}});
        if (hidden && !hidden->empty()) {
            session.fail("cannot import " + id + " " + dactl::quoted(hidden->front().name) +
                         ": it is a custom authentication action, which dactl does not manage "
                         "(the API refuses a timeout on them); nothing was written");
        } else {
            session.fail("the org has no action " + id + "; nothing was written");
        }
        return std::nullopt;
    }
    return std::move(read).value();
}

// Records the imported action in the state, bound to its new entry.
Status record_import(Session& session, const Project& reloaded, const LockedState& locked,
                     Provider& provider, const LiveAction& live, const std::string& address) {
    const std::vector<DesiredAction> imported = {*reloaded.find_address(address)};
    const Gathered bound = bind_org({live}, imported);
    StateUpdate update{bound.bindings, {}, {}, std::nullopt};
    for (const StateAction& recorded :
         locked.state ? locked.state->actions : std::vector<StateAction>{}) {
        update.keep.insert(recorded.address);
    }
    if (!locked.state || !locked.state->org) {
        Result<std::optional<OrgIdentity>> org = reach_org(provider, {}, OrgRead::always);
        update.org = org ? *org : std::nullopt;
    }
    return record_state(session, reloaded, locked.state, update);
}

// The address and id operands, checked; nothing after fail().
std::optional<std::pair<Address, std::string>> operands_of(const ImportArguments& options,
                                                           Session& session) {
    if (options.operands.size() != 2) {
        session.fail(
            "import needs the address to give the action and its id: dactl import action.LABEL "
            "ID");
        return std::nullopt;
    }
    const std::optional<Address> parsed = parse_address(options.operands[0]);
    if (!parsed) {
        session.fail("the address must be action.<label>, the label made of a-z, 0-9 and _, not " +
                     options.operands[0]);
        return std::nullopt;
    }
    return std::pair{*parsed, options.operands[1]};
}

// Writes the entry (checked by reloading it), then records it in the state.
int write_import(Session& session, const Project& project, const LockedState& locked,
                 Provider& provider, const LiveAction& live, const Import& import,
                 const std::string& address) {
    const ManifestCheck declares = [&](const Project& reloaded) -> Status {
        if (reloaded.find_address(address) != nullptr) {
            return {};
        }
        return make_error(ErrorKind::invalid_input,
                          "the entry written to " + import.edit.shown + " did not declare " +
                              address +
                              " when the project was read again (is the file a manifest?)");
    };
    std::optional<Project> reloaded = write_manifest_edits(
        session, project.directory, project.environment, {import.edit}, {}, declares);
    if (!reloaded) {
        return session.failed();
    }
    if (Status saved = record_import(session, *reloaded, locked, provider, live, address); !saved) {
        return session.fail("the state was not written: " + saved.error().message + "; " +
                            import.edit.shown + " holds the entry, and the next apply records it");
    }
    session.present(import_view(live, address, import.edit.shown));
    return k_exit_ok;
}

int run_import(const ImportArguments& options, Session& session) {
    const auto operands = operands_of(options, session);
    if (operands && options.into) {
        Result<std::string> file =
            manifest_path_in(session.options().chdir, *options.into, "--into");
        if (!file) {
            return session.fail(file.error().message + "; nothing was written");
        }
    }
    std::optional<Project> project = operands ? session.load_project() : std::nullopt;
    std::optional<LockedState> locked =
        project ? lock_state(session, *project, "import") : std::nullopt;
    if (!locked) {
        return session.failed();
    }
    const std::string address = operands->first.text();
    const std::string& id = operands->second;
    if (Status free = check_import_free(*project, locked->state, address, id); !free) {
        return session.fail(free.error().message + "; nothing was written");
    }
    std::unique_ptr<Provider> provider = session.connect(*project);
    std::optional<Gathered> read =
        provider ? read_live(session, *provider, options, address, id) : std::nullopt;
    if (!read) {
        return session.failed();
    }
    const LiveAction* live = read->find_live(id);
    Result<Import> import =
        plan_import(*project, *live, operands->first.label, options.fields, options.into);
    if (!import) {
        return session.fail(import.error().message + "; nothing was written");
    }
    for (const std::string& note : import->notes) {
        session.tell("note: " + note);
    }
    return write_import(session, *project, *locked, *provider, *live, *import, address);
}

}  // namespace

Command import_command() {
    OptionTable<ImportArguments> table;
    table.choice<ExportFields>(
        {"fields", "", "WHICH", "timeout (default: id and timeout_seconds) or all"},
        &ImportArguments::fields, {{"timeout", ExportFields::timeout}, {"all", ExportFields::all}});
    table.text({"into", "", "FILE", "the manifest to add it to (relative to the project)"},
               &ImportArguments::into);
    offer_lock_timeout(table, "wait this long for another run's lock (default: fail at once)");
    offer_parallelism(table);
    return make_command<ImportArguments>(
        {"import", "adopt one live action: a manifest entry and a state record",
         "dactl import [options] ADDRESS ID",
         "Reads the live action ID and adds [action.<label>] for it (ADDRESS is\n"
         "action.<label>), selecting it by id with its current values, to the file\n"
         "export would put it in (its category's) or --into FILE, then records it in the\n"
         "state, so that plan shows nothing to change and drift covers it. Changes nothing\n"
         "in the org.",
         2},
        table, run_import);
}

}  // namespace dactl::cli
