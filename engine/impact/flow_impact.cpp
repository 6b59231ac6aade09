#include "engine/impact/flow_impact.h"

#include <algorithm>
#include <mutex>

#include "engine/util/parallel.h"

namespace dactl {

const CallingFlows* FlowImpact::flows_of(const std::string& address) const {
    auto found = by_address.find(address);
    return found == by_address.end() ? nullptr : &found->second;
}

FlowImpact flow_impact(FlowDependencies& dependencies, const Plan& plan,
                       const std::map<std::string, LiveAction>& bases, ImpactChoice choice,
                       int parallelism) {
    FlowImpact impact;
    impact.changed = plan.changes.size();
    if (choice == ImpactChoice::none || plan.changes.empty()) {
        return impact;
    }
    if (choice == ImpactChoice::usual && plan.changes.size() > k_flow_listing_limit) {
        impact.listing = FlowListing::over_limit;
        return impact;
    }
    std::vector<Result<CallingFlows>> found(plan.changes.size(), CallingFlows{});
    parallel_for(plan.changes.size(), parallelism, [&](std::size_t i) {
        const ActionChange& change = plan.changes[i];
        auto base = bases.find(change.id);
        found[i] =
            dependencies.flows_calling(change.id, base != bases.end() && base->second.secure);
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
        const ActionChange& change = plan.changes[i];
        impact.changes_timeouts =
            impact.changes_timeouts ||
            (!found[i]->flows.empty() &&
             std::any_of(change.fields.begin(), change.fields.end(),
                         [](const FieldChange& f) { return f.field == Field::timeout_seconds; }));
        impact.by_address.emplace(change.address, std::move(found[i]).value());
    }
    return impact;
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
