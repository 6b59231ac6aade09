#pragma once
// OAuth: the client-credentials token endpoint and the bearer tokens it issues.

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tests/emulator/clock.h"
#include "tests/emulator/http_types.h"
#include "tests/emulator/randomness.h"

namespace dactl::emulator {

struct ClientCredentials {
    std::string id;
    std::string secret;
};

enum class TokenState { valid, expired, unknown };

class TokenStore {
public:
    /// A new random token, valid for `lifetime` from `now`.
    std::string issue(std::chrono::seconds lifetime, TimePoint now, Randomness& randomness);
    /// Whether `token` was issued here and is still valid at `now`.
    TokenState check(const std::string& token, TimePoint now) const;
    /// Makes every token issued so far expire at `now`.
    void expire_all(TimePoint now);
    /// Makes the `number`th token issued expire at `now`; false when there is none.
    bool expire(int number, TimePoint now);
    /// Which token `token` is, numbered from 1 in the order issued; 0 when unknown.
    int number(const std::string& token) const;
    /// Every token issued so far, sorted (for tests that scan output for them).
    std::vector<std::string> issued() const;

private:
    struct Issued {
        TimePoint expiry;
        int number = 0;
    };
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, Issued> m_issued;
};

/// The id and secret of an "Authorization: Basic base64(id:secret)" header; nothing
/// when the header is missing or malformed.
std::optional<ClientCredentials> basic_credentials(const HttpRequest& request);

/// The token of an "Authorization: Bearer TOKEN" header; "" when there is none.
std::string bearer_token(const HttpRequest& request);

/// POST /oauth/token: with the configured client's Basic credentials and the form
/// body grant_type=client_credentials, a bearer token of `lifetime` as
/// {"access_token", "token_type": "bearer", "expires_in"}; otherwise an OAuth error
/// body {"error", "description", "error_description"}: 401 "invalid_client" for
/// missing or wrong credentials, 400 "invalid_request" without a grant type,
/// 400 "unsupported_grant_type" for another one.
HttpResponse token_endpoint(const HttpRequest& request, const ClientCredentials& client,
                            std::chrono::seconds lifetime, TimePoint now, TokenStore& tokens,
                            Randomness& randomness);

/// The 401 ErrorBody answer when `request` has no valid bearer token at `now`;
/// nothing when it has one.
std::optional<HttpResponse> check_bearer(const HttpRequest& request, const TokenStore& tokens,
                                         TimePoint now);

}  // namespace dactl::emulator
