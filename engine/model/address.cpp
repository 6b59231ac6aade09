#include "engine/model/address.h"

#include <fnmatch.h>

#include "engine/model/label.h"

namespace dactl {

std::optional<Address> parse_address(std::string_view text) {
    if (text.substr(0, k_action_prefix.size()) != k_action_prefix) {
        return std::nullopt;
    }
    text.remove_prefix(k_action_prefix.size());
    if (!is_valid_label(text)) {
        return std::nullopt;
    }
    return Address{std::string(text)};
}

std::optional<Address> address_or_label(std::string_view text) {
    if (is_valid_label(text)) {
        return Address{std::string(text)};
    }
    return parse_address(text);
}

std::string target_address(std::string_view pattern) {
    std::string text(pattern);
    if (!text.starts_with(k_action_prefix)) {
        text.insert(0, k_action_prefix);
    }
    return text;
}

bool target_matches(std::string_view pattern, std::string_view address) {
    return ::fnmatch(target_address(pattern).c_str(), std::string(address).c_str(), 0) == 0;
}

std::string targets_text(const std::vector<std::string>& patterns) {
    std::string text;
    for (const std::string& pattern : patterns) {
        if (!text.empty()) {
            text += ", ";
        }
        text += target_address(pattern);
    }
    return text;
}

}  // namespace dactl
