#include "engine/provider/provider.h"

#include <algorithm>

namespace dactl {

namespace {

Error unsupported(const char* what) {
    return make_error(ErrorKind::generic, std::string("this provider cannot ") + what);
}

}  // namespace

Result<OrgIdentity> Provider::org_identity() {
    return unsupported("identify the org");
}

Result<std::vector<AggregateGroup>> Provider::query_action_aggregates(
    const AggregateQuery& /*query*/) {
    return unsupported("query the analytics");
}

Result<std::vector<AuditService>> Provider::audit_services() {
    return unsupported("read the audit trail");
}

Result<AuditPage> Provider::query_audits(const AuditQuery& /*query*/) {
    return unsupported("read the audit trail");
}

Result<TestRun> Provider::test_action(const std::string& /*id*/, const std::string& /*input_json*/,
                                      TestTarget /*target*/) {
    return unsupported("test actions");
}

Result<LiveAction> Provider::read_after_interrupt(const std::string& id) {
    return get_action(id);
}

std::vector<std::vector<std::string>> Provider::read_groups(const std::vector<std::string>& ids) {
    constexpr std::size_t k_group = 50;
    std::vector<std::vector<std::string>> groups;
    for (std::size_t at = 0; at < ids.size(); at += k_group) {
        groups.emplace_back(
            ids.begin() + static_cast<std::ptrdiff_t>(at),
            ids.begin() + static_cast<std::ptrdiff_t>(std::min(at + k_group, ids.size())));
    }
    return groups;
}

namespace {

// One read per id: the found ones, not-found ones left out, any other failure the answer.
template <class Read>
Result<std::vector<LiveAction>> read_each(const std::vector<std::string>& ids, Read read) {
    std::vector<LiveAction> found;
    for (const std::string& id : ids) {
        Result<LiveAction> action = read(id);
        if (action) {
            found.push_back(std::move(action).value());
        } else if (action.error().kind != ErrorKind::not_found) {
            return action.error();
        }
    }
    return found;
}

}  // namespace

Result<std::vector<LiveAction>> Provider::read_actions(const std::vector<std::string>& ids) {
    return read_each(ids, [this](const std::string& id) { return get_action(id); });
}

Result<std::vector<LiveAction>> Provider::read_actions_after_interrupt(
    const std::vector<std::string>& ids) {
    return read_each(ids, [this](const std::string& id) { return read_after_interrupt(id); });
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

Result<std::set<std::string>> Provider::function_integrations() {
    return unsupported("list integrations");
}

Result<FunctionSetup> Provider::get_function(const std::string& /*id*/) {
    return unsupported("read functions");
}

Result<FunctionSetup> Provider::put_draft_function(const std::string& /*id*/,
                                                   const FunctionSetup& /*function*/) {
    return unsupported("write functions");
}

Result<LiveAction> Provider::publish_draft(const std::string& /*id*/,
                                           std::int64_t /*draft_version*/) {
    return unsupported("publish drafts");
}

}  // namespace dactl
