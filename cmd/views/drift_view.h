#pragma once
// DriftView: how `dactl drift` shows its report.

#include "cmd/views/view.h"
#include "engine/drift/drift.h"

namespace dactl::cli {

class DriftView {
public:
    explicit DriftView(const ViewTarget& target) : m_target(target) {}
    virtual ~DriftView() = default;

    virtual void report(const DriftReport& report) = 0;

protected:
    ViewTarget m_target;
};

std::unique_ptr<DriftView> drift_view(OutputFormat format, const ViewTarget& target);

}  // namespace dactl::cli
