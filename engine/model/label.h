#pragma once
// Labels: the names manifests give their actions (`[action.<label>]`). One rule
// makes a label from a name, for export and for the hint in a validation error,
// so the label a hint proposes is the one export would write.

#include <string>
#include <string_view>

namespace dactl {

/// Whether `label` is made only of a-z, 0-9 and _ (and is not empty).
bool is_valid_label(std::string_view label);

/// A valid label from a name or a mistyped label: ASCII letters and digits in
/// lower case, each run of other characters as one "_" between them; never
/// empty ("action") and never starting with a digit ("action_" is put first).
/// "Get Order Status" -> "get_order_status", "Fetch-History" -> "fetch_history".
std::string label_from_name(std::string_view name);

}  // namespace dactl
