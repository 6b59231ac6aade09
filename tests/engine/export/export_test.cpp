#include "engine/export/export.h"

#include <catch2/catch.hpp>

#include "engine/export/toml_text.h"
#include "tests/support/builders.h"
#include "tests/support/golden.h"

using namespace dactl;
using namespace dactl::testing;

TEST_CASE("TOML strings pick the most readable safe form", "[export]") {
    REQUIRE(toml_string("plain ${input.id}") == "'plain ${input.id}'");
    REQUIRE(toml_string("it's") == "\"it's\"");
    REQUIRE(toml_string("{\n  \"a\": \"${x}\"\n}\n") == "'''\n{\n  \"a\": \"${x}\"\n}\n'''");
    REQUIRE(toml_string("has ''' inside\n") == "\"has ''' inside\\n\"");
    REQUIRE(toml_string("ends in '\nquote'") == "\"ends in '\\nquote'\"");
    REQUIRE(toml_string("back\\slash") == "'back\\slash'");
    REQUIRE(toml_string("bell\x07") == "\"bell\\u0007\"");
    REQUIRE(toml_basic_string("a\"b\\c\td") == "\"a\\\"b\\\\c\\td\"");
    REQUIRE(toml_key("Accept") == "Accept");
    REQUIRE(toml_key("X Api.Key") == "\"X Api.Key\"");
    REQUIRE(toml_inline_table({{"a", "1"}, {"b c", "2"}}) == "{ a = \"1\", \"b c\" = \"2\" }");
}

TEST_CASE("export writes one file per category, skipping what cannot be managed", "[export]") {
    std::vector<LiveAction> live = {
        with(with(make_live("custom_-_1", "Get Order", 3), Field::timeout_seconds, 3),
             Field::category, "Orders Web Services"),
        with(make_live("custom_-_2", "Get Order", 5), Field::category, "Legacy"),
        make_live("static_-_3", "Get Date"),
        with(with(with(make_live("custom_-_5", "Notify", 1), Field::request_headers,
                       StringMap{{"Authorization", "Bearer x"}}),
                  Field::request_template, "{\n  \"q\": \"${input.q}\"\n}\n"),
             Field::category, "Legacy"),
    };
    ExportOptions options;
    options.fields = ExportFields::all;

    ExportResult result = export_actions(live, options);

    REQUIRE(result.exported == 3);
    REQUIRE(result.files.size() == 2);
    REQUIRE(result.files[0].path == "legacy.toml");
    REQUIRE(result.files[1].path == "orders-web-services.toml");
    check_golden("engine/export/golden/legacy.toml", result.files[0].text);
    check_golden("engine/export/golden/orders-web-services.toml", result.files[1].text);
    REQUIRE(result.notes ==
            std::vector<std::string>{
                "skipped static_-_3 \"Get Date\": built-in actions cannot be changed",
                "left out the request headers of custom_-_5 \"Notify\": they hold a "
                "secret-looking header; manage them in the UI or add them by hand"});
}

TEST_CASE("export keeps headers whose secret-looking values are template references",
          "[export][secrets]") {
    std::vector<LiveAction> live = {with(make_live("custom_-_1", "Get Order", 3),
                                         Field::request_headers,
                                         StringMap{{"Authorization", "Bearer ${credentials.token}"},
                                                   {"Accept", "application/json"}})};
    ExportOptions options;
    options.fields = ExportFields::all;

    ExportResult result = export_actions(live, options);

    REQUIRE(result.notes.empty());
    REQUIRE(result.files.size() == 1);
    REQUIRE(result.files[0].text.find(
                "headers = { Accept = \"application/json\", Authorization = \"Bearer "
                "${credentials.token}\" }\n") != std::string::npos);
}

TEST_CASE("export filters by name and category", "[export]") {
    std::vector<LiveAction> live = {
        make_live("custom_-_1", "Get Order"),
        with(make_live("custom_-_2", "Get Customer"), Field::category, "CRM")};
    ExportOptions by_name;
    by_name.name_filter = std::regex("^Get Cust");
    REQUIRE(export_actions(live, by_name).exported == 1);
    ExportOptions by_category;
    by_category.category = "Orders";
    ExportResult result = export_actions(live, by_category);
    REQUIRE(result.exported == 1);
    REQUIRE(result.files[0].text ==
            "# \"Get Order\", category \"Orders\", exported at version 1\n"
            "[action.get_order]\n"
            "id = \"custom_-_1\"\n"
            "# timeout_seconds is unset: the service default of 60 s applies\n");
}

TEST_CASE("a category too long for a file name gives a shortened, unique one",
          "[export][hostile]") {
    const std::string long_name(300, 'x');
    std::vector<LiveAction> live = {
        with(make_live("custom_-_1", "A"), Field::category, long_name),
        with(make_live("custom_-_2", "B"), Field::category, long_name + "y")};
    ExportResult result = export_actions(live, ExportOptions{});
    REQUIRE(result.files.size() == 2);
    for (const auto& file : result.files) {
        CHECK(file.path.size() == 80 + 1 + 8 + 5);
        CHECK(file.path.rfind(std::string(80, 'x') + "-", 0) == 0);
    }
    CHECK(result.files[0].path != result.files[1].path);
}
