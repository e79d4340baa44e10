"""Board packages (`nngen package`'s NAME-package.tar.gz, docs/package.md) opened from Python.

The archive is untrusted: it may have been damaged on the way to the board or be something else
entirely. unpack_package() extracts regular files only, under one top folder, with bounded sizes,
never outside the destination, and then checks every file against the package's MANIFEST.sha256
before anything in it is used.
"""

import gzip
import hashlib
import io
import os
import re
import tarfile
import zlib

MANIFEST = "MANIFEST.sha256"
MAX_MEMBERS = 256
# Largest parts nngen package accepts: bitstream and .hwh 256 MiB each, weights 1 GiB + 1 MiB,
# and small text files; anything beyond that is not a package.
MAX_TOTAL_BYTES = (1 << 30) + (600 << 20)
_MANIFEST_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")


class PackageError(ValueError):
    """The archive is not a complete, intact board package (the message names the file)."""


class _Bounded(io.RawIOBase):
    """The decompressed stream, cut off past `limit` bytes: tarfile reads long-name and pax
    headers whole, at whatever size they claim, before any member reaches our checks."""

    def __init__(self, raw, limit, archive):
        super().__init__()
        self._raw, self._limit, self._archive, self._count = raw, limit, archive, 0

    def readable(self):
        return True

    def readinto(self, buffer):
        n = self._raw.readinto(buffer)
        self._count += n
        if self._count > self._limit:
            raise PackageError(
                "%s: more than %d bytes unpacked: not a board package"
                % (self._archive, self._limit)
            )
        return n


def is_archive(path):
    name = os.fspath(path)
    if isinstance(name, bytes):
        name = os.fsdecode(name)
    return os.path.isfile(name) and name.endswith((".tar.gz", ".tgz"))


def _safe_parts(archive, name):
    if name.startswith("/") or "\\" in name:
        raise PackageError("%s: member %r has an absolute or Windows path" % (archive, name))
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        raise PackageError("%s: member %r points outside the package folder" % (archive, name))
    return parts


def _sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _check_manifest(archive, folder, files):
    path = os.path.join(folder, MANIFEST)
    if MANIFEST not in files:
        raise PackageError(
            "%s: no %s in the package (not made by nngen package?)" % (archive, MANIFEST)
        )
    listed = {}
    with open(path, "r", encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            m = _MANIFEST_LINE.match(line)
            if not m:
                raise PackageError(
                    "%s: %s line %d is not '<sha256>  <file>'" % (archive, MANIFEST, number)
                )
            listed[m.group(2)] = m.group(1)
    for name in sorted(set(files) - {MANIFEST}):
        if name not in listed:
            raise PackageError("%s: %s is not listed in %s" % (archive, name, MANIFEST))
    for name, digest in sorted(listed.items()):
        if name not in files:
            raise PackageError(
                "%s: %s lists %s, which the archive does not hold" % (archive, MANIFEST, name)
            )
        if _sha256(os.path.join(folder, *name.split("/"))) != digest:
            raise PackageError(
                "%s: %s differs from its SHA-256 in %s (damaged in transit? copy the package again)"
                % (archive, name, MANIFEST)
            )


def unpack_package(archive, dest):
    """Extracts and verifies a board package archive into the existing folder `dest`.
    Returns the package folder (dest/NAME-package). Raises PackageError naming what is wrong."""
    archive = os.fspath(archive)
    files = []
    # Headers: 512 bytes per member plus pax/long-name records; 1 MiB is far above a real package.
    limit = MAX_TOTAL_BYTES + (1 << 20)
    try:
        with gzip.open(archive, "rb") as raw, tarfile.open(
            fileobj=_Bounded(raw, limit, archive), mode="r|"
        ) as tf:
            top, total = None, 0
            for count, member in enumerate(tf, 1):
                if count > MAX_MEMBERS:
                    raise PackageError(
                        "%s: more than %d members: not a board package" % (archive, MAX_MEMBERS)
                    )
                parts = _safe_parts(archive, member.name)
                if top is None:
                    top = parts[0]
                    # Created here, so nothing below it can be a link planted beforehand.
                    os.mkdir(os.path.join(dest, top))
                elif parts[0] != top:
                    raise PackageError(
                        "%s: members under both %s/ and %s/: a package has one top folder"
                        % (archive, top, parts[0])
                    )
                if member.isdir():
                    continue
                if not member.isfile():
                    raise PackageError(
                        "%s: %s is not a regular file (link or device): refused"
                        % (archive, member.name)
                    )
                if len(parts) < 2:
                    raise PackageError(
                        "%s: %s is not inside the package folder" % (archive, member.name)
                    )
                total += member.size
                if total > MAX_TOTAL_BYTES:
                    raise PackageError(
                        "%s: more than %d bytes unpacked: not a board package"
                        % (archive, MAX_TOTAL_BYTES)
                    )
                rel = "/".join(parts[1:])
                if rel in files:
                    raise PackageError("%s: %s appears twice" % (archive, member.name))
                target = os.path.join(dest, *parts)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                src = tf.extractfile(member)
                with open(target, "xb") as out:  # "x": never through something already there
                    left = member.size
                    while left:
                        chunk = src.read(min(left, 1 << 20))
                        if not chunk:
                            raise PackageError("%s: %s is truncated" % (archive, member.name))
                        out.write(chunk)
                        left -= len(chunk)
                files.append(rel)
    except FileExistsError as e:
        raise PackageError(
            "%s: %s exists already: unpack into an empty folder" % (archive, e.filename)
        ) from None
    except (tarfile.TarError, EOFError, zlib.error, OSError) as e:
        raise PackageError("%s: not a readable .tar.gz board package (%s)" % (archive, e)) from None
    if top is None:
        raise PackageError("%s: the archive is empty" % archive)
    folder = os.path.join(dest, top)
    _check_manifest(archive, folder, files)
    return folder
