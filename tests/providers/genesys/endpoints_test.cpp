#include "providers/genesys/endpoints.h"

#include <map>

#include <catch2/catch.hpp>

using namespace dactl;
using namespace dactl::genesys;

namespace {

Endpoints resolved(EndpointInputs inputs) {
    Result<Endpoints> endpoints = resolve_endpoints(inputs);
    REQUIRE(endpoints.ok());
    return *endpoints;
}

std::string refused(EndpointInputs inputs) {
    Result<Endpoints> endpoints = resolve_endpoints(inputs);
    REQUIRE_FALSE(endpoints.ok());
    CHECK(endpoints.error().kind == ErrorKind::invalid_input);
    CHECK(endpoints.error().message.find('\n') == std::string::npos);
    return endpoints.error().message;
}

EndpointInputs api(std::string url) {
    return {std::move(url), std::nullopt, std::nullopt};
}

}  // namespace

TEST_CASE("every region of the facts file resolves by key and by domain", "[endpoints]") {
    const std::map<std::string, std::string> facts = {
        {"us_east_1", "mypurecloud.com"},         {"ap_northeast_2", "apne2.pure.cloud"},
        {"eu_west_1", "mypurecloud.ie"},          {"eu_west_2", "euw2.pure.cloud"},
        {"ap_southeast_2", "mypurecloud.com.au"}, {"ap_south_1", "aps1.pure.cloud"},
        {"ap_northeast_1", "mypurecloud.jp"},     {"us_east_2", "use2.us-gov-pure.cloud"},
        {"eu_central_1", "mypurecloud.de"},       {"sa_east_1", "sae1.pure.cloud"},
        {"us_west_2", "usw2.pure.cloud"},         {"me_central_1", "mec1.pure.cloud"},
        {"ca_central_1", "cac1.pure.cloud"},      {"ap_northeast_3", "apne3.pure.cloud"},
        {"eu_central_2", "euc2.pure.cloud"},      {"mx_central_1", "mxc1.pure.cloud"},
        {"ap_southeast_1", "apse1.pure.cloud"},   {"eusc_de_east_1", "edee1.eusc-pure.cloud"},
    };
    CHECK(all_regions().size() == facts.size());
    for (const auto& [key, domain] : facts) {
        INFO(key);
        std::string hyphens = key;
        std::replace(hyphens.begin(), hyphens.end(), '_', '-');
        std::string upper = hyphens;
        std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
        for (const std::string& written : {key, hyphens, upper, domain}) {
            const Endpoints endpoints = resolved({std::nullopt, std::nullopt, written});
            CHECK(endpoints.api_base == "https://api." + domain);
            CHECK(endpoints.login_base == "https://login." + domain);
        }
    }
}

TEST_CASE("an unknown region lists the valid keys", "[endpoints]") {
    CHECK(refused({std::nullopt, std::nullopt, "us-east-9"}) ==
          "unknown region \"us-east-9\"; did you mean us-east-1? Use one of us-east-1, eu-west-1, "
          "ap-southeast-2, "
          "ap-northeast-1, eu-central-1, us-west-2, ca-central-1, eu-central-2, ap-southeast-1, "
          "ap-northeast-2, eu-west-2, ap-south-1, us-east-2, sa-east-1, me-central-1, "
          "ap-northeast-3, mx-central-1, eusc-de-east-1, or a region's domain such as "
          "mypurecloud.com");
}

TEST_CASE("a region typo gets the closest region", "[endpoints]") {
    CHECK(refused({std::nullopt, std::nullopt, "eu-west1"})
              .starts_with(
                  "unknown region \"eu-west1\"; did you mean eu-west-1? Use one of us-east-1,"));
    CHECK(refused({std::nullopt, std::nullopt, "Mars"})
              .starts_with("unknown region \"Mars\": use one of us-east-1,"));
}

TEST_CASE("without region or API URL there is nothing to connect to", "[endpoints]") {
    const std::string message =
        "no region: set GENESYSCLOUD_REGION or region in dactl.toml (or DACTL_API_URL)";
    CHECK(refused({}) == message);
    CHECK(refused({"", "", ""}) == message);
}

TEST_CASE("DACTL_API_URL wins over the region and derives the login URL", "[endpoints]") {
    Endpoints endpoints = resolved({"https://api.example.com/", std::nullopt, "us-east-1"});
    CHECK(endpoints.api_base == "https://api.example.com");
    CHECK(endpoints.login_base == "https://login.example.com");
    endpoints = resolved(api("https://API.proxy.example.com:8443/genesys//"));
    CHECK(endpoints.api_base == "https://API.proxy.example.com:8443/genesys");
    CHECK(endpoints.login_base == "https://login.proxy.example.com:8443/genesys");
    endpoints = resolved(api("https://gateway.example.com"));
    CHECK(endpoints.login_base == "https://gateway.example.com");
    endpoints = resolved(api("https://apix.example.com"));
    CHECK(endpoints.login_base == "https://apix.example.com");
}

