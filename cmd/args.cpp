#include "cmd/args.h"

#include <algorithm>

#include "engine/text/suggest.h"

namespace dactl::cli {

std::vector<std::string> Arguments::all_values(const std::string& name) const {
    auto found = repeated.find(name);
    return found == repeated.end() ? std::vector<std::string>{} : found->second;
}

std::optional<std::string> Arguments::value(const std::string& name) const {
    auto found = values.find(name);
    if (found == values.end()) {
        return std::nullopt;
    }
    return found->second;
}

namespace {

const OptionSpec* find_spec(const std::vector<OptionSpec>& specs, const std::string& word) {
    for (const auto& spec : specs) {
        if (word == "--" + spec.name ||
            (!spec.short_name.empty() && word == "-" + spec.short_name)) {
            return &spec;
        }
    }
    return nullptr;
}

Error unknown_option(const std::vector<OptionSpec>& specs, const std::string& word,
                     const std::string& command) {
    std::vector<std::string> names;
    names.reserve(specs.size());
    for (const auto& spec : specs) {
        names.push_back("--" + spec.name);
    }
    std::string message = "unknown option " + word + " for " + command;
    std::vector<std::string> close = closest_matches(word, names, 1);
    if (!close.empty()) {
        message += "; did you mean " + close.front() + "?";
    } else {
        message += "; see " + command + " --help";
    }
    return make_error(ErrorKind::invalid_input, message);
}

}  // namespace

Result<Arguments> parse_arguments(const std::vector<std::string>& args,
                                  const std::vector<OptionSpec>& specs,
                                  const std::string& command) {
    Arguments parsed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& word = args[i];
        if (word == "--") {
            parsed.positionals.insert(parsed.positionals.end(),
                                      args.begin() + static_cast<long>(i) + 1, args.end());
            break;
        }
        if (word.size() < 2 || word[0] != '-') {
            parsed.positionals.push_back(word);
            continue;
        }
        std::string name = word;
        std::optional<std::string> inline_value;
        if (auto equals = word.find('='); word.rfind("--", 0) == 0 && equals != std::string::npos) {
            name = word.substr(0, equals);
            inline_value = word.substr(equals + 1);
        }
        const OptionSpec* spec = find_spec(specs, name);
        if (spec == nullptr) {
            return unknown_option(specs, name, command);
        }
        if (spec->value_name.empty()) {
            if (inline_value) {
                return make_error(ErrorKind::invalid_input,
                                  "option --" + spec->name + " takes no value");
            }
            parsed.flags.insert(spec->name);
            continue;
        }
        if (!inline_value) {
            if (i + 1 >= args.size()) {
                return make_error(
                    ErrorKind::invalid_input,
                    "option --" + spec->name + " needs a value (" + spec->value_name + ")");
            }
            inline_value = args[++i];
        }
        parsed.values[spec->name] = *inline_value;
        parsed.repeated[spec->name].push_back(*inline_value);
    }
    return parsed;
}

std::string options_help(const std::vector<OptionSpec>& specs) {
    std::vector<std::string> lefts;
    std::size_t width = 0;
    for (const auto& spec : specs) {
        std::string left = spec.short_name.empty() ? "    " : "-" + spec.short_name + ", ";
        left += "--" + spec.name;
        if (!spec.value_name.empty()) {
            left += " " + spec.value_name;
        }
        width = std::max(width, left.size());
        lefts.push_back(left);
    }
    std::string text;
    for (std::size_t i = 0; i < specs.size(); ++i) {
        text +=
            "  " + lefts[i] + std::string(width - lefts[i].size() + 3, ' ') + specs[i].help + "\n";
    }
    return text;
}

}  // namespace dactl::cli
