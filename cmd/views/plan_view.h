#pragma once
// PlanView: how `dactl plan` shows the plan.

#include "cmd/views/view.h"
#include "engine/plan/plan_codec.h"

namespace dactl::cli {

class PlanView {
public:
    explicit PlanView(const ViewTarget& target) : m_target(target) {}
    virtual ~PlanView() = default;

    /// Text: Terraform-style lines; JSON: the plan document; Markdown: the
    /// pull-request view.
    virtual void plan(const Plan& plan) = 0;
    /// `dactl show FILE`: what the saved plan records, then its plan.
    virtual void saved(const SavedPlan& saved, const std::string& file) = 0;

protected:
    ViewTarget m_target;
};

std::unique_ptr<PlanView> plan_view(OutputFormat format, const ViewTarget& target);

}  // namespace dactl::cli
