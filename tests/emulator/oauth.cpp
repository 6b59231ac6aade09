#include "tests/emulator/oauth.h"

#include <algorithm>
#include <strings.h>

#include "tests/emulator/error_body.h"
#include "tests/emulator/url_encoding.h"

namespace dactl::emulator {

namespace {

HttpResponse oauth_error(int status, const std::string& error, const std::string& description) {
    Json body = Json::object();
    body.set("error", error);
    body.set("description", description);
    body.set("error_description", description);
    return HttpResponse::json(status, body);
}

// The text after "<scheme> " in the Authorization header, or nothing for another scheme.
std::optional<std::string> authorization(const HttpRequest& request, std::string_view scheme) {
    const std::string header = request.header("Authorization");
    if (header.size() <= scheme.size() || header[scheme.size()] != ' ' ||
        strncasecmp(header.data(), scheme.data(), scheme.size()) != 0) {
        return std::nullopt;
    }
    std::string value = header.substr(scheme.size() + 1);
    value.erase(0, value.find_first_not_of(' '));
    return value;
}

}  // namespace

std::string TokenStore::issue(std::chrono::seconds lifetime, TimePoint now,
                              Randomness& randomness) {
    std::string token = randomness.hex_token(24);
    std::lock_guard lock(m_mutex);
    const int number = static_cast<int>(m_issued.size()) + 1;
    m_issued[token] = Issued{now + lifetime, number};
    return token;
}

TokenState TokenStore::check(const std::string& token, TimePoint now) const {
    std::lock_guard lock(m_mutex);
    auto found = m_issued.find(token);
    if (found == m_issued.end()) {
        return TokenState::unknown;
    }
    return now < found->second.expiry ? TokenState::valid : TokenState::expired;
}

void TokenStore::expire_all(TimePoint now) {
    std::lock_guard lock(m_mutex);
    for (auto& [token, issued] : m_issued) {
        issued.expiry = std::min(issued.expiry, now);
    }
}

bool TokenStore::expire(int number, TimePoint now) {
    std::lock_guard lock(m_mutex);
    for (auto& [token, issued] : m_issued) {
        if (issued.number == number) {
            issued.expiry = std::min(issued.expiry, now);
            return true;
        }
    }
    return false;
}

int TokenStore::number(const std::string& token) const {
    std::lock_guard lock(m_mutex);
    auto found = m_issued.find(token);
    return found == m_issued.end() ? 0 : found->second.number;
}

std::vector<std::string> TokenStore::issued() const {
    std::lock_guard lock(m_mutex);
    std::vector<std::string> tokens;
    tokens.reserve(m_issued.size());
    for (const auto& entry : m_issued) {
        tokens.push_back(entry.first);
    }
    std::sort(tokens.begin(), tokens.end());
    return tokens;
}

std::optional<ClientCredentials> basic_credentials(const HttpRequest& request) {
    std::optional<std::string> encoded = authorization(request, "Basic");
    if (!encoded) {
        return std::nullopt;
    }
    std::optional<std::string> decoded = base64_decode(*encoded);
    if (!decoded || decoded->find(':') == std::string::npos) {
        return std::nullopt;
    }
    const std::size_t colon = decoded->find(':');
    return ClientCredentials{decoded->substr(0, colon), decoded->substr(colon + 1)};
}

std::string bearer_token(const HttpRequest& request) {
    return authorization(request, "Bearer").value_or("");
}

HttpResponse token_endpoint(const HttpRequest& request, const ClientCredentials& client,
                            std::chrono::seconds lifetime, TimePoint now, TokenStore& tokens,
                            Randomness& randomness) {
    std::optional<ClientCredentials> given = basic_credentials(request);
    if (!given) {
        return oauth_error(
            401, "invalid_client",
            "client authentication is required: Authorization: Basic base64(id:secret)");
    }
    if (given->id != client.id || given->secret != client.secret) {
        return oauth_error(401, "invalid_client", "client not found or wrong client secret");
    }
    std::optional<std::string> grant = find_parameter(parse_query(request.body), "grant_type");
    if (!grant) {
        return oauth_error(400, "invalid_request", "grant_type is required");
    }
    if (*grant != "client_credentials") {
        return oauth_error(400, "unsupported_grant_type",
                           "grant type " + *grant + " is not supported");
    }
    Json body = Json::object();
    body.set("access_token", tokens.issue(lifetime, now, randomness));
    body.set("token_type", "bearer");
    body.set("expires_in", static_cast<std::int64_t>(lifetime.count()));
    return HttpResponse::json(200, body);
}

std::optional<HttpResponse> check_bearer(const HttpRequest& request, const TokenStore& tokens,
                                         TimePoint now) {
    const std::string token = bearer_token(request);
    if (token.empty()) {
        return HttpResponse::failure(api_error(401, "authentication.required",
                                               "No authentication bearer token specified in "
                                               "authorization header."));
    }
    switch (tokens.check(token, now)) {
        case TokenState::valid:
            return std::nullopt;
        case TokenState::expired:
            return HttpResponse::failure(api_error(401, "credentials.expired",
                                                   "The bearer token has expired: log in again."));
        case TokenState::unknown:
            break;
    }
    return HttpResponse::failure(
        api_error(401, "authentication.required", "The bearer token is not valid: log in again."));
}

}  // namespace dactl::emulator
