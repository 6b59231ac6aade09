#pragma once
// Where dactl talks to: the API and login base URLs for a region, or for the
// URLs given in DACTL_API_URL / DACTL_LOGIN_URL; and the OAuth client's
// credentials from the environment.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/util/result.h"

namespace dactl::genesys {

/// Base URLs, without a trailing slash: "https://api.mypurecloud.com".
struct Endpoints {
    std::string api_base;
    std::string login_base;
};

/// What the user gave; empty strings count as not given.
struct EndpointInputs {
    std::optional<std::string> api_url;          ///< DACTL_API_URL
    std::optional<std::string> login_url;        ///< DACTL_LOGIN_URL
    std::optional<std::string> region;           ///< GENESYSCLOUD_REGION, else dactl.toml's region
    std::string api_url_name = "DACTL_API_URL";  ///< where api_url was given, for errors
};

/// One region of Genesys Cloud.
struct Region {
    std::string_view key;     ///< "us_east_1"
    std::string_view domain;  ///< "mypurecloud.com"
};

/// Every region dactl knows, in the order of the facts file.
const std::vector<Region>& all_regions();

/// The base URLs to use. `api_url` wins over `region`; the login URL is
/// `login_url`, else derived from `api_url` (a leading "api." host label turned
/// into "login.", else the same base), else the region's. A region is a key
/// written with - or _ (any case) or its domain. Fails with
/// ErrorKind::invalid_input and a one-line message for an unknown region
/// (listing the valid keys), a URL that is not http(s) or has user
/// information, a query or a fragment, plain http:// to a host that is not
/// loopback (127.0.0.0/8, ::1, localhost), or neither region nor api_url.
Result<Endpoints> resolve_endpoints(const EndpointInputs& inputs);

/// The OAuth client-credentials grant's client.
struct Credentials {
    std::string client_id;
    std::string client_secret;
};

/// A shorter client secret is refused: it is not a real one, and hiding it in
/// the output would hide every word that holds it.
inline constexpr std::size_t k_shortest_secret = 8;

/// Reads the variables `id_variable` and `secret_variable` (by default
/// GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET) through
/// `getenv`. Fails with ErrorKind::invalid_input, one line naming both
/// variables, when either is unset or empty, and naming the secret's when it is
/// shorter than k_shortest_secret.
Result<Credentials> credentials_from(
    const std::function<std::optional<std::string>(const char*)>& getenv,
    const std::string& id_variable = "GENESYSCLOUD_OAUTHCLIENT_ID",
    const std::string& secret_variable = "GENESYSCLOUD_OAUTHCLIENT_SECRET");

}  // namespace dactl::genesys
