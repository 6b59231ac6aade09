#include "providers/genesys/endpoints.h"

#include <algorithm>
#include <arpa/inet.h>

#include "engine/text/suggest.h"
#include "engine/util/ascii.h"

namespace dactl::genesys {

namespace {

std::optional<std::string> given(const std::optional<std::string>& value) {
    if (value && !value->empty()) {
        return value;
    }
    return std::nullopt;
}

Error invalid(std::string message) {
    return make_error(ErrorKind::invalid_input, std::move(message));
}

// Loopback hosts: localhost, 127.0.0.0/8 and ::1 (written [::1] in a URL).
bool is_loopback(const std::string& host) {
    if (ascii_lower(host) == "localhost") {
        return true;
    }
    in_addr v4{};
    if (inet_pton(AF_INET, host.c_str(), &v4) == 1) {
        return (ntohl(v4.s_addr) >> 24) == 127;
    }
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
        in6_addr v6{};
        const std::string bare = host.substr(1, host.size() - 2);
        return inet_pton(AF_INET6, bare.c_str(), &v6) == 1 &&
               std::equal(std::begin(v6.s6_addr), std::end(v6.s6_addr),
                          std::begin(in6addr_loopback.s6_addr));
    }
    return false;
}

struct Url {
    std::string scheme;  ///< lower case
    std::string host;    ///< as written, [..] kept for IPv6
    std::string rest;    ///< ":port/path", no trailing slash
};

// Checks a base URL given in `variable` and splits it.
Result<Url> parse_base(std::string_view variable, const std::string& text) {
    const std::string name(variable);
    const std::size_t colon = text.find("://");
    Url url;
    url.scheme = ascii_lower(text.substr(0, colon));
    if (colon == std::string::npos || (url.scheme != "https" && url.scheme != "http")) {
        return invalid(name + " must start with https:// (it is \"" + text + "\")");
    }
    std::string after = text.substr(colon + 3);
    while (!after.empty() && after.back() == '/') {
        after.pop_back();
    }
    if (after.find_first_of("?#") != std::string::npos) {
        return invalid(name + " must be a base URL without a query or fragment (it is \"" + text +
                       "\")");
    }
    const std::string authority = after.substr(0, after.find('/'));
    if (authority.find('@') != std::string::npos) {
        return invalid(name +
                       " must not contain user information; credentials come from "
                       "GENESYSCLOUD_OAUTHCLIENT_ID and GENESYSCLOUD_OAUTHCLIENT_SECRET");
    }
    std::size_t host_end = authority.find(':');
    if (!authority.empty() && authority.front() == '[') {
        const std::size_t close = authority.find(']');
        host_end = close == std::string::npos ? close : close + 1;
    }
    url.host = authority.substr(0, host_end);
    url.rest = after.substr(url.host.size());
    if (url.host.empty()) {
        return invalid(name + " has no host (it is \"" + text + "\")");
    }
    if (url.scheme == "http" && !is_loopback(url.host)) {
        return invalid(name + " uses plain http:// to " + url.host +
                       ": use https:// (plain http is allowed only for localhost, 127.0.0.0/8 "
                       "and ::1)");
    }
    return url;
}

std::string joined(const Url& url) {
    return url.scheme + "://" + url.host + url.rest;
}

std::string key_list() {
    std::string list;
    for (const Region& region : all_regions()) {
        std::string key(region.key);
        std::replace(key.begin(), key.end(), '_', '-');
        list += (list.empty() ? "" : ", ") + key;
    }
    return list;
}

Result<Endpoints> region_endpoints(const std::string& written) {
    const std::string domain = ascii_lower(written);
    std::string key = domain;
    std::replace(key.begin(), key.end(), '-', '_');
    for (const Region& region : all_regions()) {
        if (key == region.key || domain == region.domain) {
            return Endpoints{"https://api." + std::string(region.domain),
                             "https://login." + std::string(region.domain)};
        }
    }
    std::vector<std::string> keys;
    for (const Region& region : all_regions()) {
        std::string dashed(region.key);
        std::replace(dashed.begin(), dashed.end(), '_', '-');
        keys.push_back(std::move(dashed));
    }
    std::string message = "unknown region \"" + written + "\"";
    if (std::vector<std::string> close = closest_matches(ascii_lower(written), keys, 1);
        !close.empty()) {
        message += "; did you mean ";
        message += close[0];
        message += "? Use one of ";
    } else {
        message += ": use one of ";
    }
    message += key_list();
    message += ", or a region's domain such as mypurecloud.com";
    return invalid(message);
}

}  // namespace

