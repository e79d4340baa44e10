// nnfixed_fifo_profile.h - FIFO profiling of a host C simulation (NNACCEL_FIFO_PROFILE only).
//
// Why: the host emulation runs dataflow processes one after the other (as Vitis HLS C
// simulation does), so a stream's plain maximum size() is always a whole batch. To size FIFOs,
// this header gives the emulated hls::stream a timing model of the concurrent execution:
//
//  * every process has its own clock; NNHLS_DATAFLOW_PROCESS("name"), which the generated
//    stream-mode top puts before each process call, starts it at 0 (all processes of a
//    DATAFLOW region start together);
//  * a write takes one cycle and stamps the element with the writer's clock (++clock);
//  * a read takes one cycle and waits for the element: clock = max(clock + 1, stamp + 1);
//  * computation takes no time.
// Processes run in dataflow order, so every stamp a reader needs already exists: the times are
// those of a Kahn network whose FIFOs never fill, where each process does one stream operation
// per cycle (deterministic, independent of the execution order).
//
// Per stream (by name, summed over every instance, i.e. every call of the top):
//  * max_occupancy: max over t of (writes at or before t) - (reads at or before t);
//  * with a depth D, write k (0-based) "blocks" when read k-D happens after it (or never):
//    with that depth the writer would wait on a full FIFO. D >= max_occupancy <=> no block.
// The depth of a stream comes from (first match): the file named by NNACCEL_FIFO_DEPTHS (lines
// "name depth", '#' starts a comment), nnfixed_fifo_profile::set_depth(), the stream's DEPTH
// template argument, the table NNACCEL_FIFO_DEPTH_TABLE ("name:depth,name:depth", compiled in
// by the generated project's NAME-profile target from the top's STREAM pragmas); otherwise 0:
// unknown, no blocks counted.
//
// Output: dump(path) writes JSON {"stream": {"max_occupancy", "depth", "blocked_writes",
// "writes", "writer", "reader"}, ...}; at exit it is written to the file named by
// NNACCEL_FIFO_PROFILE_OUT, if set. The model is approximate (docs/cnn.md "FIFO depths").
// Host only, single-threaded: hosted C++17 (inline variables), not for HLS code.
#ifndef NNACCEL_NNFIXED_FIFO_PROFILE_H
#define NNACCEL_NNFIXED_FIFO_PROFILE_H

#if defined(NNFIXED_FREESTANDING)
#error "NNACCEL_FIFO_PROFILE needs the hosted emulation (not NNFIXED_FREESTANDING)"
#endif

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

namespace nnfixed_fifo_profile {

struct StreamStats {
  std::uint64_t max_occupancy = 0;
  std::uint64_t writes = 0;
  std::uint64_t blocked_writes = 0;
  long depth = 0;  // 0: unknown
  std::string writer, reader;
};

class Registry {
 public:
  Registry() {
    load_depth_table();
    load_depth_file();
  }
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;
  ~Registry() {
    const char* out = std::getenv("NNACCEL_FIFO_PROFILE_OUT");
    if (out != nullptr && *out != '\0') dump(out);
  }

  void set_depth(const std::string& name, long depth) { api_depths_[name] = depth; }

  long depth_of(const std::string& name, int template_depth) const {
    if (auto it = file_depths_.find(name); it != file_depths_.end()) return it->second;
    if (auto it = api_depths_.find(name); it != api_depths_.end()) return it->second;
    if (template_depth > 0) return template_depth;
    if (auto it = table_depths_.find(name); it != table_depths_.end()) return it->second;
    return 0;
  }

  // One stream instance's history: write and read times, both ascending (one writer, one reader).
  void record(const std::string& name, const std::vector<std::uint64_t>& wt,
              const std::vector<std::uint64_t>& rt, int template_depth, const std::string& writer,
              const std::string& reader) {
    StreamStats& s = streams_[name];
    s.depth = depth_of(name, template_depth);
    if (s.writer.empty()) s.writer = writer;
    if (s.reader.empty()) s.reader = reader;
    s.writes += wt.size();
    std::size_t j = 0;
    for (std::size_t k = 0; k < wt.size(); ++k) {
      while (j < rt.size() && rt[j] <= wt[k]) ++j;
      const std::uint64_t occ = k + 1 - j;
      if (occ > s.max_occupancy) s.max_occupancy = occ;
    }
    if (s.depth > 0) {
      const std::size_t d = static_cast<std::size_t>(s.depth);
      for (std::size_t k = d; k < wt.size(); ++k) {
        if (k - d >= rt.size() || rt[k - d] > wt[k]) ++s.blocked_writes;
      }
    }
  }

  const std::map<std::string, StreamStats>& streams() const { return streams_; }
  void clear() { streams_.clear(); }

