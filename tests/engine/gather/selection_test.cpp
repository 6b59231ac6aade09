#include "engine/gather/selection.h"

#include <catch2/catch.hpp>

#include "engine/text/suggest.h"
#include "tests/support/builders.h"

using namespace dactl;
using namespace dactl::testing;

TEST_CASE("select_actions binds by exact name and by id", "[selection]") {
    std::vector<LiveAction> live = {make_live("custom_-_1", "Get Order"),
                                    make_live("custom_-_2", "Get Customer")};
    std::vector<DesiredAction> desired = {make_desired("order", "Get Order"),
                                          make_desired_by_id("customer", "custom_-_2")};

    SelectionResult result = select_actions(desired, live);

    REQUIRE(result.diagnostics.empty());
    REQUIRE(result.bindings.size() == 2);
    REQUIRE(result.bindings[0].desired == &desired[0]);
    REQUIRE(result.bindings[0].live == &live[0]);
    REQUIRE(result.bindings[1].desired == &desired[1]);
    REQUIRE(result.bindings[1].live == &live[1]);
}

TEST_CASE("select_actions lists every candidate of an ambiguous name", "[selection]") {
    std::vector<LiveAction> live = {
        with(make_live("custom_-_1", "Get Order"), Field::category, "Orders Web Services"),
        make_live("custom_-_2", "Get Customer"),
        with(make_live("custom_-_3", "Get Order"), Field::category, "Legacy Orders")};
    std::vector<DesiredAction> desired = {make_desired("order", "Get Order", 5)};

    SelectionResult result = select_actions(desired, live);

    REQUIRE(result.bindings.empty());
    REQUIRE(result.diagnostics.format() ==
            "actions.toml:6:8: action.order: 2 live actions are named \"Get Order\"; select one "
            "by id instead:\n"
            "    custom_-_1  category \"Orders Web Services\"\n"
            "    custom_-_3  category \"Legacy Orders\"\n");
}

TEST_CASE("select_actions suggests similar names when none matches", "[selection]") {
    std::vector<LiveAction> live = {make_live("custom_-_1", "Get Order Status"),
                                    make_live("custom_-_2", "Unrelated Thing")};
    std::vector<DesiredAction> desired = {make_desired("order", "Get Ordr Status"),
                                          make_desired("other", "Nothing Like It")};

    SelectionResult result = select_actions(desired, live);

    REQUIRE(result.bindings.empty());
    REQUIRE(result.diagnostics.format() ==
            "actions.toml:2:8: action.order: no live action is named \"Get Ordr Status\"\n"
            "    did you mean \"Get Order Status\" (custom_-_1  category \"Orders\")?\n"
            "actions.toml:2:8: action.other: no live action is named \"Nothing Like It\"\n");
}

TEST_CASE("select_actions reports an unknown id", "[selection]") {
    std::vector<LiveAction> live = {make_live("custom_-_1", "Get Order")};
    std::vector<DesiredAction> desired = {make_desired_by_id("order", "custom_-_404")};

    SelectionResult result = select_actions(desired, live);

    REQUIRE(result.diagnostics.format() ==
            "actions.toml:2:8: action.order: no live action has id \"custom_-_404\"\n");
}

TEST_CASE("select_actions refuses two manifest actions selecting one live action", "[selection]") {
    std::vector<LiveAction> live = {make_live("custom_-_1", "Get Order")};
    std::vector<DesiredAction> desired = {make_desired("by_name", "Get Order", 1),
                                          make_desired_by_id("by_id", "custom_-_1", 10)};

    SelectionResult result = select_actions(desired, live);

    REQUIRE(result.bindings.size() == 1);
    REQUIRE(result.diagnostics.format() ==
            "actions.toml:11:8: action.by_id selects the same live action as action.by_name: "
            "custom_-_1 \"Get Order\"\n");
}

TEST_CASE("a name that differs from a live one only in Unicode normalization is told so",
          "[selection][hostile]") {
    // The org writes é as one character (NFC); the manifest as e and U+0301 (NFD).
    std::vector<LiveAction> live = {make_live("custom_-_1",
                                              "Caf\u00e9 Orders Lookup for the "
                                              "Customer Experience Team"),
                                    make_live("custom_-_2", "Cafe Orders")};
    std::vector<DesiredAction> desired = {
        make_desired("order", "Cafe\u0301 Orders Lookup for the Customer Experience Team")};
    SelectionResult result = select_actions(desired, live);
    REQUIRE(result.bindings.empty());
    REQUIRE(result.diagnostics.format() ==
            "actions.toml:2:8: action.order: no live action is named \"Cafe\u0301 Orders Lookup "
            "for the Customer Experience Team\"\n"
            "    did you mean \"Caf\u00e9 Orders Lookup for the Customer Experience Team\" "
            "(custom_-_1  category \"Orders\")? The two look the same but are written "
            "differently: one has an accented letter as one character, the other as a letter and "
            "a combining accent (Unicode NFC and NFD); copy the name from the org (dactl export) "
            "or select the action by id\n");
    CHECK(differ_in_normalization("Z\u00fcrich \u0160koda", "Zu\u0308rich S\u030ckoda"));
    CHECK_FALSE(differ_in_normalization("Z\u00fcrich", "Zurich"));
    CHECK_FALSE(differ_in_normalization("Z\u00fcrich", "Z\u00fcrich"));
}
