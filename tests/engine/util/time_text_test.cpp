// Instants as the Analytics API and --interval write them.

#include "engine/util/time_text.h"

#include <catch2/catch.hpp>

using namespace dactl;

TEST_CASE("instants are written with milliseconds in UTC", "[util][time]") {
    REQUIRE(iso_instant(1'795'478'400'000) == "2026-11-24T00:00:00.000Z");
    REQUIRE(iso_instant(1'795'478'400'000 + 37'230'045) == "2026-11-24T10:20:30.045Z");
    REQUIRE(iso_instant(-1) == "1969-12-31T23:59:59.999Z");
}

TEST_CASE("instants are read as dates, or times with fractions and offsets", "[util][time]") {
    REQUIRE(parse_instant("2026-11-24") == 1'795'478'400'000);
    REQUIRE(parse_instant("2026-11-24T00:00:00Z") == 1'795'478'400'000);
    REQUIRE(parse_instant("2026-11-24T00:00:00.5Z") == 1'795'478'400'500);
    REQUIRE(parse_instant("2026-11-24T01:30:00+01:30") == 1'795'478'400'000);
    REQUIRE(parse_instant("2026-11-23T22:00:00-02:00") == 1'795'478'400'000);
    REQUIRE(parse_instant("2028-02-29") == 1'835'395'200'000);
    for (const char* bad : {"", "2026-11-24T00:00:00", "2026-02-29", "2026-13-01",
                            "2026-11-24T24:00:00Z", "2026-11-24 00:00:00Z", "2026-11-24T00:00:00.Z",
                            "24/11/2026", "2026-11-24T00:00:00+1", "2026-11-24x"}) {
        INFO(bad);
        REQUIRE_FALSE(parse_instant(bad));
    }
}

TEST_CASE("HTTP dates are read in their IMF-fixdate form", "[util][time]") {
    REQUIRE(parse_http_date("Tue, 24 Nov 2026 10:20:30 GMT") == 1'795'478'400'000 + 37'230'000);
    REQUIRE(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == 784'111'777'000);
    for (const char* bad : {"", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
                            "Sun, 06 Nox 1994 08:49:37 GMT", "Sun, 31 Feb 1994 08:49:37 GMT",
                            "Sun, 06 Nov 1994 08:49:37 UTC", "120"}) {
        INFO(bad);
        REQUIRE_FALSE(parse_http_date(bad));
    }
}
