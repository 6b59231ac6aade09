#pragma once
// Internal to the manifest loader: which keys each table of an action accepts,
// and the message for a key that is not one of them.

#include <span>
#include <string>
#include <string_view>

namespace dactl::manifest {

/// The tables of one action: [action.x], [action.x.request], ...
enum class TableLevel { action, request, response, function, probe };

/// The table's key under [action.x]: "request", "response", "function", "probe"; "" for
/// the action.
std::string_view table_key(TableLevel level);

/// The keys a table at `level` accepts, in the order messages list them.
std::span<const std::string_view> keys_of(TableLevel level);

/// "[action.<label>]" or "[action.<label>.request]" ...; `label` as written in a key.
std::string table_header(TableLevel level, std::string_view label);

/// The message for `key`, unknown in the table at `level` of the action `label`:
/// where the key belongs when it is another table's key, the timeout hint for
/// timeout-like keys, the API's camelCase names mapped to manifest keys, else the
/// closest key by edit distance, else the keys that are allowed.
std::string unknown_key_message(std::string_view key, TableLevel level, std::string_view label);

}  // namespace dactl::manifest
