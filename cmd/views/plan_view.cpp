#include "cmd/views/plan_view.h"

#include "engine/render/markdown.h"
#include "engine/render/output_codec.h"
#include "engine/render/text_plan.h"

namespace dactl::cli {

namespace {

class PlanText : public PlanView {
public:
    using PlanView::PlanView;
    void plan(const Plan& plan) override {
        m_target.out << render_plan_text(plan, m_target.palette);
    }
};

class PlanJson : public PlanView {
public:
    using PlanView::PlanView;
    void plan(const Plan& plan) override { m_target.out << encode_plan_output(plan); }
};

class PlanMarkdown : public PlanView {
public:
    using PlanView::PlanView;
    void plan(const Plan& plan) override { m_target.out << render_plan_markdown(plan); }
};

}  // namespace

std::unique_ptr<PlanView> plan_view(OutputFormat format, const ViewTarget& target) {
    return choose_view<PlanView, PlanText, PlanJson, PlanMarkdown>(format, target);
}

}  // namespace dactl::cli
