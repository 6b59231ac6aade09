#pragma once
// Internal to the manifest loader: a manifest line as a diagnostic may quote
// it, with the values of secret-looking keys masked.

#include <string>
#include <string_view>

namespace dactl::manifest {

/// `line` with the text of every string written for a secret-looking key
/// (`Authorization = "Bearer x"`, `"X-Api-Key" = '...'`, `headers.Cookie = "..."`)
/// replaced by as many '*', so the caret under the line still lines up.
std::string with_secrets_masked(std::string_view line);

}  // namespace dactl::manifest
