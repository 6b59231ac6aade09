#include "tests/emulator/json_codec.h"

#include <cstddef>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace dactl::emulator {

namespace {

// Deeper documents are refused rather than risk the converting recursion.
constexpr int k_max_depth = 100;

Json from_rapidjson(const rapidjson::Value& value, int depth, bool& too_deep) {
    if (depth > k_max_depth) {
        too_deep = true;
        return Json();
    }
    if (value.IsNull()) {
        return Json();
    }
    if (value.IsBool()) {
        return Json(value.GetBool());
    }
    if (value.IsInt64()) {
        return Json(static_cast<std::int64_t>(value.GetInt64()));
    }
    if (value.IsNumber()) {
        return Json(value.GetDouble());
    }
    if (value.IsString()) {
        return Json(std::string(value.GetString(), value.GetStringLength()));
    }
    if (value.IsArray()) {
        Json::Array items;
        items.reserve(value.Size());
        for (const auto& item : value.GetArray()) {
            items.push_back(from_rapidjson(item, depth + 1, too_deep));
        }
        return Json(std::move(items));
    }
    Json::Object members;
    members.reserve(value.MemberCount());
    for (const auto& member : value.GetObject()) {
        std::string name(member.name.GetString(), member.name.GetStringLength());
        members.emplace_back(std::move(name), from_rapidjson(member.value, depth + 1, too_deep));
    }
    return Json(std::move(members));
}

// The 1-based line and column of a byte offset, for parse errors.
std::string position_of(std::string_view text, std::size_t offset) {
    std::size_t line = 1;
    std::size_t column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return std::to_string(line) + ":" + std::to_string(column);
}

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void write_value(Writer& writer, const Json& value) {
    switch (value.kind()) {
        case Json::Kind::null:
            writer.Null();
            break;
        case Json::Kind::boolean:
            writer.Bool(value.as_bool());
            break;
        case Json::Kind::integer:
            writer.Int64(value.as_integer());
            break;
        case Json::Kind::number:
            writer.Double(value.as_number());
            break;
        case Json::Kind::string:
            writer.String(value.as_string().data(),
                          static_cast<rapidjson::SizeType>(value.as_string().size()));
            break;
        case Json::Kind::array:
            writer.StartArray();
            for (const auto& item : value.as_array()) {
                write_value(writer, item);
            }
            writer.EndArray();
            break;
        case Json::Kind::object:
            writer.StartObject();
            for (const auto& [name, member] : value.as_object()) {
                writer.Key(name.data(), static_cast<rapidjson::SizeType>(name.size()));
                write_value(writer, member);
            }
            writer.EndObject();
            break;
    }
}

}  // namespace

Result<Json> parse_json(std::string_view text) {
    rapidjson::Document document;
    constexpr unsigned flags =
        rapidjson::kParseValidateEncodingFlag | rapidjson::kParseIterativeFlag;
    document.Parse<flags>(text.data(), text.size());
    if (document.HasParseError()) {
        return make_error(ErrorKind::invalid_input,
                          position_of(text, document.GetErrorOffset()) + ": " +
                              rapidjson::GetParseError_En(document.GetParseError()));
    }
    bool too_deep = false;
    Json value = from_rapidjson(document, 1, too_deep);
    if (too_deep) {
        return make_error(ErrorKind::invalid_input, "the document nests deeper than " +
                                                        std::to_string(k_max_depth) + " levels");
    }
    return value;
}

std::string write_json(const Json& value) {
    rapidjson::StringBuffer buffer;
    Writer writer(buffer);
    write_value(writer, value);
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace dactl::emulator
