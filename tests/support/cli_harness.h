#pragma once
// CliHarness: runs the dactl command line in-process against a FakeProvider
// and a temporary project directory, capturing its output.

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cmd/cli.h"
#include "tests/support/fake_provider.h"
#include "tests/support/temp_dir.h"

namespace dactl::testing {

class CliHarness {
public:
    CliHarness();

    TempDir project;
    FakeProvider org;
    std::map<std::string, std::string> environment;
    std::string input;          ///< what standard input holds
    bool terminal = false;      ///< whether stdin, stdout and stderr are terminals
    int provider_requests = 0;  ///< how many times a provider was asked for
    /// The run's secrets, as a login would teach its redactor (reports the
    /// run writes are cut by it; the harness's streams are not).
    std::vector<std::string> secrets;

    /// Runs `dactl -C <project> <args...>`; answers the exit code.
    int run(std::vector<std::string> args);

    std::string out() const { return m_out.str(); }
    std::string err() const { return m_err.str(); }

private:
    std::ostringstream m_out;
    std::ostringstream m_err;
};

}  // namespace dactl::testing
