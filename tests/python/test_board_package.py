"""A board package archive (nngen package) opened straight from Python, and damaged ones refused."""

import hashlib
import io
import os
import tarfile

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


def _link(kind, name, target):
    def add(members):
        link = tarfile.TarInfo(name)
        link.type = kind
        link.linkname = target
        return members + [(link, None)]

    return add


_symlink = _link(tarfile.SYMTYPE, "digits-package/evil", "/etc/passwd")
_hardlink = _link(tarfile.LNKTYPE, "digits-package/hard", "digits-package/digits.bit")


def _dotdot(members):
    return members + [(tarfile.TarInfo("digits-package/../escaped.txt"), b"x")]


def _absolute(members):
    return members + [(tarfile.TarInfo("/tmp/absolute.txt"), b"x")]


def _two_tops(members):
    return members + [(tarfile.TarInfo("other/file.txt"), b"x")]


def _unlisted(members):
    return members + [(tarfile.TarInfo("digits-package/extra.txt"), b"x")]


def _too_many(members):
    return members + [(tarfile.TarInfo("digits-package/f%03d" % i), b"") for i in range(300)]


def _no_manifest(members):
    return [(i, d) for i, d in members if not i.name.endswith("MANIFEST.sha256")]


def _missing_file(members):
    return [(i, d) for i, d in members if not i.name.endswith(".nnw")]


@pytest.mark.parametrize(
    "damage, message",
    [
        (_flip_bitstream, "digits.bit differs from its SHA-256 in MANIFEST.sha256"),
        (_symlink, "not a regular file"),
        (_hardlink, "not a regular file"),
        (_too_many, "more than 256 members"),
        (_dotdot, "points outside the package folder"),
        (_absolute, "absolute"),
        (_two_tops, "one top folder"),
        (_unlisted, "extra.txt is not listed in MANIFEST.sha256"),
        (_no_manifest, "no MANIFEST.sha256"),
        (_missing_file, "which the archive does not hold"),
    ],
    ids=["bit-flip", "symlink", "hardlink", "too-many", "dotdot", "absolute", "two-tops",
         "unlisted", "no-manifest", "missing-file"],
)
def test_damaged_archives_are_refused(package, tmp_path, damage, message):
    bad = _write(tmp_path / "bad-package.tar.gz", damage(_members(package)))
    dest = tmp_path / "dest"
    dest.mkdir()
    with pytest.raises(nnaccel.PackageError, match=message) as e:
        nnaccel.unpack_package(bad, dest)
    assert str(bad) in str(e.value)
    assert not (tmp_path / "escaped.txt").exists()  # one level above dest
    assert not os.path.exists("/tmp/absolute.txt")


def test_accelerator_refuses_a_damaged_archive(digits, package, tmp_path):
    bad = _write(tmp_path / "bad-package.tar.gz", _flip_bitstream(_members(package)))
    with pytest.raises(nnaccel.PackageError, match="digits.bit differs"):
        nnaccel.Accelerator(bad, sim_library=_device_library(digits))


def test_archive_on_the_virtual_board_needs_an_explicit_library(package):
    # The archive could name a library of its own: loading it would run its code.
    with pytest.raises(ValueError, match="name the device library with sim_library="):
        nnaccel.Accelerator(package)


def test_size_limit_covers_headers_and_files(package, tmp_path, monkeypatch):
    from nnaccel import package as pkg

    monkeypatch.setattr(pkg, "MAX_TOTAL_BYTES", 4096)
    with pytest.raises(nnaccel.PackageError, match="bytes unpacked: not a board package"):
        nnaccel.unpack_package(package, tmp_path)
    # A long name is a pax header tarfile reads whole: the stream limit stops it.
    big = tarfile.TarInfo("digits-package/" + "n" * (3 << 20))
    bomb = _write(tmp_path / "bomb.tar.gz", [(big, b"x")])
    monkeypatch.setattr(pkg, "MAX_TOTAL_BYTES", 1 << 20)
    dest = tmp_path / "bomb"
    dest.mkdir()
    with pytest.raises(nnaccel.PackageError, match="bytes unpacked: not a board package"):
        nnaccel.unpack_package(bomb, dest)


def test_not_an_archive(tmp_path):
    fake = tmp_path / "digits-package.tar.gz"
    fake.write_bytes(b"this is not gzip data at all")
    with pytest.raises(nnaccel.PackageError, match="not a readable .tar.gz board package"):
        nnaccel.unpack_package(fake, tmp_path)
    empty = tmp_path / "t.tar.gz"
    empty.write_bytes(b"")
    with pytest.raises(nnaccel.PackageError, match="empty"):
        nnaccel.unpack_package(empty, tmp_path)


def test_unpack_never_writes_through_existing_files(package, tmp_path):
    folder = nnaccel.unpack_package(package, tmp_path)
    bit = os.path.join(folder, "digits.bit")
    before = hashlib.sha256(open(bit, "rb").read()).hexdigest()
    with pytest.raises(nnaccel.PackageError, match="exists already: unpack into an empty folder"):
        nnaccel.unpack_package(package, tmp_path)
    assert hashlib.sha256(open(bit, "rb").read()).hexdigest() == before
    # A link planted where the package folder goes is not followed either.
    (tmp_path / "elsewhere").mkdir()
    planted = tmp_path / "planted"
    planted.mkdir()
    os.symlink(tmp_path / "elsewhere", planted / "digits-package")
    with pytest.raises(nnaccel.PackageError, match="exists already"):
        nnaccel.unpack_package(package, planted)
    assert os.listdir(tmp_path / "elsewhere") == []
