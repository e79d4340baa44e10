"""Every way opening or using an accelerator can fail gives a clear exception."""

import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

import nnaccel
from conftest import LIBRARY, SOURCE_DIR, samples_for


def _open_error(*args, **kw):
    with pytest.raises(nnaccel.AcceleratorError) as e:
        nnaccel.Accelerator(*args, **kw)
    return e.value


def test_folder_without_descriptor(tmp_path):
    e = _open_error(tmp_path)
    assert e.status == "NN_RT_E_FILE"
    assert str(tmp_path) in str(e) and "nnaccel-model.desc" in str(e)


def test_malformed_descriptor(tmp_path):
    (tmp_path / "nnaccel-model.desc").write_text("nnaccel-model 1\nname 9bad\n")
    e = _open_error(tmp_path)
    assert e.status in ("NN_RT_E_FILE", "NN_E_INVAL")
    assert "line" in str(e)


def test_unknown_hal(digits):
    e = _open_error(digits, hal="pcie")
    assert e.status == "NN_RT_E_USAGE"
    assert "pcie" in str(e) and "sim, uio or devmem" in str(e)
    with pytest.raises(TypeError, match="hal must be one of"):
        nnaccel.Accelerator(digits, hal=None)


def test_project_not_built(digits, tmp_path):
    copy = tmp_path / "unbuilt"
    shutil.copytree(digits, copy, ignore=shutil.ignore_patterns("build"))
    e = _open_error(copy)
    assert e.status == "NN_RT_E_LIBRARY"
    assert "build the project first" in str(e)


def test_board_package_on_the_sim_hal(digits, tmp_path):
    # A board package's descriptor has no sim_library line (docs/package.md).
    pkg = tmp_path / "digits-package"
    pkg.mkdir()
    desc = (digits / "nnaccel-model.desc").read_text().splitlines(keepends=True)
    (pkg / "nnaccel-model.desc").write_text(
        "".join(line for line in desc if not line.startswith("sim_library")))
    e = _open_error(pkg)
    assert e.status == "NN_RT_E_USAGE"
    assert "names no sim_library" in str(e) and "sim_library=" in str(e)


def test_not_a_device_library(digits, tmp_path):
    fake = tmp_path / "libfake.so"
    shutil.copy(LIBRARY, fake)  # a real shared object, but not a device library
    e = _open_error(digits, sim_library=fake)
    assert e.status == "NN_RT_E_LIBRARY"
    assert "not an nnaccel device library" in str(e)


def test_missing_hwh(digits, tmp_path):
    e = _open_error(digits, hwh=tmp_path / "design.hwh")
    assert e.status in ("NN_RT_E_FILE", "NN_RT_E_HWH")
    assert "design.hwh" in str(e)


def test_uio_without_a_device(digits, tmp_path):
    # No accelerator here: the UIO HAL finds no device (empty /sys/class/uio) and says so.
    e = _open_error(digits, hal="uio", uio="digits_accel")
    assert e.status in ("NN_RT_E_HAL", "NN_RT_E_USAGE")
    assert "uio" in str(e).lower()


def test_bad_option_values(digits):
    with pytest.raises(ValueError, match="max_batch"):
        nnaccel.Accelerator(digits, max_batch=0)
    with pytest.raises(TypeError, match="max_batch"):
        nnaccel.Accelerator(digits, max_batch="8")
    with pytest.raises(ValueError, match="timeout_ms"):
        nnaccel.Accelerator(digits, timeout_ms=0)
    with pytest.raises(TypeError, match="path"):
        nnaccel.Accelerator(12)
    with pytest.raises(ValueError, match="ctrl_base must be in 0..2"):
        nnaccel.Accelerator(digits, hal="devmem", ctrl_base=-1)
    with pytest.raises(ValueError, match="carveout size"):
        nnaccel.Accelerator(digits, hal="devmem", carveout=(0x70000000, 1 << 64))


def test_wrong_dtypes_and_shapes(digits):
    with nnaccel.Accelerator(digits) as acc:
        with pytest.raises(TypeError, match="floating-point.*int64"):
            acc.predict(np.zeros((2, 64), np.int64))
        with pytest.raises(TypeError, match="floating-point.*complex"):
            acc.predict(np.zeros((2, 64), np.complex64))
        expected = r"expected samples of shape \(N, 1, 8, 8\) or \(N, 64\)"
        with pytest.raises(ValueError, match=expected):
            acc.predict(np.zeros((2, 63), np.float32))
        with pytest.raises(ValueError, match=r"got shape \(2, 8, 8\)"):
            acc.predict(np.zeros((2, 8, 8), np.float32))
        with pytest.raises(ValueError, match="expected samples"):
            acc.predict(np.float32(1.0))


def test_use_after_close(digits):
    acc = nnaccel.Accelerator(digits)
    acc.close()
    acc.close()  # twice is fine
    x = samples_for("digits", (1, 8, 8))[:1]
    for call in (lambda: acc.predict(x), lambda: acc.load_weights(None), lambda: acc.stats,
                 lambda: acc.start(1), lambda: acc.wait(), lambda: acc.input_buffer):
        with pytest.raises(ValueError, match="closed"):
            call()


def _python(code, env):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def test_library_not_found(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(SOURCE_DIR / "python"),
               NNACCEL_LIBRARY=str(tmp_path / "libnnaccel.so"))
    p = _python("import nnaccel; nnaccel.Accelerator('x')", env)
    assert p.returncode != 0
    assert "LibraryError" in p.stderr and "cannot load libnnaccel.so" in p.stderr
    assert "NNACCEL_LIBRARY" in p.stderr


def test_library_from_other_headers_is_refused(monkeypatch):
    from nnaccel import _native

    lib = _native.load(str(LIBRARY))

    class Skewed(_native.Stats):
        _fields_ = [("extra", __import__("ctypes").c_uint64)]

    monkeypatch.setattr(_native, "Stats", Skewed)
    with pytest.raises(nnaccel.LibraryError, match="built from other headers"):
        _native._check_abi(lib, "libnnaccel.so")
