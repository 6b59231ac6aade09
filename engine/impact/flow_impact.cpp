#include "engine/impact/flow_impact.h"

#include <algorithm>
#include <mutex>

#include "engine/util/parallel.h"

namespace dactl {

const CallingFlows* FlowImpact::flows_of(const std::string& address) const {
    auto found = by_address.find(address);
    return found == by_address.end() ? nullptr : &found->second;
}

FlowImpact read_flows(FlowDependencies& dependencies, const std::vector<FlowQuery>& queries,
                      ImpactChoice choice, int parallelism) {
    FlowImpact impact;
    impact.changed = queries.size();
    if (choice == ImpactChoice::none || queries.empty()) {
        return impact;
    }
    if (choice == ImpactChoice::usual && queries.size() > k_flow_listing_limit) {
        impact.listing = FlowListing::over_limit;
        return impact;
    }
    std::vector<Result<CallingFlows>> found(queries.size(), CallingFlows{});
    parallel_for(queries.size(), parallelism, [&](std::size_t i) {
        found[i] = dependencies.flows_calling(queries[i].id, queries[i].secure);
    });
    impact.listing = FlowListing::listed;
    for (std::size_t i = 0; i < found.size(); ++i) {
        if (!found[i]) {
            impact.listing = found[i].error().kind == ErrorKind::forbidden ? FlowListing::forbidden
                                                                           : FlowListing::failed;
            impact.error = found[i].error().describe();
            impact.by_address.clear();
            return impact;
        }
        impact.changes_timeouts =
            impact.changes_timeouts || (!found[i]->flows.empty() && queries[i].timeout_changes);
        impact.by_address.emplace(queries[i].key, std::move(found[i]).value());
    }
    return impact;
}

FlowImpact flow_impact(FlowDependencies& dependencies, const Plan& plan,
                       const std::map<std::string, LiveAction>& bases, ImpactChoice choice,
                       int parallelism) {
    std::vector<FlowQuery> queries;
    queries.reserve(plan.changes.size());
    for (const ActionChange& change : plan.changes) {
        auto base = bases.find(change.id);
        queries.push_back(
            {change.address, change.id, base != bases.end() && base->second.secure,
             std::any_of(change.fields.begin(), change.fields.end(),
                         [](const FieldChange& f) { return f.field == Field::timeout_seconds; })});
    }
    return read_flows(dependencies, queries, choice, parallelism);
}

std::map<std::string, int> planned_timeouts(const Plan& plan) {
    std::map<std::string, int> timeouts;
    for (const ActionChange& change : plan.changes) {
        for (const FieldChange& field : change.fields) {
            if (field.field == Field::timeout_seconds && field.after.is_integer()) {
                timeouts[change.id] = static_cast<int>(field.after.as_integer());
            }
        }
    }
    return timeouts;
}

void weigh_timeouts(FlowImpact& impact, const Plan& plan, const BlastSources& sources,
                    ImpactChoice choice) {
    std::map<std::string, int> after = planned_timeouts(plan);
    if (choice == ImpactChoice::none || after.empty()) {
        return;
    }
    const TimeWindow window = peak_window(sources.now_ms);
    // The finest buckets the service gives (its maximum count is unconfirmed).
    std::size_t coarser = 0;
    Result<std::vector<AggregateGroup>> groups =
        sources.analytics->query_action_aggregates(peak_query(window, k_peak_granularities[0]));
    while (!groups && groups.error().kind == ErrorKind::granularity_refused &&
           coarser + 1 < std::size(k_peak_granularities)) {
        ++coarser;
        groups = sources.analytics->query_action_aggregates(
            peak_query(window, k_peak_granularities[coarser]));
    }
    if (!groups) {
        impact.blast_reading = BlastReading::failed;
        impact.blast_error = groups.error().kind == ErrorKind::forbidden
                                 ? "the OAuth client may not read the analytics (it needs "
                                   "integrations:action:view and the scope analytics)"
                                 : groups.error().describe();
        return;
    }
    Peaks peaks;
    add_peaks(peaks, *groups, k_peak_granularities[coarser].bucket_ms);
    BlastInputs inputs{sources.live, &peaks, after, {}, std::vector<std::string>{}};
    for (const ActionChange& change : plan.changes) {
        inputs.addresses[change.id] = change.address;
        if (after.count(change.id) != 0) {
            inputs.only->push_back(change.id);
        }
    }
    impact.blast = blast_radius(inputs, {}, window);
    impact.blast->bucket_ms = k_peak_granularities[coarser].bucket_ms;
    settle_limit(*impact.blast, *sources.org, sources.configured_limit);
    impact.blast_reading = BlastReading::shown;
}

std::string flow_type_words(const std::string& type) {
    static const std::map<std::string, std::string> words = {
        {"INBOUNDCALLFLOW", "inbound call flow"},
        {"INQUEUECALLFLOW", "in-queue call flow"},
        {"OUTBOUNDCALLFLOW", "outbound call flow"},
        {"SECURECALLFLOW", "secure call flow"},
        {"INBOUNDCHATFLOW", "inbound chat flow"},
        {"INBOUNDEMAILFLOW", "inbound email flow"},
        {"INBOUNDSHORTMESSAGEFLOW", "inbound message flow"},
        {"INQUEUEEMAILFLOW", "in-queue email flow"},
        {"INQUEUESHORTMESSAGEFLOW", "in-queue message flow"},
        {"BOTFLOW", "bot flow"},
        {"DIGITALBOTFLOW", "digital bot flow"},
        {"VOICEMAILFLOW", "voicemail flow"},
        {"WORKFLOW", "workflow"},
        {"COMMONMODULEFLOW", "common module"},
        {"SURVEYINVITEFLOW", "survey invite flow"},
        {"WORKITEMFLOW", "work item flow"},
    };
    auto found = words.find(type);
    if (found != words.end()) {
        return found->second;
    }
    std::string lower = type;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

}  // namespace dactl
