#include "engine/render/table.h"

#include <algorithm>

#include "engine/render/markdown_text.h"

namespace dactl {

std::string text_table(const TableRows& rows, const Palette& palette) {
    std::vector<std::size_t> widths;
    for (const auto& cells : rows) {
        widths.resize(std::max(widths.size(), cells.size()), 0);
        for (std::size_t i = 0; i < cells.size(); ++i) {
            widths[i] = std::max(widths[i], cells[i].size());
        }
    }
    std::string text;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::string line;
        for (std::size_t i = 0; i < rows[r].size(); ++i) {
            const std::string& cell = rows[r][i];
            const std::string pad(widths[i] - cell.size(), ' ');
            if (i == 0) {
                line += cell + pad;
            } else {
                line += "  " + pad;  // numbers right-aligned
                line += cell;
            }
        }
        text += (r == 0 ? palette.bold(line) : line) + "\n";
    }
    return text;
}

std::string markdown_table(const TableRows& rows) {
    std::string text;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::string line = "|";
        for (std::size_t i = 0; i < rows[r].size(); ++i) {
            line += ' ';
            line += r > 0 && i == 0 ? code(rows[r][i]) : markdown_cell(rows[r][i]);
            line += " |";
        }
        text += line + "\n";
        if (r == 0) {
            text += "|---|";
            for (std::size_t i = 1; i < rows[r].size(); ++i) {
                text += "---:|";
            }
            text += "\n";
        }
    }
    return text;
}

std::string note_text(const NoteLine& line, const Palette& palette) {
    return line.warning ? palette.yellow(line.plain()) : line.text;
}

}  // namespace dactl
