// Placeholder until the emulator lands.
namespace emulator {}
