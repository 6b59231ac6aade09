#include "engine/render/value_text.h"

#include "engine/model/secrets.h"
#include "engine/text/quote.h"
#include "engine/text/text_diff.h"

namespace dactl {

std::string map_entry_text(Field field, const std::string& key, const std::string& value) {
    if (is_secret_entry(field, key, value)) {
        return std::string(k_masked_value);
    }
    return quoted(value);
}

namespace {

const StringMap& map_or_empty(const Value& value) {
    static const StringMap empty;
    return value.is_map() ? value.as_map() : empty;
}

std::vector<std::string> map_lines(Field field, const Value& before, const Value& after,
                                   const Palette& palette) {
    const StringMap& old_map = map_or_empty(before);
    const StringMap& new_map = map_or_empty(after);
    std::vector<std::string> lines;
    lines.push_back(palette.yellow("~") + " " + std::string(field_key(field)) + ":");
    StringMap keys = old_map;
    keys.insert(new_map.begin(), new_map.end());
    for (const auto& [key, unused] : keys) {
        auto old_entry = old_map.find(key);
        auto new_entry = new_map.find(key);
        if (new_entry == new_map.end()) {
            lines.push_back("    " + palette.red("- " + quoted(key) + ": " +
                                                 map_entry_text(field, key, old_entry->second)));
        } else if (old_entry == old_map.end()) {
            lines.push_back("    " + palette.green("+ " + quoted(key) + ": " +
                                                   map_entry_text(field, key, new_entry->second)));
        } else if (old_entry->second != new_entry->second) {
            lines.push_back("    " + palette.yellow("~") + " " + quoted(key) + ": " +
                            map_entry_text(field, key, old_entry->second) + " -> " +
                            map_entry_text(field, key, new_entry->second));
        }
    }
    return lines;
}

std::vector<std::string> template_lines(Field field, const Value& before, const Value& after,
                                        const Palette& palette) {
    const std::string empty;
    const std::string& old_text = before.is_string() ? before.as_string() : empty;
    const std::string& new_text = after.is_string() ? after.as_string() : empty;
    std::vector<std::string> lines;
    std::string heading = palette.yellow("~") + " " + std::string(field_key(field)) + ":";
    if (before.is_unset()) {
        heading += " (unset) ->";
    }
    lines.push_back(heading);
    for (const DiffLine& line : unified_diff(old_text, new_text)) {
        std::string text;
        switch (line.kind) {
            case DiffLine::Kind::hunk:
                text = palette.cyan(line.text);
                break;
            case DiffLine::Kind::added:
                text = palette.green("+" + line.text);
                break;
            case DiffLine::Kind::removed:
                text = palette.red("-" + line.text);
                break;
            case DiffLine::Kind::context:
                text = " " + line.text;
                break;
            case DiffLine::Kind::note:
                text = palette.dim("\\ " + line.text);
                break;
        }
        lines.push_back("    " + text);
    }
    return lines;
}

}  // namespace

std::string value_text(Field field, const Value& value) {
    if (value.is_unset()) {
        return field == Field::timeout_seconds ? "(unset, service default 60 s)" : "(unset)";
    }
    if (value.is_integer()) {
        return std::to_string(value.as_integer());
    }
    if (value.is_string()) {
        return quoted(value.as_string());
    }
    std::string text = "{";
    for (const auto& [key, entry] : value.as_map()) {
        text +=
            (text.size() > 1 ? ", " : "") + quoted(key) + ": " + map_entry_text(field, key, entry);
    }
    return text + "}";
}

std::vector<std::string> field_change_lines(Field field, const Value& before, const Value& after,
                                            const Palette& palette) {
    switch (field_info(field).kind) {
        case FieldKind::string_map:
            return map_lines(field, before, after, palette);
        case FieldKind::template_text:
            return template_lines(field, before, after, palette);
        case FieldKind::text:
        case FieldKind::integer:
            break;
    }
    return {palette.yellow("~") + " " + std::string(field_key(field)) + ": " +
            value_text(field, before) + " -> " + value_text(field, after)};
}

}  // namespace dactl
