#include "cmd/views/plan_view.h"

#include "engine/render/markdown_text.h"
#include "engine/render/plan_render.h"

namespace dactl::cli {

namespace {

// "Saved plan FILE: made T by dactl V against ORG.", then how to apply it.
// Markdown quotes the file and the command as code.
std::string saved_header(const SavedPlan& saved, const std::string& file, bool markdown) {
    const char* quote = markdown ? "`" : "";
    std::string text = "Saved plan ";
    text += quote;
    text += file;
    text += quote;
    text += ": made ";
    text += saved.created_at;
    text += " by dactl ";
    text += saved.dactl_version;
    text += " against ";
    text += saved.org ? saved.org->describe() : std::string("an org it does not record");
    if (!saved.environment.empty()) {
        text += ", environment ";
        text += saved.environment;
    }
    text += ".\nApply exactly it with: ";
    text += quote;
    text += "dactl apply ";
    if (!saved.environment.empty()) {
        text += "--env ";
        text += saved.environment;
        text += " ";
    }
    text += file;
    text += quote;
    text += "\n\n";
    return text;
}

// The flows the saved plan recorded, as plan listed them; none when it did not.
std::optional<FlowImpact> saved_flows(const SavedPlan& saved) {
    if (!saved.flows) {
        return std::nullopt;
    }
    FlowImpact impact;
    impact.listing = FlowListing::listed;
    impact.by_address = *saved.flows;
    impact.changed = saved.plan.changes.size();
    for (const ActionChange& change : saved.plan.changes) {
        const CallingFlows* flows = impact.flows_of(change.address);
        for (const FieldChange& field : change.fields) {
            impact.changes_timeouts =
                impact.changes_timeouts || (field.field == Field::timeout_seconds &&
                                            flows != nullptr && !flows->flows.empty());
        }
    }
    return impact;
}

}  // namespace

View plan_view(const Plan& plan, const FlowImpact* impact) {
    return [&plan, impact](OutputFormat format, const Style& style) -> std::string {
        switch (format) {
            case OutputFormat::text:
                return render_plan_text(plan, style.palette, impact);
            case OutputFormat::json:
                return encode_plan_output(plan, impact);
            case OutputFormat::markdown:
                return render_plan_markdown(plan, k_markdown_limit, "plan", impact);
            case OutputFormat::html:
                break;
        }
        return "";
    };
}

View saved_plan_view(const SavedPlan& saved, const std::string& file) {
    return [&](OutputFormat format, const Style& style) -> std::string {
        const std::optional<FlowImpact> impact = saved_flows(saved);
        const FlowImpact* flows = impact ? &*impact : nullptr;
        switch (format) {
            case OutputFormat::text:
                return saved_header(saved, file, false) +
                       render_plan_text(saved.plan, style.palette, flows);
            case OutputFormat::json:
                return encode_show_output(saved, flows);
            case OutputFormat::markdown:
                return saved_header(saved, file, true) +
                       render_plan_markdown(saved.plan, k_markdown_limit, "plan", flows);
            case OutputFormat::html:
                break;
        }
        return "";
    };
}

View plan_saved_note(const std::string& file) {
    return text_view("Saved the plan to " + file + "; apply exactly it with: dactl apply " + file +
                     "\n");
}

}  // namespace dactl::cli
