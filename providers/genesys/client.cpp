#include "providers/genesys/client.h"

#include "engine/util/digest.h"
#include "engine/util/interrupt.h"
#include "engine/util/redactor.h"
#include "providers/genesys/action_codec.h"
#include "providers/genesys/answer_page.h"
#include "providers/genesys/token_codec.h"
#include "providers/http/encoding.h"

namespace dactl::genesys {

namespace {

constexpr std::chrono::seconds k_longest_renewal_margin{300};
constexpr int k_fresh_logins = 2;
constexpr std::size_t k_shortest_redacted_token = 8;

bool is_success(int status) {
    return status >= 200 && status < 300;
}

std::string path_without_query(const std::string& path) {
    return path.substr(0, path.find('?'));
}

std::string milliseconds_text(std::chrono::steady_clock::duration duration) {
    return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(duration).count()) +
           " ms";
}

// Names a token in the log without showing it: the first 8 hex digits of its SHA-256.
std::string fingerprint(const std::string& token) {
    Sha256 digest;
    digest.update(token);
    return digest.hex_digest().substr(0, 8);
}

std::string outcome_text(const Result<http::Response>& answer) {
    if (answer) {
        return std::to_string(answer->status);
    }
    switch (answer.error().kind) {
        case ErrorKind::timeout:
            return "timed out";
        case ErrorKind::invalid_response:
            return "answer refused";
        default:
            return "no answer";
    }
}

}  // namespace

GenesysClient::GenesysClient(http::Transport& transport, Endpoints endpoints,
                             Credentials credentials, ClientOptions options)
    : m_transport(transport),
      m_endpoints(std::move(endpoints)),
      m_credentials(std::move(credentials)),
      m_options(std::move(options)),
      m_random(std::random_device{}()) {
    if (!m_options.redactor) {
        m_options.redactor = std::make_shared<Redactor>();
    }
    m_options.redactor->add(m_credentials.client_secret);
    m_options.redactor->add(basic_credentials());
    if (!m_options.pacer) {
        RequestPacer::Hooks hooks;
        hooks.now = [this] { return now(); };
        hooks.sleep_until = [this](RequestPacer::Clock::time_point until) {
            sleep(std::chrono::ceil<std::chrono::milliseconds>(until - now()));
        };
        m_options.pacer = std::make_shared<RequestPacer>(k_default_requests_per_minute,
                                                         std::move(hooks), k_paced_window);
    }
    m_pool = std::make_unique<TokenPool>(m_options.tokens, *m_options.pacer);
}

Result<http::Response> GenesysClient::get(const std::string& path_and_query,
                                          std::string_view accept, OnInterrupt on_interrupt) {
    return call(
        {"GET", path_and_query, std::string(accept), "", RetryRule::transient, on_interrupt});
}

Result<http::Response> GenesysClient::patch(const std::string& path, const std::string& json_body) {
    return call({"PATCH", path, "application/json", json_body, RetryRule::rate_limit_only});
}

Result<http::Response> GenesysClient::put(const std::string& path, const std::string& json_body) {
    return call({"PUT", path, "application/json", json_body, RetryRule::rate_limit_only});
}

Result<http::Response> GenesysClient::post(const std::string& path, const std::string& json_body) {
    return call({"POST", path, "application/json", json_body, RetryRule::rate_limit_only});
}

Result<http::Response> GenesysClient::post_query(const std::string& path,
                                                 const std::string& json_body) {
    return call({"POST", path, "application/json", json_body, RetryRule::transient});
}

Result<http::Response> GenesysClient::optional_read(const std::string& path,
                                                    const std::string& json_body,
                                                    std::chrono::milliseconds timeout) {
    return call(
        {json_body.empty() ? "GET" : "POST", path, "application/json", json_body, RetryRule::once},
        timeout);
}

Result<http::Response> GenesysClient::remove(const std::string& path, OnInterrupt on_interrupt) {
    return call({"DELETE", path, "application/json", "", RetryRule::transient, on_interrupt});
}

std::string GenesysClient::basic_credentials() const {
    return http::base64(m_credentials.client_id + ":" + m_credentials.client_secret);
}

// An error whose text the server may have filled with what it was sent.
Error GenesysClient::redacted(Error error) const {
    error.message = m_options.redactor->redact(error.message);
    return error;
}

bool GenesysClient::interrupted() const {
    return is_interrupted(m_options.interrupted);
}

