// libFuzzer target: the state file decoder. A state that decodes must encode,
// and what it encodes to must decode again to the same state: lineage, serial,
// and per action its identity, version, time and managed values (secret header
// values masked). The stored documents are not compared byte for byte: a float
// with an extreme exponent may move by one unit in the last place (see
// engine/state/state_codec.cpp).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/model/secrets.h"
#include "engine/state/state_codec.h"

namespace {

bool same_entry(const dactl::StateAction& read, const dactl::StateAction& reread) {
    return read.address == reread.address && read.id == reread.id && read.name == reread.name &&
           read.version == reread.version && read.applied_at == reread.applied_at &&
           dactl::masked(read.managed) == reread.managed;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view json(reinterpret_cast<const char*>(data), size);
    dactl::Result<dactl::State> state = dactl::decode_state(json);
    if (!state) {
        return 0;
    }
    dactl::Result<dactl::State> reread = dactl::decode_state(dactl::encode_state(*state));
    if (!reread || reread->lineage != state->lineage || reread->serial != state->serial ||
        reread->actions.size() != state->actions.size()) {
        __builtin_trap();  // what dactl writes, dactl must read
    }
    for (std::size_t i = 0; i < state->actions.size(); ++i) {
        if (!same_entry(state->actions[i], reread->actions[i])) {
            __builtin_trap();
        }
    }
    return 0;
}
