#pragma once
// Numbers with one decimal, as reports and their charts write them.

#include <string>

namespace dactl {

/// "21.6", "0.0", "-3.5": printf's %.1f.
std::string one_decimal(double value);

}  // namespace dactl
