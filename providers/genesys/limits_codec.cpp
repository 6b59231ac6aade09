#include "providers/genesys/limits_codec.h"

#include <rapidjson/document.h>

#include "engine/json/json_reader.h"

namespace dactl::genesys {

Result<std::optional<std::int64_t>> decode_limit(std::string_view json, std::string_view key) {
    Result<rapidjson::Document> listing = answer_object(json);
    if (!listing) {
        return listing.error();
    }
    const rapidjson::Value* entities = member(*listing, "entities");
    if (entities == nullptr || !entities->IsArray()) {
        return make_error(ErrorKind::invalid_response, "the org's limits have no entities array");
    }
    for (const rapidjson::Value& limit : entities->GetArray()) {
        if (!limit.IsObject() || text_member(limit, "key") != key) {
            continue;
        }
        const rapidjson::Value* value = member(limit, "value");
        if (value == nullptr || !value->IsNumber() || value->GetDouble() < 0 ||
            value->GetDouble() !=
                static_cast<double>(static_cast<std::int64_t>(value->GetDouble()))) {
            return make_error(ErrorKind::invalid_response,
                              "the org's limit " + std::string(key) + " is not a whole number");
        }
        return std::optional<std::int64_t>(static_cast<std::int64_t>(value->GetDouble()));
    }
    return std::optional<std::int64_t>();
}

}  // namespace dactl::genesys
