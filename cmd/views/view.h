#pragma once
// Views: how a command shows its result. Each command with a result has a view
// interface (plan_view.h, apply_view.h, ...) and one implementation of it per
// output format, chosen once per run from --format by choose_view. A new
// command brings one view file; a new format is one more case here and one more
// class in each view file.

#include <memory>
#include <ostream>

#include "engine/render/palette.h"

namespace dactl::cli {

/// The view a command's result is printed in.
enum class OutputFormat { text, json, markdown };

/// Where a view writes: the result on `out`, notes on `err`, and the colours of
/// human output.
struct ViewTarget {
    std::ostream& out;
    std::ostream& err;
    Palette palette;
};

/// The one place where a format picks a view: a Text, Json or Markdown, made
/// from `target`.
template <class View, class Text, class Json, class Markdown>
std::unique_ptr<View> choose_view(OutputFormat format, const ViewTarget& target) {
    switch (format) {
        case OutputFormat::json:
            return std::make_unique<Json>(target);
        case OutputFormat::markdown:
            return std::make_unique<Markdown>(target);
        case OutputFormat::text:
            break;
    }
    return std::make_unique<Text>(target);
}

}  // namespace dactl::cli
