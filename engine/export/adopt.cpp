#include "engine/export/adopt.h"

#include "engine/export/toml_text.h"
#include "engine/model/label.h"
#include "engine/text/quote.h"

namespace dactl {

AdoptionText adoption_text(const std::vector<Adoption>& adoptions, std::set<std::string> taken,
                           const std::string& environment) {
    AdoptionText result;
    std::vector<Labelled> wanting;
    for (const Adoption& adoption : adoptions) {
        if (adoption.label) {
            taken.insert(*adoption.label);
        } else {
            wanting.push_back({adoption.action->id, adoption.action->name});
        }
    }
    const std::map<std::string, std::string> labels = unique_labels(wanting, std::move(taken));
    for (const Adoption& adoption : adoptions) {
        const LiveAction& action = *adoption.action;
        const std::string& label = adoption.label ? *adoption.label : labels.at(action.id);
        result.labels.push_back(label);
        result.text += "\n# " + quoted(action.name) + ", category " + quoted(action.category) +
                       ", adopted at version " + std::to_string(action.version) + "\n";
        for (const std::string& comment : adoption.comments) {
            result.text += "# " + comment + "\n";
        }
        std::string table = "action." + label;
        if (!environment.empty()) {
            // The base selects it by name; this org's id and timeout are its own.
            result.text += "[" + table + "]\nname = " + toml_basic_string(action.name) + "\n";
            table += ".env." + toml_key(environment);
        }
        result.text += "[" + table + "]\nid = " + toml_basic_string(action.id) + "\n";
        const Value& current = action.get(Field::timeout_seconds);
        if (adoption.timeout_seconds) {
            result.text += "timeout_seconds = " + std::to_string(*adoption.timeout_seconds) + "\n";
        } else if (current.is_integer()) {
            result.text += "timeout_seconds = " + std::to_string(current.as_integer()) + "\n";
        } else {
            result.text += "# timeout_seconds is unset: the service default of 60 s applies\n";
        }
    }
    return result;
}

}  // namespace dactl
