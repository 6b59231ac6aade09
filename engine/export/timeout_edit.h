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
/// (name or id). For an `environment` (the action loaded for it), only that
/// environment's value is set: in its [action.<label>.env.<environment>]
/// table, which is added at the end of the file when there is none; the
/// base's key is left as it is. Fails with ErrorKind::invalid_input when the
/// positions do not match the text (the file changed since it was loaded) or
/// the action is written as an inline table.
Result<std::string> set_timeout_in_text(std::string_view text, const DesiredAction& action,
                                        int seconds, const std::string& environment = "");

}  // namespace dactl
