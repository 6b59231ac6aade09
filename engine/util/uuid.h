#pragma once

#include <string>

namespace dactl {

/// A random (version 4) UUID in its 36-character text form.
std::string random_uuid();

}  // namespace dactl
