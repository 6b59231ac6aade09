#include "tests/support/fake_transport.h"

namespace dactl::testing {

void FakeTransport::set_handler(Handler handler) {
    std::lock_guard lock(m_mutex);
    m_handler = std::move(handler);
}

void FakeTransport::push(Result<http::Response> answer) {
    std::lock_guard lock(m_mutex);
    m_queue.push_back(std::move(answer));
}

void FakeTransport::push(int status, std::string body, http::Headers headers) {
    http::Response response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    push(Result<http::Response>(std::move(response)));
}

Result<http::Response> FakeTransport::send(const http::Request& request) {
    Handler handler;
    {
        std::lock_guard lock(m_mutex);
        m_requests.push_back(request);
        if (!m_queue.empty()) {
            Result<http::Response> answer = std::move(m_queue.front());
            m_queue.pop_front();
            return answer;
        }
        handler = m_handler;
    }
    if (handler) {
        return handler(request);
    }
    return make_error(ErrorKind::generic,
                      "FakeTransport: nothing to answer " + request.method + " " + request.url);
}

std::vector<http::Request> FakeTransport::requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
}

std::size_t FakeTransport::count() const {
    std::lock_guard lock(m_mutex);
    return m_requests.size();
}

std::vector<std::string> FakeTransport::lines() const {
    std::lock_guard lock(m_mutex);
    std::vector<std::string> lines;
    for (const auto& request : m_requests) {
        lines.push_back(request.method + " " + request.url);
    }
    return lines;
}

http::Response json_answer(int status, std::string body, http::Headers headers) {
    http::Response response;
    response.status = status;
    response.body = std::move(body);
    response.headers = std::move(headers);
    response.headers.emplace_back("Content-Type", "application/json");
    return response;
}

std::string header_of(const http::Request& request, const std::string& name) {
    for (const auto& [key, value] : request.headers) {
        if (key == name) {
            return value;
        }
    }
    return "(absent)";
}

}  // namespace dactl::testing
