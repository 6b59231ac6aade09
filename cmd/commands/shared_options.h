#pragma once
// The options several commands offer, each spelt once: a command's table
// adds the ones it takes, bound to the members CommonOptions holds for them.

#include <string>
#include <utility>
#include <vector>

#include "cmd/option_table.h"
#include "cmd/option_values.h"
#include "engine/impact/flow_impact.h"

namespace dactl::cli {

template <class Options>
void offer_format(OptionTable<Options>& table,
                  std::vector<std::pair<std::string, OutputFormat>> formats = console_formats(),
                  std::string help = "text (default), json (docs/json-output.md) or markdown") {
    table.template choice<OutputFormat>({"format", "", "FORMAT", std::move(help)}, &Options::format,
                                        std::move(formats));
}

template <class Options>
void offer_parallelism(OptionTable<Options>& table) {
    table.whole({"parallelism", "", "N", "API requests in flight at once, 1-50 (default 10)"},
                &Options::parallelism, 1, 50);
}

template <class Options>
void offer_targets(OptionTable<Options>& table) {
    table.list({"target", "", "ADDRESS",
                "only this action (repeatable; action.label or label, globs like action.order_*)"},
               &Options::targets);
}

template <class Options>
void offer_github_summary(OptionTable<Options>& table) {
    table.flag({"github-summary", "", "", "also append the Markdown view to $GITHUB_STEP_SUMMARY"},
               &Options::github_summary);
}

template <class Options>
void offer_lock_timeout(OptionTable<Options>& table, std::string help) {
    table.parsed({"lock-timeout", "", "DURATION", std::move(help)}, &Options::lock_timeout,
                 [](const std::string& text) { return parse_duration(text, "--lock-timeout"); });
}

template <class Options>
void offer_html(OptionTable<Options>& table) {
    table.text({"html", "", "FILE", "also write a self-contained HTML report with charts"},
               &Options::html);
}

/// --headroom and --min-timeout, as probe and insights recommend timeouts.
template <class Options>
void offer_recommendation(OptionTable<Options>& table) {
    table.number({"headroom", "", "X", "the factor over the p99 (default 1.5)"}, &Options::headroom,
                 1, 10);
    table.whole({"min-timeout", "", "SECONDS",
                 "never recommend less than this, 1-60 (default 3, the old service default)"},
                &Options::min_timeout, 1, 60);
}

/// --impact and --no-impact, as plan and insights weigh flows and blast radius.
template <class Options>
void offer_impact(OptionTable<Options>& table, const std::string& whose) {
    table.template choice<ImpactChoice>(
        {"impact", "", "WHICH",
         "the published flows calling each " + whose +
             " (auto: up to 25, one request each; all; none) and the blast radius of timeouts"},
        &Options::impact,
        {{"auto", ImpactChoice::usual}, {"all", ImpactChoice::all}, {"none", ImpactChoice::none}});
    table.flag(
        {"no-impact", "", "", "no flows, no blast radius (no request for them): --impact none"},
        &Options::no_impact);
}

/// The members offer_impact binds.
struct ImpactOptions {
    ImpactChoice impact = ImpactChoice::usual;
    bool no_impact = false;

    ImpactChoice impact_choice() const { return no_impact ? ImpactChoice::none : impact; }
};

}  // namespace dactl::cli
