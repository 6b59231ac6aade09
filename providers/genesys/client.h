#pragma once
// GenesysClient: authenticated requests to the Genesys Cloud API. It logs in
// (client credentials) when a run starts, and again for more tokens only when
// one token's request budget would hold the run back (TokenPool); renews a
// token shortly before it expires, retries what is safe to retry, and logs
// each request without secrets. Safe to call from several threads at once.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "engine/model/project.h"
#include "engine/util/redactor.h"
#include "providers/genesys/endpoints.h"
#include "providers/genesys/request_pacer.h"
#include "providers/genesys/retry_policy.h"
#include "providers/genesys/token_pool.h"
#include "providers/http/transport.h"

namespace dactl::genesys {

struct ClientOptions {
    int max_attempts = k_default_max_attempts;  ///< per request, the first one included
    std::chrono::seconds max_retry_after{180};  ///< a longer Retry-After fails the request
    /// Verbose request log, one line per request; may be empty. Never given
    /// tokens, secrets or bodies.
    std::function<void(std::string_view)> log;
    /// Waits between attempts; empty: really sleeps.
    std::function<void(std::chrono::milliseconds)> sleep;
    /// The clock for token lifetimes and request durations; empty: steady_clock.
    std::function<std::chrono::steady_clock::time_point()> now;
    /// Paces every request (logins and retries included), each token in its lane,
    /// and hears of every 429. Empty: the client makes its own, of
    /// k_default_requests_per_minute per token and no client budget, over `now`
    /// and `sleep`.
    std::shared_ptr<RequestPacer> pacer;
    /// Tokens the run may hold at once (1-10); more than one only when one token's
    /// budget would make requests wait.
    int tokens = k_default_tokens;
    /// Real seconds per second of the API's clock: Retry-After waits are multiplied
    /// by it (DACTL_API_TIME_SCALE, against the emulator's scaled time; else 1).
    double time_scale = 1.0;
    /// Set on Ctrl-C: no new request starts, waits and retries stop, and an
    /// exchange in flight is cut off after the transport's grace period, except
    /// for calls made with OnInterrupt::finish. Null: never.
    const std::atomic<bool>* interrupted = nullptr;
    /// Learns the client secret, its Basic encoding and every token issued, and
    /// cuts them out of every error the client returns; the run prints through
    /// the same one. Empty: the client makes its own.
    std::shared_ptr<Redactor> redactor;
};

/// What a call does once the run is interrupted.
enum class OnInterrupt {
    stop,    ///< not started, not retried, cut off in flight (ErrorKind::cancelled)
    finish,  ///< one attempt, to the end: learning a cut-off write's outcome, removing a draft
};

class GenesysClient {
public:
    /// Uses `transport` (which must outlive the client) for every request.
    GenesysClient(http::Transport& transport, Endpoints endpoints, Credentials credentials,
                  ClientOptions options = {});

    /// GET {api_base}{path_and_query} accepting `accept`, retried after 429 (waiting exactly
    /// Retry-After), 408, 502/503/504 and lost answers (backoff with jitter), at
    /// most max_attempts times. Answers the 2xx response. Fails with the
    /// transport's Error, with decode_error's Error for any other status, with
    /// ErrorKind::rate_limited when the API asks to wait too long, and with the
    /// login's Error when logging in fails.
    Result<http::Response> get(const std::string& path_and_query,
                               std::string_view accept = "application/json",
                               OnInterrupt on_interrupt = OnInterrupt::stop);

    /// PATCH {api_base}{path} with a JSON body. Retried only after 429 (nothing
    /// was written); 5xx, lost answers and timeouts are handed back at once, a
    /// stale version as ErrorKind::conflict. Answers the 2xx response.
    Result<http::Response> patch(const std::string& path, const std::string& json_body);

    /// PUT {api_base}{path} with a JSON body. Retried only after 429, like PATCH.
    Result<http::Response> put(const std::string& path, const std::string& json_body);

    /// POST {api_base}{path} with a JSON body. Retried only after 429, like PATCH.
    Result<http::Response> post(const std::string& path, const std::string& json_body);

    /// POST {api_base}{path} with a JSON body that only reads (an analytics
    /// query): retried like a GET.
    Result<http::Response> post_query(const std::string& path, const std::string& json_body);

    /// A read that may be given up (the audit trail, which only names who
    /// changed what): one attempt, at most `timeout`, GET when `json_body` is
    /// empty, else a POST that only reads.
    Result<http::Response> optional_read(const std::string& path, const std::string& json_body,
                                         std::chrono::milliseconds timeout);

    /// DELETE {api_base}{path}. Retried like a GET (deleting twice is harmless).
    Result<http::Response> remove(const std::string& path,
                                  OnInterrupt on_interrupt = OnInterrupt::stop);

    /// The login base URL ("https://login.mypurecloud.ie").
    const std::string& login_base() const { return m_endpoints.login_base; }

    /// Requests sent so far, logins and retries included.
    int requests_sent() const { return m_requests_sent.load(); }
    /// Logins made so far.
    int logins() const { return m_pool->logins(); }

private:
    /// One attempt: the request and the pacer lane it goes in (its token's, or the
    /// logins').
    struct Attempt {
        http::Request request;
        int lane = k_login_lane;
        std::string token_name;  ///< "token 2 (fingerprint)" for the log; empty for a login
        /// Paced already (with its token's lease), and how long that waited; nothing:
        /// to be paced when sent (a login).
        std::optional<std::chrono::steady_clock::duration> waited;
    };

    struct Call {
        std::string method;
        std::string path;
        std::string accept;
        std::string body;
        RetryRule rule = RetryRule::transient;
        OnInterrupt on_interrupt = OnInterrupt::stop;
    };

    /// `timeout`: see http::Request::timeout.
    Result<http::Response> call(const Call& spec,
                                std::optional<std::chrono::milliseconds> timeout = std::nullopt);
    // Builds each attempt's request (with the token current at that moment).
    using RequestMaker = std::function<Result<Attempt>()>;
    Result<http::Response> send_with_retries(const RequestMaker& make, RetryRule rule,
                                             OnInterrupt on_interrupt);
    bool interrupted() const;
    std::string basic_credentials() const;
    Error redacted(Error error) const;
    Result<http::Response> send_logged(const Attempt& attempt, OnInterrupt on_interrupt);
    Result<TokenLease> lease(OnInterrupt on_interrupt);
    Result<IssuedToken> login(OnInterrupt on_interrupt);
    http::Request api_request(const Call& spec, const std::string& token,
                              std::optional<std::chrono::milliseconds> timeout) const;
    void log(std::string_view line);
    /// Waits between attempts; false when interrupted.
    bool sleep(std::chrono::milliseconds delay);
    double jitter();
    std::chrono::steady_clock::time_point now() const;

    http::Transport& m_transport;
    Endpoints m_endpoints;
    Credentials m_credentials;
    ClientOptions m_options;

    std::unique_ptr<TokenPool> m_pool;
    std::mutex m_log_mutex;
    std::mutex m_random_mutex;
    std::mt19937 m_random;
    std::atomic<int> m_requests_sent{0};
};

}  // namespace dactl::genesys
