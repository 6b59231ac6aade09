#include "engine/manifest/probe_input.h"

#include "engine/util/json_text.h"

namespace dactl::manifest {

namespace {

bool append_json(const toml::node& node, const std::string& name, std::string& out,
                 ManifestFile& file);

bool append_table(const toml::table& table, const std::string& name, std::string& out,
                  ManifestFile& file) {
    bool ok = true;
    out += '{';
    bool first = true;
    for (auto&& [key, value] : table) {
        out += first ? "" : ",";
        first = false;
        out += json_string(key.str());
        out += ':';
        ok = append_json(value, name + "." + key_text(key.str()), out, file) && ok;
    }
    out += '}';
    return ok;
}

bool append_array(const toml::array& array, const std::string& name, std::string& out,
                  ManifestFile& file) {
    bool ok = true;
    out += '[';
    for (std::size_t i = 0; i < array.size(); ++i) {
        out += i == 0 ? "" : ",";
        ok = append_json(array[i], name + "[" + std::to_string(i) + "]", out, file) && ok;
    }
    out += ']';
    return ok;
}

bool append_json(const toml::node& node, const std::string& name, std::string& out,
                 ManifestFile& file) {
    if (const auto* table = node.as_table()) {
        return append_table(*table, name, out, file);
    }
    if (const auto* array = node.as_array()) {
        return append_array(*array, name, out, file);
    }
    if (const auto* text = node.as_string()) {
        out += json_string(text->get());
    } else if (const auto* integer = node.as_integer()) {
        out += std::to_string(integer->get());
    } else if (const auto* boolean = node.as_boolean()) {
        out += boolean->get() ? "true" : "false";
    } else if (const auto* floating = node.as_floating_point()) {
        std::optional<std::string> number = json_number(floating->get());
        if (!number) {
            file.error(node.source().begin, name + " is " + describe_value(node) +
                                                ", which JSON cannot hold; write it as a string");
            return false;
        }
        out += *number;
    } else {
        file.error(node.source().begin, name + " is " + describe_type(node) +
                                            ", which JSON cannot hold; write it as a string");
        return false;
    }
    return true;
}

}  // namespace

std::optional<std::string> probe_input_json(const toml::table& input, std::string_view name,
                                            ManifestFile& file) {
    std::string out;
    if (!append_table(input, std::string(name), out, file)) {
        return std::nullopt;
    }
    return out;
}

}  // namespace dactl::manifest
