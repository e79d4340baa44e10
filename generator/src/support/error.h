// Error: the one exception type library code throws. Only cli/main.cpp catches
// it, prints the message and chooses the exit code, so no library function
// ever prints or exits (docs/design.md, "Errors and untrusted input").
#pragma once

#include <stdexcept>
#include <string>

namespace nngen {

// Exit codes of nngen, part of its interface (docs/nngen.md).
enum class ExitCode : int {
  kOk = 0,
  kUsage = 2,        // bad command line
  kBadInput = 3,     // malformed or unsupported model, bad data file
  kMismatch = 4,     // weights for another architecture, project mismatch
  kIo = 5,           // cannot read or write a file
  kInternal = 70,    // a bug in nngen
};

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

// Shorthands naming the kind of failure at the throw site.
[[noreturn]] inline void fail_input(const std::string& m) { throw Error(ExitCode::kBadInput, m); }
[[noreturn]] inline void fail_mismatch(const std::string& m) { throw Error(ExitCode::kMismatch, m); }
[[noreturn]] inline void fail_io(const std::string& m) { throw Error(ExitCode::kIo, m); }
[[noreturn]] inline void fail_usage(const std::string& m) { throw Error(ExitCode::kUsage, m); }
[[noreturn]] inline void fail_internal(const std::string& m) {
  throw Error(ExitCode::kInternal, "internal error: " + m);
}

}  // namespace nngen
