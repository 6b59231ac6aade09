#include "engine/export/adopt.h"

#include "engine/export/toml_text.h"
#include "engine/model/label.h"
#include "engine/text/quote.h"

namespace dactl {

AdoptionText adoption_text(const std::vector<Adoption>& adoptions, std::set<std::string> taken) {
    AdoptionText result;
    std::vector<Labelled> wanting;
    for (const Adoption& adoption : adoptions) {
        wanting.push_back({adoption.action->id, adoption.action->name});
    }
    const std::map<std::string, std::string> labels = unique_labels(wanting, std::move(taken));
    for (const Adoption& adoption : adoptions) {
        const LiveAction& action = *adoption.action;
        const std::string& label = labels.at(action.id);
        result.labels.push_back(label);
        result.text += "\n# " + quoted(action.name) + ", category " + quoted(action.category) +
                       ", adopted at version " + std::to_string(action.version) + "\n";
        for (const std::string& comment : adoption.comments) {
            result.text += "# " + comment + "\n";
        }
        result.text += "[action." + label + "]\nid = " + toml_basic_string(action.id) + "\n";
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
