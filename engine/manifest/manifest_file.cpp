#include "engine/manifest/manifest_file.h"

#include <charconv>
#include <cmath>

#include "engine/text/quote.h"

namespace dactl::manifest {

SourcePosition ManifestFile::position(const toml::source_position& at) const {
    return SourcePosition{m_path, static_cast<int>(at.line), static_cast<int>(at.column)};
}

void ManifestFile::error(const toml::source_position& at, std::string message) {
    m_diagnostics.add(Diagnostic{Severity::error, position(at), std::move(message), {}, {}});
}

void ManifestFile::file_warning(std::string message) {
    m_diagnostics.add(
        Diagnostic{Severity::warning, SourcePosition{m_path, 0, 0}, std::move(message), {}, {}});
}

std::string describe_type(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string:
            return "a string";
        case toml::node_type::integer:
            return "an integer";
        case toml::node_type::floating_point:
            return "a float";
        case toml::node_type::boolean:
            return "a boolean";
        case toml::node_type::date:
            return "a date";
        case toml::node_type::time:
            return "a time";
        case toml::node_type::date_time:
            return "a date-time";
        case toml::node_type::array:
            return "an array";
        case toml::node_type::table:
            return "a table";
        case toml::node_type::none:
            break;
    }
    return "nothing";
}

namespace {

// TOML's spelling of a float: always with a fraction or exponent, so 15.0 does
// not read as the integer 15 in a message.
std::string float_text(double value) {
    if (std::isnan(value)) {
        return "nan";
    }
    if (std::isinf(value)) {
        return value < 0 ? "-inf" : "inf";
    }
    char buffer[32];
    auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    std::string text(buffer, error == std::errc() ? end : buffer);
    if (text.find_first_of(".e") == std::string::npos) {
        text += ".0";
    }
    return text;
}

bool is_bare_key(std::string_view key) {
    if (key.empty()) {
        return false;
    }
    for (char c : key) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                             (c >= '0' && c <= '9') || c == '_' || c == '-';
        if (!allowed) {
            return false;
        }
    }
    return true;
}

}  // namespace

std::string describe_value(const toml::node& node) {
    if (const auto* integer = node.as_integer()) {
        return std::to_string(integer->get());
    }
    if (const auto* floating = node.as_floating_point()) {
        return float_text(floating->get());
    }
    if (const auto* text = node.as_string()) {
        return dactl::quoted(text->get());
    }
    return describe_type(node);
}

std::string key_text(std::string_view key) {
    return is_bare_key(key) ? std::string(key) : dactl::quoted(key);
}

}  // namespace dactl::manifest
