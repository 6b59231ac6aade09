#pragma once
// run_probe: measures each selected action's latency through the API's test
// endpoint and recommends a timeout. Optionally measures on a draft whose
// timeout is raised to 60 s, so the published action is never touched.

#include <atomic>
#include <chrono>
#include <functional>
#include <string_view>
#include <vector>

#include "engine/gather/selection.h"
#include "engine/probe/probe_report.h"
#include "engine/provider/draft_store.h"

namespace dactl {

/// What ends the name of a draft dactl made to probe on: a draft so named is
/// dactl's own, which a later probe removes if a run left it behind.
inline constexpr std::string_view k_probe_draft_marker = " (dactl probe)";

struct ProbeOptions {
    int samples = 20;
    int concurrency = 2;
    double headroom = 1.5;
    int min_timeout = k_default_min_timeout;  ///< the least timeout recommended
    bool allow_writes = false;                ///< probe actions whose request type is not GET
    bool via_draft = false;                   ///< measure on a draft with a 60 s timeout
    /// Measured durations are divided by this: an emulator may run the third
    /// party's time faster. Always 1 against a real org.
    double time_scale = 1.0;
    std::function<std::chrono::steady_clock::time_point()> now;  ///< empty: steady_clock
    const std::atomic<bool>* interrupted = nullptr;              ///< no new sample starts once set
};

/// Told about progress; calls are serialised.
class ProbeObserver {
public:
    virtual ~ProbeObserver() = default;
    virtual void sampled(std::size_t /*done*/, std::size_t /*total*/) {}
    /// One action measured (`done` of `total` actions to probe), its statistics summarized.
    virtual void measured(const std::string& /*address*/, const LatencyStats& /*stats*/,
                          std::size_t /*done*/, std::size_t /*total*/) {}
};

/// Probes every binding (skipping, with the reason, custom authentication
/// actions, non-GET actions without allow_writes, and with via_draft actions
/// that have someone's draft; a draft named with k_probe_draft_marker is an
/// earlier probe's, removed first). Entries sorted by address. A draft it
/// created is deleted again whatever happens (an interrupt included). After an
/// interrupt no new sample starts, and samples cut off by it are left out.
/// Fails only when the API refuses a call other than a test's outcome.
Result<ProbeReport> run_probe(DraftStore& provider, const std::vector<Binding>& bindings,
                              const ProbeOptions& options, ProbeObserver& observer);

}  // namespace dactl
