#include "providers/genesys/dependency_codec.h"

#include <rapidjson/document.h>

#include "engine/json/json_reader.h"

namespace dactl::genesys {

namespace {

Error invalid(const std::string& what) {
    return make_error(ErrorKind::invalid_response, "the dependency tracking page " + what);
}

int whole_member(const rapidjson::Value& object, const char* name) {
    const rapidjson::Value* value = member(object, name);
    return value != nullptr && value->IsInt() ? value->GetInt() : -1;
}

}  // namespace

Result<FlowPage> decode_flow_page(std::string_view json) {
    Result<rapidjson::Document> page = answer_object(json);
    if (!page) {
        return page.error();
    }
    const rapidjson::Value* entities = member(*page, "entities");
    if (entities == nullptr || !entities->IsArray()) {
        return invalid("has no entities array");
    }
    FlowPage result;
    result.page_number = whole_member(*page, "pageNumber");
    result.page_count = whole_member(*page, "pageCount");
    if (result.page_count < 0 || result.page_number < 0) {
        return invalid("has no whole pageNumber and pageCount");
    }
    for (const rapidjson::Value& entity : entities->GetArray()) {
        if (!entity.IsObject()) {
            return invalid("holds an entity that is not an object");
        }
        CallingFlow flow{text_member(entity, "id"), text_member(entity, "name"),
                         text_member(entity, "type"), text_member(entity, "version")};
        if (flow.id.empty() || flow.name.empty()) {
            return invalid("holds a flow without an id or a name");
        }
        result.flows.push_back(std::move(flow));
    }
    return result;
}

}  // namespace dactl::genesys
