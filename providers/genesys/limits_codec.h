#pragma once
// The org's limits of one namespace: a LimitsEntityListing {entities: [Limit
// {key, namespace, value}]}.

#include <cstdint>
#include <optional>
#include <string_view>

#include "engine/util/result.h"

namespace dactl::genesys {

/// The value of the limit `key`; none when the listing does not hold it. Fails
/// with ErrorKind::invalid_response when there is no entities array or the
/// limit's value is not a whole number.
Result<std::optional<std::int64_t>> decode_limit(std::string_view json, std::string_view key);

}  // namespace dactl::genesys
