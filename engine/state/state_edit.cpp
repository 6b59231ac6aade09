#include "engine/state/state_edit.h"

#include <algorithm>

#include "engine/model/address.h"

namespace dactl {

namespace {

Error not_recorded(const std::string& address) {
    return make_error(ErrorKind::invalid_input,
                      address + " is not in the state (dactl state list shows what is)");
}

void sort_by_address(std::vector<StateAction>& actions) {
    std::sort(actions.begin(), actions.end(),
              [](const StateAction& a, const StateAction& b) { return a.address < b.address; });
}

}  // namespace

Result<State> state_moved(const State& state, const std::string& from, const std::string& to) {
    if (!parse_address(to)) {
        return make_error(ErrorKind::invalid_input,
                          "the new address must be action.<label>, the label made of a-z, 0-9 "
                          "and _, not " +
                              to);
    }
    if (state.find(from) == nullptr) {
        return not_recorded(from);
    }
    if (from == to) {
        return make_error(ErrorKind::invalid_input, from + " is already at that address");
    }
    if (const StateAction* taken = state.find(to)) {
        return make_error(ErrorKind::invalid_input, to + " is in the state already (" + taken->id +
                                                        "); remove it first: dactl state rm " + to);
    }
    State moved = state;
    for (StateAction& action : moved.actions) {
        if (action.address == from) {
            action.address = to;
        }
    }
    sort_by_address(moved.actions);
    moved.serial += 1;
    return moved;
}

Result<State> state_removed(const State& state, const std::vector<std::string>& addresses) {
    for (const std::string& address : addresses) {
        if (state.find(address) == nullptr) {
            return not_recorded(address);
        }
    }
    State removed = state;
    std::erase_if(removed.actions, [&](const StateAction& action) {
        return std::find(addresses.begin(), addresses.end(), action.address) != addresses.end();
    });
    removed.serial += 1;
    return removed;
}

}  // namespace dactl
