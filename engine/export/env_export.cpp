#include "engine/export/env_export.h"

#include <algorithm>
#include <map>
#include <set>

#include "engine/export/toml_text.h"
#include "engine/model/label.h"
#include "engine/text/quote.h"

namespace dactl {

namespace {

// The org's action a base action stands for, or null.
const LiveAction* counterpart(const std::vector<LiveAction>& live, const DesiredAction& action) {
    const auto find = [&](const auto& matches) {
        auto found = std::find_if(live.begin(), live.end(), matches);
        return found != live.end() ? &*found : nullptr;
    };
    if (action.selector.by == Selector::By::name) {
        if (const LiveAction* named =
                find([&](const LiveAction& a) { return a.name == action.selector.value; })) {
            return named;
        }
    } else if (const LiveAction* same_id =
                   find([&](const LiveAction& a) { return a.id == action.selector.value; })) {
        return same_id;
    }
    return find([&](const LiveAction& a) { return label_for(a.name, a.id) == action.label; });
}

std::string toml_value(Field field, const Value& value) {
    if (value.is_integer()) {
        return std::to_string(value.as_integer());
    }
    if (value.is_map()) {
        return toml_inline_table(value.as_map());
    }
    return field_info(field).kind == FieldKind::template_text
               ? toml_string(value.as_string())
               : toml_basic_string(value.as_string());
}

}  // namespace

OverrideExport export_overrides(const std::vector<LiveAction>& live, const Project& base,
                                const std::string& environment) {
    OverrideExport result;
    std::map<std::string, std::string> appends;
    std::set<std::string> matched;
    for (const DesiredAction& action : base.actions) {
        const LiveAction* found = counterpart(live, action);
        if (found == nullptr) {
            result.notes.push_back(action.address() + ": no action of this org matches it (by " +
                                   (action.selector.by == Selector::By::name ? "name" : "id") +
                                   " or label); add an override selecting it by hand");
            continue;
        }
        matched.insert(found->id);
        const auto& overridden = action.overridden_in;
        if (std::find(overridden.begin(), overridden.end(), environment) != overridden.end()) {
            result.notes.push_back(action.address() + " has overrides for " + environment +
                                   " already; left as it is");
            continue;
        }
        std::string body;
        if (action.selector.by == Selector::By::id && found->id != action.selector.value) {
            body += "id = " + toml_basic_string(found->id) + "\n";
        }
        for (const auto& [field, declared] : action.managed) {
            // With its own id the override selects afresh: a name it keeps
            // from the base would rename the action.
            if (field == Field::name || found->get(field) == declared) {
                continue;
            }
            if (found->get(field).is_unset()) {
                result.notes.push_back(action.address() + ": " + std::string(field_key(field)) +
                                       " is unset in " + environment +
                                       ", which an override cannot say; left out");
                continue;
            }
            body +=
                std::string(field_key(field)) + " = " + toml_value(field, found->get(field)) + "\n";
        }
        if (body.empty()) {
            ++result.same;
            continue;
        }
        ++result.differing;
        std::string& text = appends[action.where.path];
        text += "\n# " + environment + ": " + dactl::quoted(found->name) +
                ", exported at version " + std::to_string(found->version) + "\n";
        text += "[action." + action.label + ".env." + toml_key(environment) + "]\n" + body;
    }
    for (const LiveAction& action : live) {
        if (matched.count(action.id) == 0 && !action.is_static()) {
            result.notes.push_back(action.id + " " + dactl::quoted(action.name) + " is in " +
                                   environment +
                                   " but not in the base manifests; not written (import it, "
                                   "or declare it)");
        }
    }
    for (auto& [path, text] : appends) {
        result.appends.push_back(ManifestAppend{path, std::move(text)});
    }
    return result;
}

}  // namespace dactl
