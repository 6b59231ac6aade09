#pragma once
// The views of `dactl export` and `dactl import` (text).

#include <string>

#include "cmd/views/view.h"
#include "engine/render/export_render.h"

namespace dactl::cli {

View export_view(const ExportResult& result, const std::string& directory);
View override_export_view(const OverrideExport& result, const std::string& environment,
                          const std::string& directory);
View import_view(const LiveAction& live, const std::string& address, const std::string& file);

}  // namespace dactl::cli
