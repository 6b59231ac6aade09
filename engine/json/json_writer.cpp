#include "engine/json/json_writer.h"

#include <cmath>

#include <rapidjson/document.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "engine/json/json_reader.h"
#include "engine/model/secrets.h"
#include "engine/util/utf8.h"

namespace dactl {

namespace {

rapidjson::SizeType size_of(std::string_view text) {
    return static_cast<rapidjson::SizeType>(text.size());
}

// One mapping of a Value to JSON for every writer.
template <class Writer>
void write_value(Writer& writer, Field field, const Value& value, Secrets secrets) {
    if (value.is_unset()) {
        writer.Null();
    } else if (value.is_integer()) {
        writer.Int64(value.as_integer());
    } else if (value.is_string()) {
        const std::string text = valid_utf8(value.as_string());
        writer.String(text.data(), size_of(text));
    } else {
        writer.StartObject();
        for (const auto& [key, entry] : value.as_map()) {
            const std::string name = valid_utf8(key);
            writer.Key(name.data(), size_of(name));
            const bool kept = secrets == Secrets::revealed ||
                              (secrets == Secrets::fingerprints_kept && is_fingerprint(entry));
            const bool hide = !kept && is_secret_entry(field, key, entry);
            const std::string text = valid_utf8(hide ? k_masked_value : std::string_view(entry));
            writer.String(text.data(), size_of(text));
        }
        writer.EndObject();
    }
}

// The request headers of an API action document, masked in place.
void mask_document_headers(rapidjson::Value& action) {
    rapidjson::Value* config = member(action, "config");
    rapidjson::Value* request = config ? member(*config, "request") : nullptr;
    rapidjson::Value* headers = request ? member(*request, "headers") : nullptr;
    if (headers == nullptr || !headers->IsObject()) {
        return;
    }
    for (auto& header : headers->GetObject()) {
        if (header.value.IsString() &&
            is_secret_entry(
                Field::request_headers, header.name.GetString(),
                std::string_view(header.value.GetString(), header.value.GetStringLength()))) {
            header.value.SetString(k_masked_value.data(), size_of(k_masked_value));
        }
    }
}

}  // namespace

struct JsonWriter::Impl {
    rapidjson::StringBuffer buffer;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> writer{buffer};
    Impl() { writer.SetIndent(' ', 2); }
};

JsonWriter::JsonWriter() : m_impl(std::make_unique<Impl>()) {}
JsonWriter::~JsonWriter() = default;

void JsonWriter::begin_object() {
    m_impl->writer.StartObject();
}
void JsonWriter::end_object() {
    m_impl->writer.EndObject();
}
void JsonWriter::begin_array() {
    m_impl->writer.StartArray();
}
void JsonWriter::end_array() {
    m_impl->writer.EndArray();
}
// Text from anywhere (a file name, an answer) becomes valid UTF-8 first: the
// writer would otherwise pass invalid bytes on and the document would not be JSON.
void JsonWriter::key(std::string_view name) {
    const std::string valid = valid_utf8(name);
    m_impl->writer.Key(valid.data(), size_of(valid));
}
void JsonWriter::string(std::string_view text) {
    const std::string valid = valid_utf8(text);
    m_impl->writer.String(valid.data(), size_of(valid));
}
void JsonWriter::integer(std::int64_t number) {
    m_impl->writer.Int64(number);
}
void JsonWriter::boolean(bool value) {
    m_impl->writer.Bool(value);
}
void JsonWriter::null() {
    m_impl->writer.Null();
}

void JsonWriter::number(double value) {
    if (std::isfinite(value)) {
        m_impl->writer.Double(value);
    } else {
        m_impl->writer.Null();
    }
}

void JsonWriter::value(Field field, const Value& value) {
    write_value(m_impl->writer, field, value, Secrets::masked);
}

void JsonWriter::stored_value(Field field, const Value& value) {
    write_value(m_impl->writer, field, value, Secrets::fingerprints_kept);
}

void JsonWriter::document(std::string_view json) {
    rapidjson::Document parsed;
    if (parse_json(json, parsed, Utf8::trusted) || !parsed.IsObject()) {
        begin_object();
        end_object();
        return;
    }
    mask_document_headers(parsed);
    parsed.Accept(m_impl->writer);
}

void JsonWriter::member(std::string_view name, std::string_view text) {
    key(name);
    string(text);
}

void JsonWriter::member(std::string_view name, std::int64_t number) {
    key(name);
    integer(number);
}

void JsonWriter::strings(std::string_view name, const std::vector<std::string>& items) {
    key(name);
    begin_array();
    for (const auto& item : items) {
        string(item);
    }
    end_array();
}

std::string JsonWriter::finish() {
    return std::string(m_impl->buffer.GetString(), m_impl->buffer.GetSize()) + "\n";
}

std::string value_json(Field field, const Value& value, Secrets secrets) {
    rapidjson::StringBuffer buffer;
    rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
    write_value(writer, field, value, secrets);
    return std::string(buffer.GetString(), buffer.GetSize());
}

}  // namespace dactl
