#pragma once
// Internal to the manifest loader: the value of one managed key, checked as
// its field requires (timeouts in range, request types, tables of strings),
// every problem reported to the file at the value's position.

#include <optional>
#include <string>
#include <string_view>

#include "engine/manifest/manifest_file.h"
#include "engine/model/value.h"

namespace dactl::manifest {

class FieldReader {
public:
    explicit FieldReader(ManifestFile& file) : m_file(file) {}

    /// The value `value` gives `field`, or nothing after reporting why not.
    std::optional<Value> value(Field field, const toml::node& value);
    /// A string, or nothing after "NAME must be a string, found ...".
    std::optional<std::string> text(const std::string& name, const toml::node& value);
    /// A string that is not empty.
    std::optional<std::string> non_empty_text(const std::string& name, const toml::node& value);

private:
    std::optional<Value> timeout(const toml::node& value);
    std::optional<Value> function_timeout(const toml::node& value);
    std::optional<Value> request_type(const toml::node& value);
    std::optional<Value> string_map(const std::string& name, const toml::node& value);
    void wrong_type(const std::string& name, std::string_view expected, const toml::node& value);

    ManifestFile& m_file;
};

}  // namespace dactl::manifest
