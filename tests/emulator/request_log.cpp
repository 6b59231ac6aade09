#include "tests/emulator/request_log.h"

#include <map>

#include "tests/emulator/action_shape.h"

namespace dactl::emulator {

std::string path_pattern(std::string_view path) {
    const std::string prefix = std::string(k_actions_path) + "/";
    if (!path.starts_with(prefix) || path.size() == prefix.size()) {
        return std::string(path);
    }
    std::string_view rest = path.substr(prefix.size());
    const std::size_t slash = rest.find('/');
    if (rest.substr(0, slash) == "categories") {
        return std::string(path);
    }
    std::string pattern = prefix + "{id}";
    if (slash == std::string_view::npos) {
        return pattern;
    }
    rest = rest.substr(slash);
    for (std::string_view templates : {"/templates/", "/draft/templates/"}) {
        if (rest.starts_with(templates) && rest.size() > templates.size()) {
            return pattern + std::string(templates) + "{file}";
        }
    }
    return pattern + std::string(rest);
}

std::uint64_t RequestLog::begin(Arrival arrival) {
    std::lock_guard lock(m_mutex);
    m_entries.push_back(Entry{std::move(arrival), k_pending_status});
    return m_first_ticket + m_entries.size() - 1;
}

void RequestLog::finish(std::uint64_t ticket, int status) {
    std::lock_guard lock(m_mutex);
    if (ticket >= m_first_ticket && ticket - m_first_ticket < m_entries.size()) {
        m_entries[ticket - m_first_ticket].status = status;
    }
}

void RequestLog::clear() {
    std::lock_guard lock(m_mutex);
    m_first_ticket += m_entries.size();
    m_entries.clear();
}

Json RequestLog::to_json() const {
    std::lock_guard lock(m_mutex);
    Json::Array requests;
    std::map<std::string, std::int64_t> counts;
    for (const auto& entry : m_entries) {
        Json request = Json::object();
        request.set("method", entry.arrival.method);
        request.set("path", entry.arrival.path);
        request.set("query", entry.arrival.query);
        request.set("status", entry.status);
        request.set("token", entry.arrival.token);
        request.set("atMs", entry.arrival.at_ms);
        requests.push_back(std::move(request));
        ++counts[entry.arrival.method + " " + path_pattern(entry.arrival.path)];
    }
    Json::Object count_members;
    for (const auto& [key, count] : counts) {
        count_members.emplace_back(key, Json(count));
    }
    Json log = Json::object();
    log.set("requests", std::move(requests));
    log.set("counts", Json(std::move(count_members)));
    return log;
}

}  // namespace dactl::emulator
