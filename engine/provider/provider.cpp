#include "engine/provider/provider.h"

namespace dactl {

namespace {

Error unsupported(const char* what) {
    return make_error(ErrorKind::generic, std::string("this provider cannot ") + what);
}

}  // namespace

Result<OrgIdentity> Provider::org_identity() {
    return unsupported("identify the org");
}

Result<TestRun> Provider::test_action(const std::string& /*id*/, const std::string& /*input_json*/,
                                      TestTarget /*target*/) {
    return unsupported("test actions");
}

Result<LiveAction> Provider::read_after_interrupt(const std::string& id) {
    return get_action(id);
}

Result<std::optional<LiveAction>> Provider::get_draft(const std::string& /*id*/) {
    return unsupported("read drafts");
}

Result<LiveAction> Provider::create_draft(const std::string& /*id*/) {
    return unsupported("create drafts");
}

Result<LiveAction> Provider::update_draft(const LiveAction& /*draft*/,
                                          const FieldValues& /*changes*/) {
    return unsupported("update drafts");
}

Status Provider::delete_draft(const std::string& /*id*/) {
    return unsupported("delete drafts");
}

}  // namespace dactl
