#include "cmd/args.h"

#include <algorithm>

#include "engine/text/suggest.h"

namespace dactl::cli {

bool Words::has(const std::string& name) const {
    return std::any_of(options.begin(), options.end(),
                       [&](const GivenOption& given) { return given.spec->name == name; });
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

bool is_option_word(const std::string& word) {
    return word.size() >= 2 && word[0] == '-';
}

// "--name=value" as its name and value; the word and nothing otherwise.
std::pair<std::string, std::optional<std::string>> name_and_value(const std::string& word) {
    if (auto equals = word.find('='); word.rfind("--", 0) == 0 && equals != std::string::npos) {
        return {word.substr(0, equals), word.substr(equals + 1)};
    }
    return {word, std::nullopt};
}

}  // namespace

std::string alternatives(const std::vector<std::string>& words) {
    std::string text;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) {
            text += i + 1 == words.size() ? " or " : ", ";
        }
        text += words[i];
    }
    return text;
}

Result<Words> split_words(const std::vector<std::string>& args,
                          const std::vector<OptionSpec>& specs, const std::string& command) {
    Words words;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& word = args[i];
        if (word == "--") {
            words.operands.insert(words.operands.end(), args.begin() + static_cast<long>(i) + 1,
                                  args.end());
            break;
        }
        if (!is_option_word(word)) {
            words.operands.push_back(word);
            continue;
        }
        auto [name, value] = name_and_value(word);
        const OptionSpec* spec = find_spec(specs, name);
        if (spec == nullptr) {
            return unknown_option(specs, name, command);
        }
        if (!spec->takes_value()) {
            if (value) {
                return make_error(ErrorKind::invalid_input,
                                  "option --" + spec->name + " takes no value");
            }
            words.options.push_back({spec, ""});
            continue;
        }
        if (!value) {
            if (i + 1 >= args.size()) {
                return make_error(
                    ErrorKind::invalid_input,
                    "option --" + spec->name + " needs a value (" + spec->value_name + ")");
            }
            value = args[++i];
        }
        if (!spec->choices.empty() &&
            std::find(spec->choices.begin(), spec->choices.end(), *value) == spec->choices.end()) {
            return make_error(
                ErrorKind::invalid_input,
                "--" + spec->name + " must be " + alternatives(spec->choices) + ", not " + *value);
        }
        words.options.push_back({spec, *value});
    }
    return words;
}

std::size_t leading_option_words(const std::vector<std::string>& args,
                                 const std::vector<OptionSpec>& specs) {
    std::size_t i = 0;
    while (i < args.size() && is_option_word(args[i]) && args[i] != "--") {
        auto [name, value] = name_and_value(args[i]);
        const OptionSpec* spec = find_spec(specs, name);
        i += spec != nullptr && spec->takes_value() && !value ? 2 : 1;
    }
    return std::min(i, args.size());
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
