#include <algorithm>
#include <cmath>

#include "engine/json/json_writer.h"
#include "engine/render/impact_render.h"
#include "engine/render/markdown_text.h"
#include "engine/util/decimal.h"
#include "engine/util/time_text.h"

namespace dactl {

namespace {

// "60", or "0.4" below ten.
std::string rate_text(double per_minute) {
    if (per_minute >= 10 || per_minute == std::floor(per_minute)) {
        return std::to_string(static_cast<std::int64_t>(std::llround(per_minute)));
    }
    return one_decimal(per_minute);
}

std::string source_name(LimitSource source) {
    switch (source) {
        case LimitSource::org:
            return "org";
        case LimitSource::absent:
            return "configured: the org's limits do not give it";
        case LimitSource::forbidden:
            return "configured: the org's limits may not be read";
        case LimitSource::failed:
            return "configured: the org's limits could not be read";
        case LimitSource::configured:
            break;
    }
    return "configured";
}

// A share of slots, rounded up to a tenth (a host's sum is rounded up whole).
double shown_slots(double slots) {
    return std::max(0.0, std::ceil(slots * 10 - 1e-9) / 10);  // never "-0.0"
}

std::string slots_number(double slots) {
    const double shown = shown_slots(slots);
    return shown == std::floor(shown) ? std::to_string(static_cast<std::int64_t>(shown))
                                      : one_decimal(shown);
}

std::string slots_word(double slots) {
    return slots_number(slots) + (shown_slots(slots) == 1 ? " slot" : " slots");
}

std::string actions_word(std::size_t count) {
    return count == 1 ? "its 1 action" : "its " + std::to_string(count) + " actions";
}

}  // namespace

std::string host_line(const HostLoad& host, std::int64_t limit) {
    std::string line = "if " + host.host + " hangs, " + actions_word(host.actions.size()) +
                       " would hold " + std::to_string(host.worst_before);
    if (host.changed()) {
        line += " -> " + std::to_string(host.worst_after);
    }
    line += " of the org's " + std::to_string(limit) + " concurrent executions";
    if (host.worst_after > limit) {
        line += ": over the limit";
    }
    return line;
}

std::vector<std::string> blast_lines(const BlastRadius& radius, const std::string& id) {
    const HostLoad* host = radius.host_of(id);
    if (host == nullptr || (host->worst_before == 0 && host->worst_after == 0)) {
        return {};  // nothing ran on that host in the window
    }
    std::vector<std::string> lines{host_line(*host, radius.limit.value)};
    for (const HostShare& share : host->actions) {
        if (share.id != id) {
            continue;
        }
        if (share.peak.executions == 0) {
            lines.emplace_back("this action: no runs in the 7 days read; it adds nothing yet");
            break;
        }
        std::string line = "this action: " + rate_text(share.peak.per_minute()) +
                           " runs a minute at its peak x " + std::to_string(share.timeout_after) +
                           " s = " + slots_word(share.slots_after);
        if (share.changed()) {
            line += " (" + slots_number(share.slots_before) + " at " +
                    std::to_string(share.timeout_before) + " s)";
        }
        line += "; in use at that peak today: " + one_decimal(share.peak.in_use());
        lines.push_back(line);
    }
    return lines;
}

std::string limit_source_text(const ConcurrencyLimit& limit) {
    const std::string value = "Limit: " + std::to_string(limit.value) + " concurrent executions, ";
    const std::string configured = "[insights] concurrency_limit in dactl.toml (default 50)";
    switch (limit.source) {
        case LimitSource::org:
            return value + "read from the org.";
        case LimitSource::absent:
            return value + configured +
                   ": the org's limits do not give actions.concurrent.executions.max.";
        case LimitSource::forbidden:
            return value + configured +
                   ": the OAuth client may not read the org's limits (HTTP 403).";
        case LimitSource::failed:
            return value + configured + ": the org's limits could not be read (" + limit.failure +
                   ").";
        case LimitSource::configured:
            break;
    }
    return value + configured + ".";
}

std::vector<NoteLine> blast_notes(const BlastRadius& radius, bool recommended) {
    std::vector<NoteLine> notes;
    if (!radius.holds_slots()) {
        return notes;
    }
    const std::string bucket = granularity_of(radius.bucket_ms).words;
    // Coarser buckets average a shorter burst away: said, not hidden.
    const std::string coarser =
        radius.bucket_ms == k_peak_bucket_ms
            ? ""
            : std::string(" The analytics refused 15-minute buckets: these are ") +
                  (radius.bucket_ms == 3'600'000 ? "hourly" : "daily") +
                  " averages, and a shorter burst holds more than this says.";
    notes.push_back(
        {"Worst case if a back-end hangs = each of its actions' runs a second in its "
         "busiest " +
             bucket + " (" + utc_timestamp(radius.window.start_ms) + " to " +
             utc_timestamp(radius.window.end_ms) +
             ") x its timeout, summed per host (docs/impact.md). " +
             limit_source_text(radius.limit) + coarser,
         false});
    for (const HostLoad* host : radius.over_after()) {
        const bool made_worse = host->worst_after > host->worst_before;
        std::string text = "over the limit: if " + host->host + " hangs, " +
                           actions_word(host->actions.size()) + " would hold " +
                           std::to_string(host->worst_after) + " of the org's " +
                           std::to_string(radius.limit.value) +
                           " concurrent executions, and every data action of the org, in every "
                           "flow, is refused until it answers. ";
        if (made_worse) {
            text += recommended ? "The recommended timeouts take it there (" +
                                      std::to_string(host->worst_before) + " now): "
                                : "This plan takes it there (" +
                                      std::to_string(host->worst_before) + " now): ";
        }
        text +=
            "keep the timeout short and retry in the flow, make the call asynchronous, or "
            "ask Genesys for a higher limit.";
        notes.push_back({text, true});
    }
    return notes;
}

namespace {

std::string section_heading(const BlastRadius& radius) {
    return "Blast radius: what each back-end's actions would hold of the org's " +
           std::to_string(radius.limit.value) + " concurrent executions if it hung";
}

TableRows host_rows(const BlastRadius& radius) {
    TableRows rows{{"HOST", "ACTIONS", "IN USE AT PEAK", "WORST CASE", "RECOMMENDED"}};
    for (const HostLoad& host : radius.hosts) {
        rows.push_back({host.host, std::to_string(host.actions.size()), one_decimal(host.in_use),
                        std::to_string(host.worst_before),
                        std::to_string(host.worst_after) +
                            (host.worst_after > radius.limit.value ? " (over the limit)" : "")});
    }
    return rows;
}

// "action.a: 60 runs a minute at its peak (2026-12-05T10:00:00Z) x 5 s = 5
// slots; recommended 45 s: 45".
std::string share_line(const HostShare& share) {
    std::string line = (share.address ? *share.address : share.name) + ": ";
    if (share.peak.executions == 0) {
        return line + "no runs in the window";
    }
    line += rate_text(share.peak.per_minute()) + " runs a minute at its peak (" +
            utc_timestamp(share.peak.start_ms) + ") x " + std::to_string(share.timeout_before) +
            " s = " + slots_word(share.slots_before);
    if (share.changed()) {
        line += "; at the recommended " + std::to_string(share.timeout_after) +
                " s: " + slots_word(share.slots_after);
    }
    return line;
}

}  // namespace

std::string blast_section_text(const BlastRadius& radius, const Palette& palette) {
    if (radius.hosts.empty()) {
        return section_heading(radius) + ": no action ran in the window.\n";
    }
    std::string text = palette.bold(section_heading(radius)) + "\n";
    const std::string table = text_table(host_rows(radius), palette);
    // Each host's row, then its actions indented under it.
    std::size_t at = table.find('\n') + 1;
    text += table.substr(0, at);
    for (const HostLoad& host : radius.hosts) {
        const std::size_t end = table.find('\n', at) + 1;
        text += table.substr(at, end - at);
        at = end;
        for (const HostShare& share : host.actions) {
            text += "    " + share_line(share) + "\n";
        }
    }
    return text;
}

std::string blast_section_markdown(const BlastRadius& radius) {
    std::string text = "### " + section_heading(radius) + "\n\n";
    if (radius.hosts.empty()) {
        return text + "No action ran in the window.\n";
    }
    TableRows rows = host_rows(radius);
    rows[0] = {"Host", "Actions", "In use at peak", "Worst case", "Recommended"};
    text += markdown_table(rows) + "\n";
    TableRows actions{{"Host", "Action", "Runs a minute at peak", "Timeout", "Slots", "Recommended",
                       "Slots then"}};
    for (const HostLoad& host : radius.hosts) {
        for (const HostShare& share : host.actions) {
            actions.push_back({host.host, share.address ? *share.address : share.name,
                               rate_text(share.peak.per_minute()),
                               std::to_string(share.timeout_before) + " s",
                               slots_number(share.slots_before),
                               share.changed() ? std::to_string(share.timeout_after) + " s" : "",
                               share.changed() ? slots_number(share.slots_after) : ""});
        }
    }
    return text + markdown_table(actions);
}

void write_blast_radius(JsonWriter& json, const BlastRadius& radius) {
    json.key("blast_radius");
    json.begin_object();
    json.key("limit");
    json.integer(radius.limit.value);
    json.member("limit_source", source_name(radius.limit.source));
    json.key("window");
    json.begin_object();
    json.member("start", utc_timestamp(radius.window.start_ms));
    json.member("end", utc_timestamp(radius.window.end_ms));
    json.end_object();
    json.key("hosts");
    json.begin_array();
    for (const HostLoad& host : radius.hosts) {
        json.begin_object();
        json.member("host", host.host);
        json.key("worst_before");
        json.integer(host.worst_before);
        json.key("worst_after");
        json.integer(host.worst_after);
        json.key("in_use_at_peak");
        json.number(std::round(host.in_use * 10) / 10);
        json.key("over_limit");
        json.boolean(host.worst_after > radius.limit.value);
        json.key("actions");
        json.begin_array();
        for (const HostShare& share : host.actions) {
            json.begin_object();
            json.member("id", share.id);
            json.member("name", share.name);
            if (share.address) {
                json.member("address", *share.address);
            }
            json.key("peak_executions_per_15_minutes");
            json.integer(share.peak.executions);
            if (share.peak.executions > 0) {
                json.member("peak_at", utc_timestamp(share.peak.start_ms));
            }
            json.key("timeout_before");
            json.integer(share.timeout_before);
            json.key("timeout_after");
            json.integer(share.timeout_after);
            json.key("slots_before");
            json.number(shown_slots(share.slots_before));
            json.key("slots_after");
            json.number(shown_slots(share.slots_after));
            json.end_object();
        }
        json.end_array();
        json.end_object();
    }
    json.end_array();
    json.end_object();
}

}  // namespace dactl
