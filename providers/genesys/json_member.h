#pragma once
// Reading members of parsed API answers (for the codec files, which alone use RapidJSON).

#include <string>

#include <rapidjson/document.h>

namespace dactl::genesys {

/// The string member `name` of `object` (a JSON object), or "" when it is
/// absent or not a string.
std::string member_text(const rapidjson::Value& object, const char* name);

}  // namespace dactl::genesys