// One API call. Every attempt carries the token leased when it is sent, so a
// retry after a 503 does not reuse a token renewed meanwhile, and may go with
// another token of the pool. A 401 (the token was revoked or expired early)
// gets that token renewed and another try, at most k_fresh_logins times per call.
Result<http::Response> GenesysClient::call(const Call& spec,
                                           std::optional<std::chrono::milliseconds> timeout) {
    if (spec.on_interrupt == OnInterrupt::stop && interrupted()) {
        return make_error(
            ErrorKind::cancelled,
            "interrupted: " + spec.method + " " + path_without_query(spec.path) + " was not sent");
    }
    TokenLease used;
    const RequestMaker make = [&]() -> Result<Attempt> {
        Result<TokenLease> leased = lease(spec.on_interrupt);
        if (!leased && leased.error().kind == ErrorKind::cancelled) {
            return make_error(ErrorKind::cancelled, "interrupted: " + spec.method + " " +
                                                        path_without_query(spec.path) +
                                                        " was not sent");
        }
        if (!leased) {
            return leased.error();
        }
        used = *leased;
        Attempt attempt{api_request(spec, used.value, timeout), used.slot,
                        "token " + std::to_string(used.slot + 1) + " " + used.fingerprint,
                        used.waited};
        if (spec.on_interrupt == OnInterrupt::stop) {
            attempt.request.interrupted = m_options.interrupted;
        }
        return attempt;
    };
    Result<http::Response> answer = send_with_retries(make, spec.rule, spec.on_interrupt);
    for (int login = 1; login <= k_fresh_logins && answer && answer->status == 401; ++login) {
        m_pool->refused(used);
        answer = send_with_retries(make, spec.rule, spec.on_interrupt);
    }
    if (answer && !is_success(answer->status)) {
        return redacted(decode_error(*answer, spec.method + " " + path_without_query(spec.path)));
    }

    return answer.ok() ? answer : Result<http::Response>(redacted(answer.error()));
}

// After the interrupt no attempt is retried: a call that must finish gets one
// attempt, and any other is handed back as it ended.
Result<http::Response> GenesysClient::send_with_retries(const RequestMaker& make, RetryRule rule,
                                                        OnInterrupt on_interrupt) {
    const RetryLimits limits{m_options.max_attempts, m_options.max_retry_after};
    for (int attempt = 1;; ++attempt) {
        Result<Attempt> made = make();
        if (!made) {
            return made.error();
        }
        Result<http::Response> answer = send_logged(*made, on_interrupt);
        if (interrupted()) {
            return answer;
        }
        RetryDecision decision = decide_retry(answer, attempt, rule, limits, jitter());
        if (std::holds_alternative<Finish>(decision)) {
            return answer;
        }
        if (const Error* error = std::get_if<Error>(&decision)) {
            return *error;
        }
        WaitThenRetry wait = std::get<WaitThenRetry>(decision);
        if (wait.rate_limited && m_options.time_scale != 1.0) {
            wait.delay = std::chrono::milliseconds(static_cast<std::int64_t>(
                static_cast<double>(wait.delay.count()) * m_options.time_scale));
        }
        log(std::string(wait.rate_limited ? "  rate limited: waiting " : "  retrying in ") +
            std::to_string(wait.delay.count()) + " ms (attempt " + std::to_string(attempt + 1) +
            " of " + std::to_string(limits.max_attempts) + ")" +
            (wait.rate_limited && !made->token_name.empty() ? " on " + made->token_name : ""));
        if (wait.rate_limited) {
            // Every request of that token waits in the pacer, this retry included
            // unless another token of the pool can send it sooner.
            m_options.pacer->rate_limited(wait.delay, made->lane);
            if (made->lane != k_login_lane) {
                continue;
            }
        }
        if (!sleep(wait.delay)) {
            return answer;
        }
    }
}

Result<http::Response> GenesysClient::send_logged(const Attempt& attempt,
                                                  OnInterrupt on_interrupt) {
    const http::Request& request = attempt.request;
    const std::optional<RequestPacer::Clock::duration> waited =
        attempt.waited ? attempt.waited
                       : m_options.pacer->acquire(
                             on_interrupt == OnInterrupt::stop ? m_options.interrupted : nullptr,
                             attempt.lane);
    if (!waited) {
        return make_error(ErrorKind::cancelled,
                          "interrupted: " + request.method + " " + request.url + " was not sent");
    }
    if (*waited >= std::chrono::milliseconds(1)) {
        log("  paced: waited " + milliseconds_text(*waited) + " to stay within " +
            std::to_string(m_options.pacer->requests_per_minute()) + " requests per minute" +
            (attempt.token_name.empty() ? "" : " of " + attempt.token_name));
    }
    const auto started = now();
    ++m_requests_sent;
    Result<http::Response> answer = m_transport.send(request);
    log(request.method + " " + request.url + " -> " + outcome_text(answer) + " (" +
        milliseconds_text(now() - started) +
        (attempt.token_name.empty() ? "" : ", " + attempt.token_name) + ")");
    return answer;
}

