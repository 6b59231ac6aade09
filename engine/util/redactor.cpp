#include "engine/util/redactor.h"

#include <algorithm>

namespace dactl {

namespace {

constexpr std::string_view k_redacted = "(sensitive)";

}  // namespace

void Redactor::add(std::string secret) {
    if (secret.empty()) {
        return;
    }
    std::lock_guard lock(m_mutex);
    if (std::find(m_secrets.begin(), m_secrets.end(), secret) != m_secrets.end()) {
        return;
    }
    m_secrets.push_back(std::move(secret));
    std::stable_sort(
        m_secrets.begin(), m_secrets.end(),
        [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

// One pass from left to right: at each position the longest secret that
// starts there is cut, and the scan goes on after it, so the replacement
// text itself is never searched.
std::string Redactor::redact(std::string_view text) const {
    std::lock_guard lock(m_mutex);
    if (m_secrets.empty()) {
        return std::string(text);
    }
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    while (at < text.size()) {
        const std::string_view rest = text.substr(at);
        auto found =
            std::find_if(m_secrets.begin(), m_secrets.end(),
                         [&](const std::string& secret) { return rest.starts_with(secret); });
        if (found == m_secrets.end()) {
            out += text[at];
            ++at;
        } else {
            out += k_redacted;
            at += found->size();
        }
    }
    return out;
}

}  // namespace dactl
