#pragma once
// ActionAnalytics: the org's execution statistics of its data actions.

#include <vector>

#include "engine/model/execution_stats.h"
#include "engine/util/result.h"

namespace dactl {

class ActionAnalytics {
public:
    virtual ~ActionAnalytics() = default;

    /// The execution statistics of every action that ran in `query.interval`,
    /// grouped as asked (one request; a read, retried as one). An empty answer
    /// when nothing ran. Fails with the API's error: ErrorKind::forbidden
    /// without the permission, ErrorKind::interval_refused when the interval
    /// is longer than the service takes, ErrorKind::granularity_refused when
    /// the granularity makes more buckets than it gives.
    virtual Result<std::vector<AggregateGroup>> query_action_aggregates(
        const AggregateQuery& query) = 0;
};

}  // namespace dactl
