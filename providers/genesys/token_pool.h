#pragma once
// TokenPool: the tokens one run holds, up to `[api] tokens`. The API budgets
// requests per token (300 a minute), so a run that would wait on one token's
// budget logs in again and spreads its requests over several, up to the OAuth
// client's own budget (3,000 a minute, kept by the pacer). A run that fits one
// token's budget (a plan, a small apply) logs in once. Safe to call from
// several threads at once.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "engine/util/result.h"
#include "providers/genesys/request_pacer.h"

namespace dactl::genesys {

/// Tokens one run may hold at most, by default and at most (`[api] tokens`).
inline constexpr int k_default_tokens = 10;
inline constexpr int k_most_tokens = 10;

/// A token as issued: its value and when to stop using it (shortly before it expires).
struct IssuedToken {
    std::string value;
    std::chrono::steady_clock::time_point renew_at;
    std::string fingerprint;  ///< names it in the verbose log without showing it
};

/// The token one request is sent with: which of the pool (its pacer lane) and its value.
struct TokenLease {
    int slot = 0;
    std::string value;
    std::string fingerprint;
    bool first_use = false;                        ///< the first lease of this token
    int held = 0;                                  ///< tokens held when it was leased
    std::chrono::steady_clock::duration waited{};  ///< for the budgets, before it could start
};

class TokenPool {
public:
    using Clock = std::chrono::steady_clock;
    /// Logs in once: a fresh token, or why not.
    using Login = std::function<Result<IssuedToken>()>;

    /// At most `most` tokens (1-10), chosen by the budgets `pacer` keeps (which must
    /// outlive the pool).
    TokenPool(int most, RequestPacer& pacer);

    /// The token a request should go with, once the request may start (counted by
    /// the pacer then, in the token's lane): of the tokens held and in date, the one
    /// whose budget lets it start soonest. Logs in with `login` for the first token,
    /// in place of one that expired or was refused, and for one more when every
    /// token held would make the request wait on its own budget while the client's
    /// has room (one login at a time; other callers wait for it). A login that fails
    /// while a token is held stops the pool from growing, and the run goes on with
    /// the tokens it has; with none held, the login's Error. ErrorKind::cancelled
    /// when `interrupted` became true while it waited for a budget.
    Result<TokenLease> lease(const Login& login, const std::atomic<bool>* interrupted = nullptr);

    /// The API refused `lease`'s token (401): the next lease renews that slot when
    /// it needs it, unless it was renewed already; the other tokens stay.
    void refused(const TokenLease& lease);

    /// Logins made so far.
    int logins() const;

private:
    struct Slot {
        IssuedToken token;  ///< value empty: never issued, or refused
        bool leased = false;
    };
    bool usable(const Slot& slot, Clock::time_point now) const;
    TokenLease lease_of(int slot);
    /// Where a new token should go: the first slot without a usable one, or a new
    /// slot; -1 when the pool is full of usable tokens.
    int free_slot(Clock::time_point now) const;

    int m_most;
    RequestPacer& m_pacer;
    mutable std::mutex m_mutex;
    std::condition_variable m_login_done;
    bool m_logging_in = false;
    bool m_growing = true;  ///< false once a login for one more token failed
    std::vector<Slot> m_slots;
    int m_logins = 0;
};

}  // namespace dactl::genesys
