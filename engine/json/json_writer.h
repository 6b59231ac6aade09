#pragma once
// JsonWriter: the one writer of the JSON that dactl prints and stores (plan and
// apply output, saved plans, state files). Every field value goes through
// value(), which masks secret entries; action documents through document().
// RapidJSON stays inside json_writer.cpp.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/value.h"

namespace dactl {

/// Pretty-printed JSON (two-space indent), written in order.
class JsonWriter {
public:
    JsonWriter();
    ~JsonWriter();
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    void key(std::string_view name);

    void string(std::string_view text);
    void integer(std::int64_t number);
    /// A number; NaN and infinities (which JSON lacks) are written as null.
    void number(double value);
    void boolean(bool value);
    void null();
    /// A field's value: null when unset, a number, a string or an object of
    /// strings, secret entries masked (is_secret_entry).
    void value(Field field, const Value& value);
    /// A value as the state file keeps it: as value(), but a secret entry that
    /// is already a fingerprint (fingerprinted()) is written as it is.
    void stored_value(Field field, const Value& value);
    /// An action document (JSON text from the API) as an object, secret request
    /// header values masked; `{}` when the text is not a JSON object or nests
    /// more than k_max_json_nesting levels.
    void document(std::string_view json);

    /// key() then string() / integer().
    void member(std::string_view name, std::string_view text);
    void member(std::string_view name, std::int64_t number);
    /// key() then an array of strings.
    void strings(std::string_view name, const std::vector<std::string>& items);

    /// The text written, ending in a newline. Call once, after the last value.
    std::string finish();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

/// How value_json writes secret entries: masked; masked but for fingerprints
/// (the state file); or as they are (only the body sent to the API).
enum class Secrets { masked, fingerprints_kept, revealed };

/// A field's value as compact JSON text: "null" when unset, a number, a string,
/// or an object of strings (secret entries masked unless `secrets` says otherwise).
std::string value_json(Field field, const Value& value, Secrets secrets = Secrets::masked);

}  // namespace dactl
