#pragma once
// Text that dactl did not write (names, ids, user names and messages from the
// org; keys and values from manifests) made safe for the medium it is written
// to, in one place. Every view writes such text only through these, or
// through quoted() (quote.h), html_escape() (html.h) and markdown_cell() /
// code() (markdown_text.h), which are built on them:
// - a terminal: no control character, C1 control, bidirectional override or
//   invisible character reaches it raw; each is shown as \n, \u001b, \u202e ...
//   so an ESC sequence cannot colour or move anything and a newline cannot
//   forge a line of output; bytes that are not UTF-8 are shown as \xNN;
// - Markdown: that, and nothing the text holds is read as Markdown, HTML, a
//   link or an @-mention (escape_markdown, markdown_code);
// - HTML: that, and &, <, >, " and ' as entities;
// - GitHub workflow commands (annotations): %, CR and LF as the runner decodes.

#include <string>
#include <string_view>

namespace dactl {

/// `text` with every character a terminal would act on or hide escaped
/// (C0 controls and DEL as JSON writes them: \n, \t, \u001b; C1 controls,
/// U+200B-U+200F, U+2028-U+202E, U+2060-U+2064, U+2066-U+2069 and U+FEFF as
/// \uXXXX; bytes that are not UTF-8 as \xNN). When `quote_marks`, `"` and `\`
/// are escaped too, for text shown in double quotes. Applying it to its own
/// output (without quote marks) changes nothing.
std::string printable(std::string_view text, bool quote_marks = false);

/// `text` as plain Markdown text, also inside a table cell: printable(), then
/// Markdown's punctuation backslash-escaped, <, > and & as entities, and a
/// zero-width space after each @ so no one is mentioned.
std::string escape_markdown(std::string_view text);

/// `text` as a Markdown code span: printable(), in a fence of backticks longer
/// than any run inside it; `in_table`, `|` escaped as a table cell needs (a
/// backslash elsewhere in a code span is shown as it is).
std::string markdown_code(std::string_view text, bool in_table);

/// `text` as HTML text or a quoted attribute value: printable(), then &, <, >,
/// " and ' as entities.
std::string escape_html(std::string_view text);

/// `text` as HTML inside Markdown (a <summary>): escape_html(), and a
/// zero-width space after each @ so no one is mentioned.
std::string escape_markdown_html(std::string_view text);

/// `text` as the data of a GitHub workflow command (::error ...::data):
/// %, CR and LF percent-encoded; `property` also encodes : and , for a
/// property value (file=...).
std::string escape_annotation(std::string_view text, bool property = false);

}  // namespace dactl
