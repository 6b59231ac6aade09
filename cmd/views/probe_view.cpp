#include "cmd/views/probe_view.h"

#include <ostream>

#include "engine/render/probe_render.h"
#include "engine/util/time_text.h"

namespace dactl::cli {

View probe_view(const ProbeReport& report) {
    return [&](OutputFormat format, const Style& style) -> std::string {
        switch (format) {
            case OutputFormat::text:
                return render_probe_text(report, style.palette);
            case OutputFormat::json:
                return encode_probe_output(report);
            case OutputFormat::markdown:
                return render_probe_markdown(report);
            case OutputFormat::html:
                return render_probe_html(report, style.generated_at);
        }
        return "";
    };
}

namespace {

class ProgressBar : public ProbeObserver {
public:
    ProgressBar(std::ostream& err, bool terminal) : m_err(err), m_terminal(terminal) {}
    ~ProgressBar() override {
        if (m_drawn) {
            m_err << "\r\x1b[K" << std::flush;
        }
    }
    ProgressBar(const ProgressBar&) = delete;
    ProgressBar& operator=(const ProgressBar&) = delete;

    void sampled(std::size_t done, std::size_t total) override {
        if (!m_terminal || total == 0) {
            return;
        }
        const std::size_t width = 30;
        const std::size_t filled = done * width / total;
        m_err << "\rprobing [" << std::string(filled, '#') << std::string(width - filled, '.')
              << "] " << done << "/" << total << " samples" << std::flush;
        m_drawn = true;
    }

    // Where no bar can be drawn (a pipeline's log), one line per action.
    void measured(const std::string& address, const LatencyStats& stats, std::size_t done,
                  std::size_t total) override {
        if (m_terminal) {
            return;
        }
        m_err << "probed " << address << " (" << done << "/" << total << "): " << stats.samples
              << " samples, " << stats.failures << " failed"
              << (stats.timeouts > 0 ? " (" + std::to_string(stats.timeouts) + " timed out)"
                                     : std::string())
              << ", p99 " << (stats.p99_censored ? ">= " : "") << seconds_text(stats.p99, 2) << "\n"
              << std::flush;
    }

private:
    std::ostream& m_err;
    bool m_terminal;
    bool m_drawn = false;
};

}  // namespace

std::unique_ptr<ProbeObserver> probe_progress(std::ostream& err, bool terminal) {
    return std::make_unique<ProgressBar>(err, terminal);
}

}  // namespace dactl::cli
