#pragma once
// UTF-8 from untrusted places (file names, answers): made valid before it
// reaches JSON.

#include <string>
#include <string_view>

namespace dactl {

/// The length of the valid UTF-8 sequence (RFC 3629) that starts at byte `at`
/// of `text`, or 0 when none does.
std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

/// `text` with every byte that is not part of a valid UTF-8 sequence (RFC 3629:
/// no overlong forms, no surrogates, nothing past U+10FFFF) replaced by U+FFFD.
std::string valid_utf8(std::string_view text);

/// (Text made safe for a terminal, Markdown or HTML: engine/util/escape.h.)

}  // namespace dactl