  // Returns false (with a message on stderr) when the file cannot be written.
  bool dump(const char* path) const {
    std::FILE* f = std::fopen(path, "w");
    if (f == nullptr) {
      std::fprintf(stderr, "nnfixed: cannot write the FIFO profile '%s'\n", path);
      return false;
    }
    std::fprintf(f, "{");
    bool first = true;
    for (const auto& [name, s] : streams_) {
      std::fprintf(f,
                   "%s\n  \"%s\": {\"max_occupancy\": %llu, \"depth\": %ld, \"blocked_writes\": "
                   "%llu, \"writes\": %llu, \"writer\": \"%s\", \"reader\": \"%s\"}",
                   first ? "" : ",", escaped(name).c_str(),
                   static_cast<unsigned long long>(s.max_occupancy), s.depth,
                   static_cast<unsigned long long>(s.blocked_writes),
                   static_cast<unsigned long long>(s.writes), escaped(s.writer).c_str(),
                   escaped(s.reader).c_str());
      first = false;
    }
    std::fprintf(f, "\n}\n");
    const bool ok = std::fclose(f) == 0;
    if (!ok) std::fprintf(stderr, "nnfixed: cannot write the FIFO profile '%s'\n", path);
    return ok;
  }

 private:
  // Names are C identifiers in generated code; anything else is escaped so the JSON stays valid.
  static std::string escaped(const std::string& s) {
    std::string r;
    for (char c : s) {
      if (c == '"' || c == '\\') {
        r += '\\';
        r += c;
      } else if (static_cast<unsigned char>(c) < 0x20) {
        char u[8];
        std::snprintf(u, sizeof u, "\\u%04x", static_cast<unsigned>(c));
        r += u;
      } else {
        r += c;
      }
    }
    return r;
  }

  // A bad depth is fatal: a profile against depths other than the ones meant would mislead.
  [[noreturn]] static void bad(const std::string& where, const std::string& what) {
    std::fprintf(stderr, "nnfixed: %s: %s\n", where.c_str(), what.c_str());
    std::exit(2);
  }

  static long parse_depth(const std::string& where, const std::string& v) {
    char* end = nullptr;
    const long d = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || d <= 0 || d > (1L << 30))
      bad(where, "depth '" + v + "' is not an integer 1..2^30");
    return d;
  }

  void load_depth_table() {
#if defined(NNACCEL_FIFO_DEPTH_TABLE)
    const std::string t = NNACCEL_FIFO_DEPTH_TABLE;
    std::size_t p = 0;
    while (p < t.size()) {
      std::size_t e = t.find(',', p);
      if (e == std::string::npos) e = t.size();
      const std::string item = t.substr(p, e - p);
      const std::size_t c = item.find(':');
      if (c == std::string::npos || c == 0)
        bad("NNACCEL_FIFO_DEPTH_TABLE", "bad entry '" + item + "'");
      table_depths_[item.substr(0, c)] =
          parse_depth("NNACCEL_FIFO_DEPTH_TABLE", item.substr(c + 1));
      p = e + 1;
    }
#endif
  }

  void load_depth_file() {
    const char* path = std::getenv("NNACCEL_FIFO_DEPTHS");
    if (path == nullptr || *path == '\0') return;
    std::FILE* f = std::fopen(path, "r");
    if (f == nullptr) bad(std::string("NNACCEL_FIFO_DEPTHS '") + path + "'", "cannot be read");
    std::string line;
    int lineno = 0;
    for (int c = 0; c != EOF;) {
      c = std::fgetc(f);
      if (c != '\n' && c != EOF) {
        line += static_cast<char>(c);
        continue;
      }
      ++lineno;
      if (const std::size_t h = line.find('#'); h != std::string::npos) line.erase(h);
      std::vector<std::string> words;
      std::string w;
      for (char ch : line + " ") {
        if (ch == ' ' || ch == '\t' || ch == '\r') {
          if (!w.empty()) words.push_back(w);
          w.clear();
        } else {
          w += ch;
        }
      }
      line.clear();
      if (words.empty()) continue;
      const std::string where =
          std::string("NNACCEL_FIFO_DEPTHS '") + path + "' line " + std::to_string(lineno);
      if (words.size() != 2) {
        std::fclose(f);
        bad(where, "expected 'stream depth'");
      }
      file_depths_[words[0]] = parse_depth(where, words[1]);
    }
    std::fclose(f);
  }

  std::map<std::string, StreamStats> streams_;
  std::map<std::string, long> file_depths_, api_depths_, table_depths_;
};

inline Registry& registry() {
  static Registry r;
  return r;
}

// The running process's clock (cycle) and name (the process-local clock of the model).
inline std::uint64_t cycle = 0;
inline std::string process = "main";

inline void begin_process(const char* name) {
  registry();  // read the depths before any stream is used (errors show up first)
  cycle = 0;
  process = name;
}

inline void set_depth(const std::string& name, long depth) { registry().set_depth(name, depth); }
inline bool dump(const char* path) { return registry().dump(path); }

}  // namespace nnfixed_fifo_profile

#if !defined(NNHLS_DATAFLOW_PROCESS)
#define NNHLS_DATAFLOW_PROCESS(name) ::nnfixed_fifo_profile::begin_process(name)
#endif

#endif  // NNACCEL_NNFIXED_FIFO_PROFILE_H
