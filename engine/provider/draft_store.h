#pragma once
// DraftStore: an action's draft (the only way to change a function, and
// where probe measures with a long timeout), and its test endpoints.

#include <cstdint>
#include <optional>
#include <string>

#include "engine/model/live_action.h"
#include "engine/util/result.h"

namespace dactl {

/// Which version of an action a test runs against.
enum class TestTarget { published, draft };

/// What one run of an action's test endpoint said.
struct TestRun {
    bool success = false;
    bool timed_out = false;  ///< the action's timeout cut the third-party call off
    std::string error;       ///< the API's error text when it failed
};

class DraftStore {
public:
    virtual ~DraftStore() = default;

    /// The action's draft (someone's work in progress, or one an earlier probe
    /// left), or nothing when it has none.
    virtual Result<std::optional<LiveAction>> get_draft(const std::string& id) = 0;
    /// Creates a draft from the published action; answers the draft (config included).
    virtual Result<LiveAction> create_draft(const std::string& id) = 0;
    /// PATCHes the draft (at `draft.version`) with `changes` over its full
    /// config, sending no member the draft was read without.
    virtual Result<LiveAction> update_draft(const LiveAction& draft,
                                            const FieldValues& changes) = 0;
    /// Publishes the action's draft at `draft_version`; answers the published
    /// action. Fails with ErrorKind::conflict when the draft moved on.
    virtual Result<LiveAction> publish_draft(const std::string& id, std::int64_t draft_version) = 0;
    /// Deletes the action's draft; the interrupt does not stop it (a draft dactl
    /// made must not be left behind).
    virtual Status delete_draft(const std::string& id) = 0;

    /// POST .../{id}/test (or .../{id}/draft/test) with `input_json` as the
    /// body: it calls the real back-end. Answers the test's outcome; fails only
    /// when the API refuses the call.
    virtual Result<TestRun> test_action(const std::string& id, const std::string& input_json,
                                        TestTarget target) = 0;
};

}  // namespace dactl
