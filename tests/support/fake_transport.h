#pragma once
// FakeTransport: a Transport for provider tests. It records every request and
// answers from a queue of scripted answers, else from a handler function.

#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "providers/http/transport.h"

namespace dactl::testing {

class FakeTransport : public http::Transport {
public:
    using Handler = std::function<Result<http::Response>(const http::Request&)>;

    /// Answers requests when the queue is empty.
    void set_handler(Handler handler);
    /// Queues an answer (or a failure) for a coming request, first in first out.
    void push(Result<http::Response> answer);
    /// Queues an answer with this status, body and headers.
    void push(int status, std::string body, http::Headers headers = {});

    /// Records the request, then answers from the queue, else the handler, else
    /// fails with ErrorKind::generic "FakeTransport: nothing to answer <method> <url>".
    Result<http::Response> send(const http::Request& request) override;

    /// Every request received so far, in order.
    std::vector<http::Request> requests() const;
    /// How many requests were received.
    std::size_t count() const;
    /// "<method> <url>" of every request, in order.
    std::vector<std::string> lines() const;

private:
    mutable std::mutex m_mutex;
    std::deque<Result<http::Response>> m_queue;
    Handler m_handler;
    std::vector<http::Request> m_requests;
};

/// A response with this status and body, and a JSON Content-Type.
http::Response json_answer(int status, std::string body, http::Headers headers = {});

/// The value of the first header named `name` (exact case) in `request`, or
/// "(absent)" when there is none.
std::string header_of(const http::Request& request, const std::string& name);

}  // namespace dactl::testing
