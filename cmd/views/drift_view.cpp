#include "cmd/views/drift_view.h"

#include "engine/render/drift_text.h"
#include "engine/render/markdown.h"
#include "engine/render/output_codec.h"

namespace dactl::cli {

namespace {

class DriftText : public DriftView {
public:
    using DriftView::DriftView;
    void report(const DriftReport& report) override {
        m_target.out << render_drift_text(report, m_target.palette);
    }
};

class DriftJson : public DriftView {
public:
    using DriftView::DriftView;
    void report(const DriftReport& report) override { m_target.out << encode_drift_output(report); }
};

class DriftMarkdown : public DriftView {
public:
    using DriftView::DriftView;
    void report(const DriftReport& report) override {
        m_target.out << render_drift_markdown(report);
    }
};

}  // namespace

std::unique_ptr<DriftView> drift_view(OutputFormat format, const ViewTarget& target) {
    return choose_view<DriftView, DriftText, DriftJson, DriftMarkdown>(format, target);
}

}  // namespace dactl::cli
