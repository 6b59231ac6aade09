#include "providers/genesys/token_pool.h"

#include <algorithm>

namespace dactl::genesys {

TokenPool::TokenPool(int most, RequestPacer& pacer)
    : m_most(std::clamp(most, 1, k_most_tokens)), m_pacer(pacer) {}

bool TokenPool::usable(const Slot& slot, Clock::time_point now) const {
    return !slot.token.value.empty() && now < slot.token.renew_at;
}

TokenLease TokenPool::lease_of(int slot) {
    Slot& chosen = m_slots[static_cast<std::size_t>(slot)];
    TokenLease lease{slot, chosen.token.value, chosen.token.fingerprint, !chosen.leased,
                     static_cast<int>(m_slots.size())};
    chosen.leased = true;
    return lease;
}

int TokenPool::free_slot(Clock::time_point now) const {
    for (std::size_t i = 0; i < m_slots.size(); ++i) {
        if (!usable(m_slots[i], now)) {
            return static_cast<int>(i);
        }
    }
    return static_cast<int>(m_slots.size()) < m_most ? static_cast<int>(m_slots.size()) : -1;
}

Result<TokenLease> TokenPool::lease(const Login& login, const std::atomic<bool>* interrupted) {
    std::unique_lock lock(m_mutex);
    for (;;) {
        const Clock::time_point now = m_pacer.now();
        int best = -1;
        Clock::time_point best_at = Clock::time_point::max();
        for (std::size_t i = 0; i < m_slots.size(); ++i) {
            if (!usable(m_slots[i], now)) {
                continue;
            }
            const Clock::time_point at = m_pacer.lane_free_at(static_cast<int>(i));
            if (at < best_at) {
                best = static_cast<int>(i);
                best_at = at;
            }
        }
        const int free = free_slot(now);
        // Another token helps only when this one's own budget, not the client's,
        // is what the request would wait for.
        const bool token_bound = best >= 0 && m_growing && free >= 0 &&
                                 best_at > std::max(now, m_pacer.client_free_at());
        if (best >= 0 && !token_bound) {
            // Chosen and counted under one lock, so no other request takes the
            // budget this one was chosen for.
            if (m_pacer.try_start(best)) {
                return lease_of(best);
            }
            // It waits: for the client's budget, or for a token's when the pool is
            // full (or cannot grow); every other request would wait as long.
            TokenLease waiting = lease_of(best);
            lock.unlock();
            const std::optional<Clock::duration> waited = m_pacer.acquire(interrupted, best);
            if (!waited) {
                return make_error(ErrorKind::cancelled,
                                  "interrupted while waiting for the request budget");
            }
            waiting.waited = *waited;
            return waiting;
        }
        if (m_logging_in) {
            m_login_done.wait(lock);
            continue;
        }
        m_logging_in = true;
        lock.unlock();
        Result<IssuedToken> issued = login();
        lock.lock();
        m_logging_in = false;
        ++m_logins;
        m_login_done.notify_all();
        if (!issued) {
            if (best < 0) {
                return issued.error();
            }
            m_growing = false;  // go on with the tokens held
            continue;
        }
        const int slot = free_slot(m_pacer.now());
        if (slot < 0) {
            continue;  // filled meanwhile: cannot happen with one login at a time
        }
        if (slot == static_cast<int>(m_slots.size())) {
            m_slots.emplace_back();
        }
        m_slots[static_cast<std::size_t>(slot)] = Slot{std::move(issued).value(), false};
        m_pacer.forget_lane(slot);  // a new token's budget is whole
    }
}

void TokenPool::refused(const TokenLease& lease) {
    std::lock_guard lock(m_mutex);
    const auto slot = static_cast<std::size_t>(lease.slot);
    if (slot < m_slots.size() && m_slots[slot].token.value == lease.value) {
        m_slots[slot].token.value.clear();
    }
}

int TokenPool::logins() const {
    std::lock_guard lock(m_mutex);
    return m_logins;
}

}  // namespace dactl::genesys
