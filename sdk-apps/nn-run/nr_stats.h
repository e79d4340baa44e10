/* nr_stats.h - latency figures of nn-run: min, median and p99 by the
 * nearest-rank method (the smallest latency with at least that share of all
 * calls at or below it), over every timed predict call. */
#ifndef NN_RUN_NR_STATS_H
#define NN_RUN_NR_STATS_H

#include <stddef.h>
#include <stdint.h>

typedef struct nr_latency {
  uint64_t min_ns, median_ns, p99_ns, max_ns;
  double mean_ns;
} nr_latency;

/* Sorts `ns` in place. n == 0 gives all zeros. */
nr_latency nr_latency_of(uint64_t *ns, size_t n);

/* Nearest rank of percentile p (0 < p <= 100) among n sorted values: the index. */
size_t nr_rank_index(size_t n, unsigned p);

#endif
