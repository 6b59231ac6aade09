#include "engine/manifest/key_depth.h"

#include <catch2/catch.hpp>

#include "engine/manifest/loader.h"

using namespace dactl;

namespace {

std::string dotted(int parts) {
    std::string key = "a";
    for (int i = 1; i < parts; ++i) {
        key += ".a";
    }
    return key;
}

}  // namespace

TEST_CASE("a header or key of 50,000 dotted parts is refused before toml++ parses it",
          "[manifest][hostile]") {
    for (const std::string& text :
         {"# one\n[" + dotted(50000) + "]\n", "# one\n  " + dotted(50000) + " = 1\n"}) {
        LoadResult loaded = load_sources({{"deep.toml", text}});
        REQUIRE(loaded.diagnostics.items().size() == 1);
        const Diagnostic& problem = loaded.diagnostics.items()[0];
        CHECK(problem.where.line == 2);
        CHECK(problem.where.column == (text[6] == '[' ? 2 : 3));
        CHECK(problem.message ==
              "this key has more than 64 dotted parts; a manifest's keys have at most 4");
        CHECK(problem.source_line.size() == 204);  // cut at 200 bytes, then " ..."
    }
}

TEST_CASE("dots in strings, comments and values are not key parts", "[manifest][hostile]") {
    Diagnostics diagnostics;
    const std::string many_dots(1000, '.');
    const std::string text = "[action.a]\nname = \"" + many_dots + "\"\n# " + many_dots +
                             "\n[action.a.request]\ntemplate = '''\n" + many_dots + "\n'''\n" +
                             "\"quoted.key\".b = 1\n[" + dotted(64) + "]\n";
    CHECK_FALSE(manifest::report_deep_keys(text, "ok.toml", diagnostics));
    CHECK(diagnostics.empty());
    std::string deep = "[";  // appended: "[" + temporary trips GCC 12's -Wrestrict at -O3
    deep += dotted(65);
    deep += "]";
    CHECK(manifest::report_deep_keys(deep, "deep.toml", diagnostics));
}
