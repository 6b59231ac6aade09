#pragma once
// Editing `timeout_seconds` in a manifest's text in place, for `probe --write`:
// only that value changes; comments, order and spacing are kept.

#include <string>
#include <string_view>

#include "engine/model/desired_action.h"
#include "engine/util/result.h"

namespace dactl {

/// `text` (the file `action` was loaded from) with the action's timeout_seconds
/// set to `seconds`. Where the key is written, only its value is replaced; else
/// a line "timeout_seconds = N" is inserted after the line selecting the action
/// (name or id). Fails with ErrorKind::invalid_input when the positions do not
/// match the text (the file changed since it was loaded) or the action is
/// written as an inline table.
Result<std::string> set_timeout_in_text(std::string_view text, const DesiredAction& action,
                                        int seconds);

}  // namespace dactl
