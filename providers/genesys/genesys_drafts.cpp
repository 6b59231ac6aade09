#include "providers/genesys/genesys_drafts.h"

#include "providers/genesys/action_codec.h"
#include "providers/genesys/answers.h"
#include "providers/genesys/json_slice.h"
#include "providers/genesys/test_result_codec.h"

namespace dactl::genesys {

namespace {

// Whether the action's document has a config member (an answer may leave it out).
bool has_config(const LiveAction& action) {
    for (const RawMember& member : object_members(trim_json_space(action.document))) {
        if (member.key == "\"config\"") {
            return true;
        }
    }
    return false;
}

}  // namespace

Result<std::optional<LiveAction>> GenesysDrafts::get_draft(const std::string& id) {
    Result<http::Response> answer = m_client.get(action_path(id) + "/draft");
    if (!answer && answer.error().kind == ErrorKind::not_found) {
        return std::optional<LiveAction>();
    }
    Result<LiveAction> draft = decoded(answer, decode_action, "reading the draft of " + id);
    if (!draft) {
        return draft.error();
    }
    return std::optional<LiveAction>(std::move(draft).value());
}

Result<LiveAction> GenesysDrafts::create_draft(const std::string& id) {
    Result<LiveAction> draft = decoded(m_client.post(action_path(id) + "/draft", "{}"),
                                       decode_action, "creating a draft of " + id);
    if (draft && !has_config(*draft)) {
        return decoded(m_client.get(action_path(id) + "/draft?includeConfig=true"), decode_action,
                       "reading the draft of " + id);
    }
    return draft;
}

Result<LiveAction> GenesysDrafts::update_draft(const LiveAction& draft,
                                               const FieldValues& changes) {
    LiveAction loaded = draft;
    const std::string resource = action_path(draft.id) + "/draft";
    if (Status templates = load_templates_from(m_client, loaded, resource, OnInterrupt::stop);
        !templates) {
        return templates.error();
    }
    Result<std::string> body = encode_update(loaded, changes);
    if (!body) {
        return body.error();
    }
    return decoded(m_client.patch(resource, *body), decode_action,
                   "updating the draft of " + draft.id);
}

Result<LiveAction> GenesysDrafts::publish_draft(const std::string& id, std::int64_t draft_version) {
    return decoded(m_client.post(action_path(id) + "/draft/publish",
                                 "{\"version\": " + std::to_string(draft_version) + "}"),
                   decode_action, "publishing the draft of " + id);
}

Status GenesysDrafts::delete_draft(const std::string& id) {
    Result<http::Response> answer =
        m_client.remove(action_path(id) + "/draft", OnInterrupt::finish);
    if (!answer && answer.error().kind != ErrorKind::not_found) {
        return answer.error();
    }
    return {};
}

Result<TestRun> GenesysDrafts::test_action(const std::string& id, const std::string& input_json,
                                           TestTarget target) {
    const std::string path =
        action_path(id) + (target == TestTarget::draft ? "/draft/test" : "/test");
    return decoded(m_client.post(path, input_json), decode_test_result, "testing action " + id);
}

}  // namespace dactl::genesys