// The token for one request, from the pool; a login it needs is made here.
Result<TokenLease> GenesysClient::lease(OnInterrupt on_interrupt) {
    Result<TokenLease> leased =
        m_pool->lease([&] { return login(on_interrupt); },
                      on_interrupt == OnInterrupt::stop ? m_options.interrupted : nullptr);
    if (!leased) {
        Error error = leased.error();
        error.at_login = error.kind != ErrorKind::cancelled;
        return error;
    }
    if (leased->first_use && m_options.tokens > 1) {
        log("  token " + std::to_string(leased->slot + 1) + " " + leased->fingerprint +
            " in use: " + std::to_string(leased->held) + " held, at most " +
            std::to_string(m_options.tokens));
    }
    return leased;
}

Result<IssuedToken> GenesysClient::login(OnInterrupt on_interrupt) {
    http::Request request;
    request.method = "POST";
    request.url = m_endpoints.login_base + "/oauth/token";
    request.headers = {
        {"Authorization", "Basic " + basic_credentials()},
        {"Content-Type", "application/x-www-form-urlencoded"},
        {"Accept", "application/json"},
    };
    request.body = "grant_type=client_credentials";
    const auto started = now();
    if (on_interrupt == OnInterrupt::stop) {
        request.interrupted = m_options.interrupted;
    }
    Result<http::Response> answer = send_with_retries(
        [&request]() -> Result<Attempt> {
            return Attempt{request, k_login_lane, "", std::nullopt};
        },
        RetryRule::transient, on_interrupt);
    if (!answer) {
        return redacted(answer.error());
    }
    const std::string subject = "logging in at " + m_endpoints.login_base + " failed: ";
    if (!is_success(answer->status)) {
        Error error = decode_error(*answer, "POST /oauth/token");
        const auto description = decode_oauth_error(answer->body);
        if (description && answer->status >= 400 && answer->status < 500) {
            error.kind = ErrorKind::unauthorized;
            error.message = *description;
        }
        error.message = subject + error.message;
        return redacted(error);
    }
    Result<Token> token = decode_token(answer->body);
    if (!token) {
        Error error = token.error();
        error.message = subject + (is_html_page(*answer) ? html_page_text(*answer) : error.message);
        error.http_status = answer->status;
        return redacted(error);
    }
    // Issued tokens are long; one shorter than 8 characters (only a test double
    // issues those) would cut every such letter out of every message.
    if (token->access_token.size() >= k_shortest_redacted_token) {
        m_options.redactor->add(token->access_token);
    }
    const auto margin = std::min(k_longest_renewal_margin, token->expires_in / 10);
    return IssuedToken{token->access_token, started + token->expires_in - margin,
                       fingerprint(token->access_token)};
}

http::Request GenesysClient::api_request(const Call& spec, const std::string& token,
                                         std::optional<std::chrono::milliseconds> timeout) const {
    http::Request request;
    request.method = spec.method;
    request.url = m_endpoints.api_base + spec.path;
    request.timeout = timeout;
    request.headers = {{"Authorization", "Bearer " + token}, {"Accept", spec.accept}};
    if (spec.method != "GET") {
        request.headers.emplace_back("Content-Type", "application/json");
    }
    request.body = spec.body;
    return request;
}

void GenesysClient::log(std::string_view line) {
    if (m_options.log) {
        std::lock_guard lock(m_log_mutex);
        m_options.log(line);
    }
}

bool GenesysClient::sleep(std::chrono::milliseconds delay) {
    if (delay > std::chrono::milliseconds::zero()) {
        if (m_options.sleep) {
            m_options.sleep(delay);
        } else {
            (void)sleep_unless_interrupted(delay, m_options.interrupted);
        }
    }
    return !interrupted();
}

double GenesysClient::jitter() {
    std::lock_guard lock(m_random_mutex);
    return std::uniform_real_distribution<double>(-1.0, 1.0)(m_random);
}

std::chrono::steady_clock::time_point GenesysClient::now() const {
    return m_options.now ? m_options.now() : std::chrono::steady_clock::now();
}

}  // namespace dactl::genesys
