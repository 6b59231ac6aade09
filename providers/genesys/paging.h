#pragma once
// Paged listings (actions, integrations): what a page says about the listing,
// read one way, and the rules every listing is held to before dactl acts on it
// or asks for more pages: a page count within bounds that the total agrees
// with, each page the one asked for, no short page before the last, no id
// twice on a page, a total that the pages hold.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "engine/util/result.h"

namespace dactl::genesys {

/// No listing is longer than this many pages: a larger pageCount is a broken answer.
inline constexpr int k_most_pages = 10000;

/// How messages name a listing: "the action list", "actions".
struct Listing {
    std::string what;
    std::string noun;
};

struct PageFacts {
    int page_number = 0;  ///< 0 when the answer does not say
    int page_count = 0;
    std::optional<std::int64_t> total;  ///< when the answer says
    bool has_next = false;              ///< a nextUri (not null, not empty) is there
    std::vector<std::string> ids;       ///< of the entities, in order
};

/// Reads pageNumber, pageCount (required, 0 to k_most_pages), total and
/// nextUri of a listing `document`; ids are left to the caller. An answer
/// that has them of the wrong type or out of range is ErrorKind::invalid_response.
Result<PageFacts> read_page_facts(const rapidjson::Value& document, const Listing& listing);

/// Page 1, before any other page is asked for: a pageCount that agrees with
/// the total and the page size, a short page 1 only as the last
/// (ErrorKind::inconsistent, "the action list contradicts itself: ...").
Status check_first_page(const PageFacts& first, int page_size, const Listing& listing);

/// The pages read, in order: each the one asked for, every one but the last
/// full, no id twice on a page, and the total page 1 gave held by them all.
Status check_pages(const std::vector<PageFacts>& pages, int page_size, const Listing& listing);

/// `read()`, once more when it answers ErrorKind::inconsistent: a listing read
/// while the org changed can disagree with itself once; a second reading that
/// does too is the server's, and its error is the answer.
template <class Read>
auto read_twice(Read read) -> decltype(read()) {
    auto listed = read();
    if (!listed && listed.error().kind == ErrorKind::inconsistent) {
        listed = read();
    }
    return listed;
}

}  // namespace dactl::genesys
