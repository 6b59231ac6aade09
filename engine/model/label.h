#pragma once
// Labels: the names manifests give their actions (`[action.<label>]`). One rule
// makes a label from a name, for export and for the hint in a validation error,
// so the label a hint proposes is the one export would write.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace dactl {

/// Whether `label` is made only of a-z, 0-9 and _ (and is not empty).
bool is_valid_label(std::string_view label);

/// A valid label from a name or a mistyped label: ASCII letters and digits in
/// lower case, words kept apart by "_" (each run of other characters, and a
/// change from a lower-case to an upper-case letter: "FetchCustomerHistory" ->
/// "fetch_customer_history", "HTTPStatus" -> "http_status"), the accented
/// letters of Latin-1 as their base letter ("Zoë" -> "zoe"); never empty
/// ("action") and never starting with a digit ("action_" is put first).
/// "Get Order Status" -> "get_order_status", "Fetch-History" -> "fetch_history".
std::string label_from_name(std::string_view name);

/// label_from_name, or when the name leaves nothing of its own, "action_" and
/// the last 8 letters and digits of `id` (export and adoption).
std::string label_for(std::string_view name, std::string_view id);

/// A live action that needs a label: its id and name.
struct Labelled {
    std::string id;
    std::string name;
};

/// The one rule that gives live actions labels (export, adoption, the actions
/// rules govern): each gets label_for(name, id), unique against `taken` and
/// each other; where several want one label, they get it in order of name,
/// then id, the first plain and the others with _2, _3... Whatever order
/// `actions` come in, the answer is the same. By id.
std::map<std::string, std::string> unique_labels(std::vector<Labelled> actions,
                                                 std::set<std::string> taken);

}  // namespace dactl
