#include "engine/probe/probe_run.h"

#include <algorithm>
#include <cmath>
#include <mutex>

#include "engine/util/interrupt.h"
#include "engine/util/parallel.h"

namespace dactl {

namespace {

constexpr int k_draft_timeout_seconds = 60;

std::optional<int> timeout_of(const LiveAction& action) {
    const Value& value = action.get(Field::timeout_seconds);
    return value.is_integer() ? std::optional<int>(static_cast<int>(value.as_integer()))
                              : std::nullopt;
}

SkipReason skip_reason(const LiveAction& live, const ProbeOptions& options) {
    const Value& type = live.get(Field::request_type);
    const std::string method = type.is_string() ? type.as_string() : "GET";
    return method != "GET" && !options.allow_writes ? SkipReason::writes : SkipReason::none;
}

class Prober {
public:
    Prober(DraftStore& provider, const ProbeOptions& options, ProbeObserver& observer,
           std::size_t total)
        : m_provider(provider), m_options(options), m_observer(observer), m_total(total) {}

    // Runs the samples; fails when the API refuses a test call outright.
    Status sample(ProbeEntry& entry, const std::string& input, TestTarget target) {
        std::vector<std::optional<Result<ProbeSample>>> results(
            static_cast<std::size_t>(m_options.samples));
        parallel_for(results.size(), m_options.concurrency, [&](std::size_t i) {
            if (is_interrupted(m_options.interrupted)) {
                return;
            }
            results[i].emplace(one_sample(entry.id, input, target));
            std::lock_guard<std::mutex> lock(m_mutex);
            m_observer.sampled(++m_done, m_total);
        });
        for (auto& result : results) {
            if (!result || (!*result && result->error().kind == ErrorKind::cancelled)) {
                continue;  // interrupted before it started, or cut off by the interrupt
            }
            if (!*result) {
                return result->error();
            }
            entry.samples.push_back(result->value());
        }
        return {};
    }

private:
    Result<ProbeSample> one_sample(const std::string& id, const std::string& input,
                                   TestTarget target) {
        const auto started = now();
        Result<TestRun> run = m_provider.test_action(id, input, target);
        const auto elapsed = std::chrono::duration<double, std::milli>(now() - started).count();
        if (!run) {
            return run.error();
        }
        ProbeSample sample;
        sample.latency =
            Milliseconds(static_cast<long long>(std::llround(elapsed / m_options.time_scale)));
        sample.success = run->success;
        sample.timed_out = run->timed_out;
        sample.error = run->error;
        return sample;
    }

    std::chrono::steady_clock::time_point now() const {
        return m_options.now ? m_options.now() : std::chrono::steady_clock::now();
    }

    DraftStore& m_provider;
    const ProbeOptions& m_options;
    ProbeObserver& m_observer;
    std::size_t m_total;
    std::size_t m_done = 0;
    std::mutex m_mutex;
};

// Deletes the draft it guards when it goes out of scope, unless released.
class DraftGuard {
public:
    DraftGuard(DraftStore& provider, std::string id) : m_provider(provider), m_id(std::move(id)) {}
    ~DraftGuard() { (void)m_provider.delete_draft(m_id); }
    DraftGuard(const DraftGuard&) = delete;
    DraftGuard& operator=(const DraftGuard&) = delete;

private:
    DraftStore& m_provider;
    std::string m_id;
};

bool left_by_dactl(const LiveAction& draft) {
    return draft.name.ends_with(k_probe_draft_marker);
}

// A draft that answers may or may not have been made: remove it if it was.
bool maybe_made(const Error& error) {
    return error.kind == ErrorKind::cancelled || error.kind == ErrorKind::transport ||
           error.kind == ErrorKind::timeout || error.kind == ErrorKind::server;
}

Status probe_via_draft(DraftStore& provider, Prober& prober, ProbeEntry& entry,
                       const std::string& input) {
    Result<std::optional<LiveAction>> existing = provider.get_draft(entry.id);
    if (!existing) {
        return existing.error();
    }
    if (*existing && !left_by_dactl(**existing)) {
        entry.skip = SkipReason::draft_in_progress;
        return {};
    }
    if (*existing) {
        if (Status removed = provider.delete_draft(entry.id); !removed) {
            return removed;
        }
        entry.notes.emplace_back("removed the draft an earlier dactl probe left behind");
    }
    Result<LiveAction> draft = provider.create_draft(entry.id);
    if (!draft) {
        if (maybe_made(draft.error())) {
            (void)provider.delete_draft(entry.id);
        }
        return draft.error();
    }
    DraftGuard guard(provider, entry.id);
    // The name marks the draft as dactl's, so a run killed before deleting it
    // lets the next one clean up (and only such drafts).
    std::string marked = draft->name;
    marked += k_probe_draft_marker;
    Result<LiveAction> raised =
        provider.update_draft(*draft, {{Field::timeout_seconds, Value(k_draft_timeout_seconds)},
                                       {Field::name, Value(std::move(marked))}});
    if (!raised) {
        return raised.error();
    }
    return prober.sample(entry, input, TestTarget::draft);
}

}  // namespace

Result<ProbeReport> run_probe(DraftStore& provider, const std::vector<Binding>& bindings,
                              const ProbeOptions& options, ProbeObserver& observer) {
    ProbeReport report;
    report.headroom = options.headroom;
    report.min_timeout = options.min_timeout;
    std::vector<ProbeEntry> entries;
    std::size_t probed = 0;
    for (const auto& binding : bindings) {
        ProbeEntry entry;
        entry.address = binding.desired->address();
        entry.id = binding.live->id;
        entry.name = binding.live->name;
        entry.current_timeout = timeout_of(*binding.live);
        entry.via_draft = options.via_draft;
        entry.skip = skip_reason(*binding.live, options);
        const Value& type = binding.live->get(Field::request_type);
        entry.request_type = type.is_string() ? type.as_string() : "GET";
        probed += entry.skipped() ? 0 : 1;
        entries.push_back(std::move(entry));
    }
    Prober prober(provider, options, observer, probed * static_cast<std::size_t>(options.samples));
    std::size_t measured_count = 0;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        ProbeEntry& entry = entries[i];
        if (entry.skipped()) {
            continue;
        }
        const auto& probe = bindings[i].desired->probe;
        const std::string input = probe ? probe->input_json : "{}";
        Status measured = options.via_draft ? probe_via_draft(provider, prober, entry, input)
                                            : prober.sample(entry, input, TestTarget::published);
        if (!measured) {
            Error error = measured.error();
            error.message = entry.address + ": " + error.message;
            return error;
        }
        entry.stats = summarize(entry.samples);
        observer.measured(entry.address, entry.stats, ++measured_count, probed);
        const std::optional<int> limit =
            options.via_draft ? std::optional<int>(k_draft_timeout_seconds) : entry.current_timeout;
        entry.recommendation = recommend(entry.stats, limit, options.headroom, options.min_timeout);
    }
    std::sort(entries.begin(), entries.end(),
              [](const ProbeEntry& a, const ProbeEntry& b) { return a.address < b.address; });
    report.entries = std::move(entries);
    return report;
}

}  // namespace dactl
