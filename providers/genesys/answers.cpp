#include "providers/genesys/answers.h"

#include <set>

#include "engine/util/ascii.h"
#include "providers/genesys/answer_page.h"
#include "providers/http/encoding.h"

namespace dactl::genesys {

std::string action_path(const std::string& id) {
    return "/api/v2/integrations/actions/" + http::percent_encode(id);
}

Error unreadable(Error error, const std::string& what, const http::Response& answer) {
    if (is_html_page(answer)) {
        error.message = html_page_text(answer);
    }
    error.message = what + ": " + error.message;
    error.http_status = answer.status;
    error.correlation_id = answer.header("ININ-Correlation-Id");
    return error;
}

namespace {

std::string template_file(Field field) {
    return field == Field::request_template ? "requesttemplate.vm" : "successtemplate.vm";
}

// A template the API gave as a URI is only taken when the answer is text and
// not an HTML page (a proxy's error or a sign-in page would otherwise be
// written into the action).
Status check_template(const std::string& path, const http::Response& answer) {
    const std::string type = ascii_lower(answer.header("Content-Type"));
    const bool text = type.empty() || (type.starts_with("text/") && !type.starts_with("text/html"));
    if (!text || is_html_page(answer)) {
        return make_error(ErrorKind::invalid_response,
                          "the template at " + path + " answered " +
                              (type.empty() ? std::string("an HTML page") : "\"" + type + "\"") +
                              ", not a template (a proxy's or a sign-in page?)" +
                              quoted_excerpt(answer.body));
    }
    // The API may well hold an empty template; an empty answer that is not the
    // API's own (every API answer carries ININ-Correlation-Id) would wipe one.
    if (answer.body.empty() && answer.header("ININ-Correlation-Id").empty()) {
        return make_error(ErrorKind::invalid_response,
                          "the template at " + path +
                              " answered nothing, and not as the API answers (no "
                              "ININ-Correlation-Id): a proxy in the way?");
    }
    return {};
}

}  // namespace

Status load_templates_from(GenesysClient& client, LiveAction& action, const std::string& resource,
                           OnInterrupt on_interrupt) {
    for (Field field : std::set<Field>(action.unloaded)) {
        const std::string path = resource + "/templates/" + template_file(field);
        Result<http::Response> answer = client.get(path, "text/plain", on_interrupt);
        if (!answer) {
            return answer.error();
        }
        if (Status usable = check_template(path, *answer); !usable) {
            return usable;
        }
        action.fields[field] = Value(std::move(answer->body));
        action.unloaded.erase(field);
    }
    return {};
}

}  // namespace dactl::genesys
