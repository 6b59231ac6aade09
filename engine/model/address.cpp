#include "engine/model/address.h"

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

}  // namespace dactl
