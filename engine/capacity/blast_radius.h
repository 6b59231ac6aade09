#pragma once
// The blast radius of a timeout. The org runs at most so many data actions at
// once (actions.concurrent.executions.max, 50 by default); a run holds its slot
// until it answers or times out. When a back-end hangs, every run of every
// action calling it holds its slot for the whole timeout: about the peak rate
// per second x the timeout, summed over the actions on that host. Past the
// org's limit every data action of the org, in every flow, is refused.
//
// The peak is the busiest 15 minutes the analytics hold (one query grouped by
// actionId at PT15M; an hour, or a day, when the service refuses so many
// buckets); today's concurrency at that peak is the runs' summed duration over
// the bucket (rate x mean duration, Little's law).

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "engine/model/execution_stats.h"
#include "engine/model/live_action.h"
#include "engine/provider/org_directory.h"

namespace dactl {

inline constexpr std::int64_t k_peak_bucket_ms = 15 * 60'000;
inline constexpr const char* k_peak_granularity = "PT15M";

/// A bucket length the analytics are asked for, finest first: when the
/// service refuses a granularity (too many buckets: its maximum is
/// unconfirmed), the next coarser one is asked for.
struct PeakGranularity {
    const char* period;  ///< "PT15M"
    std::int64_t bucket_ms;
    const char* words;  ///< "15 minutes", as "its busiest 15 minutes" says it
};
inline constexpr PeakGranularity k_peak_granularities[] = {
    {"PT15M", 15 * 60'000, "15 minutes"}, {"PT1H", 3'600'000, "hour"}, {"P1D", 86'400'000, "day"}};

/// The granularity of `bucket_ms` (the finest for an unknown length).
const PeakGranularity& granularity_of(std::int64_t bucket_ms);
/// The documented default of actions.concurrent.executions.max.
inline constexpr std::int64_t k_default_concurrency_limit = 50;

/// The busiest bucket (a quarter hour, unless the service refused so fine a
/// granularity) of one action.
struct ActionPeak {
    std::int64_t executions = 0;  ///< runs in that bucket
    std::int64_t busy_ms = 0;     ///< their summed durations
    std::int64_t start_ms = 0;    ///< when it began
    std::int64_t bucket_ms = k_peak_bucket_ms;

    double per_minute() const {
        return static_cast<double>(executions) * 60'000.0 / static_cast<double>(bucket_ms);
    }
    /// Runs in flight on average then: rate x mean duration.
    double in_use() const { return static_cast<double>(busy_ms) / static_cast<double>(bucket_ms); }
    /// The slots its runs would hold if its back-end hung: rate per second x
    /// the timeout (not rounded: a host's sum is).
    double slots_at(int timeout_seconds) const;

    bool operator==(const ActionPeak&) const = default;
};

/// By action id.
using Peaks = std::map<std::string, ActionPeak>;

/// The window plan reads peaks over: the 7 days up to the last quarter hour
/// before `now_ms` (buckets then fall on quarter hours).
TimeWindow peak_window(std::int64_t now_ms);

/// The query of the peaks: `window`, grouped by actionId, at `granularity`.
AggregateQuery peak_query(const TimeWindow& window,
                          const PeakGranularity& granularity = k_peak_granularities[0]);

/// Adds the buckets of an answer grouped by actionId (and possibly more
/// dimensions, whose groups of one action and bucket are summed) in buckets of
/// `bucket_ms`, keeping each action's busiest bucket.
void add_peaks(Peaks& peaks, const std::vector<AggregateGroup>& groups,
               std::int64_t bucket_ms = k_peak_bucket_ms);

/// Where the limit came from.
enum class LimitSource {
    org,         ///< read from the org's limits
    absent,      ///< the org's limits do not give it: the configured value
    forbidden,   ///< the client may not read the org's limits: the configured value
    failed,      ///< reading them failed (`failure`): the configured value
    configured,  ///< not read (nothing needed it): the configured value
};

struct ConcurrencyLimit {
    std::int64_t value = k_default_concurrency_limit;
    LimitSource source = LimitSource::configured;
    std::string failure;  ///< when failed: the error's message

    bool operator==(const ConcurrencyLimit&) const = default;
};

/// The org's limit (one request), else `configured` and why.
ConcurrencyLimit read_concurrency_limit(OrgDirectory& org, std::int64_t configured);

struct BlastRadius;

/// The radius against the org's limit (read_concurrency_limit) when any host
/// holds a slot; else against `configured`, not read (it cannot matter).
void settle_limit(BlastRadius& radius, OrgDirectory& org, std::int64_t configured);

/// One action's share of a host's worst case.
struct HostShare {
    std::string id;
    std::string name;
    std::optional<std::string> address;  ///< when the project manages it
    ActionPeak peak;
    int timeout_before = 60;  ///< where its runs stop now (a function's own timeout if shorter)
    int timeout_after = 60;   ///< and with the change
    double slots_before = 0;
    double slots_after = 0;

    bool changed() const { return timeout_before != timeout_after; }
};

/// The actions calling one back-end.
struct HostLoad {
    /// "https://orders.example.com/"; a function action's own function, or an
    /// action whose host is a template, stands alone: "function NAME", "NAME
    /// (own host)".
    std::string host;
    std::vector<HostShare> actions;  ///< with traffic or changed; most slots after first
    /// The actions' slots summed, rounded up: many small actions count as
    /// what they hold together, not one slot each.
    std::int64_t worst_before = 0;
    std::int64_t worst_after = 0;
    double in_use = 0;  ///< today's concurrency at the actions' peaks, summed

    bool changed() const { return worst_before != worst_after; }
};

struct BlastRadius {
    ConcurrencyLimit limit;
    TimeWindow window;
    std::int64_t bucket_ms = k_peak_bucket_ms;  ///< the peaks' bucket length
    std::vector<HostLoad> hosts;                ///< most slots after first, then by host

    /// The host of the action `id`, or null.
    const HostLoad* host_of(const std::string& id) const;
    /// Whether any host would hold a slot, before or after (anything ran).
    bool holds_slots() const;
    /// Hosts whose worst case after the change passes the limit.
    std::vector<const HostLoad*> over_after() const;
};

/// The scheme and host of a request URL template ("https://orders.example.com/"),
/// or "" when it has none or its host is a template itself.
std::string url_host_prefix(const std::string& url);

/// Slots as a whole number: rounded up.
std::int64_t rounded_up_slots(double slots);

/// The back-end an action calls, as hosts are grouped: the scheme and host of
/// its request URL ("https://orders.example.com/"), "function NAME" for a
/// function action, else "NAME (own host)".
std::string backend_of(const LiveAction& action);

/// Where the action's runs stop: its function's timeout when shorter, else its
/// own (60 s unset); `timeout` overrides its own.
int stop_seconds(const LiveAction& action, std::optional<int> timeout = std::nullopt);

struct BlastInputs {
    const std::vector<LiveAction>* live = nullptr;  ///< the org's actions
    const Peaks* peaks = nullptr;
    std::map<std::string, int> after;              ///< id -> the new timeout
    std::map<std::string, std::string> addresses;  ///< id -> address, managed ones
    /// Only the hosts of these ids (none: every host with traffic or a change).
    std::optional<std::vector<std::string>> only;
};

/// The worst case of every host, before and after `inputs.after`.
BlastRadius blast_radius(const BlastInputs& inputs, ConcurrencyLimit limit, TimeWindow window);

}  // namespace dactl
