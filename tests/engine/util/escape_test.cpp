#include "engine/util/escape.h"

#include <catch2/catch.hpp>

#include "engine/text/quote.h"

using namespace dactl;

TEST_CASE("printable shows what a terminal would act on or hide, and keeps the rest",
          "[escape][hostile]") {
    CHECK(printable("manifests/Ünïcode.toml") == "manifests/Ünïcode.toml");
    CHECK(printable("Zoë 日本 \"x\" back\\slash") == "Zoë 日本 \"x\" back\\slash");
    CHECK(printable(printable("a\x1b\u200d\xff")) == printable("a\x1b\u200d\xff"));
    CHECK(printable("a\x1b[31mb\nc\td\re\x07\x7f") == "a\\u001b[31mb\\nc\\td\\re\\u0007\\u007f");
    CHECK(printable("\xc2\x9b"
                    "2J") == "\\u009b2J");  // C1 CSI
    CHECK(printable("Look\u200dup\u202egnp.exe\ufeff") == "Look\\u200dup\\u202egnp.exe\\ufeff");
    CHECK(printable("\u2028\u2066\u2069\u2060") == "\\u2028\\u2066\\u2069\\u2060");
    CHECK(printable("bad \xff\xfe, cut \xe6\x97, overlong \xc0\xaf") ==
          "bad \\xff\\xfe, cut \\xe6\\x97, overlong \\xc0\\xaf");
    CHECK(printable("surrogate \xed\xa0\x80") == "surrogate \\xed\\xa0\\x80");
    CHECK(printable("\"q\" \\", true) == "\\\"q\\\" \\\\");
    CHECK(printable("a\nb\r\x7f") == "a\\nb\\r\\u007f");
    CHECK(quoted("a\x1b\u200d\"") == "\"a\\u001b\\u200d\\\"\"");
}

TEST_CASE("escape_markdown leaves nothing to be read as Markdown, HTML or a mention",
          "[escape][hostile]") {
    CHECK(escape_markdown("plain words, 1.5 s (ok)") == "plain words, 1.5 s (ok)");
    CHECK(escape_markdown("*b* _i_ `c` [l](x) ~s~ a|b \\") ==
          "\\*b\\* \\_i\\_ \\`c\\` \\[l\\](x) \\~s\\~ a\\|b \\\\");
    CHECK(escape_markdown("<img src=x onerror=alert(1)> & @octocat") ==
          "&lt;img src=x onerror=alert(1)&gt; &amp; @&#8203;octocat");
    CHECK(escape_markdown("line\n| forged |") == "line\\\\n\\| forged \\|");
}

TEST_CASE("markdown_code fences any backticks and pads where Markdown needs it",
          "[escape][hostile]") {
    CHECK(markdown_code("action.x", false) == "`action.x`");
    CHECK(markdown_code("a``b` @team", false) == "```a``b` @team```");
    CHECK(markdown_code("`tick", false) == "`` `tick ``");
    CHECK(markdown_code("a|b", true) == "`a\\|b`");
    CHECK(markdown_code("a|b", false) == "`a|b`");
    CHECK(markdown_code("x\ny", false) == "`x\\ny`");
}

TEST_CASE("HTML and annotations get their own escapes", "[escape][hostile]") {
    CHECK(escape_html("<a href=\"x\" title='y'>&</a>\x1b") ==
          "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;\\u001b");
    CHECK(escape_markdown_html("@octocat <b>") == "@&#8203;octocat &lt;b&gt;");
    CHECK(escape_annotation("50%\r\n::error::x") == "50%25%0D%0A::error::x");
    CHECK(escape_annotation("a:b,c%", true) == "a%3Ab%2Cc%25");
}
