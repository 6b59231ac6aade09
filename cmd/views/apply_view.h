#pragma once
// ApplyView: how `dactl apply` shows the plan it applies, its progress and the
// outcome. It is the apply's observer, so progress lines come as actions finish.

#include "cmd/views/view.h"
#include "engine/apply/apply.h"

namespace dactl::cli {

class ApplyView : public ApplyObserver {
public:
    explicit ApplyView(const ViewTarget& target) : m_target(target) {}

    /// The plan about to be applied, before the question (text only).
    virtual void planned(const Plan& /*plan*/) {}
    /// The outcome of the whole run (`report` is empty when nothing was planned).
    virtual void applied(const Plan& plan, const ApplyReport& report) = 0;

protected:
    ViewTarget m_target;
};

std::unique_ptr<ApplyView> apply_view(OutputFormat format, const ViewTarget& target);

}  // namespace dactl::cli
