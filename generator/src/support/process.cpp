#include "support/process.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>

namespace nngen {

namespace fs = std::filesystem;

fs::path find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? name : "";
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const fs::path p = fs::path(dir.empty() ? "." : dir) / name;
    std::error_code ec;
    if (fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0) return p;
  }
  return {};
}

std::vector<char*> c_argv(std::vector<std::string>& argv) {
  std::vector<char*> v;
  for (std::string& a : argv) v.push_back(a.data());
  v.push_back(nullptr);
  return v;
}

int wait_child(int pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  return 128 + WTERMSIG(status);
}

int run_program(std::vector<std::string> argv, const RunOptions& o) {
  std::vector<char*> args = c_argv(argv);
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    if (!o.cwd.empty() && ::chdir(o.cwd.c_str()) != 0) {
      std::fprintf(stderr, "%s: cannot enter %s: %s\n", o.who.c_str(), o.cwd.c_str(),
                   std::strerror(errno));
      ::_exit(127);
    }
    if (o.stdout_to_stderr) ::dup2(STDERR_FILENO, STDOUT_FILENO);
    ::execvp(args[0], args.data());
    std::fprintf(stderr, "%s: cannot run %s: %s\n", o.who.c_str(), args[0], std::strerror(errno));
    ::_exit(127);
  }
  return wait_child(pid);
}

}  // namespace nngen
