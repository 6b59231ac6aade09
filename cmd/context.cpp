#include "cmd/context.h"

namespace dactl::cli {

Palette output_palette(const Context& context, bool no_color_flag) {
    if (no_color_flag || !context.console.out_is_tty) {
        return Palette(Color::off);
    }
    // no-color.org: NO_COLOR counts when it is set and not empty.
    const std::optional<std::string> no_color = context.environment("NO_COLOR");
    if (no_color && !no_color->empty()) {
        return Palette(Color::off);
    }
    std::optional<std::string> term = context.environment("TERM");
    if (term && *term == "dumb") {
        return Palette(Color::off);
    }
    return Palette(Color::on);
}

}  // namespace dactl::cli
