#pragma once
// Value: the value of one managed field, as declared or as observed.

#include <cstdint>
#include <map>
#include <string>
#include <variant>

#include "engine/model/field.h"

namespace dactl {

using StringMap = std::map<std::string, std::string>;

/// Unset (the action has no such setting), a whole number, a string or a string map.
class Value {
public:
    Value() = default;
    Value(std::int64_t number) : m_data(number) {}
    Value(int number) : m_data(static_cast<std::int64_t>(number)) {}
    Value(std::string text) : m_data(std::move(text)) {}
    Value(const char* text) : m_data(std::string(text)) {}
    Value(StringMap map) : m_data(std::move(map)) {}

    bool is_unset() const { return m_data.index() == 0; }
    bool is_integer() const { return m_data.index() == 1; }
    bool is_string() const { return m_data.index() == 2; }
    bool is_map() const { return m_data.index() == 3; }

    std::int64_t as_integer() const { return std::get<1>(m_data); }
    const std::string& as_string() const { return std::get<2>(m_data); }
    const StringMap& as_map() const { return std::get<3>(m_data); }

    /// Exact equality: unset equals only unset.
    bool operator==(const Value& other) const = default;

private:
    std::variant<std::monostate, std::int64_t, std::string, StringMap> m_data;
};

/// Whether an observed value already satisfies a desired one for this field.
/// Exact, except that for strings, templates and maps an unset live value
/// counts as empty: a manifest's "" or {} asks for nothing to be there.
bool value_satisfies(Field field, const Value& live, const Value& desired);

/// Managed fields and their values, in Field order.
using FieldValues = std::map<Field, Value>;

}  // namespace dactl
