#pragma once
// Internal to the manifest loader: a probe's `input` table as the JSON body that
// `dactl probe` sends to the test endpoint.

#include <optional>
#include <string>
#include <string_view>

#include "engine/manifest/manifest_file.h"

namespace dactl::manifest {

/// `input` as a compact JSON object, keys in sorted order. Dates, times and
/// non-finite floats have no JSON form: each is reported to `file` (named from
/// `name`, e.g. "probe.input.when") and then nothing is returned.
std::optional<std::string> probe_input_json(const toml::table& input, std::string_view name,
                                            ManifestFile& file);

}  // namespace dactl::manifest
