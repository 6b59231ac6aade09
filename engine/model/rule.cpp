#include "engine/model/rule.h"

#include <array>
#include <fnmatch.h>

namespace dactl {

namespace {

constexpr std::array<std::string_view, 5> k_keys = {"name", "category", "url", "integration_id",
                                                    "request_type"};

std::string attribute(const LiveAction& action, MatchKey key) {
    switch (key) {
        case MatchKey::name:
            return action.name;
        case MatchKey::category:
            return action.category;
        case MatchKey::integration_id:
            return action.integration_id;
        case MatchKey::url: {
            const Value& url = action.get(Field::request_url_template);
            return url.is_string() ? url.as_string() : std::string();
        }
        case MatchKey::request_type: {
            const Value& type = action.get(Field::request_type);
            return type.is_string() ? type.as_string() : std::string();
        }
    }
    return {};
}

}  // namespace

std::string TimeoutPolicy::text() const {
    if (exact) {
        return "exactly " + std::to_string(*exact);
    }
    std::string out;
    if (at_least) {
        out = "at least " + std::to_string(*at_least);
    }
    if (at_most) {
        out += out.empty() ? "" : ", ";
        out += "at most " + std::to_string(*at_most);
    }
    return out;
}

bool Rule::matches(const LiveAction& action) const {
    if (action.is_static()) {
        return false;
    }
    for (const MatchTerm& term : match) {
        if (fnmatch(term.pattern.c_str(), attribute(action, term.key).c_str(), 0) != 0) {
            return false;
        }
    }
    return true;
}

std::string_view match_key_text(MatchKey key) {
    return k_keys[static_cast<std::size_t>(key)];
}

std::optional<MatchKey> match_key_from_text(std::string_view text) {
    for (std::size_t i = 0; i < k_keys.size(); ++i) {
        if (k_keys[i] == text) {
            return static_cast<MatchKey>(i);
        }
    }
    return std::nullopt;
}

bool valid_glob(std::string_view pattern) {
    // fnmatch takes an unclosed '[' literally; a rule author meant a class.
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == '\\') {
            ++i;
            continue;
        }
        if (pattern[i] != '[') {
            continue;
        }
        std::size_t close = i + 1;
        if (close < pattern.size() && (pattern[close] == '!' || pattern[close] == '^')) {
            ++close;
        }
        if (close < pattern.size() && pattern[close] == ']') {
            ++close;  // a ']' first in the class is part of it
        }
        close = pattern.find(']', close);
        if (close == std::string_view::npos) {
            return false;
        }
        i = close;
    }
    return true;
}

}  // namespace dactl
