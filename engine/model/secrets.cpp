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

bool is_secret_entry(Field field, std::string_view key) {
    return field == Field::request_headers && is_secret_header(key);
}

Value masked(Field field, const Value& value) {
    if (!value.is_map()) {
        return value;
    }
    StringMap map = value.as_map();
    for (auto& [key, entry] : map) {
        if (is_secret_entry(field, key)) {
            entry = std::string(k_masked_value);
        }
    }
    return map;
}

FieldValues masked(const FieldValues& values) {
    FieldValues out;
    for (const auto& [field, value] : values) {
        out.emplace(field, masked(field, value));
    }
    return out;
}

}  // namespace dactl
