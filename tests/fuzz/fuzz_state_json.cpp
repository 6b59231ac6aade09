// libFuzzer target: the state file decoder. A state that decodes must encode,
// and what it encodes to must decode to the same text again (a state written
// by dactl is always readable by dactl).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/state/state_codec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view json(reinterpret_cast<const char*>(data), size);
    dactl::Result<dactl::State> state = dactl::decode_state(json);
    if (!state) {
        return 0;
    }
    const std::string written = dactl::encode_state(*state);
    dactl::Result<dactl::State> reread = dactl::decode_state(written);
    if (!reread || dactl::encode_state(*reread) != written) {
        __builtin_trap();
    }
    return 0;
}
