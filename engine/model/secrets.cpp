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

namespace {

bool is_name_char(char c) {
    return ascii_is_alnum(c) || c == '_' || c == '.';
}

// The reference starting at `at` ("${name}" or "$!{name}"): its length, 0 when
// none starts there.
std::size_t reference_length(std::string_view text, std::size_t at) {
    std::size_t open = at + 1;
    if (open < text.size() && text[open] == '!') {
        ++open;
    }
    if (open >= text.size() || text[open] != '{') {
        return 0;
    }
    const std::size_t close = text.find('}', open);
    if (close == std::string_view::npos || close == open + 1 ||
        !std::all_of(text.begin() + static_cast<std::ptrdiff_t>(open) + 1,
                     text.begin() + static_cast<std::ptrdiff_t>(close), is_name_char) ||
        !(ascii_is_alpha(text[open + 1]) || text[open + 1] == '_')) {
        return 0;
    }
    return close + 1 - at;
}

}  // namespace

bool is_template_reference(std::string_view value) {
    std::size_t at = 0;
    // An authentication scheme first ("Bearer ", "Basic "), a word then a space.
    std::size_t word = 0;
    while (word < value.size() && ascii_is_alpha(value[word])) {
        ++word;
    }
    if (word > 0 && word < value.size() && value[word] == ' ') {
        at = word;
    }
    bool referenced = false;
    while (at < value.size()) {
        if (value[at] == '$') {
            const std::size_t length = reference_length(value, at);
            if (length == 0) {
                return false;
            }
            referenced = true;
            at += length;
        } else if (std::string_view(" \t:;,=").find(value[at]) != std::string_view::npos) {
            ++at;
        } else {
            return false;  // literal text, which may be a secret
        }
    }
    return referenced;
}

bool is_secret_entry(Field field, std::string_view key, std::string_view value) {
    return field == Field::request_headers && is_secret_header(key) &&
           !is_template_reference(value);
}

Value masked(Field field, const Value& value) {
    if (!value.is_map()) {
        return value;
    }
    StringMap map = value.as_map();
    for (auto& [key, entry] : map) {
        if (is_secret_entry(field, key, entry)) {
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
        if (is_secret_entry(field, name, entry) && !is_fingerprint(entry) &&
            entry != k_masked_value) {
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
