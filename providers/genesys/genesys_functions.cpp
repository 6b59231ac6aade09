#include "providers/genesys/genesys_functions.h"

#include "providers/genesys/answers.h"
#include "providers/genesys/function_codec.h"

namespace dactl::genesys {

Result<std::set<std::string>> GenesysFunctions::function_integrations() {
    std::set<std::string> ids;
    int page_count = 1;
    for (int number = 1; number <= page_count; ++number) {
        Result<IntegrationPage> page =
            decoded(m_client.get("/api/v2/integrations?pageSize=" + std::to_string(k_page_size) +
                                 "&pageNumber=" + std::to_string(number)),
                    decode_integration_page, "integrations page " + std::to_string(number));
        if (!page) {
            return page.error();
        }
        ids.insert(page->function_ids.begin(), page->function_ids.end());
        page_count = page->page_count;
    }
    return ids;
}

Result<FunctionSetup> GenesysFunctions::get_function(const std::string& id) {
    return decoded(m_client.get(action_path(id) + "/function"), decode_function_config,
                   "reading the function of " + id);
}

Result<FunctionSetup> GenesysFunctions::put_draft_function(const std::string& id,
                                                           const FunctionSetup& function) {
    return decoded(m_client.put(action_path(id) + "/draft/function", encode_function(function)),
                   decode_function_config, "writing the draft function of " + id);
}

}  // namespace dactl::genesys
