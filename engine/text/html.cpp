#include "engine/text/html.h"

#include "engine/util/escape.h"

namespace dactl {

std::string html_escape(std::string_view text) {
    return escape_html(text);
}

std::string html_report_start(const std::string& title, std::string_view style) {
    std::string html =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>";
    html += html_escape(title);
    html +=
        "</title>\n<style>\n"
        "body{font-family:system-ui,sans-serif;margin:2em;color:#222}\n"
        "table{border-collapse:collapse;margin:0.5em 0 1em}\n"
        "td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}\n"
        "th{background:#f3f3f3}\n";
    html += style;
    html += "section{margin-bottom:2.5em}\n</style>\n</head>\n<body>\n<h1>";
    html += html_escape(title);
    html += "</h1>\n";
    return html;
}

}  // namespace dactl
