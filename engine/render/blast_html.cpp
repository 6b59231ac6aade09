#include <algorithm>

#include "engine/render/impact_render.h"
#include "engine/text/html.h"
#include "engine/util/decimal.h"

namespace dactl {

namespace {

constexpr double k_width = 760;
constexpr double k_label_width = 240;
constexpr double k_plot_width = 480;
constexpr double k_bar_height = 14;
constexpr double k_host_height = 40;
constexpr double k_top = 44;

std::string bar(const std::string& kind, const HostLoad& host, std::int64_t slots, double x,
                double y, double width, const std::string& colour) {
    return "<rect class=\"" + kind + "\" data-host=\"" + html_escape(host.host) +
           "\" data-slots=\"" + std::to_string(slots) + "\" x=\"" + one_decimal(x) + "\" y=\"" +
           one_decimal(y) + "\" width=\"" + one_decimal(std::max(width, 1.0)) + "\" height=\"" +
           one_decimal(k_bar_height) + "\" fill=\"" + colour + "\"><title>" +
           std::to_string(slots) + " slots</title></rect>\n<text class=\"slots-label\" x=\"" +
           one_decimal(x + std::max(width, 1.0) + 4) + "\" y=\"" +
           one_decimal(y + k_bar_height - 3) + "\" font-size=\"11\">" + std::to_string(slots) +
           "</text>\n";
}

}  // namespace

std::string blast_radius_svg(const BlastRadius& radius) {
    std::int64_t highest = radius.limit.value;
    for (const HostLoad& host : radius.hosts) {
        highest = std::max({highest, host.worst_before, host.worst_after});
    }
    const double top = static_cast<double>(highest) * 1.1;
    auto x_of = [&](std::int64_t slots) {
        return k_label_width + k_plot_width * static_cast<double>(slots) / top;
    };
    const double bottom = k_top + k_host_height * static_cast<double>(radius.hosts.size());
    std::string svg = "<svg class=\"blast\" id=\"blast\" width=\"" + one_decimal(k_width) +
                      "\" height=\"" + one_decimal(bottom + 10) +
                      "\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\n"
                      "<text x=\"0\" y=\"12\" font-size=\"12\">worst-case concurrent executions "
                      "if the host hangs: now (blue), with the recommendations (green, red past "
                      "the limit)</text>\n";
    double y = k_top;
    for (const HostLoad& host : radius.hosts) {
        const bool over = host.worst_after > radius.limit.value;
        svg += "<text x=\"0\" y=\"" + one_decimal(y + 18) + "\" font-size=\"12\">" +
               html_escape(host.host) + "</text>\n";
        svg += bar("host-now", host, host.worst_before, k_label_width, y,
                   x_of(host.worst_before) - k_label_width, "#4a78c2");
        svg += bar(over ? "host-after over" : "host-after", host, host.worst_after, k_label_width,
                   y + k_bar_height + 2, x_of(host.worst_after) - k_label_width,
                   over ? "#b3261e" : "#1a8a3a");
        y += k_host_height;
    }
    const std::string x = one_decimal(x_of(radius.limit.value));
    svg += "<line id=\"limit\" class=\"limit\" data-limit=\"" + std::to_string(radius.limit.value) +
           "\" x1=\"" + x + "\" y1=\"" + one_decimal(k_top - 10) + "\" x2=\"" + x + "\" y2=\"" +
           one_decimal(bottom) +
           "\" stroke=\"#333\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n";
    svg += "<text x=\"" + x + "\" y=\"" + one_decimal(k_top - 12) +
           "\" font-size=\"12\" text-anchor=\"middle\">limit " +
           std::to_string(radius.limit.value) + "</text>\n";
    return svg + "</svg>\n";
}

std::string blast_section_html(const BlastRadius& radius) {
    std::string html = "<section class=\"blast-radius\">\n<h2>Blast radius</h2>\n";
    if (radius.hosts.empty()) {
        return html + "<p>No action ran in the window.</p>\n</section>\n";
    }
    html += blast_radius_svg(radius);
    for (const NoteLine& note : blast_notes(radius, true)) {
        html += std::string("<p class=\"note") + (note.warning ? " warning" : "") + "\">" +
                html_escape(note.plain()) + "</p>\n";
    }
    return html + "</section>\n";
}

}  // namespace dactl
