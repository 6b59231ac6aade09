#pragma once
// The views of `dactl probe`: the report (text, JSON, Markdown, the HTML page)
// and its progress on standard error.

#include <iosfwd>
#include <memory>

#include "cmd/views/view.h"
#include "engine/probe/probe_report.h"
#include "engine/probe/probe_run.h"

namespace dactl::cli {

View probe_view(const ProbeReport& report);

/// The probe's progress: a bar drawn over itself on a terminal (`terminal`),
/// else one line per action measured; written to `err`.
std::unique_ptr<ProbeObserver> probe_progress(std::ostream& err, bool terminal);

}  // namespace dactl::cli