TEST_CASE("DACTL_LOGIN_URL overrides the derived login URL", "[endpoints]") {
    Endpoints endpoints =
        resolved({"http://127.0.0.1:8080", "http://localhost:9090/", std::nullopt});
    CHECK(endpoints.api_base == "http://127.0.0.1:8080");
    CHECK(endpoints.login_base == "http://localhost:9090");
    endpoints = resolved({std::nullopt, "https://login.example.com", "eu-west-1"});
    CHECK(endpoints.api_base == "https://api.mypurecloud.ie");
    CHECK(endpoints.login_base == "https://login.example.com");
}

TEST_CASE("plain http is allowed only for loopback hosts", "[endpoints]") {
    for (const std::string url : {"http://127.0.0.1:4000", "http://127.1.2.3", "http://localhost:1",
                                  "http://LOCALHOST", "http://[::1]:8080", "http://[::1]"}) {
        INFO(url);
        CHECK(resolved(api(url)).api_base == url);
    }
    CHECK(refused(api("http://api.example.com")) ==
          "DACTL_API_URL uses plain http:// to api.example.com: use https:// (plain http is "
          "allowed only for localhost, 127.0.0.0/8 and ::1)");
    CHECK(refused(api("http://128.0.0.1:80")) ==
          "DACTL_API_URL uses plain http:// to 128.0.0.1: use https:// (plain http is allowed "
          "only for localhost, 127.0.0.0/8 and ::1)");
    CHECK(refused(api("http://127.0.0.1.evil.example")) ==
          "DACTL_API_URL uses plain http:// to 127.0.0.1.evil.example: use https:// (plain http "
          "is allowed only for localhost, 127.0.0.0/8 and ::1)");
    CHECK(refused(api("http://[::2]:80")) ==
          "DACTL_API_URL uses plain http:// to [::2]: use https:// (plain http is allowed only "
          "for localhost, 127.0.0.0/8 and ::1)");
    CHECK(refused({"https://api.example.com", "http://login.example.com", std::nullopt}) ==
          "DACTL_LOGIN_URL uses plain http:// to login.example.com: use https:// (plain http is "
          "allowed only for localhost, 127.0.0.0/8 and ::1)");
    // The derived login URL of a loopback API URL is loopback too.
    CHECK(resolved(api("http://localhost:5")).login_base == "http://localhost:5");
}

TEST_CASE("malformed base URLs are refused", "[endpoints]") {
    CHECK(refused(api("api.example.com")) ==
          "DACTL_API_URL must start with https:// (it is \"api.example.com\")");
    CHECK(refused(api("ftp://api.example.com")) ==
          "DACTL_API_URL must start with https:// (it is \"ftp://api.example.com\")");
    CHECK(refused(api("https://")) == "DACTL_API_URL has no host (it is \"https://\")");
    CHECK(refused(api("https://:443/x")) == "DACTL_API_URL has no host (it is \"https://:443/x\")");
    CHECK(refused(api("https://api.example.com/?x=1")) ==
          "DACTL_API_URL must be a base URL without a query or fragment (it is "
          "\"https://api.example.com/?x=1\")");
    CHECK(refused(api("https://user:pw@api.example.com")) ==
          "DACTL_API_URL must not contain user information; credentials come from "
          "GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET");
}

TEST_CASE("credentials come from both variables", "[endpoints]") {
    std::map<std::string, std::string> environment = {
        {"GENESYSCLOUD_OAUTHCLIENT_ID", "id-1"}, {"GENESYSCLOUD_OAUTHCLIENT_SECRET", "s3cret-99"}};
    const auto getenv = [&](const char* name) -> std::optional<std::string> {
        auto found = environment.find(name);
        return found == environment.end() ? std::nullopt : std::optional(found->second);
    };
    Result<Credentials> credentials = credentials_from(getenv);
    REQUIRE(credentials.ok());
    CHECK(credentials->client_id == "id-1");
    CHECK(credentials->client_secret == "s3cret-99");
    for (const auto& [secret, count] :
         {std::pair<std::string, std::string>{"s", "1 character"}, {"s3cret7", "7 characters"}}) {
        environment["GENESYSCLOUD_OAUTHCLIENT_SECRET"] = secret;
        Result<Credentials> short_one = credentials_from(getenv);
        REQUIRE_FALSE(short_one.ok());
        CHECK(short_one.error().message ==
              "GENESYSCLOUD_OAUTHCLIENT_SECRET holds " + count +
                  ", too few for an OAuth client's secret (at least 8); set it to the client's "
                  "secret from Admin > OAuth");
    }
    environment["GENESYSCLOUD_OAUTHCLIENT_SECRET"] = "s3cret-99";

    const std::string message =
        "missing credentials: set GENESYSCLOUD_OAUTHCLIENT_ID and "
        "GENESYSCLOUD_OAUTHCLIENT_SECRET to an OAuth client-credentials grant";
    for (const char* gone : {"GENESYSCLOUD_OAUTHCLIENT_ID", "GENESYSCLOUD_OAUTHCLIENT_SECRET"}) {
        auto saved = environment;
        environment.erase(gone);
        Result<Credentials> missing = credentials_from(getenv);
        REQUIRE_FALSE(missing.ok());
        CHECK(missing.error().kind == ErrorKind::invalid_input);
        CHECK(missing.error().message == message);
        environment = saved;
        environment[gone] = "";
        Result<Credentials> empty = credentials_from(getenv);
        REQUIRE_FALSE(empty.ok());
        CHECK(empty.error().message == message);
        environment = saved;
    }
}
