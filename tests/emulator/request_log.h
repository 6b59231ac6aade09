#pragma once
// RequestLog: every counted request (method, path, query, status) in arrival
// order, with counts per endpoint, so tests can assert which calls were made.

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>

#include "tests/emulator/json_value.h"

namespace dactl::emulator {

/// The status logged for a request whose answer was dropped.
inline constexpr int k_dropped_status = 0;
/// The status logged while a request's answer is still being made.
inline constexpr int k_pending_status = -1;

/// "/api/v2/integrations/actions/{id}" for an action's path: the action id replaced by
/// {id} and a template's file name by {file}; other paths unchanged.
std::string path_pattern(std::string_view path);

/// One counted request as it arrived.
struct Arrival {
    std::string method;
    std::string path;
    std::string query;
    int token = 0;     ///< which token it carried, numbered in the order issued; 0: none
    double at_ms = 0;  ///< when, in emulated milliseconds since the emulator started
};

class RequestLog {
public:
    /// Records a request as it arrives; answers the ticket that finish() takes.
    std::uint64_t begin(Arrival arrival);
    /// Records the status of the answer to the request of `ticket` (ignored after a clear).
    void finish(std::uint64_t ticket, int status);
    /// Forgets every request logged so far.
    void clear();
    /// {"requests": [{"method", "path", "query", "status", "token", "atMs"}...],
    /// "counts": {"<METHOD> <pattern>": n}}.
    Json to_json() const;

private:
    struct Entry {
        Arrival arrival;
        int status = k_pending_status;
    };

    mutable std::mutex m_mutex;
    std::deque<Entry> m_entries;
    std::uint64_t m_first_ticket = 0;  ///< the ticket of m_entries.front()
};

}  // namespace dactl::emulator
