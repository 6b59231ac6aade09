#include "engine/manifest/rule_reader.h"

#include <array>
#include <span>

#include "engine/model/label.h"
#include "engine/text/quote.h"
#include "engine/text/suggest.h"

namespace dactl::manifest {

namespace {

using Keys = std::span<const std::string_view>;

constexpr std::array<std::string_view, 2> k_rule_keys = {"match", "timeout_seconds"};
constexpr std::array<std::string_view, 5> k_match_keys = {"name", "category", "url",
                                                          "integration_id", "request_type"};
constexpr std::array<std::string_view, 2> k_bound_keys = {"at_least", "at_most"};

std::string listed(Keys keys) {
    std::string text;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        text += i == 0 ? "" : (i + 1 == keys.size() ? " or " : ", ");
        text += keys[i];
    }
    return text;
}

std::string unknown(std::string_view key, const std::string& where, Keys keys) {
    std::string message = "unknown key " + dactl::quoted(key) + " in " + where + "; ";
    std::vector<std::string> close =
        closest_matches(key, std::vector<std::string>(keys.begin(), keys.end()), 1);
    return message +
           (close.empty() ? "expected " + listed(keys) : "did you mean " + close[0] + "?");
}

class RuleReader {
public:
    RuleReader(const toml::key& label, const toml::table& table, ManifestFile& file)
        : m_label(label), m_table(table), m_file(file) {}

    std::optional<Rule> read() {
        m_rule.label = std::string(m_label.str());
        m_rule.where =
            m_file.position(m_table.is_inline() ? m_label.source().begin : m_table.source().begin);
        std::string header = "[";
        header += address();
        header += ']';
        if (!is_valid_label(m_rule.label)) {
            fail(m_label.source().begin, "invalid rule label " + dactl::quoted(m_rule.label) +
                                             ": use only a-z, 0-9 and _, e.g. " +
                                             label_from_name(m_rule.label));
        }
        bool has_match = false;
        bool has_timeout = false;
        for (auto&& [key, value] : m_table) {
            if (key.str() == "match") {
                has_match = true;
                read_match(value);
            } else if (key.str() == "timeout_seconds") {
                has_timeout = true;
                read_timeout(key, value);
            } else {
                fail(key.source().begin, unknown(key.str(), header, k_rule_keys));
            }
        }
        if (!has_match) {
            fail(m_table.source().begin,
                 address() +
                     " has no match; add match = { url = \"https://<host>/*\" } (name, "
                     "category, url, integration_id or request_type)");
        }
        if (!has_timeout) {
            fail(m_table.source().begin,
                 address() +
                     " sets no field; add timeout_seconds = { at_least = <seconds> } or "
                     "an exact timeout_seconds = <seconds>");
        }
        return m_failed ? std::nullopt : std::optional<Rule>(std::move(m_rule));
    }

private:
    std::string address() const {
        std::string text = "rule.";
        text += key_text(m_label.str());
        return text;
    }

    void fail(const toml::source_position& at, std::string message) {
        m_file.error(at, std::move(message));
        m_failed = true;
    }

    void read_match(const toml::node& value) {
        const toml::table* match = value.as_table();
        if (match == nullptr) {
            fail(value.source().begin, "match must be a table, found " + describe_type(value) +
                                           "; write match = { url = \"https://<host>/*\" }");
            return;
        }
        if (match->empty()) {
            fail(value.source().begin,
                 "match of " + address() +
                     " is empty, which would match every action; name at least one of " +
                     listed(k_match_keys));
            return;
        }
        for (auto&& [key, term] : *match) {
            std::optional<MatchKey> which = match_key_from_text(key.str());
            if (!which) {
                fail(key.source().begin,
                     unknown(key.str(), "the match of " + address(), k_match_keys));
                continue;
            }
            const auto* text = term.as_string();
            const std::string name = "match." + std::string(key.str());
            if (text == nullptr) {
                fail(term.source().begin,
                     name + " must be a string (exact, or a glob with * ? [...]), found " +
                         describe_type(term));
            } else if (text->get().empty()) {
                fail(term.source().begin, name + " must not be empty");
            } else if (!valid_glob(text->get())) {
                fail(term.source().begin, name + " " + dactl::quoted(text->get()) +
                                              " is not a valid glob: a [ is never closed");
            } else {
                m_rule.match.push_back(
                    MatchTerm{*which, text->get(), m_file.position(key.source().begin)});
            }
        }
    }

    std::optional<std::int64_t> seconds(const std::string& name, const toml::node& value) {
        const auto* integer = value.as_integer();
        if (integer != nullptr && integer->get() >= 1 && integer->get() <= 60) {
            return integer->get();
        }
        const std::string found = value.is_number() ? describe_value(value) : describe_type(value);
        fail(value.source().begin,
             name + " must be a whole number of seconds from 1 to 60, found " + found);
        return std::nullopt;
    }

    void read_timeout(const toml::key& key, const toml::node& value) {
        TimeoutPolicy& policy = m_rule.timeout;
        policy.where = m_file.position(key.source().begin);
        const toml::table* bounds = value.as_table();
        if (bounds == nullptr) {
            if (!value.is_integer() && !value.is_number()) {
                fail(value.source().begin,
                     "timeout_seconds of a rule must be a whole number of seconds or a table "
                     "{ at_least = <seconds>, at_most = <seconds> }, found " +
                         describe_type(value));
                return;
            }
            policy.exact = seconds("timeout_seconds", value);
            return;
        }
        for (auto&& [bound, limit] : *bounds) {
            if (bound.str() == "at_least") {
                policy.at_least = seconds("timeout_seconds.at_least", limit);
            } else if (bound.str() == "at_most") {
                policy.at_most = seconds("timeout_seconds.at_most", limit);
            } else {
                fail(bound.source().begin,
                     unknown(bound.str(), "the timeout_seconds of " + address(), k_bound_keys));
            }
        }
        if (bounds->empty()) {
            fail(value.source().begin,
                 "timeout_seconds of " + address() + " is empty; give at_least, at_most or both");
        }
        if (policy.at_least && policy.at_most && *policy.at_least > *policy.at_most) {
            fail(value.source().begin, "timeout_seconds of " + address() + " asks for at least " +
                                           std::to_string(*policy.at_least) + " and at most " +
                                           std::to_string(*policy.at_most) +
                                           ", which no timeout can be");
        }
    }

    const toml::key& m_label;
    const toml::table& m_table;
    ManifestFile& m_file;
    Rule m_rule;
    bool m_failed = false;
};

}  // namespace

std::vector<Rule> read_rules(const toml::node& node, ManifestFile& file) {
    std::vector<Rule> rules;
    const toml::table* table = node.as_table();
    if (table == nullptr) {
        file.error(node.source().begin,
                   "rule must be a table of [rule.<label>] tables, found " + describe_type(node));
        return rules;
    }
    for (auto&& [label, value] : *table) {
        const toml::table* rule = value.as_table();
        if (rule == nullptr) {
            file.error(value.source().begin, "rule." + key_text(label.str()) +
                                                 " must be a table, found " + describe_type(value) +
                                                 "; declare each rule as [rule.<label>]");
            continue;
        }
        if (std::optional<Rule> read = RuleReader(label, *rule, file).read()) {
            rules.push_back(std::move(*read));
        }
    }
    return rules;
}

}  // namespace dactl::manifest
