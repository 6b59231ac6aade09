#include "providers/genesys/genesys_functions.h"

#include "providers/genesys/answers.h"
#include "providers/genesys/function_codec.h"

namespace dactl::genesys {

namespace {

std::string integrations_path(int number) {
    return "/api/v2/integrations?pageSize=" + std::to_string(k_page_size) +
           "&pageNumber=" + std::to_string(number);
}

}  // namespace

Result<IntegrationPage> GenesysFunctions::integrations_page(int number) {
    return decoded(m_client.get(integrations_path(number)), decode_integration_page,
                   "integrations page " + std::to_string(number));
}

// Held to the action list's rules (paging.h): page 1 checked before more are
// asked for, a short page before the last stops the reading, a full last page
// with a nextUri is read on from.
Result<std::set<std::string>> GenesysFunctions::integrations_once() {
    std::vector<IntegrationPage> pages;
    for (int number = 1;; ++number) {
        Result<IntegrationPage> page = integrations_page(number);
        if (!page) {
            return page.error();
        }
        if (number == 1) {
            if (Status checked = check_first_page(page->facts, k_page_size, k_integration_listing);
                !checked) {
                return checked.error();
            }
        }
        const bool full = static_cast<int>(page->facts.ids.size()) == k_page_size;
        pages.push_back(std::move(page).value());
        const int promised = pages.front().facts.page_count;
        if (!full || number >= k_most_pages ||
            (number >= promised && !pages.back().facts.has_next)) {
            break;
        }
    }
    std::vector<PageFacts> facts;
    std::set<std::string> ids;
    for (IntegrationPage& page : pages) {
        ids.insert(page.function_ids.begin(), page.function_ids.end());
        facts.push_back(std::move(page.facts));
    }
    if (Status checked = check_pages(facts, k_page_size, k_integration_listing); !checked) {
        return checked.error();
    }
    return ids;
}

Result<std::set<std::string>> GenesysFunctions::function_integrations() {
    return read_twice([this] { return integrations_once(); });
}

Result<FunctionSetup> GenesysFunctions::get_function(const std::string& id) {
    return decoded(
        m_client.get(action_path(id) + "/function"),
        [&](std::string_view json) { return decode_function_config(json, id); },
        "reading the function of " + id);
}

Result<FunctionSetup> GenesysFunctions::put_draft_function(const std::string& id,
                                                           const FunctionSetup& function) {
    return decoded(
        m_client.put(action_path(id) + "/draft/function", encode_function(function)),
        [&](std::string_view json) { return decode_function_config(json, id); },
        "writing the draft function of " + id);
}

}  // namespace dactl::genesys
