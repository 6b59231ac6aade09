#pragma once
// Dependency tracking's answers: a ConsumingResourcesEntityListing page of
// Dependency {id, name, version, type, ...}.

#include <string_view>

#include "engine/provider/flow_dependencies.h"
#include "engine/util/result.h"

namespace dactl::genesys {

/// One page: its flows, and pageNumber and pageCount.
struct FlowPage {
    std::vector<CallingFlow> flows;
    int page_number = 0;
    int page_count = 0;
};

/// Fails with ErrorKind::invalid_response when the page has no entities array,
/// an entity without an id or name, or no whole pageCount.
Result<FlowPage> decode_flow_page(std::string_view json);

}  // namespace dactl::genesys
