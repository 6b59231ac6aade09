#pragma once
// The shape of an action: what the emulator stores beside it, the canonical
// member order, and how an answer presents it (config, contract, templates).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/emulator/json_value.h"

namespace dactl::emulator {

inline constexpr std::string_view k_actions_path = "/api/v2/integrations/actions";

/// Generated traffic of one action: `per_day` runs a day, evenly spread, over
/// the `days` days before the emulator started, each taking a latency drawn
/// (deterministically, from the id) in [latency_min_ms, latency_max_ms]; a
/// `failure_rate` share of them fail. Runs longer than the action's timeout
/// time out, recorded at the timeout.
struct TrafficSpec {
    int days = 7;
    int per_day = 100;
    int latency_min_ms = 0;
    int latency_max_ms = 0;
    double failure_rate = 0.0;
    /// The daily peak: every day, `peak_minutes` minutes from `peak_start_minute`
    /// (minutes after 00:00 UTC) carry `peak_per_minute` runs a minute on top.
    int peak_per_minute = 0;
    int peak_start_minute = 600;
    int peak_minutes = 60;

    bool operator==(const TrafficSpec&) const = default;
};

/// An Architect flow that calls the action (seed: "_emulator.flows"), as dependency
/// tracking answers it: a Dependency {id, name, version, type}.
struct FlowSpec {
    std::string id;
    std::string name;
    std::string type;  ///< INBOUNDCALLFLOW, INQUEUECALLFLOW, BOTFLOW, WORKFLOW, ...
    std::string version = "1.0";
    bool published = true;  ///< false: only checked in (flowFilter=checkedIn finds it)

    bool operator==(const FlowSpec&) const = default;
};

/// What the emulator knows about an action beyond the API's shape (the seed's "_emulator").
struct ActionTraits {
    int latency_min_ms = 0;  ///< simulated third-party latency of test/execute, uniform
    int latency_max_ms = 0;
    bool custom_auth = false;
    std::optional<std::string> failure;  ///< the third party answers this error
    std::optional<TrafficSpec> traffic;  ///< executions the analytics hold from before the start
    std::vector<FlowSpec> flows;         ///< the flows that call it

    bool operator==(const ActionTraits&) const = default;
};

/// An action as stored: its API shape (canonical order, no selfUri) and its traits.
struct ActionEntry {
    Json action;
    ActionTraits traits;
    std::optional<Json> draft;  ///< the action's draft (same shape), when someone has one
    /// A function action's published Function (seed: "_emulator.function").
    std::optional<Json> function;
    std::optional<Json> draft_function;  ///< the draft's Function, while there is a draft
};

enum class ConfigMember { omitted, included };
enum class ContractMember { omitted, included };
enum class TemplateForm { inline_text, uris };

/// How an answer shows an action.
struct Presentation {
    ConfigMember config = ConfigMember::omitted;
    ContractMember contract = ContractMember::omitted;
    TemplateForm templates = TemplateForm::inline_text;
};

enum class TemplateFile { request, success };

/// True for built-in actions (ids starting with "static").
bool is_static_id(std::string_view id);
/// True for ids of custom authentication actions (starting with "customAuth").
bool is_custom_auth_id(std::string_view id);

/// `action` with its members in the canonical order: id, name, integrationId, category,
/// version, secure, contract, config (timeoutSeconds, request, response, each in the
/// API's order), then anything else; every other object's keys sorted. No selfUri.
Json canonical_action(Json action);

/// The answer for a stored action: its selfUri added, config and contract kept or
/// removed, templates inline or replaced by their URIs.
Json present_action(const Json& stored, const Presentation& presentation);

/// "/api/v2/integrations/actions/<id>" (the id percent-encoded).
std::string action_uri(std::string_view id);

/// The template file of a name in the URL ("requesttemplate.vm", "successtemplate.vm").
std::optional<TemplateFile> template_file_named(std::string_view name);

/// The template's text in a stored action; "" when the action has none.
std::string template_text(const Json& action, TemplateFile file);

/// config.timeoutSeconds of a stored action, when it is set.
std::optional<std::int64_t> timeout_seconds(const Json& action);

}  // namespace dactl::emulator
