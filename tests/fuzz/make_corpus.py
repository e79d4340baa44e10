#!/usr/bin/python3
"""Writes the seed corpora of the fuzzers (tests/fuzz/corpus/<fuzzer>/).

    /usr/bin/python3 tests/fuzz/make_corpus.py --nngen build/bin/nngen

Needs Debian's python3-numpy and python3-onnx, and an nngen binary for the .nnw seeds. The output
is committed, so the tests never need Python; rerun this after a format change and commit what it
writes. Seeds are small, valid files of every kind the parsers accept (so mutations start deep
inside the format) plus a few truncated and edge-case variants. Every byte is deterministic
(fixed zip timestamps), except the .nnw files, which are whatever nngen writes.
"""
import argparse
import io
import os
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
MODELS = os.path.join(ROOT, "tests", "fixtures", "models")
NPY_DATA = os.path.join(ROOT, "tests", "npy", "data")
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def out_dir(fuzzer):
    d = os.path.join(HERE, "corpus", fuzzer)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    return d


def write(d, name, data):
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# ---- .npy ---------------------------------------------------------------------------------------
def npy_bytes(a, version=None):
    buf = io.BytesIO()
    np.lib.format.write_array(buf, a, version=version, allow_pickle=False)
    return buf.getvalue()


def npy_corpus():
    d = out_dir("fuzz_npy")
    x = (np.arange(6, dtype=np.float32) * 0.5 - 1.0).reshape(2, 3)
    labels = np.array([7, 2, 1, 0, 4, -1])
    for dt in ["<f4", ">f4", "<f8", "<f2", "<i1", "<i2", "<i4", "<i8", "<u1", "<u2", "<u4",
               "<u8", ">i4", "|b1"]:
        src = labels if dt[1] in "iu" else x
        if dt[1] == "u":
            src = np.abs(labels)
        write(d, "%s.npy" % dt.replace("<", "le_").replace(">", "be_").replace("|", ""),
              npy_bytes(src.astype(dt)))
    write(d, "u8_max.npy", npy_bytes(np.array([2**64 - 1, 1], dtype="<u8")))
    write(d, "fortran.npy", npy_bytes(np.asfortranarray(x)))
    write(d, "scalar.npy", npy_bytes(np.array(3.25, dtype=np.float32)))
    write(d, "empty_0x3.npy", npy_bytes(np.zeros((0, 3), dtype=np.float32)))
    write(d, "rank4.npy", npy_bytes(np.ones((1, 2, 1, 2), dtype=np.float32)))
    write(d, "special.npy", npy_bytes(np.array([np.nan, np.inf, -np.inf, -0.0, 1e-45],
                                               dtype=np.float32)))
    write(d, "v2.npy", npy_bytes(x, version=(2, 0)))
    write(d, "v3.npy", npy_bytes(x, version=(3, 0)))
    write(d, "unicode.npy", npy_bytes(np.array(["ab", "c"])))
    write(d, "structured.npy", npy_bytes(np.zeros(2, dtype=[("a", "<f4"), ("b", "<i4")])))
    good = npy_bytes(x)
    write(d, "trunc_data.npy", good[:-5])
    write(d, "trunc_header.npy", good[:40])
    write(d, "magic_only.npy", good[:8])
    # header_len pointing far past the end of the file
    write(d, "header_len_huge.npy", good[:8] + struct.pack("<H", 0xFFFF) + good[10:])
    # a shape far larger than the data
    write(d, "shape_huge.npy", npy_bytes(x).replace(b"(2, 3)", b"(99999999999, 3)"))


