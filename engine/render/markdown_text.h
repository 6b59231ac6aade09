#pragma once
// What every Markdown view shares (pull-request comments and
// $GITHUB_STEP_SUMMARY): safe cells and code, fenced blocks, diff lines,
// collapsible details, and a size limit kept by shortening the middle.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "engine/model/value.h"

namespace dactl {

/// GitHub refuses comments longer than 65,536 characters; we stay well under.
inline constexpr std::size_t k_markdown_limit = 60000;

/// Text safe as Markdown, inside a table cell too (escape_markdown, escape.h).
std::string markdown_cell(const std::string& text);
/// Inline code in a table cell, with a fence of backticks longer than any
/// inside it (markdown_code, escape.h).
std::string code(const std::string& text);
/// Inline code outside a table.
std::string inline_code(const std::string& text);
/// The lines of a ```diff block for one field change: "-"/"+" at the start of
/// removed/added lines so GitHub colours them.
std::string markdown_diff_lines(Field field, const Value& before, const Value& after);
/// `body` fenced as a code block of `language`, with a fence longer than any
/// run of backticks inside it.
std::string fenced(const std::string& body, const std::string& language);
/// A <details> block titled `summary` around a ```diff block.
std::string details(const std::string& summary, const std::string& diff);
/// `items` joined, those in the middle left out (and `note(n)` said in their
/// place) when they do not fit in `budget` bytes.
std::string shorten_middle(const std::vector<std::string>& items, std::size_t budget,
                           const std::function<std::string(std::size_t)>& note);
/// `head`, the table `rows`, then the detail `blocks`, within `limit` bytes
/// (shortening the middle of each, saying how many `what` were left out).
std::string assemble(const std::string& head, const std::vector<std::string>& rows,
                     const std::vector<std::string>& blocks, std::size_t limit,
                     const std::string& what);

}  // namespace dactl
