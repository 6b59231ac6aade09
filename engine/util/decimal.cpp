#include "engine/util/decimal.h"

#include <cstdio>

namespace dactl {

std::string one_decimal(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

}  // namespace dactl
