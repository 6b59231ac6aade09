#include "engine/manifest/field_reader.h"

#include <algorithm>
#include <array>

#include "engine/manifest/key_rules.h"
#include "engine/text/quote.h"

namespace dactl::manifest {

namespace {

constexpr std::array<std::string_view, 5> k_request_types = {"GET", "PUT", "POST", "PATCH",
                                                             "DELETE"};

bool is_request_type(std::string_view text) {
    return std::find(k_request_types.begin(), k_request_types.end(), text) != k_request_types.end();
}

std::string upper(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    return out;
}

}  // namespace

std::optional<Value> FieldReader::value(Field field, const toml::node& value) {
    const std::string name(field_key(field));
    switch (field) {
        case Field::timeout_seconds:
            return timeout(value);
        case Field::function_timeout_seconds:
            return function_timeout(value);
        case Field::request_type:
            return request_type(value);
        case Field::name:
        case Field::category:
            return non_empty_text(name, value);
        default:
            break;
    }
    if (field_info(field).kind == FieldKind::string_map) {
        return string_map(name, value);
    }
    return text(name, value);
}

std::optional<std::string> FieldReader::text(const std::string& name, const toml::node& value) {
    if (const auto* string = value.as_string()) {
        return string->get();
    }
    wrong_type(name, "a string", value);
    return std::nullopt;
}

std::optional<std::string> FieldReader::non_empty_text(const std::string& name,
                                                       const toml::node& value) {
    std::optional<std::string> result = text(name, value);
    if (result && result->empty()) {
        m_file.error(value.source().begin, name + " must not be empty");
        return std::nullopt;
    }
    return result;
}

std::optional<Value> FieldReader::timeout(const toml::node& value) {
    const auto* integer = value.as_integer();
    if (integer != nullptr && integer->get() >= 1 && integer->get() <= 60) {
        return Value(integer->get());
    }
    const std::string found = value.is_number() ? describe_value(value) : describe_type(value);
    m_file.error(value.source().begin,
                 "timeout_seconds must be a whole number of seconds from 1 to 60, found " + found +
                     "; without it the service default of 60 applies");
    return std::nullopt;
}

std::optional<Value> FieldReader::function_timeout(const toml::node& value) {
    const auto* integer = value.as_integer();
    if (integer != nullptr && integer->get() >= 1 && integer->get() <= 15) {
        return Value(integer->get());
    }
    const std::string found = value.is_number() ? describe_value(value) : describe_type(value);
    m_file.error(value.source().begin,
                 "function.timeout_seconds must be a whole number of seconds from 1 to 15 (a "
                 "function runs at most 15 s), found " +
                     found);
    return std::nullopt;
}

std::optional<Value> FieldReader::request_type(const toml::node& value) {
    std::optional<std::string> type = text("request.type", value);
    if (!type) {
        return std::nullopt;
    }
    if (is_request_type(*type)) {
        return Value(*type);
    }
    std::string message =
        "request.type must be one of GET, PUT, POST, PATCH, DELETE, found " + dactl::quoted(*type);
    if (is_request_type(upper(*type))) {
        message += "; write it in upper case: " + dactl::quoted(upper(*type));
    }
    m_file.error(value.source().begin, std::move(message));
    return std::nullopt;
}

std::optional<Value> FieldReader::string_map(const std::string& name, const toml::node& value) {
    const toml::table* table = value.as_table();
    if (table == nullptr) {
        wrong_type(name, "a table of strings", value);
        return std::nullopt;
    }
    StringMap map;
    bool all_strings = true;
    for (auto&& [key, entry] : *table) {
        if (const auto* string = entry.as_string()) {
            map[std::string(key.str())] = string->get();
        } else {
            wrong_type(name + "." + key_text(key.str()), "a string", entry);
            all_strings = false;
        }
    }
    return all_strings ? std::optional<Value>(Value(std::move(map))) : std::nullopt;
}

void FieldReader::wrong_type(const std::string& name, std::string_view expected,
                             const toml::node& value) {
    m_file.error(value.source().begin,
                 name + " must be " + std::string(expected) + ", found " + describe_type(value));
}

}  // namespace dactl::manifest
