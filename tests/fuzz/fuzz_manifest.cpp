// libFuzzer target: the manifest loader over one or two in-memory sources.
//
// Input layout: the first byte chooses the files, the rest is their text.
//   bit 0: the first file is dactl.toml (else orders.toml);
//   bit 1: two files, split at the first NUL byte (the second is sub/more.toml,
//          or dactl.toml when bit 2 is set).
// Properties checked besides "no crash, no sanitizer report": loading is
// deterministic, and a project without errors has sorted, labelled actions.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/manifest/loader.h"

namespace {

std::vector<dactl::ManifestSource> sources_from(const std::uint8_t* data, std::size_t size) {
    const auto flags = data[0];
    const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
    const std::string first_path = (flags & 1U) != 0 ? "dactl.toml" : "orders.toml";
    if ((flags & 2U) == 0) {
        return {{first_path, std::string(text)}};
    }
    const std::size_t split = text.find('\0');
    const std::string second_path = (flags & 4U) != 0 ? "dactl.toml" : "sub/more.toml";
    if (split == std::string_view::npos) {
        return {{first_path, std::string(text)}, {second_path, ""}};
    }
    return {{first_path, std::string(text.substr(0, split))},
            {second_path, std::string(text.substr(split + 1))}};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const std::vector<dactl::ManifestSource> sources = sources_from(data, size);
    const dactl::LoadResult first = dactl::load_sources(sources);
    const std::string shown = first.diagnostics.format();
    const dactl::LoadResult again = dactl::load_sources(sources);
    if (again.diagnostics.format() != shown || again.project.digest != first.project.digest) {
        __builtin_trap();  // the same sources must load the same way
    }
    if (!first.diagnostics.has_errors()) {
        const auto& actions = first.project.actions;
        for (std::size_t i = 1; i < actions.size(); ++i) {
            if (actions[i - 1].label >= actions[i].label) {
                __builtin_trap();  // labels are unique and sorted in a valid project
            }
        }
    }
    return 0;
}
