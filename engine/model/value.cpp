#include "engine/model/value.h"

namespace dactl {

bool value_satisfies(Field field, const Value& live, const Value& desired) {
    if (live == desired) {
        return true;
    }
    if (field_info(field).kind == FieldKind::integer) {
        return false;
    }
    const auto is_empty = [](const Value& v) {
        return v.is_unset() || (v.is_string() && v.as_string().empty()) ||
               (v.is_map() && v.as_map().empty());
    };
    return is_empty(live) && is_empty(desired);
}

}  // namespace dactl
