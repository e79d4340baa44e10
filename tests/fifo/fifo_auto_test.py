#!/usr/bin/env python3
"""End-to-end test of `nngen generate --fifo-depths auto` (docs/cnn.md "FIFO depths").

--model NAME: generates the fixture tests/fixtures/models/NAME with --fifo-depths auto and with
the default one-sample depths, then checks that
  * the summary reports, per FIFO, the measured occupancy, the depth (occupancy + max(2,
    occupancy // 8)), the one-sample depth and 0 blocked writes;
  * the STREAM pragmas carry exactly those depths, and at least one is below the one-sample one;
  * the final project's own NAME-profile build (its depths read from its pragmas) reports the
    same occupancies and 0 blocked writes on the calibration samples (one sample per call, as
    nngen profiles);
  * its outputs are bit-identical to those of the one-sample project's NAME-sim.
--errors: the usage and tool errors of --fifo-depths (exit codes 2, 6, 7; nothing written).
Only the standard library: no numpy needed.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

PRAGMA = re.compile(r"^\s*#pragma HLS STREAM variable = (\w+) depth = (\d+)\s*$", re.M)
ROW = re.compile(r"^    (s_\w+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(-?\d+)(.*)$", re.M)

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what, file=sys.stderr)


def run(argv, env=None, **kw):
    print("$ " + " ".join(argv), file=sys.stderr)
    e = dict(os.environ)
    if env:
        e.update(env)
    return subprocess.run(argv, env=e, capture_output=True, text=True, **kw)


def must(r, what):
    if r.returncode != 0:
        sys.stderr.write(r.stdout + r.stderr)
        sys.exit("FAIL: %s exited with %d" % (what, r.returncode))
    return r


def pragmas(project):
    with open(os.path.join(project, "hls", "net_accel.cpp")) as f:
        return {m.group(1): int(m.group(2)) for m in PRAGMA.finditer(f.read())}


def build(project, target):
    b = os.path.join(project, "build")
    gen = ["-G", "Ninja"] if shutil.which("ninja") else []
    must(run(["cmake", "-S", project, "-B", b, "-DCMAKE_BUILD_TYPE=Release"] + gen), "configure")
    must(run(["cmake", "--build", b, "--target", target, "-j2"]), "build " + target)
    return os.path.join(b, target)


def model_test(a):
    fx = os.path.join(a.source, "tests", "fixtures", "models", a.model)
    onnx, calib = os.path.join(fx, "model.onnx"), os.path.join(fx, "X_calib.npy")
    work = os.path.join(a.work, a.model)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    auto, sample = os.path.join(work, "auto"), os.path.join(work, "sample")

    r = must(run([a.nngen, "generate", onnx, "-o", auto, "--name", "net", "--calibrate", calib,
                  "--fifo-depths", "auto"]), "nngen generate --fifo-depths auto")
    print(r.stdout)
    rows = {m.group(1): tuple(int(m.group(k)) for k in range(2, 6)) + (m.group(6),)
            for m in ROW.finditer(r.stdout)}
    check(len(rows) > 0, "the summary has a FIFO table")
    check("blocked 0 write(s)" in r.stdout, "the summary reports the check run's 0 blocked writes")
    auto_depths = pragmas(auto)
    check(set(rows) == set(auto_depths),
          "the table lists every FIFO: %s vs %s" % (sorted(rows), sorted(auto_depths)))
    smaller = 0
    for s, (occ, depth, one, blocked, note) in rows.items():
        check(note.strip() == "", "%s: depth rule is 'measured' (%r)" % (s, note))
        check(depth == occ + max(2, occ // 8), "%s: depth %d = %d + max(2, %d // 8)" % (s, depth, occ, occ))
        check(auto_depths.get(s) == depth, "%s: pragma depth %s == reported %d" % (s, auto_depths.get(s), depth))
        check(blocked == 0, "%s: 0 blocked writes in the check run (%d)" % (s, blocked))
        check(occ >= 1, "%s: something went through (occupancy %d)" % (s, occ))
        smaller += depth < one
    check(smaller > 0, "at least one measured depth is below its one-sample depth")
    with open(os.path.join(auto, "nnaccel-project.json")) as f:
        manifest = json.load(f)
    check(manifest.get("fifo_depths") == auto_depths,
          "the manifest records the measured depths (so `nngen weights` rebuilds the same design)")

    with open(os.path.join(auto, "report.json")) as f:
        rep = {x["stream"]: x for x in json.load(f)["fifos"]}
    for s, (occ, depth, one, blocked, note) in rows.items():
        x = rep.get(s, {})
        check((x.get("depth"), x.get("occupancy"), x.get("rule")) == (depth, occ, "measured"),
              "%s: report.json gives depth %d, occupancy %d, rule measured (%r)" % (s, depth, occ, x))

    w = os.path.join(work, "w.nnw")
    must(run([a.nngen, "weights", onnx, "--project", auto, "-o", w]),
         "nngen weights on the measured project (same architecture without profiling again)")
    with open(w, "rb") as f1, open(os.path.join(auto, "weights", "net.nnw"), "rb") as f2:
        check(f1.read() == f2.read(), "nngen weights rewrites the project's weight file")

    if a.model == "cnn_residual":
        # A configured depth wins and is not checked against the measurement: the report shows
        # the writes it would block (the residual connection needs far more than 4).
        cfg = os.path.join(work, "config.json")
        with open(cfg, "w") as f:
            json.dump({"fifo_depths": {"s_split0_1": 4}}, f)
        conf = os.path.join(work, "configured")
        r = must(run([a.nngen, "generate", onnx, "-o", conf, "--name", "net", "--calibrate", calib,
                      "--fifo-depths", "auto", "--config", cfg]), "auto with a configured depth")
        crow = {m.group(1): m for m in ROW.finditer(r.stdout)}
        c = crow.get("s_split0_1")
        check(c is not None and c.group(3) == "4" and int(c.group(5)) > 0 and
              "(configured)" in c.group(6), "configured s_split0_1: depth 4, blocked writes > 0")
        check(pragmas(conf).get("s_split0_1") == 4, "configured depth in the pragma")
        check("blocked 0 write(s)" not in r.stdout, "the check line counts the configured blocks")
        check("s_split0_1: the configured depth 4 is below the measured occupancy" in r.stdout,
              "a note names the configured FIFO below its occupancy")
        check(all(pragmas(conf).get(s) == d for s, d in auto_depths.items() if s != "s_split0_1"),
              "the other FIFOs keep their measured depths")

    must(run([a.nngen, "generate", onnx, "-o", sample, "--name", "net", "--calibrate", calib]),
         "nngen generate (one-sample depths)")
    sample_depths = pragmas(sample)
    for s, row in rows.items():
        check(sample_depths.get(s) == row[2], "%s: one-sample depth %s == reported %d" % (s, sample_depths.get(s), row[2]))

    prof = build(auto, "net-profile")
    out = os.path.join(work, "profile.json")
    y_auto, y_sample = os.path.join(work, "y_auto.npy"), os.path.join(work, "y_sample.npy")
    must(run([prof, "--input", calib, "--output", y_auto, "--batch", "1", "--quiet"],
             env={"NNACCEL_FIFO_PROFILE_OUT": out}), "net-profile")
    with open(out) as f:
        p = json.load(f)
    for s, depth in auto_depths.items():
        st = p.get(s)
        check(st is not None, "%s is in the final design's profile" % s)
        if st is None:
            continue
        check(st["depth"] == depth, "%s: the profile build read depth %d from the pragma (%d)" % (s, depth, st["depth"]))
        check(st["blocked_writes"] == 0, "%s: 0 blocked writes in the final design (%d)" % (s, st["blocked_writes"]))
        check(st["max_occupancy"] == rows[s][0], "%s: same occupancy as measured (%d, %d)" % (s, st["max_occupancy"], rows[s][0]))
    sim = build(sample, "net-sim")
    must(run([sim, "--input", calib, "--output", y_sample, "--quiet"]), "net-sim of the one-sample project")
    with open(y_auto, "rb") as f1, open(y_sample, "rb") as f2:
        check(f1.read() == f2.read(), "outputs are bit-identical to the one-sample design's")


def expect(r, code, text, what):
    check(r.returncode == code, "%s: exit %d (got %d: %s)" % (what, code, r.returncode, r.stderr.strip()))
    check(text in r.stderr, "%s: message %r in %r" % (what, text, r.stderr.strip()))


def errors_test(a):
    fx = os.path.join(a.source, "tests", "fixtures", "models", "cnn_residual")
    onnx, calib = os.path.join(fx, "model.onnx"), os.path.join(fx, "X_calib.npy")
    work = os.path.join(a.work, "errors")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    out = os.path.join(work, "out")
    base = [a.nngen, "generate", onnx, "-o", out, "--name", "net"]
    expect(run(base + ["--fifo-depths", "auto"]), 2, "--fifo-depths auto needs --calibrate",
           "auto without --calibrate")
    expect(run(base + ["--fifo-depths", "fast", "--calibrate", calib]), 2,
           "--fifo-depths must be sample or auto, got 'fast'", "unknown --fifo-depths")
    expect(run(base + ["--fifo-depths", "auto", "--calibrate", calib, "--io", "parallel"]), 2,
           "--io parallel has none", "auto with --io parallel")
    expect(run(base + ["--fifo-depths", "auto", "--calibrate", calib], env={"PATH": "/nonexistent"}),
           6, "cmake not found: install the Debian package cmake", "no cmake on PATH")
    r = run(base + ["--fifo-depths", "auto", "--calibrate", calib], env={"CXX": "/bin/false"})
    expect(r, 7, "failed (see above; the folder is kept)", "a compiler that fails")
    m = re.search(r"in (/\S+/build) failed", r.stderr)
    if m:  # the kept folder, removed here to leave nothing behind
        shutil.rmtree(os.path.dirname(m.group(1)), ignore_errors=True)
    check(not os.path.exists(out), "nothing is written after an error")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nngen", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--model")
    ap.add_argument("--errors", action="store_true")
    a = ap.parse_args()
    if a.errors:
        errors_test(a)
    else:
        model_test(a)
    if failures:
        sys.exit("%d check(s) failed" % len(failures))
    print("ok")


if __name__ == "__main__":
    main()
