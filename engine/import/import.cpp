#include "engine/import/import.h"

#include "engine/text/quote.h"

namespace dactl {

namespace {

std::string where(const SourcePosition& position) {
    return position.path + ":" + std::to_string(position.line) + ":" +
           std::to_string(position.column);
}

Error refused(const std::string& message) {
    return make_error(ErrorKind::invalid_input, message);
}

Status check_state_free(const State& state, const std::string& address, const std::string& id) {
    if (const StateAction* recorded = state.find(address)) {
        return refused(address + " is in the state already (" + recorded->id +
                       "); choose another address, or dactl state rm " + address);
    }
    for (const StateAction& recorded : state.actions) {
        if (recorded.id == id) {
            std::string message = id + " is in the state already as " + recorded.address;
            message += "; to give it a new address: dactl state mv " + recorded.address;
            message += " " + address;
            return refused(message);
        }
    }
    return {};
}

Status check_name_free(const Project& project, const LiveAction& live) {
    for (const DesiredAction& desired : project.actions) {
        if (desired.selector.by == Selector::By::name && desired.selector.value == live.name) {
            return refused(live.id + " " + dactl::quoted(live.name) + " is managed already as " +
                           desired.address() + " (by name, " + where(desired.selector_where) + ")");
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

Status check_import_free(const Project& project, const std::optional<State>& state,
                         const std::string& address, const std::string& id) {
    if (const DesiredAction* declared = project.find_address(address)) {
        return refused(address + " is declared already at " + where(declared->where));
    }
    for (const DesiredAction& desired : project.actions) {
        if (desired.selector.by == Selector::By::id && desired.selector.value == id) {
            return refused(id + " is managed already as " + desired.address() + " (" +
                           where(desired.selector_where) + ")");
        }
    }
    return state ? check_state_free(*state, address, id) : Status{};
}

Result<Import> plan_import(const Project& project, const LiveAction& live, const std::string& label,
                           ExportFields fields, const std::optional<std::string>& into) {
    if (Status free = check_name_free(project, live); !free) {
        return free.error();
    }
    Result<ExportedEntry> entry = export_entry(live, label, fields, project.environment);
    if (!entry) {
        return refused("cannot import " + entry.error().message);
    }
    const std::string file = into.value_or(entry->file);
    const std::filesystem::path path = project.directory / file;
    Result<std::optional<std::string>> existing = current_text(path);
    if (!existing) {
        return existing.error();
    }
    Import import{{path, file, *existing, appended(existing->value_or(""), entry->text)},
                  entry->notes};
    return import;
}

}  // namespace dactl
