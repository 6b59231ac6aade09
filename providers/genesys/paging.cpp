#include "providers/genesys/paging.h"

#include <algorithm>
#include <set>

#include "engine/json/json_reader.h"

namespace dactl::genesys {

namespace {

Error contradiction(const Listing& listing, const std::string& how) {
    return make_error(ErrorKind::inconsistent,
                      listing.what + " contradicts itself: " + how +
                          "; dactl does not act on a partial org (read twice)");
}

Result<std::int64_t> read_count(const rapidjson::Value& page, const char* name, bool required,
                                const Listing& listing) {
    const std::string& what = listing.what;
    auto found = page.FindMember(name);
    if (found == page.MemberEnd() || found->value.IsNull()) {
        if (required) {
            return make_error(ErrorKind::invalid_response, what + ": " + name + " is missing");
        }
        return -1;
    }
    if (!found->value.IsInt64()) {
        return make_error(ErrorKind::invalid_response,
                          what + ": " + name + " is " + std::string(json_type_name(found->value)) +
                              ", expected an integer");
    }
    return found->value.GetInt64();
}

}  // namespace

Result<PageFacts> read_page_facts(const rapidjson::Value& document, const Listing& listing) {
    const std::string& what = listing.what;
    Result<std::int64_t> number = read_count(document, "pageNumber", false, listing);
    Result<std::int64_t> count = read_count(document, "pageCount", true, listing);
    Result<std::int64_t> total = read_count(document, "total", false, listing);
    for (const Result<std::int64_t>* read : {&number, &count, &total}) {
        if (!*read) {
            return read->error();
        }
    }
    if (*count < 0 || *count > k_most_pages) {
        return make_error(ErrorKind::invalid_response,
                          what + " says it has " + std::to_string(*count) +
                              " pages; dactl reads from 0 to " + std::to_string(k_most_pages));
    }
    if (*number < -1 || *number > k_most_pages || *total < -1) {
        return make_error(ErrorKind::invalid_response,
                          what + ": a pageNumber of " + std::to_string(*number) +
                              " or a total of " + std::to_string(*total) + " cannot be");
    }
    PageFacts facts;
    facts.page_number = *number < 0 ? 0 : static_cast<int>(*number);
    facts.page_count = static_cast<int>(*count);
    if (*total >= 0) {
        facts.total = *total;
    }
    const rapidjson::Value* next = member(document, "nextUri");
    facts.has_next = next != nullptr && next->IsString() && next->GetStringLength() > 0;
    return facts;
}

Status check_first_page(const PageFacts& first, int page_size, const Listing& listing) {
    const auto size = static_cast<std::int64_t>(first.ids.size());
    if (first.total) {
        const std::int64_t pages = (*first.total + page_size - 1) / page_size;
        if (pages != first.page_count && !(pages == 0 && first.page_count == 1)) {
            return contradiction(listing, "page 1 gives a total of " +
                                              std::to_string(*first.total) + " " + listing.noun +
                                              " and a pageCount of " +
                                              std::to_string(first.page_count) + ", at " +
                                              std::to_string(page_size) + " a page");
        }
    }
    if (first.page_count > 1 && size < page_size) {
        return contradiction(listing, "page 1 of " + std::to_string(first.page_count) + " holds " +
                                          std::to_string(size) + " " + listing.noun + ", not " +
                                          std::to_string(page_size));
    }
    return {};
}

Status check_pages(const std::vector<PageFacts>& pages, int page_size, const Listing& listing) {
    // Every page before the last pageCount promises must be full, whether or
    // not the pages after it were read.
    const std::size_t promised =
        pages.empty() ? 0
                      : std::max(pages.size(), static_cast<std::size_t>(pages.front().page_count));
    std::int64_t listed = 0;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const PageFacts& page = pages[i];
        const int number = static_cast<int>(i) + 1;
        if (page.page_number != 0 && page.page_number != number) {
            return contradiction(listing, "asked for page " + std::to_string(number) +
                                              ", it answered page " +
                                              std::to_string(page.page_number));
        }
        if (i + 1 < promised && static_cast<int>(page.ids.size()) != page_size) {
            return contradiction(listing, "page " + std::to_string(number) + " of " +
                                              std::to_string(promised) + " holds " +
                                              std::to_string(page.ids.size()) + " " + listing.noun +
                                              ", not " + std::to_string(page_size));
        }
        std::set<std::string> seen;
        for (const std::string& id : page.ids) {
            if (!seen.insert(id).second) {
                return contradiction(listing,
                                     "page " + std::to_string(number) + " lists " + id + " twice");
            }
        }
        listed += static_cast<std::int64_t>(page.ids.size());
    }
    if (!pages.empty() && pages.front().total && *pages.front().total != listed) {
        return contradiction(
            listing, "page 1 gives a total of " + std::to_string(*pages.front().total) + " " +
                         listing.noun + ", the pages read hold " + std::to_string(listed));
    }
    return {};
}

}  // namespace dactl::genesys
