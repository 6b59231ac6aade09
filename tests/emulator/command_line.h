#pragma once
// The genesys-emulator command line.

#include <string>
#include <vector>

#include "engine/util/result.h"
#include "tests/emulator/oauth.h"
#include "tests/emulator/organization.h"
#include "tests/emulator/settings.h"

namespace dactl::emulator {

enum class Verbosity { normal, quiet };

struct CommandLine {
    std::string seed_path;
    int port = 0;
    std::string port_file;  ///< "" when not asked for
    ClientCredentials client;
    OrgIdentity organization;
    Settings settings;
    Verbosity verbosity = Verbosity::normal;
    bool help = false;
    bool plain_auth_ids = false;  ///< --auth-ids plain: see plain_auth_ids()
};

/// Parses the arguments after the program name ("--flag VALUE" or "--flag=VALUE").
/// Fails with a one-line message naming the flag and what it expects; --seed,
/// --client-id and --client-secret are required unless --help is given.
Result<CommandLine> parse_command_line(const std::vector<std::string>& arguments);

/// The --help text.
std::string usage();

}  // namespace dactl::emulator
