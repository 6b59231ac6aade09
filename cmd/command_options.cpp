#include "cmd/command_options.h"

#include <cmath>
#include <cstdlib>
#include <optional>

#include "cmd/cli.h"
#include "engine/text/suggest.h"

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
    if (names.empty()) {
        return project.actions;
    }
    std::vector<std::string> addresses;
    addresses.reserve(project.actions.size());
    for (const auto& action : project.actions) {
        addresses.push_back(action.address());
    }
    std::vector<DesiredAction> chosen;
    for (const auto& name : names) {
        std::optional<Address> address = address_or_label(name);
        const DesiredAction* found = address ? project.find(address->label) : nullptr;
        if (found == nullptr) {
            const std::string shown = address ? address->text() : name;
            std::vector<std::string> close = closest_matches(shown, addresses, 1);
            return make_error(ErrorKind::invalid_input,
                              "no " + shown + " in the manifests" +
                                  (close.empty() ? "" : "; did you mean " + close[0] + "?"));
        }
        chosen.push_back(*found);
    }
    return chosen;
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
    Result<std::vector<DesiredAction>> chosen =
        chosen_actions(*project, session.arguments().positionals);
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
    Result<Gathered> org = gather_org(*read.provider, read.chosen, gathering);
    if (!org) {
        exit_code = session.fail_reading(org.error());
        return std::nullopt;
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
