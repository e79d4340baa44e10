/* nr_stats.c - see nr_stats.h. */
#include "nr_stats.h"

#include <stdlib.h>

static int cmp_u64(const void *a, const void *b) {
  const uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

size_t nr_rank_index(size_t n, unsigned p) {
  /* rank = ceil(p/100 * n), 1-based; integer arithmetic avoids rounding surprises. */
  size_t rank = (size_t)(((uint64_t)n * p + 99u) / 100u);
  if (rank == 0u) rank = 1u;
  return rank - 1u;
}

nr_latency nr_latency_of(uint64_t *ns, size_t n) {
  nr_latency l = {0, 0, 0, 0, 0.0};
  if (n == 0u) return l;
  qsort(ns, n, sizeof ns[0], cmp_u64);
  double sum = 0.0;
  for (size_t i = 0; i < n; ++i) sum += (double)ns[i];
  l.min_ns = ns[0];
  l.max_ns = ns[n - 1u];
  l.median_ns = ns[nr_rank_index(n, 50)];
  l.p99_ns = ns[nr_rank_index(n, 99)];
  l.mean_ns = sum / (double)n;
  return l;
}
