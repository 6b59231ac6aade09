#pragma once
// The API's shapes for function data actions: the integrations listing (which
// integrations run a function), FunctionConfig (the function of an action or of
// its draft) and the Function a draft's PUT takes.

#include <string>
#include <string_view>
#include <vector>

#include "engine/model/function_setup.h"
#include "engine/util/result.h"

namespace dactl::genesys {

/// The integration type whose actions run a function.
inline constexpr std::string_view k_function_integration_type = "function-data-actions";

/// One page of GET /api/v2/integrations.
struct IntegrationPage {
    std::vector<std::string> function_ids;  ///< integrations of type function-data-actions
    int page_count = 1;
};

/// Decodes one page: entities with `id` and `integrationType.id`. An answer
/// that is not such a page is ErrorKind::invalid_response.
Result<IntegrationPage> decode_integration_page(std::string_view json);

/// Decodes a FunctionConfig, {"function": {...}}: the function's timeout (absent:
/// 15), description, handler and runtime. ErrorKind::invalid_response when it
/// has no function object, or a timeoutSeconds that is not 1-15.
Result<FunctionSetup> decode_function_config(std::string_view json);

/// The Function body of PUT .../draft/function: description, handler, runtime
/// and timeoutSeconds; never the zip.
std::string encode_function(const FunctionSetup& function);

}  // namespace dactl::genesys
