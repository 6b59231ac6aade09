#include "engine/impact/flow_impact.h"
#include "engine/json/json_writer.h"
#include "engine/plan/plan_codec.h"
#include "engine/render/impact_render.h"

namespace dactl {

namespace {

constexpr std::size_t k_flows_named = 10;

std::string listing_name(FlowListing listing) {
    switch (listing) {
        case FlowListing::listed:
            return "listed";
        case FlowListing::off:
            return "off";
        case FlowListing::over_limit:
            return "over_limit";
        case FlowListing::forbidden:
            return "forbidden";
        case FlowListing::failed:
            return "failed";
    }
    return "off";
}

}  // namespace

std::string flow_line(const CallingFlows& found) {
    const std::size_t count = found.flows.size();
    if (count == 0) {
        return found.incomplete ? "called by no published flow found so far (the list may be "
                                  "incomplete)"
                                : "called by no published flow";
    }
    std::string line = std::string("called by ") + (found.incomplete ? "at least " : "") +
                       std::to_string(count) +
                       (count == 1 ? " published flow: " : " published flows: ");
    for (std::size_t i = 0; i < count && i < k_flows_named; ++i) {
        line += (i == 0 ? "" : ", ") + found.flows[i].name + " (" +
                flow_type_words(found.flows[i].type) + ")";
    }
    if (count > k_flows_named) {
        line += " and " + std::to_string(count - k_flows_named) + " more";
    }
    return line;
}

std::vector<std::string> impact_notes(const FlowImpact& impact) {
    std::vector<std::string> notes;
    switch (impact.listing) {
        case FlowListing::listed: {
            bool incomplete = false;
            for (const auto& [address, flows] : impact.by_address) {
                incomplete = incomplete || flows.incomplete;
            }
            if (incomplete) {
                notes.emplace_back(
                    "The flows listed may be incomplete: Architect's dependency data is being "
                    "rebuilt (HTTP 206); an admin with architect:dependencyTracking:rebuild can "
                    "rebuild it in Architect.");
            }
            if (impact.changes_timeouts) {
                notes.emplace_back(
                    "A flow whose Call Data Action unticks \"Use action's suggested timeout\" "
                    "waits "
                    "its own time: a longer action timeout does not help that flow.");
            }
            break;
        }
        case FlowListing::over_limit:
            notes.emplace_back(
                "Flows not listed: " + std::to_string(impact.changed) +
                (impact.recommendations ? " actions are reported" : " actions change") +
                " (more than " + std::to_string(k_flow_listing_limit) + "); " +
                (impact.recommendations ? "dactl insights" : "dactl plan") +
                " --impact all lists them (one request per action).");
            break;
        case FlowListing::forbidden:
            notes.emplace_back(
                "Flows not shown: the OAuth client may not read Architect dependency tracking (it "
                "needs architect:dependencyTracking:view).");
            break;
        case FlowListing::failed:
            notes.emplace_back("Flows not shown: " + impact.error + ".");
            break;
        case FlowListing::off:
            break;
    }
    if (impact.blast) {
        for (const NoteLine& note : blast_notes(*impact.blast, impact.recommendations)) {
            notes.push_back(note.plain());
        }
    } else if (impact.blast_reading == BlastReading::failed) {
        notes.push_back("Blast radius not shown: " + impact.blast_error + ".");
    }
    return notes;
}

void write_flow_impact(JsonWriter& json, const FlowImpact& impact) {
    json.key("impact");
    json.begin_object();
    json.member("flows", listing_name(impact.listing));
    if (!impact.error.empty()) {
        json.member("error", impact.error);
    }
    json.key("actions");
    write_calling_flows(json, impact.by_address);
    if (impact.blast) {
        write_blast_radius(json, *impact.blast);
    } else if (impact.blast_reading == BlastReading::failed) {
        json.member("blast_radius_error", impact.blast_error);
    }
    json.end_object();
}

}  // namespace dactl
