#pragma once
// run_probe: measures each selected action's latency through the API's test
// endpoint and recommends a timeout. Optionally measures on a draft whose
// timeout is raised to 60 s, so the published action is never touched.

#include <atomic>
#include <chrono>
#include <functional>
#include <vector>

#include "engine/gather/selection.h"
#include "engine/probe/probe_report.h"
#include "engine/provider/provider.h"

namespace dactl {

struct ProbeOptions {
    int samples = 20;
    int concurrency = 2;
    double headroom = 1.5;
    bool allow_writes = false;  ///< probe actions whose request type is not GET
    bool via_draft = false;     ///< measure on a draft with a 60 s timeout
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
};

/// Probes every binding (skipping, with the reason, custom authentication
/// actions, non-GET actions without allow_writes, and with via_draft actions
/// that already have a draft). Entries sorted by address. A draft it created is
/// deleted again whatever happens. Fails only when the API refuses a call other
/// than a test's outcome.
Result<ProbeReport> run_probe(Provider& provider, const std::vector<Binding>& bindings,
                              const ProbeOptions& options, ProbeObserver& observer);

}  // namespace dactl
