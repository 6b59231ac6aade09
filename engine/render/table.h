#pragma once
// Tables of the human views: aligned text columns and Markdown tables.

#include <string>
#include <vector>

#include "engine/render/palette.h"

namespace dactl {

using TableRows = std::vector<std::vector<std::string>>;

/// `rows` (the first one the headings, in bold) as aligned columns two spaces
/// apart: the first column left-aligned, the others (numbers) right-aligned.
/// Every line ends with a newline.
std::string text_table(const TableRows& rows, const Palette& palette);

/// `rows` as a Markdown table: the first row the headings, the first column
/// left-aligned and in `code`, the others right-aligned; cells escaped
/// (markdown_cell).
std::string markdown_table(const TableRows& rows);

/// One line of the notes under a table: a warning is said as one ("warning:
/// ..." in yellow), by this flag, never by reading the text.
struct NoteLine {
    std::string text;
    bool warning = false;

    /// "warning: TEXT" for a warning, else TEXT.
    std::string plain() const { return warning ? "warning: " + text : text; }
};

/// The note as a text line, a warning in yellow.
std::string note_text(const NoteLine& line, const Palette& palette);

}  // namespace dactl
