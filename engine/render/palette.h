#pragma once
// Palette: ANSI colours for human output, or none at all.

#include <string>
#include <string_view>

namespace dactl {

enum class Color { off, on };

class Palette {
public:
    explicit Palette(Color color = Color::off) : m_color(color) {}

    std::string bold(std::string_view text) const { return wrap("1", text); }
    std::string red(std::string_view text) const { return wrap("31", text); }
    std::string green(std::string_view text) const { return wrap("32", text); }
    std::string yellow(std::string_view text) const { return wrap("33", text); }
    std::string cyan(std::string_view text) const { return wrap("36", text); }
    std::string dim(std::string_view text) const { return wrap("2", text); }

private:
    std::string wrap(std::string_view code, std::string_view text) const {
        if (m_color == Color::off || text.empty()) {
            return std::string(text);
        }
        return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
    }

    Color m_color;
};

}  // namespace dactl
