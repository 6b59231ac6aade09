#pragma once
// How dactl talks to the API, from the `[api]` table of dactl.toml: the
// transport's timeouts and CA bundle, the attempts per request and the request
// budget, each with its default where the table leaves it out.

#include <filesystem>

#include "engine/model/project.h"
#include "providers/http/curl_transport.h"

namespace dactl::genesys {

struct ApiTuning {
    http::CurlOptions transport;                ///< connect and whole-exchange timeouts, CA bundle
    int max_attempts = k_default_max_attempts;  ///< per request, the first included
    int requests_per_minute = 300;              ///< per token
    int client_requests_per_minute = 3000;      ///< across the pool's tokens
    int tokens = 10;                            ///< the pool's most
};

/// The tuning `api` asks for: connect_timeout_seconds (default 10),
/// request_timeout_seconds (default 60), max_attempts (default 5),
/// requests_per_minute (per token, default 300), client_requests_per_minute (default
/// 3000), tokens (default 10), and ca_bundle resolved against
/// `project_directory` (an absolute path stays as it is; unset: the system's
/// CA store). Never fails: the loader has checked the values.
ApiTuning api_tuning(const ApiSettings& api, const std::filesystem::path& project_directory);

}  // namespace dactl::genesys
