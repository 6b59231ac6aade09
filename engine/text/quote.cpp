#include "engine/text/quote.h"

#include "engine/util/escape.h"

namespace dactl {

std::string quoted(std::string_view text) {
    return "\"" + printable(text, true) + "\"";
}

}  // namespace dactl
