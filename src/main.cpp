// broadsheet: one binary, many subcommands (cli/app.cpp lists them).
#include "cli/app.h"

int main(int argc, char** argv) { return broadsheet::cli::RunApp(argc, argv); }
