#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "cmd/cli.h"
#include "cmd/commands/command.h"
#include "cmd/views/probe_view.h"
#include "engine/export/timeout_writer.h"
#include "engine/gather/gather.h"
#include "engine/probe/probe_run.h"
#include "engine/render/probe_html.h"
#include "engine/text/suggest.h"
#include "engine/util/file_io.h"
#include "engine/util/time_text.h"

namespace dactl::cli {

namespace {

class ProgressBar : public ProbeObserver {
public:
    explicit ProgressBar(Session& session) : m_session(session) {}
    ~ProgressBar() override {
        if (m_drawn) {
            m_session.err() << "\r\x1b[K" << std::flush;
        }
    }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void sampled(std::size_t done, std::size_t total) override {
        if (!m_session.context().console.err_is_tty || total == 0) {
            return;
        }
        const std::size_t width = 30;
        const std::size_t filled = done * width / total;
        m_session.err() << "\rprobing [" << std::string(filled, '#')
                        << std::string(width - filled, '.') << "] " << done << "/" << total
                        << " samples" << std::flush;
        m_drawn = true;
    }

private:
    Session& m_session;
    bool m_drawn = false;
};

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

Result<ProbeOptions> probe_options(const Arguments& arguments, Context& context) {
    ProbeOptions options;
    Result<double> samples = number_option(arguments, "samples", 20, 1, 1000, true);
    Result<double> concurrency = number_option(arguments, "concurrency", 2, 1, 20, true);
    Result<double> headroom = number_option(arguments, "headroom", 1.5, 1, 10, false);
    for (const Result<double>* value : {&samples, &concurrency, &headroom}) {
        if (!*value) {
            return value->error();
        }
    }
    options.samples = static_cast<int>(*samples);
    options.concurrency = static_cast<int>(*concurrency);
    options.headroom = *headroom;
    options.allow_writes = arguments.has("allow-writes");
    options.via_draft = arguments.has("via-draft");
    options.interrupted = context.interrupted;
    options.now = context.monotonic;
    if (std::optional<std::string> scale = context.environment("DACTL_PROBE_TIME_SCALE")) {
        options.time_scale = std::strtod(scale->c_str(), nullptr);
        if (!std::isfinite(options.time_scale) || options.time_scale <= 0) {
            return make_error(ErrorKind::invalid_input,
                              "DACTL_PROBE_TIME_SCALE must be a positive number, not " + *scale);
        }
    }
    return options;
}

// The manifest actions named on the command line (all when none is).
Result<std::vector<DesiredAction>> chosen_actions(const Project& project,
                                                  const std::vector<std::string>& names) {
    if (names.empty()) {
        return project.actions;
    }
    std::vector<std::string> addresses;
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

// Sets timeout_seconds in the manifests to what was measured (lower bounds are
// not written). False after reporting a failure.
bool write_recommendations(Session& session, const Project& project, const ProbeReport& report) {
    std::vector<TimeoutRecommendation> recommendations;
    for (const auto& entry : report.entries) {
        if (entry.skipped.empty() && !entry.samples.empty()) {
            recommendations.push_back({entry.address, entry.recommendation.timeout_seconds,
                                       entry.recommendation.at_least});
        }
    }
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

}  // namespace

int run_probe_command(const Arguments& arguments, Context& context) {
    Session session(arguments, context, "probe");
    if (!session.check_options()) {
        return k_exit_error;
    }
    Result<ProbeOptions> options = probe_options(arguments, context);
    if (!options) {
        return session.fail(options.error().message);
    }
    std::optional<Project> project = session.load_project();
    if (!project) {
        return k_exit_error;
    }
    Result<std::vector<DesiredAction>> chosen = chosen_actions(*project, arguments.positionals);
    if (!chosen) {
        return session.fail(chosen.error().message);
    }
    std::unique_ptr<Provider> provider = session.connect(*project);
    if (!provider) {
        return k_exit_error;
    }
    GatherOptions gathering = session.gather_options();
    gathering.templates = Templates::none;
    Result<Gathered> org = gather_org(*provider, *chosen, gathering);
    if (!org) {
        return session.fail_reading(org.error());
    }
    session.show(org->diagnostics);
    if (org->diagnostics.has_errors()) {
        return session.fail("the actions to probe cannot be found; nothing was probed",
                            org->diagnostics);
    }
    Result<ProbeReport> report = [&] {
        ProgressBar progress(session);
        return run_probe(*provider, org->bindings, *options, progress);
    }();
    if (!report) {
        return session.fail(report.error().describe());
    }
    probe_view(session.format(), session.view_target())->report(*report);
    if (std::optional<std::string> html = arguments.value("html")) {
        Status written =
            write_file_atomically(*html, render_probe_html(*report, utc_timestamp(context.now())));
        if (!written) {
            return session.fail(written.error().message);
        }
        session.err() << "Wrote the report to " << *html << "\n";
    }
    if (arguments.has("write") && !write_recommendations(session, *project, *report)) {
        return k_exit_error;
    }
    if (context.interrupted != nullptr && context.interrupted->load()) {
        return k_exit_interrupted;
    }
    return k_exit_ok;
}

}  // namespace dactl::cli
