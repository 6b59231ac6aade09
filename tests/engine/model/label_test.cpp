#include "engine/model/label.h"

#include <catch2/catch.hpp>

#include "engine/model/address.h"

using namespace dactl;

TEST_CASE("labels come from names by one rule", "[label]") {
    CHECK(label_from_name("Get Order Status") == "get_order_status");
    CHECK(label_from_name("  CRM -- Lookup (v2)!") == "crm_lookup_v2");
    CHECK(label_from_name("3DS check") == "action_3ds_check");
    CHECK(label_from_name("Zoë’s lookup") == "zoe_s_lookup");
    CHECK(label_from_name("FetchCustomerHistory") == "fetch_customer_history");
    CHECK(label_from_name("HTTPStatus of OrderID") == "http_status_of_order_id");
    CHECK(label_from_name("Café Größe ÆON") == "cafe_grosse_aeon");
    CHECK(label_from_name("Fetch-History") == "fetch_history");
    CHECK(label_from_name("…") == "action");
    CHECK(label_from_name("") == "action");
    CHECK(is_valid_label(label_from_name("--Get Order (v2)!")));
    CHECK(label_for("…", "custom_-_9a0b4c1d-2e3f-4a5b-8c6d-7e8f9a0b1c2d") == "action_9a0b1c2d");
    CHECK(label_for("Get Order", "custom_-_1") == "get_order");
}

TEST_CASE("a label is a-z, 0-9 and _ only", "[label]") {
    CHECK(is_valid_label("order_status_2"));
    CHECK(is_valid_label("3ds"));
    CHECK_FALSE(is_valid_label(""));
    CHECK_FALSE(is_valid_label("Order"));
    CHECK_FALSE(is_valid_label("order-status"));
}

TEST_CASE("addresses are action.<label> - the command line also takes a bare label", "[address]") {
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