# ---- .npz ---------------------------------------------------------------------------------------
def npz_bytes(members, compress=False, zip64=True, stream=False, comment=b""):
    """A zip of .npy members as np.savez writes it, with fixed timestamps."""
    raw = io.BytesIO()

    class Unseekable(io.RawIOBase):  # makes zipfile write data descriptors (flag bit 3)
        def writable(self):
            return True

        def write(self, b):
            return raw.write(b)

    with zipfile.ZipFile(Unseekable() if stream else raw, "w") as z:
        for name, a in members:
            info = zipfile.ZipInfo(name + ".npy", date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            with z.open(info, "w", force_zip64=zip64) as f:
                f.write(npy_bytes(a))
        z.comment = comment
    return raw.getvalue()


def npz_corpus():
    d = out_dir("fuzz_npz")
    x = (np.arange(6, dtype=np.float32) * 0.5 - 1.0).reshape(2, 3)
    y = np.array([7, 2, 1, 0, 4, -1], dtype=np.int64)
    write(d, "stored_x_y.npz", npz_bytes([("x", x), ("y", y)]))
    write(d, "deflated_x_y.npz", npz_bytes([("x", x), ("y", y)], compress=True))
    write(d, "single_float.npz", npz_bytes([("arr_0", x)]))
    write(d, "single_int.npz", npz_bytes([("labels", y.astype(np.int32))], compress=True))
    write(d, "int_x.npz", npz_bytes([("x", y.astype(np.uint8))]))
    write(d, "no_zip64.npz", npz_bytes([("x", x)], zip64=False))
    write(d, "data_descriptor.npz", npz_bytes([("x", x), ("y", y)], compress=True, stream=True))
    write(d, "comment.npz", npz_bytes([("x", x)], comment=b"nnaccel fuzz seed"))
    write(d, "zeros_deflated.npz", npz_bytes([("x", np.zeros(4096, dtype=np.float32))],
                                             compress=True))
    write(d, "empty_archive.npz", npz_bytes([]))
    good = npz_bytes([("x", x), ("y", y)], compress=True)
    write(d, "trunc_middle.npz", good[: len(good) // 2])
    write(d, "no_central_dir.npz", good[: good.rfind(b"PK\x01\x02")])
    for name in ["savez.npz", "savez_compressed.npz", "savez_single.npz"]:
        shutil.copy(os.path.join(NPY_DATA, name), os.path.join(d, "numpy_" + name))


# ---- ONNX ---------------------------------------------------------------------------------------
def init(name, a, raw=True):
    a = np.asarray(a, dtype=np.float32)
    if raw:
        return numpy_helper.from_array(a, name)
    return helper.make_tensor(name, TensorProto.FLOAT, a.shape, a.flatten().tolist())


def model(nodes, inits, in_shape, out_shape, opset=13, extra_inputs=()):
    graph = helper.make_graph(
        nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, in_shape)]
        + list(extra_inputs),
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, out_shape)], inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                          producer_name="nnaccel-fuzz-seed")
    m.ir_version = 7 if opset < 15 else 8
    return m.SerializeToString()


