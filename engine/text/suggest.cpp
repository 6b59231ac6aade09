#include "engine/text/suggest.h"

#include <algorithm>

#include "engine/text/word_list.h"
#include "engine/util/ascii.h"
#include "engine/util/utf8.h"

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

namespace {

// The base letter of each precomposed letter U+00C0-U+017F (Unicode's
// canonical decomposition: a letter and combining marks), ' ' for none.
constexpr std::string_view k_latin_bases =
    "AAAAAA CEEEEIIII NOOOOO  UUUUY  aaaaaa ceeeeiiii nooooo  uuuuy yAaAaAaCcCcCcCcDd  "
    "EeEeEeEeEeGgGgGgGgHh  IiIiIiIiI   JjKk LlLlLl    NnNnNn   OoOoOo  RrRrRrSsSsSsSsTtTt  "
    "UuUuUuUuUuUuWwYyYZzZzZz ";

// `text` with accents taken off the Latin letters, however they are written
// (one precomposed character, or a letter and combining marks U+0300-U+036F),
// and how many accents it had.
std::pair<std::string, std::size_t> without_accents(std::string_view text) {
    std::string out;
    std::size_t accents = 0;
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t length = std::max<std::size_t>(1, utf8_sequence_length(text, at));
        char32_t point = static_cast<unsigned char>(text[at]);
        if (length == 2) {
            point = ((point & 0x1F) << 6) | (static_cast<unsigned char>(text[at + 1]) & 0x3F);
        }
        if (length == 2 && point >= 0x300 && point <= 0x36F) {
            ++accents;
        } else if (length == 2 && point >= 0xC0 && point < 0xC0 + k_latin_bases.size() &&
                   k_latin_bases[point - 0xC0] != ' ') {
            out += k_latin_bases[point - 0xC0];
            ++accents;
        } else {
            out.append(text.substr(at, length));
        }
        at += length;
    }
    return {out, accents};
}

}  // namespace

bool differ_in_normalization(std::string_view a, std::string_view b) {
    return a != b && without_accents(a) == without_accents(b);
}

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
