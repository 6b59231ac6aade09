#include "engine/render/apply_render.h"
#include "engine/render/plan_render.h"
#include "engine/render/value_text.h"

namespace dactl {

namespace {

std::string versions(const ActionResult& result) {
    return "version " + std::to_string(result.version_before) + " -> " +
           std::to_string(result.version_after);
}

std::string reason(const ActionResult& result) {
    std::string text;
    if (result.error) {
        text = result.error->describe();
    }
    if (const std::string detail = mismatch_text(result); !detail.empty()) {
        text += (text.empty() ? "" : "; ") + detail;
    }
    if (result.status == ActionStatus::failed && result.outcome_unknown) {
        text += "; the answer to a write was lost, so it may have been applied: run plan to see";
    }
    return text;
}

}  // namespace

std::string mismatch_text(const ActionResult& result) {
    std::string text;
    for (const auto& mismatch : result.mismatches) {
        text += text.empty() ? "version " + std::to_string(result.version_after) + ": " : "; ";
        text += std::string(field_key(mismatch.field)) + " is " +
                value_text(mismatch.field, mismatch.live) + ", planned " +
                value_text(mismatch.field, mismatch.before) + " -> " +
                value_text(mismatch.field, mismatch.after);
    }
    return text;
}

std::string apply_result_line(const ActionResult& result, const Palette& palette) {
    std::string line = palette.bold(result.address) + ": ";
    switch (result.status) {
        case ActionStatus::applied:
            line += palette.green("applied") + ", " + versions(result);
            break;
        case ActionStatus::already_applied:
            line += palette.green("already applied") + ", found at version " +
                    std::to_string(result.version_after);
            break;
        case ActionStatus::not_converged:
            line += palette.red("written but not converged") + ": " + reason(result);
            break;
        case ActionStatus::changed_since_plan:
            line += palette.red("changed since plan, not written") + ": " + reason(result);
            break;
        case ActionStatus::failed:
            line += palette.red("failed") + ": " + reason(result);
            break;
        case ActionStatus::not_attempted:
            line += palette.yellow("not attempted");
            break;
    }
    return line + "\n";
}

std::string apply_summary(const ApplyReport& report, std::size_t unchanged,
                          const Palette& palette) {
    const std::size_t changed =
        report.count(ActionStatus::applied) + report.count(ActionStatus::already_applied);
    if (report.succeeded()) {
        return palette.green("Apply complete:") + " " + std::to_string(changed) + " changed, " +
               std::to_string(unchanged) + " unchanged.\n";
    }
    std::string text =
        palette.red("Apply incomplete:") + " " + std::to_string(changed) + " changed, " +
        std::to_string(report.count(ActionStatus::not_converged)) + " written but not converged, " +
        std::to_string(report.count(ActionStatus::changed_since_plan) +
                       report.count(ActionStatus::failed)) +
        " not written, " + std::to_string(report.count(ActionStatus::not_attempted)) +
        " not attempted, " + std::to_string(unchanged) + " unchanged.\n";
    for (const auto& result : report.results) {
        text += "    " + std::string(status_text(result.status)) + ": " + result.address + "\n";
    }
    return text;
}

std::string render_apply_markdown(const Plan& plan, const ApplyReport& report) {
    std::string text = render_plan_markdown(plan, k_markdown_limit, "apply");
    std::string results;
    for (const auto& result : report.results) {
        results += apply_result_line(result, Palette());
    }
    if (!results.empty()) {
        text += "\n#### Result\n\n" +
                fenced(results + apply_summary(report, plan.unchanged.size(), Palette()), "text");
    }
    return text;
}

}  // namespace dactl
