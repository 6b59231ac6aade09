#include "engine/render/recommendation_render.h"
#include "engine/util/time_text.h"

namespace dactl {

std::vector<std::string> recommendation_notes(const Recommendation& recommendation) {
    if (!recommendation.floored) {
        return {};
    }
    return {"p99 x headroom asks for " + std::to_string(recommendation.asked) +
            " s; the floor of " + std::to_string(recommendation.floor) +
            " s decided (--min-timeout)"};
}

std::vector<std::string> recommendation_warnings(const Recommendation& recommendation) {
    std::vector<std::string> warnings;
    if (recommendation.beyond_ceiling) {
        warnings.push_back("the p99 latency (" +
                           std::string(recommendation.at_least ? "at least " : "") +
                           seconds_text(recommendation.p99) +
                           ") with headroom exceeds 60 s, the longest timeout allowed: this "
                           "back-end needs an asynchronous design, not a bigger timeout");
    }
    if (recommendation.timeouts > 0) {
        const int current = recommendation.current_timeout;
        warnings.push_back(std::to_string(recommendation.timeouts) + " of " +
                           std::to_string(recommendation.samples) +
                           " samples timed out at the current timeout of " +
                           std::to_string(current) + " s, so the latency is at least that" +
                           (current < 60 ? "; measure it with --via-draft" : ""));
    }
    return warnings;
}

}  // namespace dactl
