"""A board package archive (nngen package) opened straight from Python, and damaged ones refused."""

import io
import os
import tarfile

import numpy as np
import pytest

import nnaccel
from conftest import BUILD_DIR, NNGEN, run, samples_for, sim_predict

MAKE_HWH = BUILD_DIR / "bin" / "make_test_hwh"


@pytest.fixture(scope="module")
def package(digits, tmp_path_factory):
    """digits-package.tar.gz from the digits project, with a .hwh Vivado would have written for it
    (tests/hwh/make_test_hwh) and a stand-in bitstream (nothing here reads its bits)."""
    assert MAKE_HWH.exists(), "%s is missing: build target make_test_hwh" % MAKE_HWH
    d = tmp_path_factory.mktemp("pkg")
    run([MAKE_HWH, digits, d / "design_1.hwh"])
    (d / "design_1.bit").write_bytes(bytes(range(256)) * 40)
    run([NNGEN, "package", digits, "--bit", d / "design_1.bit", "--hwh", d / "design_1.hwh",
         "-o", d / "digits-package.tar.gz"])
    return d / "digits-package.tar.gz"


def _device_library(digits):
    # A board package carries no host library: the virtual board's comes from the project.
    return digits / "build" / "libdigits-device.so"


def test_archive_opens_and_predicts_like_the_project(digits, package, tmp_path):
    x = samples_for("digits", (1, 8, 8))
    acc = nnaccel.Accelerator(package, hal="sim", sim_library=_device_library(digits))
    folder = acc.folder
    assert folder.endswith("digits-package") and os.path.isdir(folder)
    y = acc.predict(x)
    acc.close()
    assert not os.path.exists(folder)  # the unpacked copy is removed by close()
    assert sim_predict(digits, "digits", x, tmp_path).tobytes() == y.tobytes()


def test_unpacked_package_with_its_hwh(digits, package, tmp_path):
    folder = nnaccel.unpack_package(package, tmp_path)
    hwh = os.path.join(folder, "digits.hwh")
    with nnaccel.Accelerator(folder, sim_library=_device_library(digits), hwh=hwh) as acc:
        assert acc.predict(samples_for("digits", (1, 8, 8))[:3]).shape == (3, 10)


def test_hwh_of_another_design_is_refused(projects, digits, tmp_path):
    iris = projects.get("iris_sigmoid")
    run([MAKE_HWH, iris, tmp_path / "iris.hwh"])
    with pytest.raises(nnaccel.AcceleratorError) as e:
        nnaccel.Accelerator(digits, hwh=tmp_path / "iris.hwh")
    assert e.value.status == "NN_RT_E_HWH"
    assert "iris.hwh" in str(e.value)


def _members(archive):
    with tarfile.open(archive, "r:gz") as tf:
        return [(m, tf.extractfile(m).read() if m.isfile() else None) for m in tf]


def _write(path, members):
    with tarfile.open(path, "w:gz") as tf:
        for info, data in members:
            info = tarfile.TarInfo(info.name) if isinstance(info, str) else info
            if data is not None:
                info.size = len(data)
                tf.addfile(info, io.BytesIO(data))
            else:
                tf.addfile(info)
    return path


def _flip_bitstream(members):
    out = []
    for info, data in members:
        if info.name.endswith(".bit"):
            data = bytes([data[0] ^ 1]) + data[1:]
        out.append((info, data))
    return out


def _symlink(members):
    link = tarfile.TarInfo("digits-package/evil")
    link.type = tarfile.SYMTYPE
    link.linkname = "/etc/passwd"
    return members + [(link, None)]


def _dotdot(members):
    return members + [(tarfile.TarInfo("digits-package/../escaped.txt"), b"x")]


def _absolute(members):
    return members + [(tarfile.TarInfo("/tmp/absolute.txt"), b"x")]


def _two_tops(members):
    return members + [(tarfile.TarInfo("other/file.txt"), b"x")]


def _unlisted(members):
    return members + [(tarfile.TarInfo("digits-package/extra.txt"), b"x")]


def _no_manifest(members):
    return [(i, d) for i, d in members if not i.name.endswith("MANIFEST.sha256")]


def _missing_file(members):
    return [(i, d) for i, d in members if not i.name.endswith(".nnw")]


@pytest.mark.parametrize(
    "damage, message",
    [
        (_flip_bitstream, "digits.bit differs from its SHA-256 in MANIFEST.sha256"),
        (_symlink, "not a regular file"),
        (_dotdot, "points outside the package folder"),
        (_absolute, "absolute"),
        (_two_tops, "one top folder"),
        (_unlisted, "extra.txt is not listed in MANIFEST.sha256"),
        (_no_manifest, "no MANIFEST.sha256"),
        (_missing_file, "which the archive does not hold"),
    ],
    ids=["bit-flip", "symlink", "dotdot", "absolute", "two-tops", "unlisted", "no-manifest",
         "missing-file"],
)
def test_damaged_archives_are_refused(package, tmp_path, damage, message):
    bad = _write(tmp_path / "bad-package.tar.gz", damage(_members(package)))
    with pytest.raises(nnaccel.PackageError, match=message) as e:
        nnaccel.Accelerator(bad)
    assert str(bad) in str(e.value)
    assert not (tmp_path / "escaped.txt").exists()
    assert not os.path.exists("/tmp/absolute.txt")


def test_not_an_archive(tmp_path):
    fake = tmp_path / "digits-package.tar.gz"
    fake.write_bytes(b"this is not gzip data at all")
    with pytest.raises(nnaccel.PackageError, match="not a readable .tar.gz board package"):
        nnaccel.Accelerator(fake)
    truncated = tmp_path / "t.tar.gz"
    truncated.write_bytes(b"")
    with pytest.raises(nnaccel.PackageError):
        nnaccel.Accelerator(truncated)


def test_unpack_never_writes_through_existing_files(package, tmp_path):
    folder = nnaccel.unpack_package(package, tmp_path)
    with pytest.raises(nnaccel.PackageError, match="exists already: unpack into an empty folder"):
        nnaccel.unpack_package(package, tmp_path)  # "x" mode: never writes through a file
    assert np.frombuffer(open(os.path.join(folder, "digits.bit"), "rb").read(4), np.uint8).size
