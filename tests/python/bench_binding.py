"""What the Python binding costs over the C runtime, on the same virtual board (not a test).

For each batch size the digits fixture runs through `nn-run --json` (C: nn_rt_predict in a loop,
the baseline) and through nnaccel.Accelerator.predict (Python: ctypes + NumPy checks per call),
same project, same samples, same repeat count, in this run. Prints a table; the ratio is Python's
throughput over C's, and the overhead is the extra wall time per predict call.

    NNACCEL_BUILD_DIR=build /usr/bin/python3 tests/python/bench_binding.py
(ctest -L bench runs it as python_bench; ./scripts/test excludes that label)
"""

import json
import pathlib
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).parent))
import numpy as np  # noqa: E402

import conftest  # noqa: E402  (paths, NNACCEL_LIBRARY, build_project)
import nnaccel  # noqa: E402

REPEAT = 20


def c_throughput(project, x_path, batch):
    out = pathlib.Path(tempfile.mkdtemp()) / "y.npy"
    p = conftest.run([conftest.BUILD_DIR / "bin" / "nn-run", "--project", project, "--input",
                      x_path, "--output", out, "--batch", str(batch), "--repeat", str(REPEAT),
                      "--json"])
    return json.loads(p.stdout)["throughput_samples_per_s"]


def py_throughput(acc, x, batch):
    chunks = [x[i:i + batch] for i in range(0, len(x), batch)]
    for c in chunks:  # warm-up
        acc.predict(c)
    t0 = time.perf_counter()
    for _ in range(REPEAT):
        for c in chunks:
            acc.predict(c)
    return REPEAT * len(x) / (time.perf_counter() - t0)


def main():
    work = pathlib.Path(tempfile.mkdtemp(prefix="nnaccel-bench-"))
    model, calib = conftest.FIXTURES["digits"]
    project = conftest.build_project("digits", model, calib, work / "digits")
    x_path = model.parent / "X_test.npy"
    x = np.load(x_path)
    print("digits (360 samples, 64 -> 10), virtual board, %d repeats; baseline: nn-run (C)"
          % REPEAT)
    print("| batch | C samples/s | Python samples/s | Python / C | overhead per call (us) |")
    print("|---|---|---|---|---|")
    with nnaccel.Accelerator(project) as acc:
        for batch in (1, 8, 64, 360):
            c = c_throughput(project, x_path, batch)
            py = py_throughput(acc, x, batch)
            overhead_us = (batch / py - batch / c) * 1e6
            print("| %d | %.0f | %.0f | %.2f | %.1f |" % (batch, c, py, py / c, overhead_us))
    return 0


if __name__ == "__main__":
    sys.exit(main())
