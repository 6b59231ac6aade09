#include "providers/genesys/json_slice.h"

#include <algorithm>

namespace dactl::genesys {

namespace {

bool is_json_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

std::size_t skip_space(std::string_view text, std::size_t at) {
    at = std::min(at, text.size());
    while (at < text.size() && is_json_space(text[at])) {
        ++at;
    }
    return at;
}

// `at` is on the opening quote; answers the index just past the closing one.
std::size_t string_end(std::string_view text, std::size_t at) {
    ++at;
    while (at < text.size() && text[at] != '"') {
        at += text[at] == '\\' ? 2 : 1;
    }
    return at < text.size() ? at + 1 : text.size();
}

// `at` is on the first character of a value; answers the index just past it.
std::size_t value_end(std::string_view text, std::size_t at) {
    if (at >= text.size()) {
        return text.size();
    }
    if (text[at] == '"') {
        return string_end(text, at);
    }
    if (text[at] == '{' || text[at] == '[') {
        std::size_t depth = 0;
        while (at < text.size()) {
            const char c = text[at];
            if (c == '"') {
                at = string_end(text, at);
                continue;
            }
            if (c == '{' || c == '[') {
                ++depth;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return at + 1;
            }
            ++at;
        }
        return text.size();
    }
    while (at < text.size() && !is_json_space(text[at]) && text[at] != ',' && text[at] != '}' &&
           text[at] != ']') {
        ++at;
    }
    return at;
}

}  // namespace

std::vector<RawMember> object_members(std::string_view object) {
    std::vector<RawMember> members;
    std::size_t at = skip_space(object, 0);
    if (at >= object.size() || object[at] != '{') {
        return members;
    }
    at = skip_space(object, at + 1);
    while (at < object.size() && object[at] == '"') {
        const std::size_t key_end = string_end(object, at);
        RawMember member;
        member.key = object.substr(at, key_end - at);
        at = skip_space(object, key_end);
        at = skip_space(object, at + 1);  // past the ':'
        const std::size_t end = value_end(object, at);
        member.value = object.substr(at, end - at);
        members.push_back(member);
        at = skip_space(object, end);
        if (at < object.size() && object[at] == ',') {
            at = skip_space(object, at + 1);
        }
    }
    return members;
}

std::vector<std::string_view> array_elements(std::string_view array) {
    std::vector<std::string_view> elements;
    std::size_t at = skip_space(array, 0);
    if (at >= array.size() || array[at] != '[') {
        return elements;
    }
    at = skip_space(array, at + 1);
    while (at < array.size() && array[at] != ']') {
        const std::size_t end = value_end(array, at);
        if (end == at) {
            break;
        }
        elements.push_back(array.substr(at, end - at));
        at = skip_space(array, end);
        if (at < array.size() && array[at] == ',') {
            at = skip_space(array, at + 1);
        }
    }
    return elements;
}

std::string_view trim_json_space(std::string_view text) {
    std::size_t begin = skip_space(text, 0);
    std::size_t end = text.size();
    while (end > begin && is_json_space(text[end - 1])) {
        --end;
    }
    return text.substr(begin, end - begin);
}

}  // namespace dactl::genesys
