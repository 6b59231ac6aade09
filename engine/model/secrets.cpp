#include "engine/model/secrets.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>

namespace dactl {

bool is_secret_header(std::string_view name) {
    static constexpr std::array<std::string_view, 8> k_words = {
        "authorization", "token",      "key",      "secret",
        "password",      "cookie",     "credential", "signature"};
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::any_of(k_words.begin(), k_words.end(), [&](std::string_view word) {
        return lower.find(word) != std::string::npos;
    });
}

}  // namespace dactl