const std::vector<Region>& all_regions() {
    static const std::vector<Region> regions = {
        {"us_east_1", "mypurecloud.com"},         {"eu_west_1", "mypurecloud.ie"},
        {"ap_southeast_2", "mypurecloud.com.au"}, {"ap_northeast_1", "mypurecloud.jp"},
        {"eu_central_1", "mypurecloud.de"},       {"us_west_2", "usw2.pure.cloud"},
        {"ca_central_1", "cac1.pure.cloud"},      {"eu_central_2", "euc2.pure.cloud"},
        {"ap_southeast_1", "apse1.pure.cloud"},   {"ap_northeast_2", "apne2.pure.cloud"},
        {"eu_west_2", "euw2.pure.cloud"},         {"ap_south_1", "aps1.pure.cloud"},
        {"us_east_2", "use2.us-gov-pure.cloud"},  {"sa_east_1", "sae1.pure.cloud"},
        {"me_central_1", "mec1.pure.cloud"},      {"ap_northeast_3", "apne3.pure.cloud"},
        {"mx_central_1", "mxc1.pure.cloud"},      {"eusc_de_east_1", "edee1.eusc-pure.cloud"},
    };
    return regions;
}

Result<Endpoints> resolve_endpoints(const EndpointInputs& inputs) {
    Endpoints endpoints;
    if (auto api_url = given(inputs.api_url)) {
        Result<Url> api = parse_base(inputs.api_url_name, *api_url);
        if (!api) {
            return api.error();
        }
        endpoints.api_base = joined(*api);
        Url login = *api;
        if (ascii_lower(login.host).rfind("api.", 0) == 0) {
            login.host = "login." + login.host.substr(4);
        }
        endpoints.login_base = joined(login);
    } else if (auto region = given(inputs.region)) {
        Result<Endpoints> found = region_endpoints(*region);
        if (!found) {
            return found.error();
        }
        endpoints = *found;
    } else {
        return invalid(
            "no region: set GENESYSCLOUD_REGION or region in dactl.toml (or DACTL_API_URL)");
    }
    if (auto login_url = given(inputs.login_url)) {
        Result<Url> login = parse_base("DACTL_LOGIN_URL", *login_url);
        if (!login) {
            return login.error();
        }
        endpoints.login_base = joined(*login);
    }
    return endpoints;
}

Result<Credentials> credentials_from(
    const std::function<std::optional<std::string>(const char*)>& getenv,
    const std::string& id_variable, const std::string& secret_variable) {
    Credentials credentials;
    auto id = getenv(id_variable.c_str());
    auto secret = getenv(secret_variable.c_str());
    if (!id || id->empty() || !secret || secret->empty()) {
        return invalid("missing credentials: set " + id_variable + " and " + secret_variable +
                       " to an OAuth client-credentials grant");
    }
    // Every occurrence of the secret is cut from dactl's output: a secret of a
    // few characters would cut every word holding them, and is no client's.
    if (secret->size() < k_shortest_secret) {
        return invalid(secret_variable + " holds " + std::to_string(secret->size()) +
                       (secret->size() == 1 ? " character" : " characters") +
                       ", too few for an OAuth client's secret (at least " +
                       std::to_string(k_shortest_secret) +
                       "); set it to the client's secret from Admin > OAuth");
    }
    credentials.client_id = *id;
    credentials.client_secret = *secret;
    return credentials;
}

}  // namespace dactl::genesys
