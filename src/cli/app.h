// Parses the command line (CLI11) and runs one subcommand. Returns the process exit code:
// 0 on success, 2 for a usage, input or configuration error (one line on stderr), 1 for a
// failure of the machine.
#pragma once

namespace broadsheet::cli {

int RunApp(int argc, char** argv);

}  // namespace broadsheet::cli
