#pragma once
// InsightsView: how `dactl insights` shows what the analytics say.

#include "cmd/views/view.h"
#include "engine/insights/insights.h"
#include "engine/insights/since_apply.h"

namespace dactl::cli {

class InsightsView {
public:
    explicit InsightsView(const ViewTarget& target) : m_target(target) {}
    virtual ~InsightsView() = default;

    virtual void report(const InsightsReport& report) = 0;
    virtual void since_apply(const SinceApplyReport& report) = 0;

protected:
    ViewTarget m_target;
};

std::unique_ptr<InsightsView> insights_view(OutputFormat format, const ViewTarget& target);

}  // namespace dactl::cli
