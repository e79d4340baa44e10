"""Shared set-up of the binding tests: where the build is, and generated + built projects.

ctest passes the build and source folders (tests/python/CMakeLists.txt); run by hand with
    NNACCEL_BUILD_DIR=build NNACCEL_SOURCE_DIR=. /usr/bin/python3 -m pytest tests/python
"""

import os
import pathlib
import subprocess
import sys
import threading

import numpy as np
import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("NNACCEL_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
BUILD_DIR = pathlib.Path(os.environ.get("NNACCEL_BUILD_DIR", SOURCE_DIR / "build")).resolve()
WORK_DIR = pathlib.Path(
    os.environ.get("NNACCEL_PYTEST_WORK", BUILD_DIR / "tests" / "python" / "work"))
NNGEN = BUILD_DIR / "bin" / "nngen"
LIBRARY = BUILD_DIR / "lib" / "libnnaccel.so"
MODELS = SOURCE_DIR / "tests" / "fixtures" / "models"

# The package under test is the source tree's; the library is this build's.
sys.path.insert(0, str(SOURCE_DIR / "python"))
os.environ["NNACCEL_LIBRARY"] = str(LIBRARY)

# Every committed model nngen accepts: (project name, model file, calibration samples or None).
FIXTURES = {
    name: (MODELS / name / "model.onnx", MODELS / name / "X_calib.npy")
    for name in (
        "digits",
        "iris_sigmoid",
        "wine_tanh",
        "cancer_keras",
        "digits_opset9",
        "iris_opset8",
        "wine_opset7",
        "cnn_bn",
        "cnn_residual",
        "cnn_dwsep",
        "cnn_concat",
        "conv1d",
        "cnn_keras_nhwc",
    )
}
FIXTURES["mnist_conv"] = (MODELS / "mnist-conv" / "model.onnx", None)
for _opset in ("bn_opset7", "chain_opset7", "chain_opset9", "chain_opset11", "chain_opset13",
               "chain_opset18", "chain_opset21"):
    FIXTURES[_opset] = (MODELS / "opsets" / (_opset + ".onnx"), None)


def run(cmd, **kw):
    """Runs a command; on failure the assertion shows its output."""
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)
    assert p.returncode == 0, "%s failed (%d):\n%s%s" % (cmd, p.returncode, p.stdout, p.stderr)
    return p


def build_project(name, model, calib, out=None):
    out = pathlib.Path(out or WORK_DIR / name)
    cmd = [NNGEN, "generate", model, "-o", out, "--name", name]
    if calib is not None and pathlib.Path(calib).exists():
        cmd += ["--calibrate", calib]
    run(cmd)
    run(["cmake", "-S", out, "-B", out / "build", "-G", "Ninja", "-DCMAKE_BUILD_TYPE=Release"])
    run(["cmake", "--build", out / "build"])
    return out


def samples_for(name, input_shape, n=40):
    """The fixture's own test samples, or seeded random ones of the model's input shape."""
    model, _ = FIXTURES[name]
    x_test = model.parent / "X_test.npy"
    if model.name == "model.onnx" and x_test.exists():
        return np.load(x_test).astype(np.float32)
    rng = np.random.default_rng(sum(name.encode()))
    scale = 255.0 if name == "mnist_conv" else 1.0
    return (rng.standard_normal((n,) + tuple(input_shape)) * scale).astype(np.float32)


class Projects:
    """Generated and built projects, made once per session on first use."""

    def __init__(self):
        self._lock = threading.Lock()
        self._locks = {}
        self._done = {}

    def get(self, name):
        with self._lock:
            lock = self._locks.setdefault(name, threading.Lock())
        with lock:
            if name not in self._done:
                model, calib = FIXTURES[name]
                self._done[name] = build_project(name, model, calib)
            return self._done[name]


@pytest.fixture(scope="session")
def projects():
    assert NNGEN.exists(), "%s is missing: build the project first" % NNGEN
    assert LIBRARY.exists(), "%s is missing: build target nnaccel_py" % LIBRARY
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    return Projects()


@pytest.fixture(scope="session")
def digits(projects):
    return projects.get("digits")


def sim_predict(project, name, x, tmp_path, weights=None, batch=None):
    """NAME-sim's outputs for x (the C program on the same virtual board)."""
    xin, yout = tmp_path / "x_sim.npy", tmp_path / "y_sim.npy"
    np.save(xin, np.ascontiguousarray(x, dtype=np.float32))
    cmd = [project / "build" / (name + "-sim"), "--input", xin, "--output", yout, "--quiet"]
    if weights is not None:
        cmd += ["--weights", weights]
    if batch is not None:
        cmd += ["--batch", str(batch)]
    run(cmd)
    return np.load(yout)
