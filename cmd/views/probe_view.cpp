#include "cmd/views/probe_view.h"

#include "engine/render/output_codec.h"
#include "engine/render/probe_text.h"

namespace dactl::cli {

namespace {

class ProbeText : public ProbeView {
public:
    using ProbeView::ProbeView;
    void report(const ProbeReport& report) override {
        m_target.out << render_probe_text(report, m_target.palette);
    }
};

class ProbeJson : public ProbeView {
public:
    using ProbeView::ProbeView;
    void report(const ProbeReport& report) override { m_target.out << encode_probe_output(report); }
};

class ProbeMarkdown : public ProbeView {
public:
    using ProbeView::ProbeView;
    void report(const ProbeReport& report) override {
        m_target.out << render_probe_markdown(report);
    }
};

}  // namespace

std::unique_ptr<ProbeView> probe_view(OutputFormat format, const ViewTarget& target) {
    return choose_view<ProbeView, ProbeText, ProbeJson, ProbeMarkdown>(format, target);
}

}  // namespace dactl::cli
