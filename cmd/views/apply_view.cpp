#include "cmd/views/apply_view.h"

#include "engine/render/apply_render.h"
#include "engine/render/plan_render.h"

namespace dactl::cli {

View apply_planned_view(const Plan& plan) {
    return text_only([&](const Style& style) { return render_plan_text(plan, style.palette); });
}

View action_applied_view(const ActionResult& result) {
    return text_only([&](const Style& style) { return apply_result_line(result, style.palette); });
}

View apply_view(const Plan& plan, const ApplyReport& report) {
    return [&](OutputFormat format, const Style& style) -> std::string {
        switch (format) {
            case OutputFormat::text:
                return plan.empty()
                           ? std::string()
                           : "\n" + apply_summary(report, plan.unchanged.size(), style.palette);
            case OutputFormat::json:
                return encode_apply_output(plan, report);
            case OutputFormat::markdown:
                return render_apply_markdown(plan, report);
            case OutputFormat::html:
                break;
        }
        return "";
    };
}

View apply_cancelled_view(const Plan& plan) {
    return [&plan](OutputFormat format, const Style& style) -> std::string {
        if (format == OutputFormat::text) {
            return "";
        }
        ApplyReport report;
        for (const ActionChange& change : plan.changes) {
            ActionResult result;
            result.address = change.address;
            result.id = change.id;
            result.version_before = change.version;
            report.results.push_back(std::move(result));
        }
        return apply_view(plan, report)(format, style);
    };
}

namespace {

class Progress : public ApplyObserver {
public:
    explicit Progress(std::function<void(const View&)> present) : m_present(std::move(present)) {}
    void finished(const ActionResult& result) override { m_present(action_applied_view(result)); }

private:
    std::function<void(const View&)> m_present;
};

}  // namespace

std::unique_ptr<ApplyObserver> apply_progress(std::function<void(const View&)> present) {
    return std::make_unique<Progress>(std::move(present));
}

}  // namespace dactl::cli
