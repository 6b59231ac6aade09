#include "cmd/connect.h"

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <mutex>

#include "providers/genesys/api_tuning.h"
#include "providers/genesys/endpoints.h"
#include "providers/genesys/genesys_provider.h"
#include "providers/http/curl_transport.h"

namespace dactl::cli {

Diagnostics check_endpoint_settings(const Settings& settings) {
    Diagnostics found;
    const auto check = [&](const genesys::EndpointInputs& inputs, const SourcePosition& where) {
        if (Result<genesys::Endpoints> endpoints = genesys::resolve_endpoints(inputs); !endpoints) {
            std::string message = endpoints.error().message;
            if (!message.starts_with(inputs.api_url_name)) {
                message = inputs.api_url_name + ": " + message;  // "env.prod.region: unknown ..."
            }
            found.add(Diagnostic{Severity::error, where, message, {}, {}});
        }
    };
    if (settings.region) {
        check({std::nullopt, std::nullopt, settings.region, "region"}, settings.region_where);
    }
    for (const EnvironmentSettings& environment : settings.environments) {
        const std::string prefix = "env." + environment.name + ".";
        if (environment.region) {
            check({std::nullopt, std::nullopt, environment.region, prefix + "region"},
                  environment.region_where);
        }
        if (environment.api_url) {
            check({environment.api_url, std::nullopt, std::nullopt, prefix + "api_url"},
                  environment.api_url_where);
        }
    }
    return found;
}

Result<double> api_time_scale(const Environment& environment) {
    const std::optional<std::string> given = environment("DACTL_API_TIME_SCALE");
    if (!given) {
        return 1.0;
    }
    char* end = nullptr;
    const double scale = std::strtod(given->c_str(), &end);
    if (given->empty() || *end != '\0' || !std::isfinite(scale) || scale < 0.001 || scale > 1000) {
        return make_error(
            ErrorKind::invalid_input,
            "DACTL_API_TIME_SCALE must be a number from 0.001 to 1000, not " + *given);
    }
    return scale;
}

Result<std::unique_ptr<Provider>> connect_genesys(const ConnectionOptions& options,
                                                  const Environment& environment) {
    const EnvironmentSettings* chosen =
        options.project != nullptr ? options.project->chosen_environment() : nullptr;
    Result<genesys::Credentials> credentials =
        chosen != nullptr ? genesys::credentials_from(environment, chosen->client_id_variable(),
                                                      chosen->client_secret_variable())
                          : genesys::credentials_from(environment);
    if (!credentials) {
        if (chosen != nullptr) {
            Error error = credentials.error();
            error.message = "environment " + chosen->name + ": " + error.message;
            return error;
        }
        return credentials.error();
    }
    genesys::EndpointInputs inputs;
    if (chosen != nullptr && (chosen->api_url || chosen->region)) {
        // The environment says where its org is; the variables that say it for
        // a project without environments would send every environment there.
        inputs.api_url = chosen->api_url;
        inputs.api_url_name = "env." + chosen->name + ".api_url";
        inputs.region = chosen->region;
    } else {
        inputs.api_url = environment("DACTL_API_URL");
        inputs.login_url = environment("DACTL_LOGIN_URL");
        inputs.region = environment("GENESYSCLOUD_REGION");
    }
    if ((!inputs.region || inputs.region->empty()) && options.project != nullptr) {
        inputs.region = options.project->settings.region;
    }
    Result<genesys::Endpoints> endpoints = genesys::resolve_endpoints(inputs);
    if (!endpoints) {
        return endpoints.error();
    }
    // dactl.toml's [api] table: timeouts, CA bundle, attempts and the request
    // budget that one pacer keeps for every request of the run.
    const genesys::ApiTuning tuning =
        options.project != nullptr
            ? genesys::api_tuning(options.project->settings.api, options.project->directory)
            : genesys::api_tuning({}, {});
    Result<double> time_scale = api_time_scale(environment);
    if (!time_scale) {
        return time_scale.error();
    }
    genesys::ClientOptions client;
    client.max_attempts = tuning.max_attempts;
    client.interrupted = options.interrupted;
    client.redactor = options.redactor;
    client.tokens = tuning.tokens;
    client.time_scale = *time_scale;
    client.pacer = std::make_shared<genesys::RequestPacer>(
        tuning.requests_per_minute, genesys::RequestPacer::Hooks{},
        std::chrono::duration_cast<std::chrono::steady_clock::duration>(
            std::chrono::duration<double>(genesys::k_paced_window) * *time_scale),
        tuning.client_requests_per_minute);
    if (options.verbose) {
        client.log = [redactor = options.redactor](std::string_view line) {
            static std::mutex mutex;
            std::lock_guard<std::mutex> lock(mutex);
            std::cerr << "dactl: " << (redactor ? redactor->redact(line) : std::string(line))
                      << "\n";
        };
    }
    auto transport = std::make_unique<http::CurlTransport>(tuning.transport);
    return genesys::make_genesys_provider(std::move(transport), std::move(endpoints).value(),
                                          std::move(credentials).value(), client,
                                          options.parallelism);
}

}  // namespace dactl::cli
