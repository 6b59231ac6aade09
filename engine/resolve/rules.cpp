#include "engine/resolve/rules.h"

#include <algorithm>
#include <optional>
#include <set>

#include "engine/model/address.h"
#include "engine/model/label.h"
#include "engine/text/quote.h"

namespace dactl {

namespace {

constexpr std::int64_t k_service_default = 60;

std::string describe(const LiveAction& live) {
    return live.id + " " + quoted(live.name);
}

std::string place(const SourcePosition& where) {
    return where.path + ":" + std::to_string(where.line);
}

// The combined demand of every rule matching one action.
struct Demand {
    std::optional<std::int64_t> exact;
    const Rule* exact_rule = nullptr;
    std::optional<std::int64_t> at_least;
    const Rule* at_least_rule = nullptr;
    std::optional<std::int64_t> at_most;
    const Rule* at_most_rule = nullptr;
};

std::string asks(const Rule& rule) {
    return rule.address() + " (" + place(rule.where) + ") asks for " + rule.timeout.text();
}

// "rule.x (rules.toml:2), which asks for at least 15": after "breaks".
std::string which_asks(const Rule& rule) {
    return rule.address() + " (" + place(rule.where) + "), which asks for " + rule.timeout.text();
}

// Combines the rules' policies; nothing (after an error) when they cannot all hold.
std::optional<Demand> combine(const std::vector<const Rule*>& matching, const LiveAction& live,
                              Diagnostics& diagnostics) {
    Demand demand;
    for (const Rule* rule : matching) {
        const TimeoutPolicy& policy = rule->timeout;
        if (policy.exact && demand.exact && *policy.exact != *demand.exact) {
            diagnostics.error(rule->where, describe(live) + ": " + asks(*demand.exact_rule) +
                                               " and " + asks(*rule) +
                                               "; the two rules cannot both hold");
            return std::nullopt;
        }
        if (policy.exact) {
            demand.exact = policy.exact;
            demand.exact_rule = rule;
        }
        if (policy.at_least && (!demand.at_least || *policy.at_least > *demand.at_least)) {
            demand.at_least = policy.at_least;
            demand.at_least_rule = rule;
        }
        if (policy.at_most && (!demand.at_most || *policy.at_most < *demand.at_most)) {
            demand.at_most = policy.at_most;
            demand.at_most_rule = rule;
        }
    }
    const std::int64_t low = demand.at_least.value_or(1);
    const std::int64_t high = demand.at_most.value_or(k_service_default);
    const Rule* crossing = nullptr;
    const Rule* other = nullptr;
    if (low > high) {
        crossing = demand.at_most_rule;
        other = demand.at_least_rule;
    } else if (demand.exact && *demand.exact < low) {
        crossing = demand.exact_rule;
        other = demand.at_least_rule;
    } else if (demand.exact && *demand.exact > high) {
        crossing = demand.exact_rule;
        other = demand.at_most_rule;
    }
    if (crossing != nullptr) {
        const Rule* later = crossing->label > other->label ? crossing : other;
        const Rule* first = later == crossing ? other : crossing;
        diagnostics.error(later->where, describe(live) + ": " + asks(*first) + " and " +
                                            asks(*later) + "; the two rules cannot both hold");
        return std::nullopt;
    }
    return demand;
}

// The timeout the rules want the action to have, with the rule that decided;
// nothing when its timeout is already within the bounds.
std::optional<std::pair<std::int64_t, const Rule*>> wanted(const Demand& demand,
                                                           const Value& live) {
    const std::int64_t current = live.is_integer() ? live.as_integer() : k_service_default;
    if (demand.exact) {
        return std::make_pair(*demand.exact, demand.exact_rule);
    }
    if (demand.at_least && current < *demand.at_least) {
        return std::make_pair(*demand.at_least, demand.at_least_rule);
    }
    if (demand.at_most && current > *demand.at_most) {
        return std::make_pair(*demand.at_most, demand.at_most_rule);
    }
    return std::nullopt;
}

// A declared timeout that breaks a rule: the rule that it breaks, or null.
const Rule* broken_by(const Demand& demand, std::int64_t value) {
    if (demand.exact && value != *demand.exact) {
        return demand.exact_rule;
    }
    if (demand.at_least && value < *demand.at_least) {
        return demand.at_least_rule;
    }
    if (demand.at_most && value > *demand.at_most) {
        return demand.at_most_rule;
    }
    return nullptr;
}

// One undeclared action the rules govern, before it has its label.
struct Pending {
    const LiveAction* live = nullptr;
    std::optional<std::pair<std::int64_t, const Rule*>> want;
    const Rule* rule = nullptr;  ///< the rule that decided, or the first matching
    TimeoutBounds bounds;
};

TimeoutBounds bounds_of(const Demand& demand) {
    const auto named = [](const Rule* rule) { return rule != nullptr ? rule->address() : ""; };
    return {demand.exact,   named(demand.exact_rule),  demand.at_least, named(demand.at_least_rule),
            demand.at_most, named(demand.at_most_rule)};
}

class Governor {
public:
    Governor(const std::vector<Rule>& rules, Gathered& org,
             const std::map<std::string, std::string>& known, Diagnostics& diagnostics)
        : m_rules(rules), m_org(org), m_known(known), m_diagnostics(diagnostics) {}

