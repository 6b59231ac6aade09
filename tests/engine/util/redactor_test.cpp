#include "engine/util/redactor.h"

#include <catch2/catch.hpp>

using namespace dactl;

TEST_CASE("the redactor cuts every secret of any length, the longest first", "[secrets]") {
    Redactor redactor;
    CHECK(redactor.redact("nothing to cut") == "nothing to cut");
    redactor.add("s3");
    redactor.add("s3cret-long");
    redactor.add("");
    CHECK(redactor.redact("a s3cret-long b s3 c") == "a (sensitive) b (sensitive) c");
    // What it puts in is never searched again.
    redactor.add("sens");
    CHECK(redactor.redact("sens") == "(sensitive)");
    CHECK(redactor.redact("s3s3") == "(sensitive)(sensitive)");
}
