#include "engine/model/desired_action.h"

namespace dactl {

SourcePosition DesiredAction::position_of(Field field) const {
    auto found = positions.find(field);
    return found == positions.end() ? where : found->second;
}

}  // namespace dactl
