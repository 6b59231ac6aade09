#include "tests/emulator/listing.h"

#include <algorithm>
#include <cctype>

#include "tests/emulator/error_body.h"

namespace dactl::emulator {

namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char character) {
        return static_cast<char>(std::tolower(character));
    });
    return text;
}

std::vector<std::string> split_ids(const std::string& text) {
    std::vector<std::string> ids;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = std::min(text.find(',', start), text.size());
        std::string id = text.substr(start, end - start);
        id.erase(0, id.find_first_not_of(' '));
        id.erase(id.find_last_not_of(' ') + 1);
        if (!id.empty()) {
            ids.push_back(id);
        }
        start = end + 1;
    }
    return ids;
}

Status read_page(ListQuery& query, const std::string& name, const std::string& value) {
    std::optional<int> number = parse_int(value);
    if (name == "pageSize") {
        if (!number || *number < 1 || *number > 100) {
            return invalid_query_parameter(name, value, "an integer from 1 to 100");
        }
        query.page_size = *number;
    } else {
        if (!number || *number < 1) {
            return invalid_query_parameter(name, value, "an integer of at least 1");
        }
        query.page_number = *number;
    }
    return {};
}

Status read_flag(std::optional<bool>& flag, const std::string& name, const std::string& value) {
    flag = parse_bool(value);
    if (!flag) {
        return invalid_query_parameter(name, value, "true or false");
    }
    return {};
}

Status read_sort(ListQuery& query, const std::string& name, const std::string& value) {
    if (name == "sortBy") {
        static const std::vector<std::string> fields = {"name", "category", "id", "integrationId",
                                                        "version"};
        if (std::find(fields.begin(), fields.end(), value) == fields.end()) {
            return invalid_query_parameter(name, value,
                                           "one of name, category, id, integrationId, version");
        }
        query.sort_by = value;
    } else if (lower(value) == "asc" || lower(value) == "desc") {
        query.sort_order = lower(value) == "asc" ? SortOrder::ascending : SortOrder::descending;
    } else {
        return invalid_query_parameter(name, value, "asc or desc");
    }
    return {};
}

Status read_parameter(ListQuery& query, const std::string& name, const std::string& value) {
    if (name == "pageSize" || name == "pageNumber") {
        return read_page(query, name, value);
    }
    if (name == "sortBy" || name == "sortOrder") {
        return read_sort(query, name, value);
    }
    if (name == "name") {
        query.name = value;
    } else if (name == "category") {
        query.category = value;
    } else if (name == "ids") {
        query.ids = split_ids(value);
        if (query.ids->size() > 50) {
            return invalid_query_parameter(name, std::to_string(query.ids->size()) + " ids",
                                           "at most 50 ids");
        }
    } else if (name == "secure") {
        return read_flag(query.secure, name, value);
    } else if (name == "includeAuthActions" || name == "includeConfig") {
        std::optional<bool> flag;
        if (Status read = read_flag(flag, name, value); !read) {
            return read;
        }
        (name == "includeConfig" ? query.include_config : query.include_auth_actions) = *flag;
    }
    return {};
}

bool selected(const ActionEntry& entry, const ListQuery& query) {
    const Json& action = entry.action;
    if (entry.traits.custom_auth && !query.include_auth_actions) {
        return false;
    }
    if (query.name &&
        lower(action.string_or("name", "")).find(lower(*query.name)) == std::string::npos) {
        return false;
    }
    if (query.category && action.string_or("category", "") != *query.category) {
        return false;
    }
    if (query.ids && std::find(query.ids->begin(), query.ids->end(), action.string_or("id", "")) ==
                         query.ids->end()) {
        return false;
    }
    if (query.secure) {
        const Json* secure = action.find("secure");
        const bool is_secure = secure != nullptr && secure->is_bool() && secure->as_bool();
        return is_secure == *query.secure;
    }
    return true;
}

void sort_actions(std::vector<const ActionEntry*>& actions, const ListQuery& query) {
    if (!query.sort_by) {
        if (query.sort_order == SortOrder::descending) {
            std::reverse(actions.begin(), actions.end());
        }
        return;
    }
    const std::string& field = *query.sort_by;
    auto less = [&](const ActionEntry* left, const ActionEntry* right) {
        const Json* a = left->action.find(field);
        const Json* b = right->action.find(field);
        if (field == "version") {
            return (a != nullptr ? a->as_number() : 0.0) < (b != nullptr ? b->as_number() : 0.0);
        }
        return left->action.string_or(field, "") < right->action.string_or(field, "");
    };
    std::stable_sort(
        actions.begin(), actions.end(), [&](const ActionEntry* left, const ActionEntry* right) {
            return query.sort_order == SortOrder::ascending ? less(left, right) : less(right, left);
        });
}

std::string page_uri(const ListQuery& query, int page_number) {
    std::string uri = std::string(k_actions_path) + "?pageSize=" + std::to_string(query.page_size) +
                      "&pageNumber=" + std::to_string(page_number);
    for (const auto& [name, value] : query.other_parameters) {
        uri += '&';
        uri += percent_encode(name);
        uri += '=';
        uri += percent_encode(value);
    }
    return uri;
}

void add_envelope(Json& listing, const ListQuery& query, int total) {
    const int page_count = (total + query.page_size - 1) / query.page_size;
    listing.set("pageSize", query.page_size);
    listing.set("pageNumber", query.page_number);
    listing.set("total", total);
    listing.set("pageCount", page_count);
    listing.set("firstUri", page_uri(query, 1));
    listing.set("selfUri", page_uri(query, query.page_number));
    if (query.page_number < page_count) {
        listing.set("nextUri", page_uri(query, query.page_number + 1));
    }
    if (query.page_number > 1) {
        listing.set("previousUri", page_uri(query, query.page_number - 1));
    }
    listing.set("lastUri", page_uri(query, std::max(page_count, 1)));
}

}  // namespace

Result<ListQuery> parse_list_query(const QueryParameters& parameters) {
    ListQuery query;
    for (const auto& [name, value] : parameters) {
        if (Status read = read_parameter(query, name, value); !read) {
            return read.error();
        }
        if (name != "pageSize" && name != "pageNumber") {
            query.other_parameters.emplace_back(name, value);
        }
    }
    return query;
}

Json list_actions(const std::vector<ActionEntry>& actions, const ListQuery& query,
                  TemplateForm templates) {
    std::vector<const ActionEntry*> chosen;
    for (const auto& entry : actions) {
        if (selected(entry, query)) {
            chosen.push_back(&entry);
        }
    }
    sort_actions(chosen, query);
    Presentation presentation;
    presentation.config = query.include_config ? ConfigMember::included : ConfigMember::omitted;
    presentation.templates = templates;
    Json::Array entities;
    const std::size_t first =
        static_cast<std::size_t>(query.page_number - 1) * static_cast<std::size_t>(query.page_size);
    for (std::size_t i = first;
         i < chosen.size() && i < first + static_cast<std::size_t>(query.page_size); ++i) {
        entities.push_back(present_action(chosen[i]->action, presentation));
    }
    Json listing = Json::object();
    listing.set("entities", std::move(entities));
    add_envelope(listing, query, static_cast<int>(chosen.size()));
    return listing;
}

}  // namespace dactl::emulator
