#include <cstdio>
int main() { std::puts("dactl " DACTL_VERSION); return 0; }
