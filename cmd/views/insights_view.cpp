#include "cmd/views/insights_view.h"

#include "engine/render/insights_json.h"
#include "engine/render/insights_text.h"

namespace dactl::cli {

namespace {

class InsightsText : public InsightsView {
public:
    using InsightsView::InsightsView;
    void report(const InsightsReport& report) override {
        m_target.out << render_insights_text(report, m_target.palette);
    }
    void since_apply(const SinceApplyReport& report) override {
        m_target.out << render_since_apply_text(report, m_target.palette);
    }
};

class InsightsJson : public InsightsView {
public:
    using InsightsView::InsightsView;
    void report(const InsightsReport& report) override {
        m_target.out << encode_insights_output(report);
    }
    void since_apply(const SinceApplyReport& report) override {
        m_target.out << encode_since_apply_output(report);
    }
};

class InsightsMarkdown : public InsightsView {
public:
    using InsightsView::InsightsView;
    void report(const InsightsReport& report) override {
        m_target.out << render_insights_markdown(report);
    }
    void since_apply(const SinceApplyReport& report) override {
        m_target.out << render_since_apply_markdown(report);
    }
};

}  // namespace

std::unique_ptr<InsightsView> insights_view(OutputFormat format, const ViewTarget& target) {
    return choose_view<InsightsView, InsightsText, InsightsJson, InsightsMarkdown>(format, target);
}

}  // namespace dactl::cli
