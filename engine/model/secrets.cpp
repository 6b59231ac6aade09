#include "engine/model/secrets.h"

#include <algorithm>
#include <array>
#include <string>

#include "engine/util/ascii.h"
#include "engine/util/digest.h"

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

namespace {

constexpr std::string_view k_fingerprint_start = "(sensitive, hmac-sha256:";
constexpr std::size_t k_key_id_digits = 8;
constexpr std::size_t k_mac_digits = 64;

bool all_hex(std::string_view text) {
    return text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

}  // namespace

std::string key_id(std::string_view key) {
    return sha256_hex("dactl-key-id:" + std::string(key)).substr(0, k_key_id_digits);
}

std::string fingerprint(std::string_view key, std::string_view secret) {
    std::string text(k_fingerprint_start);
    text += key_id(key);
    text += ':';
    text += hmac_sha256_hex(key, secret);
    text += ')';
    return text;
}

bool is_fingerprint(std::string_view text) {
    const std::size_t size = k_fingerprint_start.size() + k_key_id_digits + 1 + k_mac_digits + 1;
    if (!text.starts_with(k_fingerprint_start) || text.size() != size || !text.ends_with(')')) {
        return false;
    }
    text.remove_prefix(k_fingerprint_start.size());
    return all_hex(text.substr(0, k_key_id_digits)) && text[k_key_id_digits] == ':' &&
           all_hex(text.substr(k_key_id_digits + 1, k_mac_digits));
}

std::string fingerprint_key_id(std::string_view fingerprint) {
    return is_fingerprint(fingerprint)
               ? std::string(fingerprint.substr(k_fingerprint_start.size(), k_key_id_digits))
               : std::string();
}

Value fingerprinted(Field field, const Value& value, std::string_view key) {
    if (!value.is_map()) {
        return value;
    }
    StringMap map = value.as_map();
    for (auto& [name, entry] : map) {
        if (is_secret_entry(field, name) && !is_fingerprint(entry) && entry != k_masked_value) {
            entry = fingerprint(key, entry);
        }
    }
    return map;
}

FieldValues fingerprinted(const FieldValues& values, std::string_view key) {
    FieldValues out;
    for (const auto& [field, value] : values) {
        out.emplace(field, fingerprinted(field, value, key));
    }
    return out;
}

FieldValues masked(const FieldValues& values) {
    FieldValues out;
    for (const auto& [field, value] : values) {
        out.emplace(field, masked(field, value));
    }
    return out;
}

}  // namespace dactl
