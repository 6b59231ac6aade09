#include "cmd/guarded_output.h"

#include <csignal>
#include <ostream>
#include <unistd.h>

#include <catch2/catch.hpp>

using dactl::Redactor;
using dactl::cli::GuardedOutput;

namespace {

// A pipe: what the guard writes is read back from the other end.
struct Pipe {
    int ends[2] = {-1, -1};
    Pipe() { REQUIRE(::pipe(ends) == 0); }
    ~Pipe() {
        for (int end : ends) {
            if (end >= 0) {
                ::close(end);
            }
        }
    }
    std::string read_all() {
        ::close(ends[1]);
        ends[1] = -1;
        std::string text;
        char buffer[256];
        for (ssize_t n; (n = ::read(ends[0], buffer, sizeof buffer)) > 0;) {
            text.append(buffer, static_cast<std::size_t>(n));
        }
        return text;
    }
};

}  // namespace

TEST_CASE("guarded output cuts the run's secrets out of what it writes", "[cli][secrets]") {
    Pipe pipe;
    Redactor redactor;
    redactor.add("tok-12345678");
    std::atomic<bool> interrupted{false};
    std::atomic<bool> failed{false};
    {
        GuardedOutput guard(pipe.ends[1], redactor, interrupted, failed);
        std::ostream out(&guard);
        out << "Error: the API said Bearer "
            << "tok-12345678"
            << " is bad\n"
            << "partial" << std::flush;
    }
    REQUIRE(pipe.read_all() == "Error: the API said Bearer (sensitive) is bad\npartial");
    REQUIRE_FALSE(failed);
    REQUIRE_FALSE(interrupted);
}

TEST_CASE("a closed reader is a failed write that interrupts the run, not a SIGPIPE death",
          "[cli][interrupt]") {
    std::signal(SIGPIPE, SIG_IGN);
    Pipe pipe;
    ::close(pipe.ends[0]);
    pipe.ends[0] = -1;
    Redactor redactor;
    std::atomic<bool> interrupted{false};
    std::atomic<bool> failed{false};
    GuardedOutput guard(pipe.ends[1], redactor, interrupted, failed);
    std::ostream out(&guard);

    out << "action.a: applied, version 3 -> 4\n" << std::flush;

    REQUIRE(failed);
    REQUIRE(interrupted);
    out << "more\n" << std::flush;  // dropped, harmlessly
    std::signal(SIGPIPE, SIG_DFL);
}
