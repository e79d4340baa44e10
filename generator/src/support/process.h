// Running the external tools nngen drives (cmake, the cross compilers, QEMU, Vitis HLS, Vivado):
// PATH lookup and fork/exec/wait, so every command reports exit statuses the same way.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace nngen {

// An executable `name` on PATH (or `name` itself when it holds a slash); empty if none.
std::filesystem::path find_program(const std::string& name);

// argv as execvp wants it: pointers into `argv`'s strings, then nullptr.
std::vector<char*> c_argv(std::vector<std::string>& argv);

// Waits for child `pid` (through EINTR): its exit status, 128+N when killed by signal N, -1 if it
// cannot be waited for.
int wait_child(int pid);

struct RunOptions {
  std::filesystem::path cwd;      // empty: ours
  bool stdout_to_stderr = false;  // the child's stdout goes to our stderr
  std::string who;                // prefix of the message when the program cannot be started
};

// Runs argv (PATH lookup) and waits: wait_child's result (127 when exec or chdir failed, with a
// message on stderr).
int run_program(std::vector<std::string> argv, const RunOptions& o);

}  // namespace nngen
