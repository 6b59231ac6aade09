#include "cmd/views/plan_view.h"

#include "engine/render/markdown.h"
#include "engine/render/output_codec.h"
#include "engine/render/text_plan.h"

namespace dactl::cli {

namespace {

// "Saved plan FILE: made T by dactl V against ORG.", then how to apply it.
// Markdown quotes the file and the command as code.
std::string saved_header(const SavedPlan& saved, const std::string& file, bool markdown = false) {
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

class PlanText : public PlanView {
public:
    using PlanView::PlanView;
    void plan(const Plan& plan) override {
        m_target.out << render_plan_text(plan, m_target.palette);
    }
    void saved(const SavedPlan& saved, const std::string& file) override {
        m_target.out << saved_header(saved, file);
        plan(saved.plan);
    }
};

class PlanJson : public PlanView {
public:
    using PlanView::PlanView;
    void plan(const Plan& plan) override { m_target.out << encode_plan_output(plan); }
    void saved(const SavedPlan& saved, const std::string& /*file*/) override {
        m_target.out << encode_show_output(saved);
    }
};

class PlanMarkdown : public PlanView {
public:
    using PlanView::PlanView;
    void plan(const Plan& plan) override { m_target.out << render_plan_markdown(plan); }
    void saved(const SavedPlan& saved, const std::string& file) override {
        m_target.out << saved_header(saved, file, true);
        plan(saved.plan);
    }
};

}  // namespace

std::unique_ptr<PlanView> plan_view(OutputFormat format, const ViewTarget& target) {
    return choose_view<PlanView, PlanText, PlanJson, PlanMarkdown>(format, target);
}

}  // namespace dactl::cli
