#pragma once
// Views: how a result is shown. A command hands each result (a plan, a drift
// report, a note) to its Session as a View: a function that renders it for one
// output. The Session chose the outputs once per run (standard output in the
// --format asked for, the job summary, an HTML report) and gives every result to
// each of them; a View answers "" for an output that shows nothing of it. A new
// command brings one view file; a new output format is one more case in each.

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/render/palette.h"

namespace dactl::cli {

/// What an output is written in.
enum class OutputFormat { text, json, markdown, html };

/// The formats --format offers, by name: text, json, markdown.
std::vector<std::pair<std::string, OutputFormat>> console_formats();
/// text and json only (state).
std::vector<std::pair<std::string, OutputFormat>> text_or_json_formats();

/// How an output renders: its colours, and the time the run is stamped with
/// (the HTML report's "generated at").
struct Style {
    Palette palette;
    std::string generated_at;
};

/// One result, rendered for an output of `format`; "" when it shows nothing.
using View = std::function<std::string(OutputFormat format, const Style& style)>;

/// Text for the human reader, shown only by a text output (notes on standard
/// error, progress lines).
inline View text_view(std::string text) {
    return [text = std::move(text)](OutputFormat format, const Style&) {
        return format == OutputFormat::text ? text : std::string();
    };
}

/// The view of a result that a text output alone shows: `render(style)`.
template <class Render>
View text_only(Render render) {
    return [render](OutputFormat format, const Style& style) {
        return format == OutputFormat::text ? render(style) : std::string();
    };
}

}  // namespace dactl::cli
