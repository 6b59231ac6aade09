#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>

#include "cmd/cli.h"
#include "cmd/command_options.h"
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

    // Where no bar can be drawn (a pipeline's log), one line per action.
    void measured(const std::string& address, const LatencyStats& stats, std::size_t done,
                  std::size_t total) override {
        if (m_session.context().console.err_is_tty) {
            return;
        }
        m_session.err() << "probed " << address << " (" << done << "/" << total
                        << "): " << stats.samples << " samples, " << stats.failures << " failed"
                        << (stats.timeouts > 0
                                ? " (" + std::to_string(stats.timeouts) + " timed out)"
                                : std::string())
                        << ", p99 " << (stats.p99_censored ? ">= " : "") << seconds_text(stats.p99)
                        << "\n"
                        << std::flush;
    }

private:
    Session& m_session;
    bool m_drawn = false;
};

Result<ProbeOptions> probe_options(const Arguments& arguments, Context& context) {
    ProbeOptions options;
    Result<double> samples = number_option(arguments, "samples", 20, 1, 1000, true);
    Result<double> concurrency = number_option(arguments, "concurrency", 2, 1, 20, true);
    Result<double> headroom = number_option(arguments, "headroom", 1.5, 1, 10, false);
    Result<double> floor =
        number_option(arguments, "min-timeout", k_default_min_timeout, 1, 60, true);
    for (const Result<double>* value : {&samples, &concurrency, &headroom, &floor}) {
        if (!*value) {
            return value->error();
        }
    }
    options.samples = static_cast<int>(*samples);
    options.concurrency = static_cast<int>(*concurrency);
    options.headroom = *headroom;
    options.min_timeout = static_cast<int>(*floor);
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
    return write_timeouts(session, project, recommendations);
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
    int exit_code = k_exit_error;
    std::optional<ChosenOrg> read = read_chosen_org(
        session, "the actions to probe cannot be found; nothing was probed", exit_code);
    if (!read) {
        return exit_code;
    }
    Result<ProbeReport> report = [&] {
        ProgressBar progress(session);
        return run_probe(*read->provider, read->org.bindings, *options, progress);
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
    if (arguments.has("write") && !write_recommendations(session, read->project, *report)) {
        return k_exit_error;
    }
    if (context.interrupted != nullptr && context.interrupted->load()) {
        return k_exit_interrupted;
    }
    return k_exit_ok;
}

}  // namespace dactl::cli
