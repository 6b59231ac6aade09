#pragma once
// Architect dependency tracking: which flows call an action.
//   GET /api/v2/architect/dependencytracking/consumingresources
//       ?id=&objectType=DATAACTION|SECUREACTION&flowFilter=published|checkedIn
//       &pageSize=&pageNumber=
//   GET /api/v2/architect/dependencytracking/build

#include <string_view>

#include "tests/emulator/http_types.h"
#include "tests/emulator/org.h"
#include "tests/emulator/settings.h"

namespace dactl::emulator {

inline constexpr std::string_view k_consuming_resources_path =
    "/api/v2/architect/dependencytracking/consumingresources";
inline constexpr std::string_view k_dependency_build_path =
    "/api/v2/architect/dependencytracking/build";

/// GET consumingresources: 200 ConsumingResourcesEntityListing {entities: [Dependency
/// {id, name, version, type, deleted, updated, stateUnknown, selfUri}], pageSize,
/// pageNumber, total, pageCount} of the seeded flows calling the action `id` (those
/// published, with flowFilter=published); an action of the other kind (a secure one
/// asked for as DATAACTION, or the reverse) has none. 206 with the same body while
/// dependencyTracking is "rebuilding"; 403 while "forbidden"; 400
/// architect.dependency.object.invalid.type for another objectType, 400 for a bad
/// page; 404 architect.dependency.object.not.found for an unknown id.
HttpResponse handle_consuming_resources(const HttpRequest& request, const Org& org,
                                        const Settings& settings);

/// GET build: DependencyStatus {status: OPERATIONAL, or BUILDINPROGRESS while
/// rebuilding}; 403 while "forbidden".
HttpResponse handle_dependency_build(const HttpRequest& request, const Settings& settings);

}  // namespace dactl::emulator
