#include "engine/model/label.h"

#include <algorithm>

namespace dactl {

namespace {

bool is_label_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

bool is_valid_label(std::string_view label) {
    return !label.empty() && std::all_of(label.begin(), label.end(), is_label_char);
}

std::string label_from_name(std::string_view name) {
    std::string label;
    bool gap = false;
    for (char c : name) {
        const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
            if (gap && !label.empty()) {
                label += '_';
            }
            label += lower;
            gap = false;
        } else {
            gap = true;
        }
    }
    if (label.empty() || (label[0] >= '0' && label[0] <= '9')) {
        label = label.empty() ? "action" : "action_" + label;
    }
    return label;
}

}  // namespace dactl
