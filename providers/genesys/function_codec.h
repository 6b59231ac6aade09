#pragma once
// The API's shapes for function data actions: the integrations listing (which
// integrations run a function), FunctionConfig (the function of an action or of
// its draft) and the Function a draft's PUT takes.

#include <string>
#include <string_view>
#include <vector>

#include "engine/model/function_setup.h"
#include "engine/util/result.h"
#include "providers/genesys/paging.h"

namespace dactl::genesys {

/// The integration type whose actions run a function.
inline constexpr std::string_view k_function_integration_type = "function-data-actions";

/// How messages name the integrations listing.
inline const Listing k_integration_listing{"the integrations list", "integrations"};

/// One page of GET /api/v2/integrations.
struct IntegrationPage {
    PageFacts facts;                        ///< ids: every integration on the page
    std::vector<std::string> function_ids;  ///< integrations of type function-data-actions
};

/// Decodes one page: entities with `id` and `integrationType.id`, and the
/// page's facts (read_page_facts). An answer that is not such a page, or names
/// an integration without its type (whose actions dactl could not tell apart),
/// is ErrorKind::invalid_response.
Result<IntegrationPage> decode_integration_page(std::string_view json);

/// Decodes a FunctionConfig, {"function": {...}}: the function's timeout (absent:
/// 15), description, handler and runtime. ErrorKind::invalid_response when it
/// has no function object, or a timeoutSeconds that is not 1-15.
/// With `owner`, an answer whose `id` names another action is refused too (a
/// read-back of the wrong action must not be taken for this one's).
Result<FunctionSetup> decode_function_config(std::string_view json, const std::string& owner = "");

/// The Function body of PUT .../draft/function: description, handler, runtime
/// and timeoutSeconds; never the zip.
std::string encode_function(const FunctionSetup& function);

}  // namespace dactl::genesys
