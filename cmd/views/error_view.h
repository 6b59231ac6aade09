#pragma once
// ErrorView: what a run that fails before it has a result shows besides the
// "Error: ..." line on standard error. Only the JSON view shows more: the error
// document on standard output, so a script always gets one JSON document.

#include <string>

#include "cmd/views/view.h"
#include "engine/diagnostics/diagnostic.h"

namespace dactl::cli {

class ErrorView {
public:
    explicit ErrorView(const ViewTarget& target) : m_target(target) {}
    virtual ~ErrorView() = default;

    /// `command` failed with `message`; `diagnostics` are the manifest problems.
    virtual void failed(const std::string& /*command*/, const std::string& /*message*/,
                        const Diagnostics& /*diagnostics*/) {}

protected:
    ViewTarget m_target;
};

std::unique_ptr<ErrorView> error_view(OutputFormat format, const ViewTarget& target);

}  // namespace dactl::cli
