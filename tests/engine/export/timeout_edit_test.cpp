#include "engine/export/timeout_edit.h"

#include <catch2/catch.hpp>

#include "engine/manifest/loader.h"

using namespace dactl;

namespace {

const DesiredAction& load_one(const std::string& text, LoadResult& loaded) {
    loaded = load_sources({{"actions.toml", text}});
    REQUIRE_FALSE(loaded.diagnostics.has_errors());
    REQUIRE(loaded.project.actions.size() == 1);
    return loaded.project.actions[0];
}

}  // namespace

TEST_CASE("set_timeout_in_text replaces only the value", "[timeout_edit]") {
    const std::string text =
        "# Orders\n"
        "[action.order]   # the order lookup\n"
        "name = \"Get Order\"\n"
        "timeout_seconds   =  3   # raised in INC-42\n"
        "category = \"Orders\"\n";
    LoadResult loaded;
    const DesiredAction& action = load_one(text, loaded);

    Result<std::string> edited = set_timeout_in_text(text, action, 15);

    REQUIRE(edited.ok());
    REQUIRE(*edited ==
            "# Orders\n"
            "[action.order]   # the order lookup\n"
            "name = \"Get Order\"\n"
            "timeout_seconds   =  15   # raised in INC-42\n"
            "category = \"Orders\"\n");
}

TEST_CASE("set_timeout_in_text adds the key after the selecting line", "[timeout_edit]") {
    const std::string text =
        "[action.order]\n"
        "  id = \"custom_-_1\"  # pinned\n"
        "  category = \"Orders\"\n";
    LoadResult loaded;
    const DesiredAction& action = load_one(text, loaded);

    Result<std::string> edited = set_timeout_in_text(text, action, 9);

    REQUIRE(*edited ==
            "[action.order]\n"
            "  id = \"custom_-_1\"  # pinned\n"
            "  timeout_seconds = 9\n"
            "  category = \"Orders\"\n");
    LoadResult reloaded = load_sources({{"actions.toml", *edited}});
    REQUIRE(reloaded.project.actions[0].managed.at(Field::timeout_seconds) == Value(9));
}

TEST_CASE("set_timeout_in_text refuses a file that changed", "[timeout_edit]") {
    LoadResult loaded;
    const DesiredAction& action =
        load_one("[action.order]\nname = \"A\"\ntimeout_seconds = 3\n", loaded);
    Result<std::string> edited = set_timeout_in_text("[action.order]\nname = \"A\"\n", action, 5);
    REQUIRE(edited.error().message ==
            "actions.toml: the file changed since it was read; action.order was not updated");
}

TEST_CASE("set_timeout_in_text finds a quoted key, and one after non-ASCII text on its line",
          "[timeout_edit][hostile]") {
    const std::string quoted = "[action.order]\nname = \"Get Order\"\n\"timeout_seconds\" = 3\n";
    LoadResult first;
    Result<std::string> edited = set_timeout_in_text(quoted, load_one(quoted, first), 9);
    REQUIRE(edited.ok());
    CHECK(*edited == "[action.order]\nname = \"Get Order\"\n\"timeout_seconds\" = 9\n");

    // toml++ counts columns in code points: "Zoë’s" is 5 of them and 8 bytes.
    const std::string accented =
        "[action]\norder = { name = \"Zoë’s Order\", timeout_seconds = 3 }\n";
    LoadResult second;
    edited = set_timeout_in_text(accented, load_one(accented, second), 9);
    REQUIRE(edited.ok());
    CHECK(*edited == "[action]\norder = { name = \"Zoë’s Order\", timeout_seconds = 9 }\n");
}
