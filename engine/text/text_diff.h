#pragma once
// Line diffs of templates, in the unified format. The only user of dtl.

#include <string>
#include <string_view>
#include <vector>

namespace dactl {

struct DiffLine {
    enum class Kind {
        hunk,     ///< "@@ -a,b +c,d @@"
        context,  ///< unchanged line
        removed,  ///< line only in the old text
        added,    ///< line only in the new text
        note,     ///< "\ No newline at end of file"
    };
    Kind kind;
    std::string text;  ///< without the prefix character and without the newline

    bool operator==(const DiffLine&) const = default;
};

/// The unified diff of two texts, split on '\n', with `context` lines around
/// each change. Empty when the texts are equal. A missing final newline on
/// either side is reported with a note line after the affected line.
std::vector<DiffLine> unified_diff(std::string_view before, std::string_view after,
                                   int context = 3);

/// The prefix character of a diff line kind: '@', ' ', '-', '+' or '\\'.
char diff_prefix(DiffLine::Kind kind);

}  // namespace dactl
