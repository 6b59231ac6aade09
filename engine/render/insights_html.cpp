
#include <algorithm>

#include "engine/render/impact_render.h"
#include "engine/render/insights_render.h"
#include "engine/render/recommendation_render.h"
#include "engine/text/html.h"
#include "engine/util/decimal.h"

namespace dactl {

namespace {

constexpr double k_bars_width = 600;
constexpr double k_label_width = 60;
constexpr double k_plot_width = 500;
constexpr double k_bar_height = 18;
constexpr double k_day_height = 60;

std::string marker(double x, const std::string& colour, const std::string& label, double bottom,
                   double label_y, const std::string& id) {
    const bool right_half = x > k_label_width + k_plot_width / 2;
    return "<line id=\"" + id + "\" class=\"marker\" x1=\"" + one_decimal(x) + "\" y1=\"" +
           one_decimal(label_y + 4) + "\" x2=\"" + one_decimal(x) + "\" y2=\"" +
           one_decimal(bottom) + "\" stroke=\"" + colour +
           "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n<text x=\"" +
           one_decimal(right_half ? x - 4 : x + 4) + "\" y=\"" + one_decimal(label_y) +
           "\" fill=\"" + colour + "\" font-size=\"12\" text-anchor=\"" +
           (right_half ? "end" : "start") + "\">" + html_escape(label) + "</text>\n";
}

std::string cell(const std::string& text) {
    return "<td>" + html_escape(text) + "</td>";
}

}  // namespace

std::string latency_bars_svg(const Insight& insight, std::size_t index) {
    const std::string n = std::to_string(index);
    const double current_ms = insight.current_timeout.value_or(60) * 1000.0;
    const double recommended_ms =
        insight.recommendation ? insight.recommendation->timeout_seconds * 1000.0 : current_ms;
    const double top =
        std::max({static_cast<double>(insight.max_ms), current_ms, recommended_ms, 1000.0}) * 1.05;
    const double first_bar = 36;
    const double bottom = first_bar + 3 * (k_bar_height + 6);
    std::string svg = "<svg class=\"latency\" id=\"latency-" + n + "\" width=\"" +
                      one_decimal(k_bars_width) + "\" height=\"" + one_decimal(bottom + 10) +
                      "\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n";
    const std::vector<std::pair<std::string, std::optional<std::int64_t>>> bars = {
        {"p95", insight.p95_ms}, {"p99", insight.p99_ms}, {"max", insight.max_ms}};
    double y = first_bar;
    for (const auto& [name, value] : bars) {
        svg += "<text x=\"0\" y=\"" + one_decimal(y + 13) + "\" font-size=\"12\">" + name +
               "</text>\n";
        if (value) {
            const double width = k_plot_width * static_cast<double>(*value) / top;
            svg += "<rect class=\"bar " + name + "\" data-ms=\"" + std::to_string(*value) +
                   "\" x=\"" + one_decimal(k_label_width) + "\" y=\"" + one_decimal(y) +
                   "\" width=\"" + one_decimal(std::max(width, 1.0)) + "\" height=\"" +
                   one_decimal(k_bar_height) + "\" fill=\"" +
                   (name == "max" ? "#9bb3dd" : "#4a78c2") + "\"/>\n";
        }
        y += k_bar_height + 6;
    }
    auto x_of = [&](double ms) { return k_label_width + k_plot_width * ms / top; };
    svg += marker(x_of(current_ms), "#777",
                  "current " + std::to_string(static_cast<int>(current_ms / 1000)) + " s", bottom,
                  12, "current-" + n);
    if (insight.recommendation && recommended_ms != current_ms) {
        svg += marker(x_of(recommended_ms), "#1a8a3a",
                      "recommended " +
                          std::string(insight.recommendation->at_least ? "at least " : "") +
                          std::to_string(insight.recommendation->timeout_seconds) + " s",
                      bottom, 26, "recommended-" + n);
    }
    return svg + "</svg>\n";
}

std::string daily_timeouts_svg(const Insight& insight, std::size_t index) {
    std::int64_t highest = 1;
    for (const DayCount& day : insight.days) {
        highest = std::max(highest, day.timeouts);
    }
    const double width =
        insight.days.empty() ? 0 : k_plot_width / static_cast<double>(insight.days.size());
    std::string svg = "<svg class=\"daily\" id=\"daily-" + std::to_string(index) + "\" width=\"" +
                      one_decimal(k_bars_width) + "\" height=\"" + one_decimal(k_day_height + 20) +
                      "\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n"
                      "<text x=\"0\" y=\"12\" font-size=\"12\">timeouts a day</text>\n";
    for (std::size_t i = 0; i < insight.days.size(); ++i) {
        const DayCount& day = insight.days[i];
        const double height =
            k_day_height * static_cast<double>(day.timeouts) / static_cast<double>(highest);
        svg += "<rect class=\"day\" data-timeouts=\"" + std::to_string(day.timeouts) +
               "\" data-executions=\"" + std::to_string(day.executions) + "\" x=\"" +
               one_decimal(k_label_width + static_cast<double>(i) * width + 1) + "\" y=\"" +
               one_decimal(16 + k_day_height - height) + "\" width=\"" +
               one_decimal(std::max(width - 2, 1.0)) + "\" height=\"" + one_decimal(height) +
               "\" fill=\"#d9822b\"><title>" + std::to_string(day.timeouts) + " of " +
               std::to_string(day.executions) + "</title></rect>\n";
    }
    svg += "<line x1=\"" + one_decimal(k_label_width) + "\" y1=\"" +
           one_decimal(16 + k_day_height) + "\" x2=\"" + one_decimal(k_label_width + k_plot_width) +
           "\" y2=\"" + one_decimal(16 + k_day_height) + "\" stroke=\"#333\"/>\n";
    return svg + "</svg>\n";
}

std::string render_insights_html(const InsightsReport& report, const std::string& generated_at,
                                 const FlowImpact* impact) {
    std::string html = html_report_start(
        "dactl insights report" + (report.environment.empty() ? "" : " for " + report.environment),
        ".verdict-timing-out{color:#b3261e}\n.verdict-at-risk{color:#a15c00}\n.note{color:#555}\n");
    html += "<p class=\"summary\">";
    html += html_escape(insights_summary(report));
    html += "</p>\n";
    if (impact != nullptr && impact->blast) {
        html += blast_section_html(*impact->blast);
    }
    std::size_t index = 0;
    for (const Insight& insight : report.insights) {
        std::string verdict = verdict_text(insight.verdict);
        std::string verdict_class = verdict;
        std::replace(verdict_class.begin(), verdict_class.end(), ' ', '-');
        html += "<section class=\"action verdict-" + verdict_class + "\" id=\"" +
                html_escape(insight.id) + "\">\n<h2>" +
                html_escape(insight_label(insight.address, insight.name)) + " <small>" +
                html_escape(insight.name) + " (" + html_escape(insight.id) +
                ")</small> <span class=\"verdict\">" + html_escape(verdict) + "</span></h2>\n";
        html +=
            "<table>\n<tr><th>executions</th><th>timeouts</th><th>failures</th><th>p95</th>"
            "<th>p99</th><th>max</th><th>current timeout</th><th>recommended</th></tr>\n<tr>" +
            cell(std::to_string(insight.executions)) + cell(std::to_string(insight.timeouts)) +
            cell(std::to_string(insight.failures)) + cell(insight_seconds(insight.p95_ms)) +
            cell(insight_seconds(insight.p99_ms)) +
            cell(insight.executions > 0 ? insight_seconds(insight.max_ms) : "-") +
            cell(insight.current_timeout ? std::to_string(*insight.current_timeout) + " s"
                                         : "unset (60 s)") +
            "<td class=\"recommended\">" +
            (insight.recommendation
                 ? std::string(insight.recommendation->at_least ? "&ge; " : "") +
                       std::to_string(insight.recommendation->timeout_seconds) + " s"
                 : std::string("-")) +
            "</td></tr>\n</table>\n";
        if (insight.executions > 0) {
            html += latency_bars_svg(insight, index) + daily_timeouts_svg(insight, index);
        }
        ++index;
        for (const InsightNote& insight_note : insight.notes) {
            const std::string note = insight_note_text(insight, insight_note);
            html += "<p class=\"note\">" + html_escape(note) + "</p>\n";
        }
        if (insight.recommendation) {
            for (const std::string& note : recommendation_notes(*insight.recommendation)) {
                html += "<p class=\"note\">" + html_escape(note) + "</p>\n";
            }
            for (const std::string& warning : recommendation_warnings(*insight.recommendation)) {
                html += "<p class=\"note warning\">" + html_escape(warning) + "</p>\n";
            }
        }
        html += "</section>\n";
    }
    html += "<footer>Generated by dactl at " + html_escape(generated_at) +
            " from the org's analytics (no back-end was called). Recommended timeout = " +
            recommendation_rule(report.headroom, report.min_timeout, "&times;") +
            ".</footer>\n</body>\n</html>\n";
    return html;
}

}  // namespace dactl
