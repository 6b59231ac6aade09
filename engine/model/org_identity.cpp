#include "engine/model/org_identity.h"

#include "engine/util/json_text.h"

namespace dactl {

std::string OrgIdentity::describe() const {
    if (name.empty()) {
        return "the org behind " + id;
    }
    return json_string(name) + " (id " + id + ")";
}

Status check_same_org(const std::optional<OrgIdentity>& recorded, const OrgIdentity& current,
                      const std::string& what, const std::string& advice) {
    if (!recorded || recorded->id == current.id) {
        return {};
    }
    return make_error(ErrorKind::conflict, what + " was made for " + recorded->describe() +
                                               ", but the credentials reach " + current.describe() +
                                               "; " + advice);
}

}  // namespace dactl
