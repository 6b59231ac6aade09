#include "cmd/command_options.h"

#include <cmath>
#include <cstdlib>
#include <optional>

#include "cmd/cli.h"
#include "cmd/duration.h"
#include "engine/gather/target.h"
#include "engine/plan/compute_plan.h"
#include "engine/state/state_file.h"
#include "engine/util/time_text.h"

namespace dactl::cli {

Result<double> number_option(const Arguments& arguments, const std::string& name, double fallback,
                             double low, double high, bool whole) {
    std::optional<std::string> text = arguments.value(name);
    if (!text) {
        return fallback;
    }
    char* end = nullptr;
    const double value = std::strtod(text->c_str(), &end);
    if (text->empty() || *end != '\0' || !std::isfinite(value) || value < low || value > high ||
        (whole && value != std::floor(value))) {
        return make_error(ErrorKind::invalid_input,
                          "--" + name + " must be " + (whole ? "a whole number" : "a number") +
                              " from " + std::to_string(static_cast<long long>(low)) + " to " +
                              std::to_string(static_cast<long long>(high)) + ", not " + *text);
    }
    return value;
}

Result<std::vector<DesiredAction>> chosen_actions(const Project& project,
                                                  const std::vector<std::string>& names) {
    return targeted_actions(project.actions, names);
}

Result<ExportFields> fields_option(const Arguments& arguments) {
    const std::string fields = arguments.value("fields").value_or("timeout");
    if (fields != "timeout" && fields != "all") {
        return make_error(ErrorKind::invalid_input,
                          "--fields must be timeout or all, not " + fields);
    }
    return fields == "all" ? ExportFields::all : ExportFields::timeout;
}

Result<Project> targeted_project(const Project& project, const Arguments& arguments) {
    Result<std::vector<DesiredAction>> chosen =
        targeted_actions(project.actions, arguments.all_values("target"));
    if (!chosen) {
        return chosen.error();
    }
    Project partial = project;
    partial.actions = std::move(chosen).value();
    partial.targets = arguments.all_values("target");
    return partial;
}

std::optional<LockedState> lock_state(Session& session, const std::filesystem::path& directory,
                                      const std::string& command) {
    Context& context = session.context();
    Result<std::chrono::milliseconds> wait =
        parse_duration(session.arguments().value("lock-timeout").value_or("0s"), "--lock-timeout");
    if (!wait) {
        session.fail(wait.error().message);
        return std::nullopt;
    }
    Result<ProjectLock> lock = ProjectLock::acquire(
        directory, command, *wait, utc_timestamp(context.now()), context.interrupted);
    if (!lock) {
        session.fail(lock.error().message);
        return std::nullopt;
    }
    Result<std::optional<State>> state = read_state(directory);
    if (!state) {
        session.fail(state.error().message + "; fix or remove it first");
        return std::nullopt;
    }
    return LockedState{std::move(lock).value(), std::move(state).value()};
}

bool write_timeouts(Session& session, const Project& project,
                    const std::vector<TimeoutRecommendation>& recommendations) {
    TimeoutEdits edits = timeout_edits(project, recommendations);
    for (const auto& note : edits.notes) {
        session.err() << note << "\n";
    }
    Result<std::vector<std::string>> written = write_timeout_edits(project, edits.edits);
    if (!written) {
        session.fail(written.error().message);
        return false;
    }
    for (const auto& line : *written) {
        session.err() << line << "\n";
    }
    return true;
}

std::optional<ChosenOrg> read_chosen_org(Session& session, const std::string& unbound,
                                         int& exit_code) {
    exit_code = k_exit_error;
    std::optional<Project> project = session.load_project();
    if (!project) {
        return std::nullopt;
    }
    // The addresses given, and --target's (insights): one way of naming actions.
    std::vector<std::string> named = session.arguments().positionals;
    for (std::string& target : session.arguments().all_values("target")) {
        named.push_back(std::move(target));
    }
    Result<std::vector<DesiredAction>> chosen = chosen_actions(*project, named);
    if (!chosen) {
        exit_code = session.fail(chosen.error().message);
        return std::nullopt;
    }
    std::unique_ptr<Provider> provider = session.connect(*project);
    if (!provider) {
        return std::nullopt;
    }
    ChosenOrg read{std::move(*project), std::move(*chosen), std::move(provider), {}};
    GatherOptions gathering = session.gather_options();
    gathering.templates = Templates::none;
    // A chosen function action's own timeout may cut it off first: warn.
    gathering.functions_of_bound = true;
    Result<Gathered> org = gather_org(*read.provider, read.chosen, gathering);
    if (!org) {
        exit_code = session.fail_reading(org.error());
        return std::nullopt;
    }
    for (const Binding& binding : org->bindings) {
        warn_function_limit(*binding.desired, *binding.live, org->diagnostics);
    }
    session.show(org->diagnostics);
    if (org->diagnostics.has_errors()) {
        exit_code = session.fail(unbound, org->diagnostics);
        return std::nullopt;
    }
    read.org = std::move(*org);
    return read;
}

}  // namespace dactl::cli
