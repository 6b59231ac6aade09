#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/render/probe_render.h"
#include "engine/render/recommendation_render.h"
#include "engine/text/html.h"
#include "engine/util/decimal.h"
#include "engine/util/time_text.h"

namespace dactl {

namespace {

constexpr double k_width = 660;
constexpr double k_height = 250;
constexpr double k_left = 48;
constexpr double k_top = 40;
constexpr double k_bottom = 200;
constexpr double k_plot_width = 580;
constexpr double k_plot_height = k_bottom - k_top;
constexpr int k_bins = 20;
constexpr const char* k_answered_colour = "#4a78c2";
constexpr const char* k_timed_out_colour = "#d9822b";

// A tick step of whole or half seconds giving at most six ticks up to `top_ms`.
double tick_step_ms(double top_ms) {
    for (double step : {500.0, 1000.0, 2000.0, 5000.0, 10000.0, 15000.0, 20000.0}) {
        if (top_ms / step <= 6) {
            return step;
        }
    }
    return 30000.0;
}

std::string tick_text(double ms) {
    char text[16];
    std::snprintf(text, sizeof text, std::fmod(ms, 1000.0) == 0 ? "%.0f s" : "%.1f s", ms / 1000);
    return text;
}

// A dashed vertical line at `x` with its label on row `row` (0 or 1), the label
// drawn on whichever side of the line keeps it inside the chart.
std::string marker(double x, const std::string& colour, const std::string& label, int row,
                   const std::string& id) {
    const bool right_half = x > k_left + k_plot_width / 2;
    const double y = 14 + 14 * row;
    return "<line id=\"" + id + "\" class=\"marker\" x1=\"" + one_decimal(x) + "\" y1=\"" +
           one_decimal(y - 10) + "\" x2=\"" + one_decimal(x) + "\" y2=\"" + one_decimal(k_bottom) +
           "\" stroke=\"" + colour + "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n" +
           (label.empty()
                ? std::string()
                : "<text id=\"" + id + "-label\" x=\"" + one_decimal(right_half ? x - 5 : x + 5) +
                      "\" y=\"" + one_decimal(y) + "\" fill=\"" + colour +
                      "\" font-size=\"12\" text-anchor=\"" + (right_half ? "end" : "start") +
                      "\">" + html_escape(label) + "</text>\n");
}

std::string bar(int bin, double bar_width, double from, double height, const char* colour,
                const std::string& kind, int count) {
    return "<rect class=\"bar " + kind + "\" data-bin=\"" + std::to_string(bin) +
           "\" data-count=\"" + std::to_string(count) + "\" x=\"" +
           one_decimal(k_left + bin * bar_width + 1) + "\" y=\"" + one_decimal(from - height) +
           "\" width=\"" + one_decimal(bar_width - 2) + "\" height=\"" + one_decimal(height) +
           "\" fill=\"" + colour + "\"/>\n";
}

}  // namespace

std::string latency_chart_svg(const ProbeEntry& entry, std::size_t index) {
    const int current_ms = entry.current_timeout.value_or(60) * 1000;
    const int recommended_ms = entry.recommendation.timeout_seconds * 1000;
    const double highest = std::max<double>({static_cast<double>(entry.stats.max.count()),
                                             static_cast<double>(current_ms),
                                             static_cast<double>(recommended_ms), 1000.0});
    const double step = tick_step_ms(highest * 1.05);
    const double top_ms = std::ceil(highest * 1.05 / step) * step;
    std::vector<int> answered(k_bins, 0);
    std::vector<int> timed_out(k_bins, 0);
    for (const auto& sample : entry.samples) {
        const int bin = std::clamp(
            static_cast<int>(static_cast<double>(sample.latency.count()) / top_ms * k_bins), 0,
            k_bins - 1);
        (sample.timed_out ? timed_out : answered)[static_cast<std::size_t>(bin)] += 1;
    }
    int tallest = 1;
    for (std::size_t i = 0; i < answered.size(); ++i) {
        tallest = std::max(tallest, answered[i] + timed_out[i]);
    }
    const std::string n = std::to_string(index);
    std::string svg = "<svg id=\"chart-" + n + "\" class=\"chart\" width=\"" +
                      one_decimal(k_width) + "\" height=\"" + one_decimal(k_height) +
                      "\" viewBox=\"0 0 " + one_decimal(k_width) + " " + one_decimal(k_height) +
                      "\" role=\"img\" aria-label=\"latency distribution of " +
                      html_escape(entry.address) + "\">\n";
    const double bar_width = k_plot_width / k_bins;
    for (int i = 0; i < k_bins; ++i) {
        const auto at = static_cast<std::size_t>(i);
        const double low = k_plot_height * answered[at] / tallest;
        const double high = k_plot_height * timed_out[at] / tallest;
        if (answered[at] > 0) {
            svg += bar(i, bar_width, k_bottom, low, k_answered_colour, "answered", answered[at]);
        }
        if (timed_out[at] > 0) {
            svg += bar(i, bar_width, k_bottom - low, high, k_timed_out_colour, "timed-out",
                       timed_out[at]);
        }
        if (answered[at] + timed_out[at] > 0) {
            svg += "<text class=\"count\" x=\"" + one_decimal(k_left + (i + 0.5) * bar_width) +
                   "\" y=\"" + one_decimal(k_bottom - low - high - 3) +
                   "\" font-size=\"10\" text-anchor=\"middle\">" +
                   std::to_string(answered[at] + timed_out[at]) + "</text>\n";
        }
    }
    svg += "<line x1=\"" + one_decimal(k_left) + "\" y1=\"" + one_decimal(k_bottom) + "\" x2=\"" +
           one_decimal(k_left + k_plot_width) + "\" y2=\"" + one_decimal(k_bottom) +
           "\" stroke=\"#333\"/>\n";
    const int ticks = static_cast<int>(std::floor((top_ms + 0.5) / step));
    for (int tick = 0; tick <= ticks; ++tick) {
        const double ms = step * tick;
        const double x = k_left + k_plot_width * ms / top_ms;
        svg += "<text class=\"tick\" x=\"" + one_decimal(x) + "\" y=\"" +
               one_decimal(k_bottom + 16) + "\" font-size=\"11\" text-anchor=\"middle\">" +
               tick_text(ms) + "</text>\n";
    }
    svg += "<text x=\"" + one_decimal(k_left + k_plot_width / 2) + "\" y=\"" +
           one_decimal(k_bottom + 36) + "\" font-size=\"12\" text-anchor=\"middle\">latency of " +
           std::to_string(entry.samples.size()) +
           " test calls: blue answered, orange cut off by the timeout</text>\n";
    auto x_of = [&](int ms) { return k_left + k_plot_width * ms / top_ms; };
    const std::string at_least = entry.recommendation.at_least ? "at least " : "";
    const bool same = current_ms == recommended_ms;
    svg += marker(x_of(current_ms), "#777",
                  same ? "" : "current " + std::to_string(current_ms / 1000) + " s", 0,
                  "current-" + n);
    svg += marker(x_of(recommended_ms), "#1a8a3a",
                  std::string(same ? "current = " : "") + "recommended " + at_least +
                      std::to_string(recommended_ms / 1000) + " s",
                  same ? 0 : 1, "recommended-" + n);
    return svg + "</svg>\n";
}

std::string render_probe_html(const ProbeReport& report, const std::string& generated_at) {
    std::string html = html_report_start(
        "dactl probe report" + (report.environment.empty() ? "" : " for " + report.environment),
        ".warning{color:#a15c00}\n.skipped{color:#777}\n");
    std::size_t index = 0;
    for (const auto& entry : report.entries) {
        html += "<section class=\"action\" id=\"" + html_escape(entry.address) + "\">\n<h2>" +
                html_escape(entry.address) + " <small>" + html_escape(entry.name) + " (" +
                html_escape(entry.id) + ")</small></h2>\n";
        if (entry.skipped()) {
            html += "<p class=\"skipped\">Skipped: " + html_escape(skip_text(entry)) +
                    "</p>\n</section>\n";
            continue;
        }
        html += latency_chart_svg(entry, index++);
        const auto& s = entry.stats;
        html +=
            "<table>\n<tr><th>samples</th><th>failures</th><th>p50</th><th>p90</th><th>p99</th>"
            "<th>max</th><th>current timeout</th><th>recommended</th></tr>\n<tr><td>" +
            std::to_string(s.samples) + "</td><td>" + std::to_string(s.failures) + "</td><td>" +
            seconds_text(s.p50, 2) + "</td><td>" + seconds_text(s.p90, 2) + "</td><td>" +
            (s.p99_censored ? "&ge; " : "") + seconds_text(s.p99, 2) + "</td><td>" +
            seconds_text(s.max, 2) + "</td><td>" +
            (entry.current_timeout ? std::to_string(*entry.current_timeout) + " s"
                                   : std::string("unset (60 s)")) +
            "</td><td class=\"recommended\">" + (entry.recommendation.at_least ? "&ge; " : "") +
            std::to_string(entry.recommendation.timeout_seconds) + " s</td></tr>\n</table>\n";
        for (const auto& note : recommendation_notes(entry.recommendation)) {
            html += "<p class=\"note\">" + html_escape(note) + "</p>\n";
        }
        for (const auto& warning : recommendation_warnings(entry.recommendation)) {
            html += "<p class=\"warning\">" + html_escape(warning) + "</p>\n";
        }
        html += "</section>\n";
    }
    html += "<footer>Generated by dactl at " + html_escape(generated_at) +
            ". Recommended timeout = " +
            recommendation_rule(report.headroom, report.min_timeout, "&times;") +
            ". Percentiles by the nearest-rank method.</footer>\n</body>\n</html>\n";
    return html;
}

}  // namespace dactl
