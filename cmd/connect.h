#pragma once
// The real ProviderFactory: credentials and endpoints from the environment and
// dactl.toml, a curl transport, the Genesys client and provider.

#include "cmd/context.h"

namespace dactl::cli {

/// Builds the Genesys Cloud provider. Fails, with one line naming what to set,
/// when credentials are missing or the region or API URL is not usable.
Result<std::unique_ptr<Provider>> connect_genesys(const ConnectionOptions& options,
                                                  const Environment& environment);

}  // namespace dactl::cli
