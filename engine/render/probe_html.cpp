#include "engine/render/probe_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "engine/text/html.h"

namespace dactl {

namespace {

std::string seconds(Milliseconds value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.2f s", static_cast<double>(value.count()) / 1000.0);
    return text;
}

std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", value);
    return text;
}

constexpr double k_width = 640;
constexpr double k_height = 220;
constexpr double k_left = 48;
constexpr double k_bottom = 190;
constexpr double k_plot_width = 572;
constexpr double k_plot_height = 170;
constexpr int k_bins = 20;

std::string marker(double x, const std::string& color, const std::string& label,
                   const std::string& id) {
    return "<line id=\"" + id + "\" x1=\"" + number(x) + "\" y1=\"12\" x2=\"" + number(x) +
           "\" y2=\"" + number(k_bottom) + "\" stroke=\"" + color +
           "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n<text x=\"" + number(x + 4) +
           "\" y=\"24\" fill=\"" + color + "\" font-size=\"12\">" + html_escape(label) + "</text>\n";
}

}  // namespace

std::string latency_chart_svg(const ProbeEntry& entry, std::size_t index) {
    const int current_ms = entry.current_timeout.value_or(60) * 1000;
    const int recommended_ms = entry.recommendation.timeout_seconds * 1000;
    const double top_ms = std::max<double>(
        {static_cast<double>(entry.stats.max.count()), static_cast<double>(current_ms),
         static_cast<double>(recommended_ms), 1000.0}) * 1.05;
    std::vector<int> counts(k_bins, 0);
    for (const auto& sample : entry.samples) {
        int bin = static_cast<int>(static_cast<double>(sample.latency.count()) / top_ms * k_bins);
        counts[static_cast<std::size_t>(std::clamp(bin, 0, k_bins - 1))] += 1;
    }
    const int tallest = std::max(1, *std::max_element(counts.begin(), counts.end()));
    const std::string n = std::to_string(index);
    std::string svg = "<svg id=\"chart-" + n + "\" class=\"chart\" width=\"" +
                      number(k_width) + "\" height=\"" + number(k_height) + "\" viewBox=\"0 0 " +
                      number(k_width) + " " + number(k_height) + "\" role=\"img\" aria-label=\"latency distribution of " +
                      html_escape(entry.address) + "\">\n";
    const double bar = k_plot_width / k_bins;
    for (int i = 0; i < k_bins; ++i) {
        const double h = k_plot_height * counts[static_cast<std::size_t>(i)] / tallest;
        svg += "<rect class=\"bar\" data-count=\"" + std::to_string(counts[static_cast<std::size_t>(i)]) +
               "\" x=\"" + number(k_left + i * bar + 1) + "\" y=\"" + number(k_bottom - h) +
               "\" width=\"" + number(bar - 2) + "\" height=\"" + number(h) + "\" fill=\"#4a78c2\"/>\n";
    }
    svg += "<line x1=\"" + number(k_left) + "\" y1=\"" + number(k_bottom) + "\" x2=\"" +
           number(k_left + k_plot_width) + "\" y2=\"" + number(k_bottom) + "\" stroke=\"#333\"/>\n";
    for (int tick = 0; tick <= 4; ++tick) {
        const double ms = top_ms * tick / 4;
        const double x = k_left + k_plot_width * tick / 4;
        svg += "<text x=\"" + number(x) + "\" y=\"" + number(k_bottom + 16) +
               "\" font-size=\"11\" text-anchor=\"middle\">" + number(ms / 1000) + " s</text>\n";
    }
    auto x_of = [&](int ms) { return k_left + k_plot_width * ms / top_ms; };
    svg += marker(x_of(current_ms), "#777", "current " + std::to_string(current_ms / 1000) + " s",
                  "current-" + n);
    svg += marker(x_of(recommended_ms), "#1a8a3a",
                  std::string(entry.recommendation.at_least ? "at least " : "") + "recommended " +
                      std::to_string(recommended_ms / 1000) + " s",
                  "recommended-" + n);
    return svg + "</svg>\n";
}

std::string render_probe_html(const ProbeReport& report, const std::string& generated_at) {
    std::string html =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>dactl probe report</title>\n<style>\n"
        "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\n"
        "table{border-collapse:collapse;margin:0.5em 0 1em}\n"
        "td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}\n"
        "th{background:#f3f3f3}\n.warning{color:#a15c00}\n.skipped{color:#777}\n"
        "section{margin-bottom:2.5em}\n</style>\n</head>\n<body>\n"
        "<h1>dactl probe report</h1>\n";
    std::size_t index = 0;
    for (const auto& entry : report.entries) {
        html += "<section class=\"action\" id=\"" + html_escape(entry.address) + "\">\n<h2>" +
                html_escape(entry.address) + " <small>" + html_escape(entry.name) + " (" +
                html_escape(entry.id) + ")</small></h2>\n";
        if (!entry.skipped.empty()) {
            html += "<p class=\"skipped\">Skipped: " + html_escape(entry.skipped) + "</p>\n</section>\n";
            continue;
        }
        html += latency_chart_svg(entry, index++);
        const auto& s = entry.stats;
        html += "<table>\n<tr><th>samples</th><th>failures</th><th>p50</th><th>p90</th><th>p99</th>"
                "<th>max</th><th>current timeout</th><th>recommended</th></tr>\n<tr><td>" +
                std::to_string(s.samples) + "</td><td>" + std::to_string(s.failures) + "</td><td>" +
                seconds(s.p50) + "</td><td>" + seconds(s.p90) + "</td><td>" +
                (s.p99_censored ? "&ge; " : "") + seconds(s.p99) + "</td><td>" + seconds(s.max) +
                "</td><td>" +
                (entry.current_timeout ? std::to_string(*entry.current_timeout) + " s"
                                       : std::string("unset (60 s)")) +
                "</td><td class=\"recommended\">" +
                (entry.recommendation.at_least ? "&ge; " : "") +
                std::to_string(entry.recommendation.timeout_seconds) + " s</td></tr>\n</table>\n";
        for (const auto& warning : entry.recommendation.warnings) {
            html += "<p class=\"warning\">" + html_escape(warning) + "</p>\n";
        }
        html += "</section>\n";
    }
    char headroom[16];
    std::snprintf(headroom, sizeof headroom, "%.2g", report.headroom);
    html += "<footer>Generated by dactl at " + html_escape(generated_at) +
            ". Recommended timeout = p99 &times; " + headroom +
            ", rounded up to whole seconds, within 1-60 s. Percentiles by the nearest-rank "
            "method.</footer>\n</body>\n</html>\n";
    return html;
}

}  // namespace dactl