    Governance run() {
        std::vector<bool> used(m_rules.size(), false);
        for (const LiveAction& live : m_org.live) {
            std::vector<const Rule*> matching;
            for (std::size_t i = 0; i < m_rules.size(); ++i) {
                if (m_rules[i].matches(live)) {
                    matching.push_back(&m_rules[i]);
                    used[i] = true;
                }
            }
            if (!matching.empty()) {
                govern(live, matching);
            }
        }
        for (std::size_t i = 0; i < m_rules.size(); ++i) {
            if (!used[i]) {
                m_diagnostics.warning(m_rules[i].where,
                                      m_rules[i].address() + " matches no action in the org");
            }
        }
        bind_pending();
        return std::move(m_result);
    }

private:
    void govern(const LiveAction& live, const std::vector<const Rule*>& matching) {
        std::optional<Demand> demand = combine(matching, live, m_diagnostics);
        if (!demand) {
            return;
        }
        const auto want = wanted(*demand, live.get(Field::timeout_seconds));
        if (DesiredAction* declared = declared_of(live)) {
            govern_declared(*declared, live, *demand, want);
            return;
        }
        m_pending.push_back(
            {&live, want, want ? want->second : matching.front(), bounds_of(*demand)});
    }

    // The manifest action bound to `live`, owned by the Gathered, or null.
    DesiredAction* declared_of(const LiveAction& live) {
        for (const Binding& binding : m_org.bindings) {
            if (binding.live == &live) {
                for (DesiredAction& desired : m_org.desired) {
                    if (&desired == binding.desired) {
                        return &desired;
                    }
                }
            }
        }
        return nullptr;
    }

    void govern_declared(DesiredAction& declared, const LiveAction& live, const Demand& demand,
                         const std::optional<std::pair<std::int64_t, const Rule*>>& want) {
        ++m_result.count;
        m_result.bounds[declared.address()] = bounds_of(demand);
        auto own = declared.managed.find(Field::timeout_seconds);
        if (own != declared.managed.end()) {
            if (const Rule* rule = broken_by(demand, own->second.as_integer())) {
                m_diagnostics.error(declared.position_of(Field::timeout_seconds),
                                    declared.address() + ": timeout_seconds = " +
                                        std::to_string(own->second.as_integer()) + " breaks " +
                                        which_asks(*rule) + "; change one of them",
                                    declared.address());
            }
            return;
        }
        const Rule* rule = want ? want->second : demand_rule(demand);
        if (rule != nullptr) {
            manage_timeout(declared, live, want, *rule);
        }
    }

    // The undeclared governed actions get their labels (the address recorded
    // for their id where there is one, else the one labelling rule) and are bound.
    void bind_pending() {
        std::set<std::string> taken;
        for (const DesiredAction& declared : m_org.desired) {
            taken.insert(declared.label);
        }
        std::map<std::string, std::string> labels;
        std::vector<Labelled> unlabelled;
        for (const Pending& pending : m_pending) {
            auto known = m_known.find(pending.live->id);
            const std::optional<Address> address =
                known == m_known.end() ? std::nullopt : parse_address(known->second);
            if (address && taken.insert(address->label).second) {
                labels.emplace(pending.live->id, address->label);
            } else {
                unlabelled.push_back({pending.live->id, pending.live->name});
            }
        }
        labels.merge(unique_labels(unlabelled, taken));
        for (const Pending& pending : m_pending) {
            DesiredAction desired;
            desired.label = labels.at(pending.live->id);
            desired.where = pending.rule->where;
            desired.selector = Selector{Selector::By::id, pending.live->id};
            desired.selector_where = pending.rule->where;
            manage_timeout(desired, *pending.live, pending.want, *pending.rule);
            m_org.desired.push_back(std::move(desired));
            m_org.bindings.push_back(Binding{&m_org.desired.back(), pending.live});
            m_result.governed.insert(m_org.desired.back().address());
            m_result.bounds[m_org.desired.back().address()] = pending.bounds;
            ++m_result.count;
        }
    }

    static const Rule* demand_rule(const Demand& demand) {
        if (demand.exact_rule != nullptr) {
            return demand.exact_rule;
        }
        return demand.at_least_rule != nullptr ? demand.at_least_rule : demand.at_most_rule;
    }

    // Manages the timeout the rule decided, or the live one when it is within.
    void manage_timeout(DesiredAction& desired, const LiveAction& live,
                        const std::optional<std::pair<std::int64_t, const Rule*>>& want,
                        const Rule& rule) {
        const Value& current = live.get(Field::timeout_seconds);
        if (want) {
            desired.managed[Field::timeout_seconds] = Value(want->first);
        } else if (current.is_integer()) {
            desired.managed[Field::timeout_seconds] = current;
        } else {
            return;  // unset: the service default of 60 s, within the bounds
        }
        desired.positions[Field::timeout_seconds] = rule.timeout.where;
        m_result.reasons[desired.address()] = RuleReason{rule.address(), rule.timeout.text()};
    }

    const std::vector<Rule>& m_rules;
    Gathered& m_org;
    const std::map<std::string, std::string>& m_known;
    Diagnostics& m_diagnostics;
    std::vector<Pending> m_pending;
    Governance m_result;
};

}  // namespace

Governance govern(const std::vector<Rule>& rules, Gathered& org,
                  const std::map<std::string, std::string>& known, Diagnostics& diagnostics) {
    if (rules.empty()) {
        return {};
    }
    return Governor(rules, org, known, diagnostics).run();
}

}  // namespace dactl
