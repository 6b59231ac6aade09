#include "cmd/views/error_view.h"

#include "engine/render/output_codec.h"

namespace dactl::cli {

namespace {

class ErrorJson : public ErrorView {
public:
    using ErrorView::ErrorView;
    void failed(const std::string& command, const std::string& message,
                const Diagnostics& diagnostics) override {
        m_target.out << encode_error_output(command, message, diagnostics);
    }
};

}  // namespace

std::unique_ptr<ErrorView> error_view(OutputFormat format, const ViewTarget& target) {
    return choose_view<ErrorView, ErrorView, ErrorJson, ErrorView>(format, target);
}

}  // namespace dactl::cli
