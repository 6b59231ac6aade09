#pragma once
// "Did you mean": the closest candidates to a misspelt word.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace dactl {

/// Levenshtein distance between two byte strings.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidates close to `word` (equal ignoring case, or within an edit
/// distance of a third of the word's length, at least 2), closest first, ties in
/// the candidates' order, at most `limit`.
std::vector<std::string> closest_matches(std::string_view word,
                                         const std::vector<std::string>& candidates,
                                         std::size_t limit = 3);

/// "; did you mean <the closest>?" when a candidate is close to `word`, else
/// "; <the_list_is> a, b and c" (e.g. "the environments are").
std::string suggestion(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view the_list_is);

/// Whether `a` and `b` are different bytes for the same accented text: the
/// same letters with the same accents, one writing an accented letter as one
/// character (NFC, "é") where the other writes a letter and a combining mark
/// (NFD, "e" + U+0301). Latin letters U+00C0-U+017F.
bool differ_in_normalization(std::string_view a, std::string_view b);

}  // namespace dactl
