#include "cmd/steps/insights_write.h"

#include <map>

#include "cmd/steps/manifest_step.h"
#include "engine/insights/insight_writes.h"

namespace dactl::cli {

namespace {

// The files one run writes, by path: each edit builds on the ones before.
class EditSet {
public:
    explicit EditSet(const Project& project) : m_project(project) {}

    void add(FileEdit edit) { m_edits[edit.shown] = std::move(edit); }

    // Appends `text` to a file of the project (made when it does not exist).
    Status append(const std::string& file, const std::string& text) {
        auto found = m_edits.find(file);
        if (found == m_edits.end()) {
            const std::filesystem::path path = m_project.directory / file;
            Result<std::optional<std::string>> now = current_text(path);
            if (!now) {
                return now.error();
            }
            found = m_edits.emplace(file, FileEdit{path, file, *now, now->value_or("")}).first;
        }
        std::string& after = found->second.after;
        if (!after.empty() && !after.ends_with("\n")) {
            after += "\n";
        }
        after += after.empty() && text.starts_with("\n") ? text.substr(1) : text;
        return {};
    }

    std::vector<FileEdit> edits() const {
        std::vector<FileEdit> all;
        for (const auto& [file, edit] : m_edits) {
            all.push_back(edit);
        }
        return all;
    }

private:
    const Project& m_project;
    std::map<std::string, FileEdit> m_edits;
};

std::vector<std::string> rule_lines(const std::vector<RuleProposal>& rules,
                                    const std::string& file) {
    std::vector<std::string> lines;
    lines.reserve(rules.size());
    for (const RuleProposal& rule : rules) {
        lines.push_back("Wrote rule." + rule.label + " into " + file + ": it governs the " +
                        std::to_string(rule.governs) + " actions calling " + rule.prefix +
                        " and raises " + std::to_string(rule.raises) + " of them to at least " +
                        std::to_string(rule.at_least) + " s");
    }
    return lines;
}

// Per-action entries for the governed actions that need more than their rule gives.
Status governed_entries(const Project& project, const std::vector<GovernedEntry>& entries,
                        EditSet& edits, std::vector<std::string>& lines) {
    for (const GovernedEntry& entry : entries) {
        Adoption adoption{entry.live,
                          entry.seconds,
                          {"governed by " + entry.rule + "; it needs more than the rule gives it"},
                          entry.label};
        const AdoptionText text = adoption_text({adoption}, {}, project.environment);
        if (Status added = edits.append(entry.file, text.text); !added) {
            return added;
        }
        lines.push_back("Wrote action." + entry.label + " into " + entry.file +
                        " with timeout_seconds = " + std::to_string(entry.seconds) + " (within " +
                        entry.rule + ")");
    }
    return {};
}

// The adopted actions and the rules for their hosts, appended to the adoption file.
Status adopted(const ResolvedOrg& read, const InsightsReport& report, const std::string& file,
               const std::vector<RuleProposal>& rules, EditSet& edits,
               std::vector<std::string>& lines) {
    const std::vector<Adoption> adopting = adoptions(report, read.resolution.org.live, rules);
    if (adopting.empty() && rules.empty()) {
        lines.push_back("No unmanaged action is timing out or at risk; " + file +
                        " was not changed");
        return {};
    }
    const AdoptionWrite write = adoption_write(read.project, adopting, rules, "");
    if (Status added = edits.append(file, write.text); !added) {
        return added;
    }
    for (const std::string& label : write.labels) {
        lines.push_back("Adopted action." + label + " into ");
        lines.back() += file;
    }
    const std::vector<std::string> written = rule_lines(rules, file);
    lines.insert(lines.end(), written.begin(), written.end());
    return {};
}

void tell_rules(Session& session, const RuleWrites& rules) {
    for (const RuleProposal& rule : rules.noted) {
        session.tell(text_view("note: " + std::to_string(rule.insights.size()) +
                               " actions calling " + rule.prefix +
                               " time out; one rule could govern them instead of per-action "
                               "timeouts (not written; add it to a manifest):\n" +
                               rule.toml()));
    }
    for (const WithheldProposal& withheld : rules.withheld) {
        session.tell("note: no rule proposed for " + withheld.prefix + ": at least " +
                     std::to_string(withheld.at_least) + " s would raise " +
                     (withheld.ok->address ? *withheld.ok->address : withheld.ok->name) +
                     ", which is ok at " +
                     std::to_string(withheld.ok->current_timeout.value_or(60)) + " s");
    }
}

}  // namespace

bool write_insights(Session& session, const ResolvedOrg& read, const InsightsReport& report,
                    const std::optional<std::string>& adopt_into) {
    const TimeoutWrites writes = timeout_writes(read.project, read.resolution, report);
    for (const std::string& note : writes.notes) {
        session.tell(note);
    }
    EditSet edits(read.project);
    std::vector<std::string> lines;
    TimeoutEdits timeouts = timeout_edits(read.project, writes.recommendations);
    tell_lower_bounds(session, timeouts);
    Result<ManifestChange> change = timeout_file_edits(read.project, timeouts.edits);
    if (!change) {
        session.fail(change.error().message);
        return false;
    }
    for (FileEdit& edit : change->files) {
        edits.add(std::move(edit));
    }
    lines = change->lines;
    const RuleWrites rules =
        rule_writes(read.project, read.resolution, report, adopt_into.has_value());
    tell_rules(session, rules);
    Status planned = governed_entries(read.project, writes.entries, edits, lines);
    if (planned && adopt_into) {
        planned = adopted(read, report, *adopt_into, rules.written, edits, lines);
    }
    if (!planned) {
        session.fail(planned.error().message);
        return false;
    }
    return write_manifest_edits(session, read.project.directory, read.project.environment,
                                edits.edits(), lines)
        .has_value();
}

}  // namespace dactl::cli
