/* nn-run - runs a .npy data set through any generated accelerator: the model
 * comes from the project's (or board package's) nnaccel-model.desc at run
 * time, so there is no compile per model. Usage, exit codes and the JSON
 * fields: docs/nn-run.md. */
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nndriver/nn_runtime.h"
#include "nr_npy.h"
#include "nr_stats.h"

/* Exit codes (docs/nn-run.md). */
enum {
  EXIT_OK = 0,
  EXIT_USAGE = 2,
  EXIT_INPUT = 3,  /* bad input, output or project file */
  EXIT_DEVICE = 4, /* driver, device library or HAL error */
  EXIT_HWH = 5     /* the .hwh does not match the project */
};

/* Most predict calls one run times (each keeps an 8-byte latency). */
#define NR_MAX_CALLS (1u << 27)

typedef struct args {
  const char *project, *weights, *input, *output;
  uint32_t batch, repeat, timeout_ms;
  int json, quiet;
  nn_rt_options rt;
} args;

static void usage(FILE *f) {
  fprintf(f,
          "usage: nn-run --project DIR --input X.npy --output Y.npy [--weights W.nnw]\n"
          "              [--batch B] [--repeat R] [--hal sim|uio|devmem] [--hwh F.hwh]\n"
          "              [--uio NAME] [--udmabuf NAME] [--uncached]\n"
          "              [--ctrl-base ADDR] [--carveout BASE:SIZE] [--sim-library PATH]\n"
          "              [--timeout-ms T] [--json] [--quiet]\n"
          "  --project      folder with nnaccel-model.desc (a generated project or package)\n"
          "  --input        float32 '<f4' samples, shape [N, <input shape>] or [N, input_size]\n"
          "  --output       float32 results [N, output_size], written atomically\n"
          "  --weights      weight file (default: the descriptor's)\n"
          "  --batch        samples per predict call (default: N, at most the model's max_batch)\n"
          "  --repeat       run the whole input R times for timing (default 1)\n"
          "  --hal          sim (the project's device library, default), uio or devmem\n"
          "  --hwh          check the accelerator in this Vivado .hwh; base address from it\n"
          "  --uio          UIO device name (uio; default: found by address)\n"
          "  --udmabuf      u-dma-buf name (uio; default udmabuf0)\n"
          "  --uncached     map the u-dma-buf uncached (uio)\n"
          "  --ctrl-base    physical base of the control registers (devmem, uio by address)\n"
          "  --carveout     reserved memory for DMA buffers, e.g. 0x70000000:0x1000000 (devmem)\n"
          "  --sim-library  device library (sim; default: the descriptor's sim_library)\n"
          "  --timeout-ms   per device operation (default: the driver's, 1000 ms)\n"
          "  --json         print the figures as one JSON object\n"
          "  --quiet        print nothing on success\n"
          "exit codes: 0 ok, 2 usage, 3 bad input/project file, 4 driver/device error,\n"
          "            5 .hwh mismatch\n");
}

