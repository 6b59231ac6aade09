#pragma once
// Provider: the engine's only window on the org, split by capability. Each
// engine function takes the narrowest capability it uses (ActionStore,
// DraftStore, FunctionStore, ActionAnalytics, AuditLog, OrgDirectory,
// FlowDependencies); the
// few that read across several (gathering the org, applying a plan) take the
// Provider. The Genesys implementation lives in providers/; tests use fakes
// from tests/support/.

#include "engine/provider/action_store.h"
#include "engine/provider/analytics.h"
#include "engine/provider/audit_log.h"
#include "engine/provider/draft_store.h"
#include "engine/provider/flow_dependencies.h"
#include "engine/provider/function_store.h"
#include "engine/provider/org_directory.h"

namespace dactl {

class Provider {
public:
    virtual ~Provider() = default;

    virtual OrgDirectory& org() = 0;
    virtual ActionStore& actions() = 0;
    virtual DraftStore& drafts() = 0;
    virtual FunctionStore& functions() = 0;
    virtual ActionAnalytics& analytics() = 0;
    virtual AuditLog& audits() = 0;
    virtual FlowDependencies& dependencies() = 0;
};

}  // namespace dactl
