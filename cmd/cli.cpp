// Placeholder until the command-line interface lands.
namespace dactl {}
