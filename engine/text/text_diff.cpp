#include "engine/text/text_diff.h"

#include <algorithm>
#include <cstdlib>

#include <dtl/dtl.hpp>

namespace dactl {

namespace {

// Lines compare with their terminator: the last line of a text without a final
// newline carries this suffix, so "a" and "a\n" differ as `diff` says they do.
constexpr std::string_view k_unterminated = "\n<no newline>";

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines.emplace_back(std::string(text.substr(start)) + std::string(k_unterminated));
            break;
        }
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

struct Op {
    DiffLine::Kind kind;
    std::string line;
    long long old_before;  // old lines consumed before this op
    long long new_before;  // new lines consumed before this op
};

// Within each run of changed lines, show what goes before what comes, as
// `diff -u` does (the edit script may interleave them).
std::vector<Op> removals_first(std::vector<Op> ops) {
    std::size_t i = 0;
    while (i < ops.size()) {
        if (ops[i].kind == DiffLine::Kind::context) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < ops.size() && ops[end].kind != DiffLine::Kind::context) {
            ++end;
        }
        std::stable_partition(ops.begin() + static_cast<long>(i),
                              ops.begin() + static_cast<long>(end),
                              [](const Op& op) { return op.kind == DiffLine::Kind::removed; });
        i = end;
    }
    long long old_count = 0;
    long long new_count = 0;
    for (Op& op : ops) {
        op.old_before = old_count;
        op.new_before = new_count;
        old_count += op.kind != DiffLine::Kind::added ? 1 : 0;
        new_count += op.kind != DiffLine::Kind::removed ? 1 : 0;
    }
    return ops;
}

std::vector<Op> edit_script(const std::vector<std::string>& before,
                            const std::vector<std::string>& after) {
    dtl::Diff<std::string, std::vector<std::string>> diff(before, after);
    diff.onHuge();
    diff.compose();
    std::vector<Op> ops;
    long long old_count = 0;
    long long new_count = 0;
    for (const auto& [line, info] : diff.getSes().getSequence()) {
        DiffLine::Kind kind = DiffLine::Kind::context;
        if (info.type == dtl::SES_ADD) {
            kind = DiffLine::Kind::added;
        } else if (info.type == dtl::SES_DELETE) {
            kind = DiffLine::Kind::removed;
        }
        ops.push_back(Op{kind, line, old_count, new_count});
        old_count += kind != DiffLine::Kind::added ? 1 : 0;
        new_count += kind != DiffLine::Kind::removed ? 1 : 0;
    }
    return removals_first(std::move(ops));
}

// Which ops belong to a hunk: every change, and context within `context` lines of one.
std::vector<bool> hunk_membership(const std::vector<Op>& ops, int context) {
    const long long n = static_cast<long long>(ops.size());
    std::vector<long long> distance(ops.size(), n + context + 1);
    long long last = -(n + context + 1);
    for (long long i = 0; i < n; ++i) {
        if (ops[i].kind != DiffLine::Kind::context) {
            last = i;
        }
        distance[i] = i - last;
    }
    last = 2 * n + context + 1;
    for (long long i = n - 1; i >= 0; --i) {
        if (ops[i].kind != DiffLine::Kind::context) {
            last = i;
        }
        distance[i] = std::min(distance[i], last - i);
    }
    std::vector<bool> member(ops.size());
    for (long long i = 0; i < n; ++i) {
        member[i] = distance[i] <= context;
    }
    return member;
}

std::string range(long long consumed_before, long long count) {
    // GNU diff: "start,count", the start naming the line before when count is 0,
    // and ",1" left out.
    long long start = count == 0 ? consumed_before : consumed_before + 1;
    return count == 1 ? std::to_string(start) : std::to_string(start) + "," + std::to_string(count);
}

void emit_hunk(const std::vector<Op>& ops, std::size_t first, std::size_t last,
               std::vector<DiffLine>& out) {
    long long old_count = 0;
    long long new_count = 0;
    for (std::size_t i = first; i <= last; ++i) {
        old_count += ops[i].kind != DiffLine::Kind::added ? 1 : 0;
        new_count += ops[i].kind != DiffLine::Kind::removed ? 1 : 0;
    }
    out.push_back({DiffLine::Kind::hunk, "@@ -" + range(ops[first].old_before, old_count) + " +" +
                                             range(ops[first].new_before, new_count) + " @@"});
    for (std::size_t i = first; i <= last; ++i) {
        std::string text = ops[i].line;
        bool unterminated = text.size() >= k_unterminated.size() &&
                            text.compare(text.size() - k_unterminated.size(), k_unterminated.size(),
                                         k_unterminated) == 0;
        if (unterminated) {
            text.resize(text.size() - k_unterminated.size());
        }
        out.push_back({ops[i].kind, text});
        if (unterminated) {
            out.push_back({DiffLine::Kind::note, "No newline at end of file"});
        }
    }
}

}  // namespace

std::vector<DiffLine> unified_diff(std::string_view before, std::string_view after, int context) {
    std::vector<DiffLine> out;
    if (before == after) {
        return out;
    }
    const std::vector<Op> ops = edit_script(split_lines(before), split_lines(after));
    const std::vector<bool> member = hunk_membership(ops, std::max(context, 0));
    std::size_t i = 0;
    while (i < ops.size()) {
        if (!member[i]) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end + 1 < ops.size() && member[end + 1]) {
            ++end;
        }
        emit_hunk(ops, i, end, out);
        i = end + 1;
    }
    return out;
}

char diff_prefix(DiffLine::Kind kind) {
    switch (kind) {
        case DiffLine::Kind::hunk:
            return '@';
        case DiffLine::Kind::context:
            return ' ';
        case DiffLine::Kind::removed:
            return '-';
        case DiffLine::Kind::added:
            return '+';
        case DiffLine::Kind::note:
            return '\\';
    }
    return ' ';
}

}  // namespace dactl
