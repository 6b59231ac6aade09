#include "providers/genesys/json_member.h"

namespace dactl::genesys {

std::string member_text(const rapidjson::Value& object, const char* name) {
    auto found = object.FindMember(name);
    if (found == object.MemberEnd() || !found->value.IsString()) {
        return {};
    }
    return std::string(found->value.GetString(), found->value.GetStringLength());
}

}  // namespace dactl::genesys
