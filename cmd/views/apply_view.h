#pragma once
// The views of `dactl apply`: the plan it applies, its progress and the outcome.

#include <functional>
#include <memory>

#include "cmd/views/view.h"
#include "engine/apply/apply.h"

namespace dactl::cli {

/// The plan about to be applied, before the question (text only).
View apply_planned_view(const Plan& plan);
/// One action's outcome as it finishes (text only).
View action_applied_view(const ActionResult& result);
/// The outcome of the whole run (`report` is empty when nothing was planned).
View apply_view(const Plan& plan, const ApplyReport& report);
/// Apply cancelled at the prompt: the JSON and Markdown documents with every
/// change not attempted (the text said so at the prompt).
View apply_cancelled_view(const Plan& plan);

/// The apply's observer: presents action_applied_view as each action finishes.
std::unique_ptr<ApplyObserver> apply_progress(std::function<void(const View&)> present);

}  // namespace dactl::cli
