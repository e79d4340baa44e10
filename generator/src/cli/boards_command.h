// nngen boards [--json]: the board database (boards/boards.json) as a table or as JSON, so a user
// can see which part, PS, ports and DDR windows a --board id stands for (docs/boards.md).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace nngen::cli {

struct BoardsOptions {
  bool json = false;
};

// Adds the subcommand to `app`; returns it (main checks whether it was given).
CLI::App* add_boards_command(CLI::App& app, BoardsOptions& o);

// The text to print on stdout.
std::string run_boards(const BoardsOptions& o);

}  // namespace nngen::cli
