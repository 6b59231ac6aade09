#include "cmd/views/state_view.h"

#include "engine/render/state_text.h"

namespace dactl::cli {

namespace {

class StateText : public StateView {
public:
    using StateView::StateView;
    void list(const State& state) override {
        m_target.out << render_state_list(state, m_target.palette);
    }
    void entry(const StateAction& action) override {
        m_target.out << render_state_entry(action, m_target.palette);
    }
};

class StateJson : public StateView {
public:
    using StateView::StateView;
    void list(const State& state) override { m_target.out << encode_state_list_output(state); }
    void entry(const StateAction& action) override {
        m_target.out << encode_state_entry_output(action);
    }
};

}  // namespace

std::unique_ptr<StateView> state_view(OutputFormat format, const ViewTarget& target) {
    return choose_view<StateView, StateText, StateJson, StateText>(format, target);
}

}  // namespace dactl::cli
