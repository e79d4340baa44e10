"""Reprogramming weights at run time, and every way a weight file can be wrong."""

import struct
import zlib

import numpy as np
import pytest

import nnaccel
from conftest import MODELS, NNGEN, run, samples_for, sim_predict


@pytest.fixture(scope="module")
def retrained(digits, tmp_path_factory):
    """The second digits model's weights for the same architecture (nngen weights)."""
    path = tmp_path_factory.mktemp("w") / "digits_b.nnw"
    run([NNGEN, "weights", MODELS / "digits" / "model_b.onnx", "--project", digits, "-o", path])
    return path


def test_reprogram_from_file_and_bytes(digits, retrained, tmp_path):
    x = samples_for("digits", (1, 8, 8))
    with nnaccel.Accelerator(digits) as acc:
        y_a = acc.predict(x)
        acc.load_weights(retrained)
        y_b = acc.predict(x)
        acc.load_weights(None)  # back to the project's own file
        assert acc.predict(x).tobytes() == y_a.tobytes()
        acc.load_weights(retrained.read_bytes())
        assert acc.predict(x).tobytes() == y_b.tobytes()
        acc.load_weights(bytearray(retrained.read_bytes()))
        assert acc.predict(x).tobytes() == y_b.tobytes()
        assert acc.stats["weight_loads"] == 5
    assert y_a.tobytes() != y_b.tobytes()
    ref_b = sim_predict(digits, "digits", x, tmp_path, weights=retrained)
    assert ref_b.tobytes() == y_b.tobytes()
    # The retrained model itself (its float outputs) agrees on the class of nearly every sample.
    y_ref_b = np.load(MODELS / "digits" / "y_ref_b.npy")
    assert np.mean(np.argmax(y_b, 1) == np.argmax(y_ref_b, 1)) >= 0.99


def test_weights_at_open(digits, retrained):
    x = samples_for("digits", (1, 8, 8))[:4]
    with nnaccel.Accelerator(digits, weights=retrained) as a, nnaccel.Accelerator(digits) as b:
        b.load_weights(retrained)
        assert a.predict(x).tobytes() == b.predict(x).tobytes()


def test_predict_without_weights_is_refused(digits):
    with nnaccel.Accelerator(digits, weights=False) as acc:
        with pytest.raises(nnaccel.AcceleratorError) as e:
            acc.predict(samples_for("digits", (1, 8, 8))[:1])
    assert e.value.status == "NN_E_STATE"


def _fix_header_crc(blob):
    b = bytearray(blob)
    payload_offset = struct.unpack_from("<I", b, 28)[0]
    struct.pack_into("<I", b, 40, 0)
    struct.pack_into("<I", b, 40, zlib.crc32(bytes(b[:payload_offset])))
    return bytes(b)


def _version_2(blob):
    b = bytearray(blob)
    struct.pack_into("<H", b, 4, 2)
    return _fix_header_crc(b)


def _flip_payload_bit(blob):
    b = bytearray(blob)
    payload_offset = struct.unpack_from("<I", b, 28)[0]
    b[payload_offset + 5] ^= 0x10
    return bytes(b)


@pytest.mark.parametrize(
    "damage, status",
    [
        (lambda b: b[: len(b) - 9], "NN_E_WEIGHTS_TRUNCATED"),
        (lambda b: b"PK\x03\x04" + b[4:], "NN_E_WEIGHTS_FOREIGN"),
        (_version_2, "NN_E_WEIGHTS_VERSION"),
        (_flip_payload_bit, "NN_E_WEIGHTS_CORRUPT"),
    ],
    ids=["truncated", "foreign", "version", "corrupt"],
)
def test_damaged_weights_are_refused(digits, retrained, tmp_path, damage, status):
    x = samples_for("digits", (1, 8, 8))[:8]
    bad = damage(retrained.read_bytes())
    path = tmp_path / "bad.nnw"
    path.write_bytes(bad)
    with nnaccel.Accelerator(digits) as acc:
        before = acc.predict(x)
        for source in (bad, path):
            with pytest.raises(nnaccel.AcceleratorError) as e:
                acc.load_weights(source)
            assert e.value.status == status
            assert e.value.code < 0
            assert e.value.strerror and e.value.strerror in str(e.value)
        assert str(path) in str(e.value)  # the file form names the file
        # A refused file leaves the loaded weights in place.
        assert acc.predict(x).tobytes() == before.tobytes()


def test_weights_of_another_model_are_refused(projects, digits):
    iris = projects.get("iris_sigmoid")
    with nnaccel.Accelerator(digits) as acc:
        with pytest.raises(nnaccel.AcceleratorError) as e:
            acc.load_weights(iris / "weights" / "iris_sigmoid.nnw")
    assert e.value.status == "NN_E_WEIGHTS_MODEL"
    assert "another model" in e.value.strerror


def test_missing_weight_file(digits, tmp_path):
    with nnaccel.Accelerator(digits) as acc:
        with pytest.raises(nnaccel.AcceleratorError) as e:
            acc.load_weights(tmp_path / "nope.nnw")
    assert e.value.status == "NN_RT_E_FILE"
    assert "nope.nnw" in str(e.value)


def test_weights_of_the_wrong_type(digits):
    with nnaccel.Accelerator(digits) as acc:
        with pytest.raises(TypeError, match="weights must be a .nnw path or its bytes"):
            acc.load_weights(42)
        with pytest.raises(TypeError):
            nnaccel.Accelerator(digits, weights=3.5)
