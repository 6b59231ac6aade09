#include "engine/model/secrets.h"

#include <algorithm>
#include <array>
#include <string>

#include "engine/util/ascii.h"

namespace dactl {

bool is_secret_header(std::string_view name) {
    static constexpr std::array<std::string_view, 8> k_words = {
        "authorization", "token", "key", "secret", "password", "cookie", "credential", "signature"};
    const std::string lower = ascii_lower(name);
    return std::any_of(k_words.begin(), k_words.end(), [&](std::string_view word) {
        return lower.find(word) != std::string::npos;
    });
}

}  // namespace dactl