static int die(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int die(int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("nn-run: error: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  exit(code);
}

static uint64_t parse_u64(const char *flag, const char *v, uint64_t lo, uint64_t hi) {
  char *end = NULL;
  errno = 0;
  const unsigned long long n = strtoull(v, &end, 0);
  if (*v == '\0' || *v == '-' || *end != '\0' || errno != 0 || n < lo || n > hi)
    die(EXIT_USAGE, "%s needs a number in %" PRIu64 "..%" PRIu64 ", got '%s'", flag, lo, hi, v);
  return (uint64_t)n;
}

static void parse_args(int argc, char **argv, args *a) {
  memset(a, 0, sizeof *a);
  nn_rt_options_init(&a->rt);
  a->repeat = 1;
  for (int i = 1; i < argc; ++i) {
    const char *f = argv[i];
    if (strcmp(f, "-h") == 0 || strcmp(f, "--help") == 0) {
      usage(stdout);
      exit(EXIT_OK);
    }
    if (strcmp(f, "--json") == 0) {
      a->json = 1;
      continue;
    }
    if (strcmp(f, "--quiet") == 0) {
      a->quiet = 1;
      continue;
    }
    if (strcmp(f, "--uncached") == 0) {
      a->rt.uncached = 1;
      continue;
    }
    if (strncmp(f, "--", 2) != 0) die(EXIT_USAGE, "unexpected argument '%s' (see --help)", f);
    if (i + 1 >= argc) die(EXIT_USAGE, "option %s needs a value (see --help)", f);
    const char *v = argv[++i];
    if (*v == '\0') die(EXIT_USAGE, "option %s needs a non-empty value", f);
    if (strcmp(f, "--project") == 0) {
      a->project = v;
    } else if (strcmp(f, "--weights") == 0) {
      a->weights = v;
    } else if (strcmp(f, "--input") == 0) {
      a->input = v;
    } else if (strcmp(f, "--output") == 0) {
      a->output = v;
    } else if (strcmp(f, "--batch") == 0) {
      a->batch = (uint32_t)parse_u64(f, v, 1, NN_MODEL_TEXT_MAX_BATCH);
    } else if (strcmp(f, "--repeat") == 0) {
      a->repeat = (uint32_t)parse_u64(f, v, 1, 1000000);
    } else if (strcmp(f, "--timeout-ms") == 0) {
      a->timeout_ms = (uint32_t)parse_u64(f, v, 1, UINT32_MAX / 1000u);
    } else if (strcmp(f, "--hal") == 0) {
      if (strcmp(v, "sim") != 0 && strcmp(v, "uio") != 0 && strcmp(v, "devmem") != 0)
        die(EXIT_USAGE, "--hal must be sim, uio or devmem, got '%s'", v);
      a->rt.hal = v;
    } else if (strcmp(f, "--hwh") == 0) {
      a->rt.hwh_path = v;
    } else if (strcmp(f, "--uio") == 0) {
      a->rt.uio_name = v;
    } else if (strcmp(f, "--udmabuf") == 0) {
      a->rt.udmabuf_name = v;
    } else if (strcmp(f, "--sim-library") == 0) {
      a->rt.sim_library = v;
    } else if (strcmp(f, "--ctrl-base") == 0) {
      a->rt.ctrl_base = parse_u64(f, v, 1, UINT64_MAX);
    } else if (strcmp(f, "--carveout") == 0) {
      const char *colon = strchr(v, ':');
      if (colon == NULL || colon == v)
        die(EXIT_USAGE, "--carveout needs BASE:SIZE (e.g. 0x70000000:0x1000000), got '%s'", v);
      char base[64];
      const size_t n = (size_t)(colon - v);
      if (n >= sizeof base) die(EXIT_USAGE, "--carveout: base '%s' is too long", v);
      memcpy(base, v, n);
      base[n] = '\0';
      a->rt.carveout_base = parse_u64("--carveout BASE", base, 0, UINT64_MAX);
      a->rt.carveout_size = parse_u64("--carveout SIZE", colon + 1, 1, UINT64_MAX);
    } else {
      die(EXIT_USAGE, "unknown option '%s' (see --help)", f);
    }
  }
  if (a->project == NULL || a->input == NULL || a->output == NULL) {
    usage(stderr);
    die(EXIT_USAGE, "%s is required",
        a->project == NULL ? "--project"
        : a->input == NULL ? "--input"
                           : "--output");
  }
  if (strcmp(a->rt.hal, "sim") != 0 && a->rt.sim_library != NULL)
    die(EXIT_USAGE, "--sim-library only applies to --hal sim");
  if (strcmp(a->rt.hal, "sim") == 0 && a->rt.ctrl_base != 0u)
    die(EXIT_USAGE, "--ctrl-base only applies to --hal uio or devmem");
  if (strcmp(a->rt.hal, "devmem") != 0 && a->rt.carveout_size != 0u)
    die(EXIT_USAGE, "--carveout only applies to --hal devmem");
  if (strcmp(a->rt.hal, "uio") != 0 &&
      (a->rt.uio_name != NULL || a->rt.udmabuf_name != NULL || a->rt.uncached))
    die(EXIT_USAGE, "--uio, --udmabuf and --uncached only apply to --hal uio");
  a->rt.timeout_us = a->timeout_ms * 1000u;
}

static int exit_code_of(int rc) {
  switch (rc) {
    case NN_RT_E_USAGE:
      return EXIT_USAGE;
    case NN_RT_E_FILE:
      return EXIT_INPUT;
    case NN_RT_E_HWH:
      return EXIT_HWH;
    default:
      return EXIT_DEVICE;
  }
}

/* Accepts [N, <model input shape>] or [N, input_size]. */
static void check_input(const char *path, const nr_array *x, const nn_model_desc *d) {
  int ok = x->rank >= 2u;
  if (ok) {
    int exact = x->rank == d->input_rank + 1u;
    for (uint32_t i = 0; exact && i < d->input_rank; ++i)
      exact = x->shape[i + 1u] == d->input_shape[i];
    ok = exact || (x->rank == 2u && x->shape[1] == d->input_size);
  }
  if (!ok) {
    char got[160], want[96] = "(N";
    nr_shape_text(x, got, sizeof got);
    for (uint32_t i = 0; i < d->input_rank; ++i)
      snprintf(want + strlen(want), sizeof want - strlen(want), ", %u",
               (unsigned)d->input_shape[i]);
    die(EXIT_INPUT, "%s: input has shape %s, model '%s' expects %s) or (N, %u)", path, got, d->name,
        want, (unsigned)d->input_size);
  }
  if (x->shape[0] == 0u) die(EXIT_INPUT, "%s: holds no samples", path);
}

static uint64_t now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void json_string(const char *s) {
  putchar('"');
  for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; ++p) {
    if (*p == '"' || *p == '\\') {
      printf("\\%c", *p);
    } else if (*p < 0x20u || *p >= 0x7Fu) {
      printf("\\u%04x", *p); /* bytes shown one by one: the output stays ASCII */
    } else {
      putchar(*p);
    }
  }
  putchar('"');
}

int main(int argc, char **argv) {
  args a;
  parse_args(argc, argv, &a);

  /* The descriptor first: --batch and the input are checked against it before anything heavy. */
  nn_model_text desc;
  char err[8192];
  int rc = nn_rt_read_desc(a.project, &desc, err, sizeof err);
  if (rc != NN_OK) die(exit_code_of(rc), "%s", err);
  if (a.batch > desc.desc.max_batch)
    die(EXIT_USAGE,
        "--batch %u exceeds the project's maximum batch of %u (nngen generate --max-batch sizes "
        "the buffers)",
        (unsigned)a.batch, (unsigned)desc.desc.max_batch);

  nr_array x;
  const size_t limit = sizeof(size_t) >= 8u ? ((size_t)2 << 30) : ((size_t)512 << 20);
  if (nr_npy_read(a.input, limit, &x, err, sizeof err) != 0) die(EXIT_INPUT, "%s", err);
  check_input(a.input, &x, &desc.desc);
  const uint64_t n = x.shape[0];
  /* Like NAME-sim: the run goes on (the accelerator saturates them), but the user should know. */
  size_t bad = 0, first_bad = 0;
  for (size_t i = 0; i < x.count; ++i) {
    if (!isfinite(x.data[i]) && bad++ == 0) first_bad = i;
  }
  if (bad > 0)
    fprintf(stderr,
            "nn-run: warning: %s: %zu non-finite value(s) (NaN or infinity), the first in sample "
            "%zu; the fixed-point accelerator saturates them\n",
            a.input, bad, first_bad / desc.desc.input_size);
  const uint32_t chunk = a.batch != 0u             ? a.batch
                         : n < desc.desc.max_batch ? (uint32_t)n
                                                   : desc.desc.max_batch;
  a.rt.max_batch = chunk;
  /* One latency per call is kept: bound the count before allocating. */
  const uint64_t calls = (n + chunk - 1u) / chunk * a.repeat;
  if (calls > NR_MAX_CALLS) {
    die(EXIT_USAGE,
        "%" PRIu64 " predict calls (%" PRIu64
        " samples / batch %u x repeat %u) are more than the "
        "%u nn-run times; use a larger --batch or a smaller --repeat",
        calls, n, (unsigned)chunk, (unsigned)a.repeat, (unsigned)NR_MAX_CALLS);
  }

  nn_rt_device *dev = NULL;
  rc = nn_rt_open(&dev, a.project, &a.rt, err, sizeof err);
  if (rc != NN_OK) die(exit_code_of(rc), "%s", err);
  const nn_model_desc *d = &nn_rt_model(dev)->desc;
  rc = nn_rt_load_weights_file(dev, a.weights);
  if (rc != NN_OK) {
    const int code = rc == NN_RT_E_FILE ? EXIT_INPUT : EXIT_DEVICE;
    fprintf(stderr, "nn-run: error: %s\n", nn_rt_last_error(dev));
    nn_rt_close(dev);
    nr_array_free(&x);
    return code;
  }

  /* 64-bit arithmetic: on a 32-bit board N x output_size floats may not fit a size_t. */
  const uint64_t y_bytes = n * (uint64_t)d->output_size * sizeof(float);
  if (y_bytes > (uint64_t)limit) {
    nn_rt_close(dev);
    die(EXIT_INPUT,
        "%s: %" PRIu64 " samples x %u outputs need %" PRIu64
        " bytes of results, more than the %zu this system allows",
        a.input, n, (unsigned)d->output_size, y_bytes, limit);
  }
  float *y = malloc((size_t)y_bytes);
  uint64_t *lat = malloc((size_t)calls * sizeof(uint64_t));
  if (y == NULL || lat == NULL) die(EXIT_DEVICE, "out of memory for %" PRIu64 " outputs", n);
  nn_rt_reset_stats(dev);
  size_t k = 0;
  const uint64_t t0 = now_ns();
  for (uint32_t r = 0; r < a.repeat; ++r) {
    for (uint64_t s = 0; s < n; s += chunk) {
      const uint32_t b = (uint32_t)(n - s < chunk ? n - s : chunk);
      const uint64_t c0 = now_ns();
      rc = nn_rt_predict(dev, x.data + s * d->input_size, y + s * d->output_size, b);
      lat[k++] = now_ns() - c0;
      if (rc != NN_OK) {
        fprintf(stderr, "nn-run: error: samples %" PRIu64 "..%" PRIu64 ": %s\n", s, s + b - 1u,
                nn_rt_last_error(dev));
        nn_rt_close(dev);
        nr_array_free(&x);
        free(y);
        free(lat);
        return EXIT_DEVICE;
      }
    }
  }
  const double wall_s = (double)(now_ns() - t0) / 1e9;
  nn_stats st;
  nn_rt_get_stats(dev, &st);
  char hal[16], name[64];
  snprintf(hal, sizeof hal, "%s", nn_rt_hal_name(dev));
  snprintf(name, sizeof name, "%s", d->name);
  const uint32_t signature = d->signature, outputs = d->output_size;
  nn_rt_close(dev);
  nr_array_free(&x);

  if (nr_npy_write_2d(a.output, y, n, outputs, err, sizeof err) != 0) die(EXIT_INPUT, "%s", err);
  free(y);

  const nr_latency l = nr_latency_of(lat, k);
  free(lat);
  const double samples = (double)n * a.repeat;
  const double throughput = wall_s > 0 ? samples / wall_s : 0.0;
  /* The driver counts the completion wait's AP_CTRL polls apart (wait_mmio_reads): the part a
   * predict costs besides waiting is what the lean path bounds (docs/driver.md). */
  const double per_call = st.predict_calls ? 1.0 / (double)st.predict_calls : 0.0;
  const double mmio = (double)(st.mmio_reads + st.mmio_writes - st.wait_mmio_reads) * per_call;
  const double wait_mmio = (double)st.wait_mmio_reads * per_call;
  if (a.json) {
    printf("{\"model\": ");
    json_string(name);
    printf(", \"signature\": \"0x%08x\", \"hal\": ", (unsigned)signature);
    json_string(hal);
    printf(", \"samples\": %" PRIu64 ", \"batch\": %u, \"repeat\": %u, \"predict_calls\": %zu", n,
           (unsigned)chunk, (unsigned)a.repeat, k);
    printf(
        ", \"latency_us\": {\"min\": %.3f, \"median\": %.3f, \"p99\": %.3f, \"max\": %.3f, "
        "\"mean\": %.3f}",
        (double)l.min_ns / 1e3, (double)l.median_ns / 1e3, (double)l.p99_ns / 1e3,
        (double)l.max_ns / 1e3, l.mean_ns / 1e3);
    printf(", \"wall_s\": %.6f, \"throughput_samples_per_s\": %.1f", wall_s, throughput);
    printf(", \"mmio_per_predict\": %.2f, \"wait_polls_per_predict\": %.2f", mmio, wait_mmio);
    printf(", \"device_time_us\": %" PRIu64, st.device_time_us);
    printf(", \"output\": ");
    json_string(a.output);
    printf(", \"output_shape\": [%" PRIu64 ", %u]}\n", n, (unsigned)outputs);
  } else if (!a.quiet) {
    printf("model:             %s (signature 0x%08x), HAL %s\n", name, (unsigned)signature, hal);
    printf("samples:           %" PRIu64 " x %u repeat(s), %zu predict calls of <= %u\n", n,
           (unsigned)a.repeat, k, (unsigned)chunk);
    printf("latency per call:  min %.1f us, median %.1f us, p99 %.1f us\n", (double)l.min_ns / 1e3,
           (double)l.median_ns / 1e3, (double)l.p99_ns / 1e3);
    printf("throughput:        %.1f samples/s (%.3f s)\n", throughput, wall_s);
    printf("MMIO per predict:  %.1f register accesses + %.1f completion polls\n", mmio, wait_mmio);
    printf("output:            %s (%" PRIu64 ", %u)\n", a.output, n, (unsigned)outputs);
  }
  return EXIT_OK;
}
