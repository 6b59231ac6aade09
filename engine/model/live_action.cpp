#include "engine/model/live_action.h"

namespace dactl {

const Value& LiveAction::get(Field field) const {
    static const Value unset;
    auto found = fields.find(field);
    return found == fields.end() ? unset : found->second;
}

}  // namespace dactl
