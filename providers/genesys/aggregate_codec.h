#pragma once
// The body of POST /api/v2/analytics/actions/aggregates/query and its answer
// (ActionAggregationQuery, ActionAggregateQueryResponse).

#include <string>
#include <string_view>
#include <vector>

#include "engine/model/execution_stats.h"
#include "engine/util/result.h"

namespace dactl::genesys {

/// The query as JSON: interval, metrics ["tTotalExecution"], groupBy, the
/// filter "actionId exists", and the granularity when given.
std::string encode_aggregate_query(const AggregateQuery& query);

/// The groups of the answer, in its order; `{}` (no results) is none. Stats
/// numbers may be integers or decimals (rounded to whole milliseconds);
/// p95/p99 may be absent. Fails with ErrorKind::invalid_response naming what is
/// wrong when the body is not such an answer.
Result<std::vector<AggregateGroup>> decode_aggregates(std::string_view json);

}  // namespace dactl::genesys
