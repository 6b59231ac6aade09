#include "engine/util/utf8.h"

#include <catch2/catch.hpp>

#include "engine/diagnostics/diagnostic.h"
#include "engine/json/json_reader.h"
#include "engine/json/json_writer.h"
#include "engine/util/json_text.h"

using namespace dactl;

TEST_CASE("valid_utf8 keeps valid text and replaces every invalid byte with U+FFFD", "[util]") {
    REQUIRE(valid_utf8("plain ascii") == "plain ascii");
    REQUIRE(valid_utf8("Ünïcode \xe2\x82\xac \xf0\x9f\x98\x80") ==
            "Ünïcode \xe2\x82\xac \xf0\x9f\x98\x80");
    REQUIRE(valid_utf8("a\xff"
                       "b") ==
            "a\xef\xbf\xbd"
            "b");
    // An overlong slash, a surrogate, a code point past U+10FFFF, a cut sequence.
    REQUIRE(valid_utf8("\xc0\xaf") == "\xef\xbf\xbd\xef\xbf\xbd");
    REQUIRE(valid_utf8("\xed\xa0\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    REQUIRE(valid_utf8("\xf4\x90\x80\x80") == "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    REQUIRE(valid_utf8("x\xe2\x82") == "x\xef\xbf\xbd\xef\xbf\xbd");
    REQUIRE(valid_utf8(std::string_view("a\0b", 3)) == std::string("a\0b", 3));
}

TEST_CASE("a diagnostic prints a hostile file name escaped", "[util]") {
    Diagnostic diagnostic;
    diagnostic.where.path = "dir/\x1b]0;owned\x07.toml";
    diagnostic.where.line = 3;
    diagnostic.where.column = 7;
    diagnostic.message = "unknown key";
    REQUIRE(diagnostic.format().rfind("dir/\\u001b]0;owned\\u0007.toml:3:7: ", 0) == 0);
}

TEST_CASE("JSON from invalid UTF-8 is still a JSON document", "[util]") {
    JsonWriter writer;
    writer.begin_object();
    writer.key("file\xff");
    writer.string("name\xc0\xaf.toml");
    writer.end_object();
    const std::string text = writer.finish();
    REQUIRE(text == "{\n  \"file\xef\xbf\xbd\": \"name\xef\xbf\xbd\xef\xbf\xbd.toml\"\n}\n");
    rapidjson::Document document;
    REQUIRE_FALSE(parse_json(text, document, Utf8::validated).has_value());

    REQUIRE(json_string("a\xff") == "\"a\xef\xbf\xbd\"");
}

TEST_CASE("a diagnostic quotes a hostile source line escaped, the caret under its column",
          "[util]") {
    Diagnostic diagnostic;
    diagnostic.where.path = "a.toml";
    diagnostic.where.line = 2;
    diagnostic.where.column = 12;
    diagnostic.message = "bad";
    // A NUL, a bad byte, a tab and two-byte letters before the column.
    diagnostic.source_line = std::string("n\0\xff\tÉé = \"x\" \x1b[2J", 19);
    REQUIRE(diagnostic.format() ==
            "a.toml:2:12: bad\n"
            "    n\\u0000\\xff\tÉé = \"x\" \\u001b[2J\n"
            "               \t       ^");
}

TEST_CASE("a diagnostic shows an invisible character in its source line, the caret under it",
          "[util][hostile]") {
    Diagnostic diagnostic;
    diagnostic.where.path = "a.toml";
    diagnostic.where.line = 1;
    diagnostic.where.column = 11;
    diagnostic.message = "invalid label \"a\\u200db\"";
    diagnostic.source_line = "[action.\"a\u200db\"]";
    REQUIRE(diagnostic.format() ==
            "a.toml:1:11: invalid label \"a\\u200db\"\n"
            "    [action.\"a\\u200db\"]\n"
            "              ^");
}
