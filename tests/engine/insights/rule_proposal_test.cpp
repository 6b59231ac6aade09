#include "engine/insights/rule_proposal.h"

#include <catch2/catch.hpp>

using namespace dactl;

TEST_CASE("the host of a request URL template, when it is no template itself",
          "[insights][rules]") {
    REQUIRE(url_host_prefix("https://orders.example.com/v1/${input.id}") ==
            "https://orders.example.com/");
    REQUIRE(url_host_prefix("http://10.0.0.5:8080?x=1") == "http://10.0.0.5:8080/");
    REQUIRE(url_host_prefix("https://${input.host}/v1").empty());
    REQUIRE(url_host_prefix("arn:aws:lambda:us-east-1:1:function:score").empty());
    REQUIRE(url_host_prefix("/relative/path").empty());
}