def onnx_corpus():
    d = out_dir("fuzz_onnx")
    for name in sorted(os.listdir(MODELS)):
        p = os.path.join(MODELS, name, "model.onnx")
        if os.path.exists(p):
            shutil.copy(p, os.path.join(d, "fixture_%s.onnx" % name))
    w = np.arange(12, dtype=np.float32).reshape(3, 4) / 10 - 0.5
    b = np.array([0.1, -0.2, 0.3], dtype=np.float32)
    n = helper.make_node
    gemm = n("Gemm", ["x", "W", "B"], ["h"], transB=1, alpha=1.0, beta=1.0)
    write(d, "gemm_relu_softmax.onnx", model(
        [gemm, n("Relu", ["h"], ["r"]), n("Softmax", ["r"], ["y"], axis=1)],
        [init("W", w), init("B", b)], ["N", 4], ["N", 3]))
    write(d, "gemm_float_data.onnx", model(
        [n("Gemm", ["x", "W", "B"], ["y"], transB=1)],
        [init("W", w, raw=False), init("B", b, raw=False)], [1, 4], [1, 3]))
    write(d, "matmul_add_sigmoid.onnx", model(
        [n("MatMul", ["x", "Wt"], ["m"]), n("Add", ["m", "B"], ["a"]),
         n("Sigmoid", ["a"], ["y"])],
        [init("Wt", w.T), init("B", b)], ["N", 4], ["N", 3]))
    shape = numpy_helper.from_array(np.array([-1, 4], dtype=np.int64), "s")
    write(d, "layout_ops_tanh.onnx", model(
        [n("Constant", [], ["shape"], value=shape), n("Identity", ["x"], ["i"]),
         n("Flatten", ["i"], ["f"], axis=1), n("Reshape", ["f", "shape"], ["r"]),
         n("Dropout", ["r"], ["dr"]), n("Gemm", ["dr", "W", "B"], ["g"], transB=1),
         n("Tanh", ["g"], ["y"])],
        [init("W", w), init("B", b)], ["N", 2, 2], ["N", 3]))
    write(d, "transpose_unit_dims.onnx", model(
        [n("Transpose", ["x"], ["t"], perm=[0, 2, 1]), n("Flatten", ["t"], ["f"]),
         n("Gemm", ["f", "W", "B"], ["y"], transB=1)],
        [init("W", w), init("B", b)], ["N", 1, 4], ["N", 3]))
    # Old opsets (the front end upgrades them), with attributes later opsets dropped.
    write(d, "opset7_gemm_softmax.onnx", model(
        [n("Gemm", ["x", "W", "B"], ["h"], transB=1), n("Softmax", ["h"], ["y"])],
        [init("W", w), init("B", b)], ["N", 4], ["N", 3], opset=7))
    write(d, "opset9_batchnorm.onnx", model(
        [n("Gemm", ["x", "W", "B"], ["h"], transB=1),
         n("BatchNormalization", ["h", "s", "B", "m", "v"], ["y"], epsilon=1e-5)],
        [init("W", w), init("B", b), init("s", [1, 1, 1]), init("m", [0, 0, 0]),
         init("v", [1, 1, 1])], ["N", 4], ["N", 3], opset=9))
    write(d, "opset21.onnx", model(
        [n("Gemm", ["x", "W", "B"], ["y"], transB=1)],
        [init("W", w), init("B", b)], ["N", 4], ["N", 3], opset=21))
    # Refusals: an unsupported op, two inputs, an empty graph, a model cut in half.
    write(d, "unsupported_op.onnx", model(
        [n("Gemm", ["x", "W", "B"], ["h"], transB=1), n("Exp", ["h"], ["y"])],
        [init("W", w), init("B", b)], ["N", 4], ["N", 3]))
    write(d, "two_inputs.onnx", model(
        [n("Add", ["x", "z"], ["y"])], [], ["N", 4], ["N", 4],
        extra_inputs=[helper.make_tensor_value_info("z", TensorProto.FLOAT, ["N", 4])]))
    write(d, "empty_graph.onnx", model([], [], ["N", 4], ["N", 4]))
    with open(os.path.join(MODELS, "iris_sigmoid", "model.onnx"), "rb") as f:
        iris = f.read()
    write(d, "trunc_iris.onnx", iris[: len(iris) // 2])


# ---- .nnw ---------------------------------------------------------------------------------------
def nnw_bytes(signature, words, tensors, version=(1, 0), payload_offset=None):
    """A .nnw blob (docs/nnw-format.md); tensors: (name, offset, count, dims)."""
    table_end = 64 + 96 * len(tensors)
    po = payload_offset if payload_offset is not None else (table_end + 63) // 64 * 64
    payload = b"".join(struct.pack("<f", 0.25 * ((i * 7) % 97) - 12.0) for i in range(words))
    body = bytearray(po)
    body[0:4] = b"NNWF"
    struct.pack_into("<HHIIIIIIIII", body, 4, version[0], version[1], 64, signature, 0,
                     len(tensors), 96, po, len(payload), zlib.crc32(payload), 0)
    for i, (name, off, count, dims) in enumerate(tensors):
        e = 64 + 96 * i
        body[e:e + len(name)] = name.encode()
        struct.pack_into("<III", body, e + 64, off, count, len(dims))
        for k, dim in enumerate(dims):
            struct.pack_into("<I", body, e + 76 + 4 * k, dim)
    struct.pack_into("<I", body, 40, zlib.crc32(bytes(body)))
    return bytes(body) + payload


def nnw_corpus(nngen):
    d = out_dir("fuzz_nnw")
    with tempfile.TemporaryDirectory() as tmp:
        for name in ["iris_sigmoid", "wine_tanh", "cancer_keras"]:
            proj = os.path.join(tmp, name)
            subprocess.run([nngen, "generate", os.path.join(MODELS, name, "model.onnx"), "-o",
                            proj, "--name", name], check=True, stdout=subprocess.DEVNULL)
            found = [f for f in os.listdir(proj) if f.endswith(".nnw")]
            if not found:
                for root, _, files in os.walk(proj):
                    found += [os.path.relpath(os.path.join(root, f), proj)
                              for f in files if f.endswith(".nnw")]
            assert len(found) == 1, "expected one .nnw in %s: %s" % (proj, found)
            shutil.copy(os.path.join(proj, found[0]), os.path.join(d, "nngen_%s.nnw" % name))
    sig = 0x1234ABCD  # the fixed model of fuzz_nnw.cpp (tests/driver/driver_fixture.h)
    good = nnw_bytes(sig, 37, [("w", 0, 37, [37])])
    write(d, "fixed_model.nnw", good)
    write(d, "two_tensors.nnw", nnw_bytes(sig, 37, [("dense0.w", 0, 32, [4, 8]),
                                                    ("dense0.b", 32, 5, [5])]))
    write(d, "no_tensors.nnw", nnw_bytes(sig, 8, []))
    write(d, "wide_offset.nnw", nnw_bytes(sig, 37, [("w", 0, 37, [37])], payload_offset=512))
    write(d, "version_2.nnw", nnw_bytes(sig, 37, [("w", 0, 37, [37])], version=(2, 0)))
    write(d, "trailing.nnw", good + b"\xee" * 20)
    write(d, "trunc_payload.nnw", good[:-3])
    write(d, "header_only.nnw", good[:64])
    write(d, "magic_only.nnw", good[:4])
    write(d, "short.nnw", good[:3])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nngen", required=True, help="an nngen binary (for the .nnw seeds)")
    args = ap.parse_args()
    npy_corpus()
    npz_corpus()
    onnx_corpus()
    nnw_corpus(os.path.abspath(args.nngen))


if __name__ == "__main__":
    main()
