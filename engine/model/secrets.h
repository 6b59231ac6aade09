#pragma once
// Which values are secret. Secret values are masked wherever dactl shows or
// stores them: plans, state files, logs.

#include <string>
#include <string_view>

#include "engine/model/value.h"

namespace dactl {

/// What is shown in place of a secret value.
inline constexpr std::string_view k_masked_value = "(sensitive)";

/// Whether a request header's value must be masked: its name contains, without
/// regard to case, "authorization", "token", "key", "secret", "password",
/// "cookie", "credential" or "signature".
bool is_secret_header(std::string_view name);

/// Whether a header value is only template references, at most after an
/// authentication scheme: "${credentials.token}", "Bearer ${credentials.token}",
/// "Basic ${user}:${password}". Such a value names a secret without holding one.
/// A reference is ${name} or $!{name}, the name letters, digits, '_' and '.'.
bool is_template_reference(std::string_view value);

/// Whether the entry `key` = `value` of a map field's value is secret: an entry
/// of request.headers whose name is secret-looking and whose value is not a
/// template reference (fingerprints and masks are secret). The one rule every
/// view and every file dactl writes applies.
bool is_secret_entry(Field field, std::string_view key, std::string_view value);

/// `value` with each secret entry's value replaced by k_masked_value (a
/// fingerprint too: views show neither).
Value masked(Field field, const Value& value);
/// Every value of `values` masked.
FieldValues masked(const FieldValues& values);

/// What the state file keeps of a secret entry's value: its keyed fingerprint,
/// "(sensitive, hmac-sha256:<key id>:<64 hex digits>)": HMAC-SHA-256 under the
/// project's key, which tells a change without revealing the value, and which
/// key made it (key_id), so that a fingerprint made with another key is known
/// not to be comparable.
std::string fingerprint(std::string_view key, std::string_view secret);
/// Whether `text` is a fingerprint (as fingerprint() writes them).
bool is_fingerprint(std::string_view text);
/// 8 hex digits naming a key without revealing it.
std::string key_id(std::string_view key);
/// The key id a fingerprint was made with; "" when `fingerprint` is none.
std::string fingerprint_key_id(std::string_view fingerprint);
/// `value` with each secret entry replaced by its fingerprint under `key`;
/// entries that are fingerprints or masks already are kept.
Value fingerprinted(Field field, const Value& value, std::string_view key);
/// Every value of `values` fingerprinted.
FieldValues fingerprinted(const FieldValues& values, std::string_view key);

}  // namespace dactl
