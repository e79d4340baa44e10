"""The package as users meet it: importable from the build tree, library lookup, metadata."""

import os
import pathlib
import shutil
import subprocess
import sys
import tomllib

import nnaccel
from conftest import LIBRARY, SOURCE_DIR


def _python(code, env, cwd=None):
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=cwd)


def _clean_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("NNACCEL_LIBRARY", "PYTHONPATH")}
    env.update(extra)
    return env


def test_import_from_the_source_tree_with_pythonpath():
    # docs/python.md: PYTHONPATH=<repo>/python python3 -c "import nnaccel"
    p = _python("import nnaccel; print(nnaccel.__version__)",
                _clean_env(PYTHONPATH=str(SOURCE_DIR / "python")), cwd="/")
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == nnaccel.__version__


def test_library_shipped_inside_the_package(tmp_path):
    # The second place looked at: nnaccel/lib/libnnaccel.so next to the package's modules.
    pkg = tmp_path / "site" / "nnaccel"
    shutil.copytree(SOURCE_DIR / "python" / "nnaccel", pkg,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (pkg / "lib").mkdir()
    shutil.copy(LIBRARY, pkg / "lib" / "libnnaccel.so")
    code = "from nnaccel import _native; lib = _native.load(); print(lib._name)"
    p = _python(code, _clean_env(PYTHONPATH=str(tmp_path / "site")), cwd="/")
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == str(pkg / "lib" / "libnnaccel.so")


def test_installed_sdk_layout(tmp_path):
    # cmake --install puts the package in <prefix>/share/nnaccel/python and the library in
    # <prefix>/lib (or lib/<multiarch>); the package finds it there without NNACCEL_LIBRARY.
    for libdir in ("lib", "lib/aarch64-linux-gnu"):
        prefix = tmp_path / libdir.replace("/", "_")
        shutil.copytree(SOURCE_DIR / "python" / "nnaccel",
                        prefix / "share" / "nnaccel" / "python" / "nnaccel",
                        ignore=shutil.ignore_patterns("__pycache__"))
        (prefix / libdir).mkdir(parents=True)
        shutil.copy(LIBRARY, prefix / libdir / "libnnaccel.so")
        code = "from nnaccel import _native; print(_native.load()._name)"
        env = _clean_env(PYTHONPATH=str(prefix / "share" / "nnaccel" / "python"))
        p = _python(code, env, cwd="/")
        assert p.returncode == 0, p.stderr
        assert p.stdout.strip() == str(prefix / libdir / "libnnaccel.so")


def test_default_build_tree_is_found_when_it_exists():
    # Without NNACCEL_LIBRARY the source tree's python/ finds <repo>/build/lib (the README's build).
    default = SOURCE_DIR / "build" / "lib" / "libnnaccel.so"
    code = "from nnaccel import _native; print(_native.load()._name)"
    p = _python(code, _clean_env(PYTHONPATH=str(SOURCE_DIR / "python")), cwd="/")
    if default.exists():
        assert p.returncode == 0, p.stderr
        assert pathlib.Path(p.stdout.strip()) == default
    else:
        assert "cannot load libnnaccel.so" in p.stderr


def test_pyproject_matches_the_package():
    meta = tomllib.loads((SOURCE_DIR / "python" / "pyproject.toml").read_text())
    assert meta["project"]["name"] == "nnaccel"
    assert meta["project"]["version"] == nnaccel.__version__
    assert meta["project"]["dependencies"] == ["numpy"]
    assert meta["tool"]["setuptools"]["packages"] == ["nnaccel"]


def test_public_names():
    for name in ("Accelerator", "AcceleratorError", "Profile", "LibraryError", "HALS"):
        assert hasattr(nnaccel, name), name
    assert nnaccel.HALS == ("sim", "uio", "devmem")
    assert nnaccel.STATUS_NAMES[-10] == "NN_E_WEIGHTS_MODEL"


def test_pip_install_ships_the_library(tmp_path):
    # docs/python.md: copy libnnaccel.so to python/nnaccel/lib/, then pip install ./python. Done
    # on a copy (setuptools builds in the source folder) and offline, into a --target folder.
    src = tmp_path / "src"
    shutil.copytree(SOURCE_DIR / "python", src, ignore=shutil.ignore_patterns("__pycache__"))
    (src / "nnaccel" / "lib").mkdir()
    shutil.copy(LIBRARY, src / "nnaccel" / "lib" / "libnnaccel.so")
    p = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-build-isolation", "--no-deps", "--no-index",
         "--disable-pip-version-check", "--target", str(tmp_path / "site"), str(src)],
        capture_output=True, text=True, env=_clean_env(HOME=str(tmp_path)))
    assert p.returncode == 0, p.stdout + p.stderr
    installed = tmp_path / "site" / "nnaccel"
    assert (installed / "lib" / "libnnaccel.so").exists()
    assert (tmp_path / "site" / ("nnaccel-%s.dist-info" % nnaccel.__version__)).is_dir()
    code = "import nnaccel; from nnaccel import _native; print(_native.load()._name)"
    p = _python(code, _clean_env(PYTHONPATH=str(tmp_path / "site")), cwd="/")
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == str(installed / "lib" / "libnnaccel.so")
