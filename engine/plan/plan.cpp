#include "engine/plan/plan.h"

namespace dactl {

FieldValues ActionChange::after_values() const {
    FieldValues values;
    for (const auto& change : fields) {
        values[change.field] = change.after;
    }
    return values;
}

FieldValues ActionChange::before_values() const {
    FieldValues values;
    for (const auto& change : fields) {
        values[change.field] = change.before;
    }
    return values;
}

}  // namespace dactl
