#pragma once
// Reading JSON that dactl stored or was sent: one parser setup (iterative, no
// stack used for nesting; depth checked first), member lookups, and the one
// reader of field values. For the codec files, which alone use RapidJSON.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "engine/model/value.h"
#include "engine/util/result.h"

namespace dactl {

/// Whether the parser checks that strings are valid UTF-8 (answers from the
/// API) or trusts them (files dactl wrote itself).
enum class Utf8 { trusted, validated };

/// Why a text could not be parsed.
struct JsonProblem {
    bool too_deep = false;   ///< nested more than k_max_json_nesting levels (not parsed)
    std::string reason;      ///< RapidJSON's words, e.g. "Invalid value."
    std::size_t offset = 0;  ///< where the parser stopped, in bytes

    /// "nested more than 128 levels deep" or "not valid JSON: <reason> at offset N".
    std::string describe() const;
};

/// Parses `text` into `document`; answers nothing when it parsed, else why not.
/// Refuses, before parsing, text nested more than k_max_json_nesting levels.
std::optional<JsonProblem> parse_json(std::string_view text, rapidjson::Document& document,
                                      Utf8 utf8);

/// An API answer that must be a JSON object, UTF-8 validated: the document,
/// or ErrorKind::invalid_response "the answer is <why it did not parse>" /
/// "the answer is not a JSON object".
Result<rapidjson::Document> answer_object(std::string_view json);

/// Whether `json` is an object with a member `name` (false when it is not JSON).
bool has_member(std::string_view json, const char* name);

/// The member `name` of `object`, or null when `object` is not an object or has
/// no such member.
const rapidjson::Value* member(const rapidjson::Value& object, const char* name);
rapidjson::Value* member(rapidjson::Value& object, const char* name);

/// The string member `name`, or nothing when it is absent or not a string.
std::optional<std::string> string_member(const rapidjson::Value& object, const char* name);

/// The string member `name`, or "" when it is absent or not a string.
std::string text_member(const rapidjson::Value& object, const char* name);

/// A string's text.
std::string text_of(const rapidjson::Value& string);

/// A field's value read back from what JsonWriter::value wrote: null is unset;
/// otherwise the type must match the field's kind. Fails with
/// ErrorKind::invalid_input: "<key> has a non-string entry" or
/// "<key> has the wrong type".
Result<Value> read_value(Field field, const rapidjson::Value& json);

/// The compact text of a parsed value.
std::string compact_json(const rapidjson::Value& value);

/// What a parsed value is, for messages: "a string", "a number", "null" ...
std::string_view json_type_name(const rapidjson::Value& value);

}  // namespace dactl
