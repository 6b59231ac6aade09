#include "providers/genesys/function_codec.h"

#include <rapidjson/document.h>

#include "engine/json/json_reader.h"
#include "engine/json/json_writer.h"

namespace dactl::genesys {

namespace {

Error invalid(const std::string& what) {
    return make_error(ErrorKind::invalid_response, what);
}

}  // namespace

Result<IntegrationPage> decode_integration_page(std::string_view json) {
    Result<rapidjson::Document> page = answer_object(json);
    if (!page) {
        return page.error();
    }
    const rapidjson::Value* entities = member(*page, "entities");
    if (entities == nullptr || !entities->IsArray()) {
        return invalid("the integrations page has no entities array");
    }
    Result<PageFacts> facts = read_page_facts(*page, k_integration_listing);
    if (!facts) {
        return facts.error();
    }
    IntegrationPage result{std::move(facts).value(), {}};
    for (const rapidjson::Value& entity : entities->GetArray()) {
        if (!entity.IsObject()) {
            return invalid("the integrations page holds an entity that is not an object");
        }
        const rapidjson::Value* id = member(entity, "id");
        if (id == nullptr || !id->IsString() || id->GetStringLength() == 0) {
            return invalid("the integrations page holds an integration without an id");
        }
        const rapidjson::Value* type = member(entity, "integrationType");
        const rapidjson::Value* type_id =
            type != nullptr && type->IsObject() ? member(*type, "id") : nullptr;
        if (type_id == nullptr || !type_id->IsString()) {
            return invalid("integration " + std::string(id->GetString()) +
                           " comes without its integrationType.id; dactl cannot tell whether "
                           "its actions run a function");
        }
        result.facts.ids.emplace_back(id->GetString());
        if (type_id->GetString() == k_function_integration_type) {
            result.function_ids.emplace_back(id->GetString());
        }
    }
    return result;
}

Result<FunctionSetup> decode_function_config(std::string_view json, const std::string& owner) {
    Result<rapidjson::Document> config = answer_object(json);
    if (!config) {
        return config.error();
    }
    if (const rapidjson::Value* id = member(*config, "id");
        !owner.empty() && id != nullptr && (!id->IsString() || text_of(*id) != owner)) {
        return invalid("the answer is the function config of " + compact_json(*id) + ", not of " +
                       owner + "; dactl acts on no other action's function");
    }
    const rapidjson::Value* function = member(*config, "function");
    if (function == nullptr || !function->IsObject()) {
        return invalid("the function config has no function object");
    }
    FunctionSetup setup;
    if (const rapidjson::Value* timeout = member(*function, "timeoutSeconds")) {
        if (!timeout->IsInt64() || timeout->GetInt64() < 1 ||
            timeout->GetInt64() > k_longest_function_timeout) {
            return invalid("the function's timeoutSeconds is " + compact_json(*timeout) +
                           ", not a whole number from 1 to 15");
        }
        setup.timeout_seconds = timeout->GetInt64();
    }
    setup.description = text_member(*function, "description");
    setup.handler = text_member(*function, "handler");
    setup.runtime = text_member(*function, "runtime");
    return setup;
}

std::string encode_function(const FunctionSetup& function) {
    JsonWriter json;
    json.begin_object();
    json.member("description", function.description);
    json.member("handler", function.handler);
    json.member("runtime", function.runtime);
    json.member("timeoutSeconds", function.timeout_seconds);
    json.end_object();
    return json.finish();
}

}  // namespace dactl::genesys
