#pragma once
// Lists of words as a sentence writes them.

#include <string>
#include <vector>

namespace dactl {

/// "a", "a and b", "a, b and c"; "" for none.
std::string word_list(const std::vector<std::string>& words);

}  // namespace dactl
