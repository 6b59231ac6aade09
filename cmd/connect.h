#pragma once
// The real ProviderFactory: credentials and endpoints from the environment and
// dactl.toml, a curl transport, the Genesys client and provider.

#include "cmd/context.h"

namespace dactl::cli {

/// Builds the Genesys Cloud provider. Fails, with one line naming what to set,
/// when credentials are missing or the region or API URL is not usable.
Result<std::unique_ptr<Provider>> connect_genesys(const ConnectionOptions& options,
                                                  const Environment& environment);

/// DACTL_API_TIME_SCALE: real seconds per second of the API's clock, for runs
/// against an emulator whose time is scaled (its rateTimeScale): the pacer's
/// windows and Retry-After waits are multiplied by it. 1 when unset; an error
/// naming the variable when it is not a number from 0.001 to 1000.
Result<double> api_time_scale(const Environment& environment);

/// The region and api_url settings of dactl.toml (top level and each
/// [env.<name>]) read as a connection would read them: an error at the value's
/// line and column for each one no connection could use (an unknown region,
/// a URL that is not https://), so validate finds the typo, not the first run.
Diagnostics check_endpoint_settings(const Settings& settings);

}  // namespace dactl::cli
