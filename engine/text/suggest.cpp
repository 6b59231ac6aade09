#include "engine/text/suggest.h"

#include <algorithm>

#include "engine/text/word_list.h"
#include "engine/util/ascii.h"

namespace dactl {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t above = row[j];
            std::size_t substitution = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
            row[j] = std::min({above + 1, row[j - 1] + 1, substitution});
            diagonal = above;
        }
    }
    return row[b.size()];
}

namespace {}  // namespace

std::vector<std::string> closest_matches(std::string_view word,
                                         const std::vector<std::string>& candidates,
                                         std::size_t limit) {
    const std::size_t threshold = std::max<std::size_t>(2, word.size() / 3);
    const std::string folded = ascii_lower(word);
    std::vector<std::pair<std::size_t, std::size_t>> scored;  // distance, index
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        std::size_t distance = edit_distance(folded, ascii_lower(candidates[i]));
        if (distance <= threshold) {
            scored.emplace_back(distance, i);
        }
    }
    std::stable_sort(scored.begin(), scored.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> out;
    for (const auto& [distance, index] : scored) {
        if (out.size() == limit) {
            break;
        }
        if (std::find(out.begin(), out.end(), candidates[index]) == out.end()) {
            out.push_back(candidates[index]);
        }
    }
    return out;
}

std::string suggestion(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view the_list_is) {
    if (const std::vector<std::string> close = closest_matches(word, candidates, 1);
        !close.empty()) {
        return "; did you mean " + close[0] + "?";
    }
    std::string text = "; ";
    text += the_list_is;
    text += " ";
    text += word_list(candidates);
    return text;
}

}  // namespace dactl
