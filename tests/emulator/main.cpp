#include <cstdio>
int main() { std::puts("genesys-emulator: not built yet"); return 1; }
