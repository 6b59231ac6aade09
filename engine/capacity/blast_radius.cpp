#include "engine/capacity/blast_radius.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

namespace dactl {

namespace {

constexpr std::int64_t k_week_ms = 7 * 86'400'000LL;

HostShare share_of(const LiveAction& action, const BlastInputs& inputs) {
    HostShare share;
    share.id = action.id;
    share.name = action.name;
    if (auto address = inputs.addresses.find(action.id); address != inputs.addresses.end()) {
        share.address = address->second;
    }
    if (auto peak = inputs.peaks->find(action.id); peak != inputs.peaks->end()) {
        share.peak = peak->second;
    }
    share.timeout_before = stop_seconds(action);
    auto after = inputs.after.find(action.id);
    share.timeout_after =
        after == inputs.after.end() ? share.timeout_before : stop_seconds(action, after->second);
    share.slots_before = share.peak.slots_at(share.timeout_before);
    share.slots_after = share.peak.slots_at(share.timeout_after);
    return share;
}

}  // namespace

std::string url_host_prefix(const std::string& url) {
    const std::size_t scheme = url.find("://");
    if (scheme == std::string::npos || scheme == 0) {
        return "";
    }
    const std::size_t end = url.find_first_of("/?#", scheme + 3);
    const std::string host =
        url.substr(scheme + 3, end == std::string::npos ? std::string::npos : end - scheme - 3);
    if (host.empty() || host.find('$') != std::string::npos ||
        host.find_first_of("*?[") != std::string::npos) {
        return "";
    }
    return url.substr(0, scheme + 3) + host + "/";
}

double ActionPeak::slots_at(int timeout_seconds) const {
    return static_cast<double>(executions * timeout_seconds * 1000) /
           static_cast<double>(bucket_ms);
}

const PeakGranularity& granularity_of(std::int64_t bucket_ms) {
    for (const PeakGranularity& granularity : k_peak_granularities) {
        if (granularity.bucket_ms == bucket_ms) {
            return granularity;
        }
    }
    return k_peak_granularities[0];
}

std::int64_t rounded_up_slots(double slots) {
    // A hair of tolerance: 4500 x 8 / 900 is 40, not 40.000000001.
    return static_cast<std::int64_t>(std::ceil(slots - 1e-9));
}

TimeWindow peak_window(std::int64_t now_ms) {
    const std::int64_t end = now_ms / k_peak_bucket_ms * k_peak_bucket_ms;
    return {end - k_week_ms, end};
}

AggregateQuery peak_query(const TimeWindow& window, const PeakGranularity& granularity) {
    return {window, {"actionId"}, std::string(granularity.period)};
}

void add_peaks(Peaks& peaks, const std::vector<AggregateGroup>& groups, std::int64_t bucket_ms) {
    // Groups of one action (by errorType, say) are summed per bucket first.
    std::map<std::pair<std::string, std::int64_t>, ActionPeak> buckets;
    for (const AggregateGroup& group : groups) {
        auto id = group.group.find("actionId");
        if (id == group.group.end()) {
            continue;
        }
        for (const AggregateBucket& bucket : group.buckets) {
            ActionPeak& sum = buckets[{id->second, bucket.interval.start_ms}];
            sum.executions += bucket.stats.count;
            sum.busy_ms += bucket.stats.sum_ms;
            sum.start_ms = bucket.interval.start_ms;
            sum.bucket_ms = bucket_ms;
        }
    }
    for (const auto& [key, bucket] : buckets) {
        ActionPeak& peak = peaks[key.first];
        if (std::tie(bucket.executions, bucket.busy_ms) > std::tie(peak.executions, peak.busy_ms)) {
            peak = bucket;
        }
    }
}

ConcurrencyLimit read_concurrency_limit(OrgDirectory& org, std::int64_t configured) {
    Result<std::optional<std::int64_t>> read = org.concurrency_limit();
    if (read && *read) {
        return {**read, LimitSource::org, ""};
    }
    if (read) {
        return {configured, LimitSource::absent, ""};
    }
    if (read.error().kind == ErrorKind::forbidden) {
        return {configured, LimitSource::forbidden, ""};
    }
    return {configured, LimitSource::failed, read.error().message};
}

void settle_limit(BlastRadius& radius, OrgDirectory& org, std::int64_t configured) {
    radius.limit = radius.holds_slots() ? read_concurrency_limit(org, configured)
                                        : ConcurrencyLimit{configured, LimitSource::configured, ""};
}

const HostLoad* BlastRadius::host_of(const std::string& id) const {
    for (const HostLoad& host : hosts) {
        for (const HostShare& share : host.actions) {
            if (share.id == id) {
                return &host;
            }
        }
    }
    return nullptr;
}

bool BlastRadius::holds_slots() const {
    return std::any_of(hosts.begin(), hosts.end(), [](const HostLoad& host) {
        return host.worst_before > 0 || host.worst_after > 0;
    });
}

std::vector<const HostLoad*> BlastRadius::over_after() const {
    std::vector<const HostLoad*> over;
    for (const HostLoad& host : hosts) {
        if (host.worst_after > limit.value) {
            over.push_back(&host);
        }
    }
    return over;
}

std::string backend_of(const LiveAction& action) {
    if (action.runs_function || action.function) {
        return "function " + action.name;
    }
    const Value& url = action.get(Field::request_url_template);
    const std::string host = url.is_string() ? url_host_prefix(url.as_string()) : "";
    return host.empty() ? action.name + " (own host)" : host;
}

int stop_seconds(const LiveAction& action, std::optional<int> timeout) {
    if (!timeout) {
        const Value& own = action.get(Field::timeout_seconds);
        timeout = own.is_integer() ? static_cast<int>(own.as_integer()) : 60;
    }
    if (action.function && action.function->timeout_seconds < *timeout) {
        return static_cast<int>(action.function->timeout_seconds);
    }
    return *timeout;
}

BlastRadius blast_radius(const BlastInputs& inputs, ConcurrencyLimit limit, TimeWindow window) {
    BlastRadius radius{std::move(limit), window, k_peak_bucket_ms, {}};
    if (!inputs.peaks->empty()) {
        radius.bucket_ms = inputs.peaks->begin()->second.bucket_ms;
    }
    std::set<std::string> chosen;
    if (inputs.only) {
        for (const LiveAction& action : *inputs.live) {
            if (std::count(inputs.only->begin(), inputs.only->end(), action.id) != 0) {
                chosen.insert(backend_of(action));
            }
        }
    }
    std::map<std::string, HostLoad> hosts;
    std::map<std::string, std::pair<double, double>> sums;  // exact, before and after
    for (const LiveAction& action : *inputs.live) {
        const std::string host = backend_of(action);
        if (action.is_static() || (inputs.only && chosen.count(host) == 0)) {
            continue;
        }
        HostShare share = share_of(action, inputs);
        if (share.peak.executions == 0 && !share.changed()) {
            continue;
        }
        HostLoad& load = hosts[host];
        load.host = host;
        sums[host].first += share.slots_before;
        sums[host].second += share.slots_after;
        load.in_use += share.peak.in_use();
        load.actions.push_back(std::move(share));
    }
    for (auto& [name, load] : hosts) {
        load.worst_before = rounded_up_slots(sums[name].first);
        load.worst_after = rounded_up_slots(sums[name].second);
        std::stable_sort(
            load.actions.begin(), load.actions.end(), [](const HostShare& a, const HostShare& b) {
                return std::tie(b.slots_after, a.name) < std::tie(a.slots_after, b.name);
            });
        radius.hosts.push_back(std::move(load));
    }
    std::stable_sort(
        radius.hosts.begin(), radius.hosts.end(),
        [](const HostLoad& a, const HostLoad& b) { return b.worst_after < a.worst_after; });
    return radius;
}

}  // namespace dactl
