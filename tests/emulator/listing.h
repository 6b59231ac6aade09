#pragma once
// GET /api/v2/integrations/actions: its query parameters, filters, order and
// the ActionEntityListing envelope.

#include <optional>
#include <string>
#include <vector>

#include "engine/util/result.h"
#include "tests/emulator/action_shape.h"
#include "tests/emulator/url_encoding.h"

namespace dactl::emulator {

enum class SortOrder { ascending, descending };

struct ListQuery {
    int page_size = 25;
    int page_number = 1;
    std::optional<std::string> name;              ///< partial match, case-insensitive
    std::optional<std::string> category;          ///< exact match
    std::optional<std::vector<std::string>> ids;  ///< at most 50
    std::optional<bool> secure;
    bool include_auth_actions = false;
    bool include_config = false;
    std::optional<std::string> sort_by;  ///< name, category, id, integrationId or version
    SortOrder sort_order = SortOrder::ascending;
    QueryParameters other_parameters;  ///< everything but the page, kept for the URIs
};

/// The list query of a request's parameters. Fails with 400
/// "invalid.query.param.value" naming the parameter: pageSize not 1-100, pageNumber
/// not >= 1, more than 50 ids, a boolean not true/false, an unknown sortBy or sortOrder.
Result<ListQuery> parse_list_query(const QueryParameters& parameters);

/// The ActionEntityListing of `actions` (in stored order) for `query`: filtered,
/// sorted, one page of entities (config only when asked, never the contract) and the
/// envelope with total, pageCount and the first/self/next/previous/last URIs.
Json list_actions(const std::vector<ActionEntry>& actions, const ListQuery& query,
                  TemplateForm templates);

}  // namespace dactl::emulator
