#include "engine/text/text_diff.h"

#include <catch2/catch.hpp>

using namespace dactl;

namespace {

std::string render(const std::vector<DiffLine>& lines) {
    std::string out;
    for (const auto& line : lines) {
        if (line.kind == DiffLine::Kind::hunk) {
            out += line.text + "\n";
        } else {
            out += std::string(1, diff_prefix(line.kind)) +
                   (line.kind == DiffLine::Kind::note ? " " : "") + line.text + "\n";
        }
    }
    return out;
}

}  // namespace

TEST_CASE("unified_diff is empty for equal texts", "[diff]") {
    REQUIRE(unified_diff("a\nb\n", "a\nb\n").empty());
    REQUIRE(unified_diff("", "").empty());
}

TEST_CASE("unified_diff shows a changed line with three lines of context", "[diff]") {
    std::string before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    std::string after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    REQUIRE(render(unified_diff(before, after)) ==
            "@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
}

TEST_CASE("unified_diff separates distant changes into hunks", "[diff]") {
    std::string before = "a\n1\n2\n3\n4\n5\n6\n7\n8\nb\n";
    std::string after = "A\n1\n2\n3\n4\n5\n6\n7\n8\nB\n";
    REQUIRE(render(unified_diff(before, after, 1)) ==
            "@@ -1,2 +1,2 @@\n-a\n+A\n 1\n@@ -9,2 +9,2 @@\n 8\n-b\n+B\n");
}

TEST_CASE("unified_diff from nothing adds every line", "[diff]") {
    REQUIRE(render(unified_diff("", "x\ny\n")) == "@@ -0,0 +1,2 @@\n+x\n+y\n");
    REQUIRE(render(unified_diff("x\n", "")) == "@@ -1 +0,0 @@\n-x\n");
}

TEST_CASE("unified_diff notes a missing final newline", "[diff]") {
    REQUIRE(render(unified_diff("{}", "{}\n")) ==
            "@@ -1 +1 @@\n-{}\n\\ No newline at end of file\n+{}\n");
}

TEST_CASE("unified_diff keeps non-ASCII text and quotes intact", "[diff]") {
    REQUIRE(render(unified_diff("{\"name\": \"Zoë\"}\n", "{\"name\": \"Zoë “Z”\"}\n")) ==
            "@@ -1 +1 @@\n-{\"name\": \"Zoë\"}\n+{\"name\": \"Zoë “Z”\"}\n");
}

TEST_CASE("unified_diff shows removals before additions in a changed run", "[diff]") {
    REQUIRE(render(unified_diff("{\n  \"a\": 1\n}", "{\n  \"a\": 1,\n  \"b\": 2\n}\n")) ==
            "@@ -1,3 +1,4 @@\n {\n-  \"a\": 1\n-}\n\\ No newline at end of file\n+  \"a\": 1,\n"
            "+  \"b\": 2\n+}\n");
}
