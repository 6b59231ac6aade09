#pragma once
// ProbeView: how `dactl probe` shows its measurements.

#include "cmd/views/view.h"
#include "engine/probe/probe_report.h"

namespace dactl::cli {

class ProbeView {
public:
    explicit ProbeView(const ViewTarget& target) : m_target(target) {}
    virtual ~ProbeView() = default;

    virtual void report(const ProbeReport& report) = 0;

protected:
    ViewTarget m_target;
};

std::unique_ptr<ProbeView> probe_view(OutputFormat format, const ViewTarget& target);

}  // namespace dactl::cli
