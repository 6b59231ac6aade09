#include "engine/model/label.h"

#include <algorithm>
#include <tuple>

namespace dactl {

namespace {

bool is_label_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

bool is_valid_label(std::string_view label) {
    return !label.empty() && std::all_of(label.begin(), label.end(), is_label_char);
}

namespace {

// The ASCII letters of a Latin-1 letter U+00C0-U+00FF (after the lead byte
// C3), lower case; "" for the few that are not letters.
std::string_view latin1_base(unsigned char second) {
    static constexpr std::string_view k_bases[64] = {
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",
        "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",
        "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};
    return second >= 0x80 && second <= 0xBF ? k_bases[second - 0x80] : "";
}

bool is_upper(char c) {
    return c >= 'A' && c <= 'Z';
}

bool is_lower_or_digit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

}  // namespace

std::string label_from_name(std::string_view name) {
    std::string label;
    bool gap = false;
    auto add = [&](std::string_view letters, bool word_start) {
        if ((gap || word_start) && !label.empty() && label.back() != '_') {
            label += '_';
        }
        label += letters;
        gap = false;
    };
    for (std::size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        if (static_cast<unsigned char>(c) == 0xC3 && i + 1 < name.size() &&
            !latin1_base(static_cast<unsigned char>(name[i + 1])).empty()) {
            add(latin1_base(static_cast<unsigned char>(name[++i])), false);
        } else if (is_upper(c)) {
            // A word starts at an upper-case letter after a lower-case one or a
            // digit, or before a lower-case one in a run of capitals (HTTPStatus).
            const bool after_lower = i > 0 && name[i - 1] >= 'a' && name[i - 1] <= 'z';
            const bool ends_capitals = i > 0 && is_upper(name[i - 1]) && i + 1 < name.size() &&
                                       name[i + 1] >= 'a' && name[i + 1] <= 'z';
            const char lower = static_cast<char>(c - 'A' + 'a');
            add(std::string_view(&lower, 1), after_lower || ends_capitals);
        } else if (is_lower_or_digit(c)) {
            add(std::string_view(&c, 1), false);
        } else {
            gap = true;
        }
    }
    if (label.empty() || (label[0] >= '0' && label[0] <= '9')) {
        label = label.empty() ? "action" : "action_" + label;
    }
    return label;
}

std::string label_for(std::string_view name, std::string_view id) {
    std::string label = label_from_name(name);
    if (label != "action") {
        return label;
    }
    std::string tail;
    for (auto c = id.rbegin(); c != id.rend() && tail.size() < 8; ++c) {
        const char lower = is_upper(*c) ? static_cast<char>(*c - 'A' + 'a') : *c;
        if (is_lower_or_digit(lower)) {
            tail.insert(tail.begin(), lower);
        }
    }
    return tail.empty() ? label : label + "_" + tail;
}

std::map<std::string, std::string> unique_labels(std::vector<Labelled> actions,
                                                 std::set<std::string> taken) {
    std::sort(actions.begin(), actions.end(), [](const Labelled& a, const Labelled& b) {
        return std::tie(a.name, a.id) < std::tie(b.name, b.id);
    });
    std::map<std::string, std::string> labels;
    for (const Labelled& action : actions) {
        const std::string base = label_for(action.name, action.id);
        std::string label = base;
        for (int n = 2; taken.count(label) != 0; ++n) {
            label = base + "_" + std::to_string(n);
        }
        taken.insert(label);
        labels.emplace(action.id, label);
    }
    return labels;
}

}  // namespace dactl
