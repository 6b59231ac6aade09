#pragma once
// StateView: how `dactl state list` and `dactl state show` print the state.

#include "cmd/views/view.h"
#include "engine/state/state.h"

namespace dactl::cli {

class StateView {
public:
    explicit StateView(const ViewTarget& target) : m_target(target) {}
    virtual ~StateView() = default;

    /// Every recorded action.
    virtual void list(const State& state) = 0;
    /// One recorded action in full.
    virtual void entry(const StateAction& action) = 0;

protected:
    ViewTarget m_target;
};

/// Text for text and markdown, the JSON documents for json.
std::unique_ptr<StateView> state_view(OutputFormat format, const ViewTarget& target);

}  // namespace dactl::cli
