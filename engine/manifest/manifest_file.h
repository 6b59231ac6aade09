#pragma once
// Internal to the manifest loader (the only place that includes toml++): one
// manifest file being read, and how its nodes are described in messages.

#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "engine/diagnostics/diagnostic.h"

namespace dactl::manifest {

/// One file being read, reporting problems into a shared Diagnostics at toml++'s
/// positions (the loader adds each line's text afterwards).
class ManifestFile {
public:
    ManifestFile(std::string path, Diagnostics& diagnostics)
        : m_path(std::move(path)), m_diagnostics(diagnostics) {}

    /// The position as shown to the user; toml++ counts columns in code points.
    SourcePosition position(const toml::source_position& at) const;
    /// Adds an error at `at`.
    void error(const toml::source_position& at, std::string message);
    /// Adds a warning about the whole file, without a position.
    void file_warning(std::string message);

private:
    std::string m_path;
    Diagnostics& m_diagnostics;
};

/// What a node is, for "found ..." in messages: "a string", "an integer", "a float",
/// "a boolean", "a date", "a time", "a date-time", "an array" or "a table".
std::string describe_type(const toml::node& node);

/// A node as found: integers and floats as TOML writes them ("90", "15.0", "15.5"),
/// strings quoted, anything else by its type.
std::string describe_value(const toml::node& node);

/// A key as written in a dotted TOML key: bare when it can be, otherwise quoted.
std::string key_text(std::string_view key);

}  // namespace dactl::manifest
