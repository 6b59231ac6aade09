#include "cmd/views/apply_view.h"

#include "engine/render/apply_text.h"
#include "engine/render/markdown.h"
#include "engine/render/output_codec.h"
#include "engine/render/text_plan.h"

namespace dactl::cli {

namespace {

class ApplyText : public ApplyView {
public:
    using ApplyView::ApplyView;
    void planned(const Plan& plan) override {
        m_target.out << render_plan_text(plan, m_target.palette);
    }
    void finished(const ActionResult& result) override {
        m_target.out << apply_result_line(result, m_target.palette) << std::flush;
    }
    void applied(const Plan& plan, const ApplyReport& report) override {
        if (!plan.empty()) {
            m_target.out << "\n" << apply_summary(report, plan.unchanged.size(), m_target.palette);
        }
    }
};

class ApplyJson : public ApplyView {
public:
    using ApplyView::ApplyView;
    void applied(const Plan& plan, const ApplyReport& report) override {
        m_target.out << encode_apply_output(plan, report);
    }
};

class ApplyMarkdown : public ApplyView {
public:
    using ApplyView::ApplyView;
    void applied(const Plan& plan, const ApplyReport& report) override {
        m_target.out << render_apply_markdown(plan, report);
    }
};

}  // namespace

std::unique_ptr<ApplyView> apply_view(OutputFormat format, const ViewTarget& target) {
    return choose_view<ApplyView, ApplyText, ApplyJson, ApplyMarkdown>(format, target);
}

}  // namespace dactl::cli
