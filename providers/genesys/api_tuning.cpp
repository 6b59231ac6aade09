#include "providers/genesys/api_tuning.h"

#include "providers/genesys/request_pacer.h"
#include "providers/genesys/token_pool.h"

namespace dactl::genesys {

ApiTuning api_tuning(const ApiSettings& api, const std::filesystem::path& project_directory) {
    ApiTuning tuning;
    tuning.requests_per_minute = api.requests_per_minute.value_or(k_default_requests_per_minute);
    tuning.client_requests_per_minute =
        api.client_requests_per_minute.value_or(k_default_client_requests_per_minute);
    tuning.tokens = api.tokens.value_or(k_default_tokens);
    tuning.max_attempts = api.attempts();
    if (api.connect_timeout_seconds) {
        tuning.transport.connect_timeout = std::chrono::seconds(*api.connect_timeout_seconds);
    }
    if (api.request_timeout_seconds) {
        tuning.transport.total_timeout = std::chrono::seconds(*api.request_timeout_seconds);
    }
    if (api.ca_bundle) {
        tuning.transport.ca_bundle = (project_directory / *api.ca_bundle).string();
    }
    return tuning;
}

}  // namespace dactl::genesys
