#pragma once
// What every Genesys capability does with an answer: call, check, decode.
// `decoded` is the one decode helper: a failed call is its error, an answer
// the decoder cannot read is ErrorKind::invalid_response naming what was
// being read, with the answer's status and correlation id.

#include <string>
#include <string_view>

#include "engine/model/live_action.h"
#include "engine/util/result.h"
#include "providers/genesys/client.h"
#include "providers/http/transport.h"

namespace dactl::genesys {

/// Actions per list page: the most the API is known to accept.
inline constexpr int k_page_size = 100;
/// Ids per `ids=` query: the most the API accepts.
inline constexpr int k_ids_per_request = 50;

/// "/api/v2/integrations/actions/<id, percent-encoded>".
std::string action_path(const std::string& id);

/// A 2xx answer that could not be read: `what: <why>` (an HTML page is
/// quoted: it says more than "not valid JSON"), with the answer's status and
/// correlation id for a report to the vendor.
Error unreadable(Error error, const std::string& what, const http::Response& answer);

/// `decode(answer->body)`, or the failed call's error, or unreadable().
template <class Decode>
auto decoded(const Result<http::Response>& answer, Decode decode, const std::string& what)
    -> decltype(decode(std::string())) {
    if (!answer) {
        return answer.error();
    }
    auto value = decode(answer->body);
    if (!value) {
        return unreadable(value.error(), what, *answer);
    }
    return value;
}

/// Fetches each template `action` has only as a URI from `resource`/templates/
/// (the action's, or its draft's), checking that the answer is a template and
/// not a page a proxy put in its place.
Status load_templates_from(GenesysClient& client, LiveAction& action, const std::string& resource,
                           OnInterrupt on_interrupt);

}  // namespace dactl::genesys
