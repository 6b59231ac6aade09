#pragma once
// Json: a JSON document in memory, the emulator's one data type for actions,
// request bodies and answers. Objects keep their members in insertion order.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace dactl::emulator {

class Json {
public:
    enum class Kind { null, boolean, integer, number, string, array, object };
    using Array = std::vector<Json>;
    using Member = std::pair<std::string, Json>;
    using Object = std::vector<Member>;

    Json() = default;
    Json(bool value) : m_value(value) {}
    Json(int value) : m_value(static_cast<std::int64_t>(value)) {}
    Json(std::int64_t value) : m_value(value) {}
    Json(double value) : m_value(value) {}
    Json(const char* value) : m_value(std::string(value)) {}
    Json(std::string value) : m_value(std::move(value)) {}
    Json(Array value) : m_value(std::move(value)) {}
    Json(Object value) : m_value(std::move(value)) {}

    /// An empty object.
    static Json object() { return Json(Object{}); }
    /// An empty array.
    static Json array() { return Json(Array{}); }

    /// The kind of value held, and tests for each kind.
    Kind kind() const { return static_cast<Kind>(m_value.index()); }
    bool is_null() const { return kind() == Kind::null; }
    bool is_bool() const { return kind() == Kind::boolean; }
    bool is_integer() const { return kind() == Kind::integer; }
    /// True for integers and other numbers alike.
    bool is_number() const { return kind() == Kind::integer || kind() == Kind::number; }
    bool is_string() const { return kind() == Kind::string; }
    bool is_array() const { return kind() == Kind::array; }
    bool is_object() const { return kind() == Kind::object; }

    /// The value; each accessor requires the matching kind (checked by the caller).
    bool as_bool() const { return std::get<bool>(m_value); }
    std::int64_t as_integer() const { return std::get<std::int64_t>(m_value); }
    /// The number as a double, for integers too.
    double as_number() const;
    const std::string& as_string() const { return std::get<std::string>(m_value); }
    const Array& as_array() const { return std::get<Array>(m_value); }
    Array& as_array() { return std::get<Array>(m_value); }
    const Object& as_object() const { return std::get<Object>(m_value); }
    Object& as_object() { return std::get<Object>(m_value); }

    /// The member named `key` of an object; nullptr when absent or not an object.
    const Json* find(std::string_view key) const;
    Json* find(std::string_view key);
    /// The string member `key`, or `fallback` when absent or not a string.
    std::string string_or(std::string_view key, const std::string& fallback) const;
    /// Sets member `key` of an object, replacing it in place or appending it.
    void set(std::string_view key, Json value);
    /// Removes member `key` of an object; returns whether it was there.
    bool erase(std::string_view key);

    bool operator==(const Json& other) const = default;

private:
    std::variant<std::monostate, bool, std::int64_t, double, std::string, Array, Object> m_value;
};

/// Applies `patch` to `target` as a merge patch: objects merge member by member,
/// a null member deletes the key, any other value replaces.
void merge_patch(Json& target, const Json& patch);

/// Removes every null member of every object in `value`, recursively.
void remove_null_members(Json& value);

/// The JSON type name of a value's kind ("object", "string", ...), for messages.
std::string_view kind_name(Json::Kind kind);

}  // namespace dactl::emulator
