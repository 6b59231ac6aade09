// dactl probe: each chosen action's test endpoint run a number of times, its
// latency measured and a timeout recommended.

#include <cmath>
#include <cstdlib>

#include "cmd/commands/registry.h"
#include "cmd/commands/shared_options.h"
#include "cmd/steps/manifest_step.h"
#include "cmd/steps/resolved_org.h"
#include "cmd/views/probe_view.h"
#include "engine/export/timeout_writer.h"
#include "engine/probe/probe_run.h"

namespace dactl::cli {

namespace {

struct ProbeArguments : CommonOptions {
    int samples = 20;
    int concurrency = 2;
    double headroom = 1.5;
    int min_timeout = k_default_min_timeout;
    bool allow_writes = false;
    bool via_draft = false;
    bool write = false;
};

Result<ProbeOptions> probe_options(const ProbeArguments& arguments, Context& context) {
    ProbeOptions options;
    options.samples = arguments.samples;
    options.concurrency = arguments.concurrency;
    options.headroom = arguments.headroom;
    options.min_timeout = arguments.min_timeout;
    options.allow_writes = arguments.allow_writes;
    options.via_draft = arguments.via_draft;
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
// not written). False after fail().
bool write_recommendations(Session& session, const Project& project, const ProbeReport& report) {
    std::vector<TimeoutRecommendation> recommendations;
    for (const auto& entry : report.entries) {
        if (!entry.skipped() && !entry.samples.empty()) {
            recommendations.push_back({entry.address, entry.recommendation.timeout_seconds,
                                       entry.recommendation.at_least});
        }
    }
    return write_timeouts(session, project, recommendations);
}

int run_probe_command(const ProbeArguments& arguments, Session& session) {
    Result<ProbeOptions> options = probe_options(arguments, session.context());
    if (!options) {
        return session.fail(options.error().message);
    }
    GatherOptions gathering;
    gathering.parallelism = arguments.parallelism;
    gathering.templates = Templates::none;
    gathering.functions_of_bound = true;  // a function's own timeout may cut it off first
    std::optional<ResolvedOrg> read =
        read_resolved_org(session, arguments.operands, gathering, Unbound::fail,
                          "the actions to probe cannot be found; nothing was probed");
    if (!read) {
        return session.failed();
    }
    warn_function_limits(session, read->resolution.org);
    Result<ProbeReport> report = [&] {
        std::unique_ptr<ProbeObserver> progress =
            probe_progress(session.progress(), session.progress_is_terminal());
        return run_probe(read->provider->drafts(), read->resolution.org.bindings, *options,
                         *progress);
    }();
    if (!report) {
        return session.fail(report.error().describe());
    }
    report->environment = read->project.environment;
    session.present(probe_view(*report));
    if (arguments.write && !write_recommendations(session, read->project, *report)) {
        return session.failed();
    }
    return session.interrupted() ? k_exit_interrupted : k_exit_ok;
}

}  // namespace

Command probe_command() {
    OptionTable<ProbeArguments> table;
    table.whole({"samples", "", "N", "test runs per action (default 20)"}, &ProbeArguments::samples,
                1, 1000);
    table.whole({"concurrency", "", "C", "test runs in flight at once (default 2)"},
                &ProbeArguments::concurrency, 1, 20);
    offer_recommendation(table);
    table.flag({"allow-writes", "", "", "also probe actions whose request type is not GET"},
               &ProbeArguments::allow_writes);
    table.flag({"via-draft", "", "",
                "measure on a draft with a 60 s timeout (never if one exists), then delete it"},
               &ProbeArguments::via_draft);
    table.flag({"write", "", "", "set timeout_seconds in the manifests to the recommendations"},
               &ProbeArguments::write);
    offer_html(table);
    offer_format(table);
    return make_command<ProbeArguments>(
        {"probe", "measure latency and recommend timeouts", "dactl probe [options] [ADDRESS...]",
         "Runs each selected action's test endpoint --samples times (the input is its\n"
         "[action.x.probe] input) and reports p50, p90, p99 and max latency with a\n"
         "recommended timeout: p99 x headroom, rounded up, within 3-60 s. The test endpoint\n"
         "calls the real back-end: actions whose request type is not GET need --allow-writes.",
         1000, Operands::addresses},
        table, run_probe_command);
}

}  // namespace dactl::cli
