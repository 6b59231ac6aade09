#include "engine/render/markdown_text.h"

#include <algorithm>

#include "engine/model/secrets.h"
#include "engine/render/value_text.h"
#include "engine/text/html.h"
#include "engine/text/quote.h"
#include "engine/text/text_diff.h"
#include "engine/util/escape.h"

namespace dactl {

namespace {

std::string key_of(Field field) {
    return std::string(field_key(field));
}

std::string map_lines(Field field, const Value& before, const Value& after) {
    static const StringMap empty;
    const StringMap& old_map = before.is_map() ? before.as_map() : empty;
    const StringMap& new_map = after.is_map() ? after.as_map() : empty;
    StringMap keys = old_map;
    keys.insert(new_map.begin(), new_map.end());
    std::string text;
    for (const auto& [key, unused] : keys) {
        auto was = old_map.find(key);
        auto now = new_map.find(key);
        const bool changed =
            was == old_map.end() || now == new_map.end() || was->second != now->second;
        if (!changed) {
            continue;
        }
        const std::string entry = key_of(field) + "[" + quoted(key) + "]: ";
        if (was != old_map.end()) {
            text += "- " + entry + map_entry_text(field, key, was->second) + "\n";
        }
        if (now != new_map.end()) {
            text += "+ " + entry + map_entry_text(field, key, now->second) + "\n";
        }
    }
    return text;
}

std::string template_lines(Field field, const Value& before, const Value& after) {
    const std::string empty;
    std::string text = "  " + key_of(field) + ":\n";
    for (const DiffLine& line : unified_diff(before.is_string() ? before.as_string() : empty,
                                             after.is_string() ? after.as_string() : empty)) {
        if (line.kind == DiffLine::Kind::hunk) {
            text += line.text + "\n";
        } else if (line.kind == DiffLine::Kind::note) {
            text += "\\ " + line.text + "\n";
        } else {
            text += std::string(1, diff_prefix(line.kind)) + line.text + "\n";
        }
    }
    return text;
}

}  // namespace

std::string markdown_cell(const std::string& text) {
    return escape_markdown(text);
}

std::string fenced(const std::string& body, const std::string& language) {
    std::size_t longest = 0;
    std::size_t run = 0;
    for (char c : body) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
    return fence + language + "\n" + body + fence + "\n";
}

std::string markdown_diff_lines(Field field, const Value& before, const Value& after) {
    switch (field_info(field).kind) {
        case FieldKind::string_map:
            return map_lines(field, before, after);
        case FieldKind::template_text:
            return template_lines(field, before, after);
        case FieldKind::text:
        case FieldKind::integer:
            break;
    }
    return "- " + key_of(field) + ": " + value_text(field, before) + "\n+ " + key_of(field) + ": " +
           value_text(field, after) + "\n";
}

std::string code(const std::string& text) {
    return markdown_code(text, true);
}

std::string inline_code(const std::string& text) {
    return markdown_code(text, false);
}

// Joins items, leaving out as few as possible from the middle so the result
// stays within `budget`; `note(n)` replaces the n left-out items.
std::string shorten_middle(const std::vector<std::string>& items, std::size_t budget,
                           const std::function<std::string(std::size_t)>& note) {
    std::size_t total = 0;
    for (const auto& item : items) {
        total += item.size();
    }
    if (total <= budget) {
        std::string all;
        for (const auto& item : items) {
            all += item;
        }
        return all;
    }
    // Take from both ends alternately while the note still fits.
    std::size_t front = 0;
    std::size_t back = 0;
    std::size_t used = note(items.size()).size();
    bool from_front = true;
    while (front + back < items.size()) {
        const std::string& next = from_front ? items[front] : items[items.size() - 1 - back];
        if (used + next.size() > budget) {
            break;
        }
        used += next.size();
        (from_front ? front : back) += 1;
        from_front = !from_front;
    }
    std::string out;
    for (std::size_t i = 0; i < front; ++i) {
        out += items[i];
    }
    out += note(items.size() - front - back);
    for (std::size_t i = items.size() - back; i < items.size(); ++i) {
        out += items[i];
    }
    return out;
}

std::string details(const std::string& summary, const std::string& diff) {
    return "<details><summary>" + summary + "</summary>\n\n" + fenced(diff, "diff") +
           "\n</details>\n\n";
}

std::string assemble(const std::string& head, const std::vector<std::string>& rows,
                     const std::vector<std::string>& blocks, std::size_t limit,
                     const std::string& what) {
    // The table gets at most half the room, the detail blocks the rest.
    const std::size_t room = limit > head.size() + 400 ? limit - head.size() - 400 : 0;
    std::string table = shorten_middle(rows, room / 2, [&](std::size_t n) {
        return "| | *" + std::to_string(n) + " more " + what +
               " left out to keep this under the size limit* | | | |\n";
    });
    std::string body = shorten_middle(blocks, room - table.size(), [&](std::size_t n) {
        return "> **Note:** the details of " + std::to_string(n) + " " + what +
               " were left out to keep this under " + std::to_string(limit) +
               " characters; run the command locally for the full output.\n\n";
    });
    return head + table + "\n" + body;
}

}  // namespace dactl
