#pragma once
// ProviderFixture: a GenesysProvider over a FakeTransport that has answered the
// login already and never sleeps between retries, for tests of one capability's calls.

#include <chrono>

#include "providers/genesys/genesys_provider.h"
#include "tests/support/fake_transport.h"

namespace dactl::testing {

/// Client options whose retries do not wait.
inline genesys::ClientOptions quiet_client() {
    genesys::ClientOptions options;
    options.sleep = [](std::chrono::milliseconds) {};
    return options;
}

struct ProviderFixture {
    FakeTransport transport;
    genesys::GenesysClient client{
        transport, {"https://api", "https://login"}, {"id", "secret"}, quiet_client()};
    genesys::GenesysProvider provider{client};

    /// The login's answer queued first: the first request logs in.
    ProviderFixture() { transport.push(json_answer(200, R"({"access_token": "t"})")); }
};

}  // namespace dactl::testing
