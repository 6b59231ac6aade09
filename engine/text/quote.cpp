#include "engine/text/quote.h"

#include "engine/util/json_text.h"

namespace dactl {

std::string quoted(std::string_view text) {
    return json_string(text);
}

}  // namespace dactl
