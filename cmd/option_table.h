#pragma once
// OptionTable: a command's options bound to the members of its typed options
// struct. The table is the only place an option's name is spelt: it gives the
// help, completion and man page their lines, and parse() fills the struct once,
// enforcing every value rule (choices, numeric ranges, durations) in the
// command's own words. Commands read members, never names.

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cmd/args.h"
#include "cmd/views/view.h"

namespace dactl::cli {

/// The options every command takes (the global ones) and those several
/// commands share. A command's table offers only its own: the parser refuses
/// the others, which keep their defaults here.
struct CommonOptions {
    // Global: accepted before or after the command.
    std::string chdir = ".";
    bool no_color = false;
    bool verbose = false;
    std::optional<std::string> env;
    bool help = false;
    // Shared by several commands.
    OutputFormat format{};  ///< text unless --format says otherwise
    int parallelism = 10;
    bool github_summary = false;
    std::vector<std::string> targets;
    std::chrono::milliseconds lock_timeout{0};
    std::optional<std::string> html;
    /// The words that are not options, in order.
    std::vector<std::string> operands;
};

/// "--NAME must be a (whole) number from LOW to HIGH, not TEXT" unless `text`
/// is such a number.
Result<double> number_value(const std::string& name, const std::string& text, double low,
                            double high, bool whole);

template <class Options>
class OptionTable {
public:
    using Setter = std::function<Status(Options&, const std::string&)>;

    /// A flag: true when given. (Member: a pointer to a member of Options or of
    /// CommonOptions, whose members every Options has.)
    template <class Member>
    OptionTable& flag(OptionSpec spec, Member member) {
        return add(std::move(spec), [member](Options& options, const std::string&) {
            options.*member = true;
            return Status{};
        });
    }
    /// A text value, the last one given.
    template <class Member>
    OptionTable& text(OptionSpec spec, Member member) {
        return add(std::move(spec), [member](Options& options, const std::string& value) {
            options.*member = value;
            return Status{};
        });
    }
    /// A repeatable value: every one given, in order.
    template <class Member>
    OptionTable& list(OptionSpec spec, Member member) {
        return add(std::move(spec), [member](Options& options, const std::string& value) {
            (options.*member).push_back(value);
            return Status{};
        });
    }
    /// A whole number from `low` to `high`.
    template <class Member>
    OptionTable& whole(OptionSpec spec, Member member, int low, int high) {
        const std::string name = spec.name;
        return add(std::move(spec), [=](Options& options, const std::string& value) -> Status {
            Result<double> number = number_value(name, value, low, high, true);
            if (!number) {
                return number.error();
            }
            options.*member = static_cast<int>(*number);
            return {};
        });
    }
    /// A number from `low` to `high`.
    template <class Member>
    OptionTable& number(OptionSpec spec, Member member, double low, double high) {
        const std::string name = spec.name;
        return add(std::move(spec), [=](Options& options, const std::string& value) -> Status {
            Result<double> number = number_value(name, value, low, high, false);
            if (!number) {
                return number.error();
            }
            options.*member = *number;
            return {};
        });
    }
    /// One of `values` by its name (the spec's choices are set from them).
    template <class T, class Member>
    OptionTable& choice(OptionSpec spec, Member member,
                        std::vector<std::pair<std::string, T>> values) {
        for (const auto& [name, value] : values) {
            spec.choices.push_back(name);
        }
        return add(std::move(spec), [member, values](Options& options, const std::string& given) {
            for (const auto& [name, value] : values) {
                if (name == given) {
                    options.*member = value;
                }
            }
            return Status{};
        });
    }
    /// A value `parse` turns into the member's value (its error is the option's).
    template <class Member, class Parse>
    OptionTable& parsed(OptionSpec spec, Member member, Parse parse) {
        return add(std::move(spec),
                   [member, parse](Options& options, const std::string& value) -> Status {
                       auto parsed_value = parse(value);
                       if (!parsed_value) {
                           return parsed_value.error();
                       }
                       options.*member = std::move(parsed_value).value();
                       return {};
                   });
    }
    /// Any option with its own setter.
    OptionTable& add(OptionSpec spec, Setter set) {
        m_entries.push_back({std::move(spec), std::move(set)});
        return *this;
    }

    /// The command's own options, in the order they were added.
    std::vector<OptionSpec> specs() const {
        std::vector<OptionSpec> specs;
        specs.reserve(m_entries.size());
        for (const auto& entry : m_entries) {
            specs.push_back(entry.spec);
        }
        return specs;
    }

    /// Fills Options from `words` (the global options, then the command's):
    /// the first bad word or value is the error.
    Result<Options> parse(const std::vector<std::string>& words, const std::string& command,
                          const OptionTable& globals) const {
        std::vector<OptionSpec> all = globals.specs();
        const std::vector<OptionSpec> own = specs();
        all.insert(all.end(), own.begin(), own.end());
        Result<Words> split = split_words(words, all, command);
        if (!split) {
            return split.error();
        }
        Options options;
        for (const GivenOption& given : split->options) {
            const Setter* set = globals.setter(given.spec->name);
            set = set != nullptr ? set : setter(given.spec->name);
            if (Status applied = (*set)(options, given.value); !applied) {
                return applied.error();
            }
        }
        options.operands = std::move(split->operands);
        return options;
    }

private:
    struct Entry {
        OptionSpec spec;
        Setter set;
    };

    const Setter* setter(const std::string& name) const {
        for (const auto& entry : m_entries) {
            if (entry.spec.name == name) {
                return &entry.set;
            }
        }
        return nullptr;
    }

    std::vector<Entry> m_entries;
};

}  // namespace dactl::cli
