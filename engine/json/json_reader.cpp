#include "engine/json/json_reader.h"

#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "engine/util/json_depth.h"
#include "engine/util/utf8.h"

namespace dactl {

namespace {

// Iterative: no stack used for nesting. Not kParseFullPrecisionFlag: in
// RapidJSON 1.1.0 it misreads numbers such as 0e-40 (as 1.99e-59; found by
// fuzzing), so a float with an extreme exponent in a stored document may move
// by one unit in the last place when it is written again.
constexpr unsigned k_trusting = rapidjson::kParseIterativeFlag;
constexpr unsigned k_validating = k_trusting | rapidjson::kParseValidateEncodingFlag;

Error invalid(std::string message) {
    return make_error(ErrorKind::invalid_input, std::move(message));
}

}  // namespace

std::string JsonProblem::describe() const {
    if (too_deep) {
        return "nested more than " + std::to_string(k_max_json_nesting) + " levels deep";
    }
    return "not valid JSON at byte " + std::to_string(offset) + ": " + reason;
}

namespace {

bool valid_text(const rapidjson::Value& string) {
    const std::string_view text(string.GetString(), string.GetStringLength());
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t length = utf8_sequence_length(text, at);
        if (length == 0) {
            return false;
        }
        at += length;
    }
    return true;
}

// Whether every string (and member name) decoded to valid UTF-8: RapidJSON
// checks the bytes of the text, not what a \u escape of a lone UTF-16
// surrogate (\udc00) decodes to. The depth was checked before parsing.
bool decoded_utf8(const rapidjson::Value& value) {
    if (value.IsString()) {
        return valid_text(value);
    }
    if (value.IsArray()) {
        for (const auto& item : value.GetArray()) {
            if (!decoded_utf8(item)) {
                return false;
            }
        }
    } else if (value.IsObject()) {
        for (const auto& entry : value.GetObject()) {
            if (!valid_text(entry.name) || !decoded_utf8(entry.value)) {
                return false;
            }
        }
    }
    return true;
}

// Where the first escaped low surrogate (\\uDC00-\\uDFFF) starts; 0 if none.
std::size_t low_surrogate_at(std::string_view text) {
    for (std::size_t at = text.find("\\u"); at != std::string_view::npos;
         at = text.find("\\u", at + 1)) {
        if (at + 3 < text.size() && (text[at + 2] == 'd' || text[at + 2] == 'D') &&
            std::string_view("cdefCDEF").find(text[at + 3]) != std::string_view::npos) {
            return at;
        }
    }
    return 0;
}

}  // namespace

std::optional<JsonProblem> parse_json(std::string_view text, rapidjson::Document& document,
                                      Utf8 utf8) {
    if (json_nesting_depth(text) > k_max_json_nesting) {
        return JsonProblem{true, "", 0};
    }
    // RapidJSON stops at a NUL byte as at the end, and would call a zeroed
    // file "empty"; it is named instead.
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
        return JsonProblem{false, "The text holds a NUL byte.", nul};
    }
    if (utf8 == Utf8::validated) {
        document.Parse<k_validating>(text.data(), text.size());
    } else {
        document.Parse<k_trusting>(text.data(), text.size());
    }
    if (!document.HasParseError()) {
        if (utf8 == Utf8::validated && !decoded_utf8(document)) {
            return JsonProblem{false,
                               "A string escapes a lone UTF-16 surrogate (\\uDC00-\\uDFFF), "
                               "which is not text.",
                               low_surrogate_at(text)};
        }
        return std::nullopt;
    }
    return JsonProblem{false, rapidjson::GetParseError_En(document.GetParseError()),
                       document.GetErrorOffset()};
}

bool has_member(std::string_view json, const char* name) {
    rapidjson::Document document;
    return !parse_json(json, document, Utf8::trusted) && member(document, name) != nullptr;
}

const rapidjson::Value* member(const rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) {
        return nullptr;
    }
    auto found = object.FindMember(name);
    return found == object.MemberEnd() ? nullptr : &found->value;
}

rapidjson::Value* member(rapidjson::Value& object, const char* name) {
    if (!object.IsObject()) {
        return nullptr;
    }
    auto found = object.FindMember(name);
    return found == object.MemberEnd() ? nullptr : &found->value;
}

std::optional<std::string> string_member(const rapidjson::Value& object, const char* name) {
    const rapidjson::Value* value = member(object, name);
    if (value == nullptr || !value->IsString()) {
        return std::nullopt;
    }
    return text_of(*value);
}

std::string text_member(const rapidjson::Value& object, const char* name) {
    return string_member(object, name).value_or("");
}

std::string text_of(const rapidjson::Value& string) {
    return std::string(string.GetString(), string.GetStringLength());
}

Result<Value> read_value(Field field, const rapidjson::Value& json) {
    const std::string key(field_key(field));
    if (json.IsNull()) {
        return Value();
    }
    switch (field_info(field).kind) {
        case FieldKind::integer:
            if (json.IsInt64()) {
                return Value(json.GetInt64());
            }
            break;
        case FieldKind::text:
        case FieldKind::template_text:
            if (json.IsString()) {
                return Value(text_of(json));
            }
            break;
        case FieldKind::string_map:
            if (json.IsObject()) {
                StringMap map;
                for (const auto& entry : json.GetObject()) {
                    if (!entry.value.IsString()) {
                        return invalid(key + " has a non-string entry");
                    }
                    map[text_of(entry.name)] = text_of(entry.value);
                }
                return Value(std::move(map));
            }
            break;
    }
    return invalid(key + " has the wrong type");
}

std::string compact_json(const rapidjson::Value& value) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    value.Accept(writer);
    return std::string(buffer.GetString(), buffer.GetSize());
}

Result<rapidjson::Document> answer_object(std::string_view json) {
    rapidjson::Document body;
    if (std::optional<JsonProblem> problem = parse_json(json, body, Utf8::validated)) {
        return make_error(ErrorKind::invalid_response, "the answer is " + problem->describe());
    }
    if (!body.IsObject()) {
        return make_error(ErrorKind::invalid_response, "the answer is not a JSON object");
    }
    return body;
}

std::string_view json_type_name(const rapidjson::Value& value) {
    if (value.IsNull()) {
        return "null";
    }
    if (value.IsBool()) {
        return "a boolean";
    }
    if (value.IsObject()) {
        return "an object";
    }
    if (value.IsArray()) {
        return "an array";
    }
    return value.IsString() ? "a string" : "a number";
}

}  // namespace dactl
