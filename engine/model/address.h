#pragma once
// Address: how plans, state files and messages name what the manifests declare,
// as Terraform's resource addresses do: "action.<label>".

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dactl {

/// The prefix of an action's address.
inline constexpr std::string_view k_action_prefix = "action.";

struct Address {
    std::string label;  ///< the manifest label, [a-z0-9_]+

    /// "action.<label>".
    std::string text() const { return std::string(k_action_prefix) + label; }
    bool operator==(const Address&) const = default;
};

/// The address written as "action.<label>"; nothing for any other text (a bare
/// label included: see address_or_label).
std::optional<Address> parse_address(std::string_view text);

/// As parse_address, but a bare label ("order_status") is taken as its action's
/// address: how the command line lets users name actions.
std::optional<Address> address_or_label(std::string_view text);

/// Whether a command-line pattern (`--target`) names `address`: the pattern
/// with or without "action." in front, a shell-style glob (`*`, `?`, `[...]`,
/// fnmatch, case-sensitive).
bool target_matches(std::string_view pattern, std::string_view address);

/// The pattern with "action." in front when it lacks it.
std::string target_address(std::string_view pattern);

/// "action.a, action.b*": the patterns as given, each with "action." in front.
std::string targets_text(const std::vector<std::string>& patterns);

}  // namespace dactl
