#include "tests/emulator/actions_api.h"

#include <vector>

#include "tests/emulator/action_writes.h"
#include "tests/emulator/drafts.h"
#include "tests/emulator/error_body.h"
#include "tests/emulator/execution.h"
#include "tests/emulator/functions.h"
#include "tests/emulator/listing.h"

namespace dactl::emulator {

namespace {

// The path below the actions collection, split at '/': "" -> {}, "/x/test" -> {"x", "test"}.
std::vector<std::string> segments_below(const std::string& path) {
    std::vector<std::string> segments;
    std::string rest = path.substr(k_actions_path.size());
    std::size_t start = 1;
    while (start <= rest.size() && !rest.empty()) {
        std::size_t end = std::min(rest.find('/', start), rest.size());
        segments.push_back(rest.substr(start, end - start));
        start = end + 1;
    }
    return segments;
}

HttpResponse no_resource(const HttpRequest& request) {
    return HttpResponse::failure(api_error(404, "not.found", "No resource at " + request.path));
}

TemplateForm template_form(const Switches& switches) {
    return switches.settings().templates_as_uris ? TemplateForm::uris : TemplateForm::inline_text;
}

HttpResponse list(const HttpRequest& request, const RequestContext& context,
                  ApiServices& services) {
    Result<ListQuery> query = parse_list_query(parse_query(request.query));
    if (!query) {
        return HttpResponse::failure(query.error());
    }
    return HttpResponse::json(200, list_actions(services.org.read_all(context.now), *query,
                                                template_form(services.switches)));
}

HttpResponse get_one(const HttpRequest& request, const std::string& id,
                     const RequestContext& context, ApiServices& services) {
    std::optional<ActionEntry> entry = services.org.read(id, context.now);
    if (!entry) {
        return HttpResponse::failure(action_not_found(id));
    }
    Result<Presentation> presentation = presentation_for(request, services.switches);
    if (!presentation) {
        return HttpResponse::failure(presentation.error());
    }
    return HttpResponse::json(200, present_action(entry->action, *presentation));
}

HttpResponse get_template(const std::string& id, const std::string& file,
                          const RequestContext& context, ApiServices& services) {
    std::optional<ActionEntry> entry = services.org.read(id, context.now);
    if (!entry) {
        return HttpResponse::failure(action_not_found(id));
    }
    std::optional<TemplateFile> which = template_file_named(file);
    if (!which) {
        return HttpResponse::failure(
            api_error(404, "not.found",
                      "No template " + file + ": use requesttemplate.vm or successtemplate.vm"));
    }
    return HttpResponse::text(200, template_text(entry->action, *which));
}

HttpResponse run(ExecutionKind kind, const HttpRequest& request, const std::string& id,
                 const RequestContext& context, ApiServices& services) {
    std::optional<ActionEntry> entry = services.org.find(id);
    if (!entry) {
        return HttpResponse::failure(action_not_found(id));
    }
    const int latency =
        services.randomness.uniform(entry->traits.latency_min_ms, entry->traits.latency_max_ms);
    if (kind == ExecutionKind::execute) {
        services.executions.add({execution_now(entry->action, latency, effective_timeout(*entry),
                                               entry->traits.failure.has_value())});
    }
    return simulate_call(kind, request, *entry, latency, services.switches.settings().time_scale,
                         context.correlation_id);
}

HttpResponse one_action(const HttpRequest& request, const std::string& id,
                        const RequestContext& context, ApiServices& services) {
    if (request.method == "GET") {
        return get_one(request, id, context, services);
    }
    if (request.method == "PATCH") {
        return patch_action(request, id, context, services);
    }
    if (request.method == "DELETE") {
        return delete_action(id, services);
    }
    return method_not_allowed(request, "GET, PATCH, DELETE");
}

HttpResponse below_action(const HttpRequest& request, const std::vector<std::string>& segments,
                          const RequestContext& context, ApiServices& services) {
    const std::string& id = segments[0];
    if (segments.size() == 3 && segments[1] == "templates") {
        if (request.method != "GET") {
            return method_not_allowed(request, "GET");
        }
        return get_template(id, segments[2], context, services);
    }
    if (segments.size() == 2 && segments[1] == "function") {
        return handle_function(request, id, false, services);
    }
    if (segments[1] == "draft") {
        return handle_draft(request, segments, context, services);
    }
    if (segments.size() == 2 && (segments[1] == "test" || segments[1] == "execute")) {
        if (request.method != "POST") {
            return method_not_allowed(request, "POST");
        }
        return run(segments[1] == "test" ? ExecutionKind::test : ExecutionKind::execute, request,
                   id, context, services);
    }
    return no_resource(request);
}

}  // namespace

Result<Presentation> presentation_for(const HttpRequest& request, const Switches& switches) {
    const QueryParameters parameters = parse_query(request.query);
    Presentation presentation;
    const std::string include = find_parameter(parameters, "includeConfig").value_or("false");
    const std::optional<bool> include_config = parse_bool(include);
    if (!include_config) {
        return invalid_query_parameter("includeConfig", include, "true or false");
    }
    presentation.config = *include_config ? ConfigMember::included : ConfigMember::omitted;
    std::string expand = ",";
    expand += find_parameter(parameters, "expand").value_or("");
    expand += ',';
    presentation.contract = expand.find(",contract,") != std::string::npos
                                ? ContractMember::included
                                : ContractMember::omitted;
    presentation.templates = template_form(switches);
    return presentation;
}

Presentation full_presentation(const Switches& switches) {
    Presentation presentation;
    presentation.config = ConfigMember::included;
    presentation.contract = ContractMember::included;
    presentation.templates = template_form(switches);
    return presentation;
}

bool is_actions_path(const std::string& path) {
    return path == k_actions_path || path.starts_with(std::string(k_actions_path) + "/");
}

HttpResponse handle_actions_api(const HttpRequest& request, const RequestContext& context,
                                ApiServices& services) {
    const std::vector<std::string> segments = segments_below(request.path);
    if (segments.empty()) {
        if (request.method == "GET") {
            return list(request, context, services);
        }
        if (request.method == "POST") {
            return create_action(request, services);
        }
        return method_not_allowed(request, "GET, POST");
    }
    if (segments[0].empty()) {
        return no_resource(request);
    }
    if (segments.size() == 1) {
        return one_action(request, segments[0], context, services);
    }
    return below_action(request, segments, context, services);
}

}  // namespace dactl::emulator
