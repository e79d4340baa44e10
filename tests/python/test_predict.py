"""Predictions through the binding equal NAME-sim's bit for bit, on every committed fixture."""

import numpy as np
import pytest

import nnaccel
from conftest import FIXTURES, samples_for, sim_predict


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_predict_equals_sim_bit_for_bit(projects, name, tmp_path):
    project = projects.get(name)
    with nnaccel.Accelerator(project, hal="sim") as acc:
        x = samples_for(name, acc.input_shape)
        y = acc.predict(x)
        assert y.dtype == np.float32
        assert y.shape == (x.shape[0], acc.output_size)
    ref = sim_predict(project, name, x, tmp_path)
    assert ref.reshape(y.shape).tobytes() == y.tobytes()


def test_batches_larger_than_the_buffer_are_split(digits, tmp_path):
    x = samples_for("digits", (1, 8, 8))
    with nnaccel.Accelerator(digits, max_batch=7) as acc:
        assert acc.max_batch == 7
        y, prof = acc.predict(x, profile=True)
    assert prof.batches == -(-x.shape[0] // 7)
    ref = sim_predict(digits, "digits", x, tmp_path, batch=7)
    assert ref.tobytes() == y.tobytes()


def test_input_forms(digits):
    x = samples_for("digits", (1, 8, 8))[:5]
    with nnaccel.Accelerator(digits) as acc:
        y = acc.predict(x)
        # (N, input_size), float64, a list, one sample: same results.
        assert acc.predict(x.reshape(5, 64)).tobytes() == y.tobytes()
        assert acc.predict(x.astype(np.float64)).tobytes() == y.tobytes()
        assert acc.predict(x.tolist()).tobytes() == y.tobytes()
        one = acc.predict(x[2])
        assert one.shape == (acc.output_size,)
        assert one.tobytes() == y[2].tobytes()
        # Non-contiguous input is copied, not misread.
        assert acc.predict(np.asfortranarray(x.reshape(5, 64))).tobytes() == y.tobytes()
        assert acc.predict(x[::-1]).tobytes() == y[::-1].tobytes()
        empty = acc.predict(np.zeros((0, 1, 8, 8), np.float32))
        assert empty.shape == (0, acc.output_size)


def test_properties(digits):
    with nnaccel.Accelerator(digits) as acc:
        assert acc.name == "digits"
        assert acc.hal == "sim"
        assert acc.input_shape == (1, 8, 8)
        assert acc.input_size == 64
        assert acc.output_size == 10
        assert acc.max_batch >= 1
        desc = (digits / "nnaccel-model.desc").read_text()
        assert "signature 0x%08x" % acc.signature in desc.lower()
        assert "digits" in repr(acc)
    assert "closed" in repr(acc)


def test_stats_count_calls_and_samples(digits):
    x = samples_for("digits", (1, 8, 8))[:10]
    with nnaccel.Accelerator(digits) as acc:
        assert acc.stats["weight_loads"] == 1
        acc.reset_stats()
        acc.predict(x)
        acc.predict(x[:3])
        s = acc.stats
        assert s["predict_calls"] == 2
        assert s["samples"] == 13
        assert s["timeouts"] == 0
        assert set(s) >= {"device_time_us", "mmio_reads", "mmio_writes", "last_mmio_accesses"}
