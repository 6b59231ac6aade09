// libFuzzer target: the saved plan decoder. A plan that decodes must encode,
// and what it encodes to must decode to the same text again.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/plan/plan_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view json(reinterpret_cast<const char*>(data), size);
    dactl::Result<dactl::SavedPlan> saved = dactl::decode_saved_plan(json);
    if (!saved) {
        return 0;
    }
    const std::string written = dactl::encode_saved_plan(*saved);
    dactl::Result<dactl::SavedPlan> reread = dactl::decode_saved_plan(written);
    if (!reread || dactl::encode_saved_plan(*reread) != written) {
        __builtin_trap();
    }
    return 0;
}
