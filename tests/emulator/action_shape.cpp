#include "tests/emulator/action_shape.h"

#include <algorithm>
#include <array>
#include <span>

#include "tests/emulator/url_encoding.h"

namespace dactl::emulator {

namespace {

constexpr std::array<std::string_view, 8> k_action_order = {
    "id", "name", "integrationId", "category", "version", "secure", "contract", "config"};
constexpr std::array<std::string_view, 3> k_config_order = {"timeoutSeconds", "request",
                                                            "response"};
constexpr std::array<std::string_view, 5> k_request_order = {
    "requestUrlTemplate", "requestType", "headers", "requestTemplate", "requestTemplateUri"};
constexpr std::array<std::string_view, 4> k_response_order = {
    "translationMap", "translationMapDefaults", "successTemplate", "successTemplateUri"};

// Orders an object's members: those in `leading` first, in that order, then the rest by name.
void order_members(Json& value, std::span<const std::string_view> leading) {
    if (!value.is_object()) {
        return;
    }
    auto rank = [&](const std::string& name) {
        auto found = std::find(leading.begin(), leading.end(), name);
        return static_cast<std::size_t>(found - leading.begin());
    };
    std::stable_sort(value.as_object().begin(), value.as_object().end(),
                     [&](const Json::Member& left, const Json::Member& right) {
                         std::size_t left_rank = rank(left.first);
                         std::size_t right_rank = rank(right.first);
                         return left_rank != right_rank ? left_rank < right_rank
                                                        : left.first < right.first;
                     });
}

void sort_everywhere(Json& value) {
    if (value.is_array()) {
        for (auto& item : value.as_array()) {
            sort_everywhere(item);
        }
    } else if (value.is_object()) {
        order_members(value, {});
        for (auto& [name, member] : value.as_object()) {
            sort_everywhere(member);
        }
    }
}

const char* template_member(TemplateFile file) {
    return file == TemplateFile::request ? "requestTemplate" : "successTemplate";
}

const char* template_section(TemplateFile file) {
    return file == TemplateFile::request ? "request" : "response";
}

std::string template_path(std::string_view id, TemplateFile file) {
    return action_uri(id) + "/templates/" +
           (file == TemplateFile::request ? "requesttemplate.vm" : "successtemplate.vm");
}

void replace_template_by_uri(Json& config, std::string_view id, TemplateFile file) {
    Json* section = config.find(template_section(file));
    if (section == nullptr || !section->is_object() ||
        section->find(template_member(file)) == nullptr) {
        return;
    }
    section->erase(template_member(file));
    section->set(std::string(template_member(file)) + "Uri", template_path(id, file));
}

}  // namespace

bool is_static_id(std::string_view id) {
    return id.starts_with("static");
}

bool is_custom_auth_id(std::string_view id) {
    return id.starts_with("customAuth");
}

Json canonical_action(Json action) {
    action.erase("selfUri");
    sort_everywhere(action);
    order_members(action, k_action_order);
    if (Json* config = action.find("config")) {
        order_members(*config, k_config_order);
        if (Json* request = config->find("request")) {
            order_members(*request, k_request_order);
        }
        if (Json* response = config->find("response")) {
            order_members(*response, k_response_order);
        }
    }
    return action;
}

Json present_action(const Json& stored, const Presentation& presentation) {
    Json answer = stored;
    const std::string id = stored.string_or("id", "");
    if (presentation.contract == ContractMember::omitted) {
        answer.erase("contract");
    }
    if (presentation.config == ConfigMember::omitted) {
        answer.erase("config");
    } else if (Json* config = answer.find("config");
               config != nullptr && presentation.templates == TemplateForm::uris) {
        replace_template_by_uri(*config, id, TemplateFile::request);
        replace_template_by_uri(*config, id, TemplateFile::success);
    }
    answer.set("selfUri", action_uri(id));
    return answer;
}

std::string action_uri(std::string_view id) {
    return std::string(k_actions_path) + "/" + percent_encode(id);
}

std::optional<TemplateFile> template_file_named(std::string_view name) {
    if (name == "requesttemplate.vm") {
        return TemplateFile::request;
    }
    if (name == "successtemplate.vm") {
        return TemplateFile::success;
    }
    return std::nullopt;
}

std::string template_text(const Json& action, TemplateFile file) {
    const Json* config = action.find("config");
    const Json* section = config != nullptr ? config->find(template_section(file)) : nullptr;
    return section != nullptr ? section->string_or(template_member(file), "") : "";
}

std::optional<std::int64_t> timeout_seconds(const Json& action) {
    const Json* config = action.find("config");
    const Json* timeout = config != nullptr ? config->find("timeoutSeconds") : nullptr;
    if (timeout == nullptr || !timeout->is_integer()) {
        return std::nullopt;
    }
    return timeout->as_integer();
}

}  // namespace dactl::emulator
