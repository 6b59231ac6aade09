#pragma once
// Redactor: the secrets of one run (the client secret and its Basic encoding,
// every token issued), cut out of every line dactl prints or writes as a
// report, whatever echoed them (a login error quoting the credentials, an API
// error quoting the bearer token). Thread-safe.

#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace dactl {

class Redactor {
public:
    /// Adds a secret; every later redact() replaces it. Empty text is ignored.
    void add(std::string secret);

    /// `text` with every secret replaced by "(sensitive)", the longest first
    /// (so a token containing the secret is cut whole).
    std::string redact(std::string_view text) const;

private:
    mutable std::mutex m_mutex;
    std::vector<std::string> m_secrets;  ///< longest first
};

}  // namespace dactl
