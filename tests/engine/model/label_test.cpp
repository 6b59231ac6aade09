#include "engine/model/label.h"

#include <catch2/catch.hpp>

#include "engine/model/address.h"

using namespace dactl;

TEST_CASE("labels come from names by one rule", "[label]") {
    CHECK(label_from_name("Get Order Status") == "get_order_status");
    CHECK(label_from_name("  CRM -- Lookup (v2)!") == "crm_lookup_v2");
    CHECK(label_from_name("3DS check") == "action_3ds_check");
    CHECK(label_from_name("Zoë’s lookup") == "zo_s_lookup");
    CHECK(label_from_name("Fetch-History") == "fetch_history");
    CHECK(label_from_name("…") == "action");
    CHECK(label_from_name("") == "action");
    CHECK(is_valid_label(label_from_name("--Get Order (v2)!")));
}

TEST_CASE("a label is a-z, 0-9 and _ only", "[label]") {
    CHECK(is_valid_label("order_status_2"));
    CHECK(is_valid_label("3ds"));
    CHECK_FALSE(is_valid_label(""));
    CHECK_FALSE(is_valid_label("Order"));
    CHECK_FALSE(is_valid_label("order-status"));
}

TEST_CASE("addresses are action.<label>; the command line also takes a bare label", "[address]") {
    CHECK(parse_address("action.order_status") == Address{"order_status"});
    CHECK(parse_address("action.order_status")->text() == "action.order_status");
    CHECK(parse_address("order_status") == std::nullopt);
    CHECK(parse_address("action.") == std::nullopt);
    CHECK(parse_address("action.Order") == std::nullopt);
    CHECK(parse_address("rule.x") == std::nullopt);
    CHECK(address_or_label("order_status") == Address{"order_status"});
    CHECK(address_or_label("action.order_status") == Address{"order_status"});
    CHECK(address_or_label("actions.x") == std::nullopt);
}
