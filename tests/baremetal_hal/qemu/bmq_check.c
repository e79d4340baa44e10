/* bmq_check.c - verdict lines and the failure count. */
#include "bmq_check.h"

static int failures;

int bmq_check(int ok, const char *what) {
  bt_str(ok ? "bmq: ok " : "bmq: FAIL ");
  bt_str(what);
  bt_nl();
  if (!ok) ++failures;
  return ok;
}

int bmq_check_u64(uint64_t got, uint64_t want, const char *what) {
  if (got == want) return bmq_check(1, what);
  bt_str("bmq: FAIL ");
  bt_str(what);
  bt_str(": got ");
  bt_u64(got);
  bt_str(", expected ");
  bt_u64(want);
  bt_nl();
  ++failures;
  return 0;
}

int bmq_failures(void) { return failures; }

void bmq_note(const char *text) {
  bt_str("bmq: ");
  bt_str(text);
}
