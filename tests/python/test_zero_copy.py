"""The zero-copy path: NumPy views of the driver's DMA buffers, start() and wait()."""

import gc
import threading
import weakref

import numpy as np
import pytest

import nnaccel
from conftest import samples_for


def test_zero_copy_equals_predict(digits):
    x = samples_for("digits", (1, 8, 8))[:20].reshape(20, 64)
    with nnaccel.Accelerator(digits) as acc:
        expected = acc.predict(x)
        inp, out = acc.input_buffer, acc.output_buffer
        assert inp.shape == (acc.max_batch, 64) and inp.dtype == np.float32
        assert out.shape == (acc.max_batch, 10) and out.dtype == np.float32
        assert inp.flags.writeable and not out.flags.writeable
        assert acc.input_buffer is inp  # the same view every time
        inp[:20] = x
        acc.start(20)
        y = acc.wait()
        assert y.shape == (20, 10)
        assert y.tobytes() == expected.tobytes()
        assert np.shares_memory(y, out)  # no copy
        # Again with other samples in place: the views see the new results.
        inp[:3] = x[10:13]
        acc.start(3)
        assert acc.wait(timeout_ms=1000).tobytes() == expected[10:13].tobytes()


def test_busy_and_state_errors(digits):
    with nnaccel.Accelerator(digits) as acc:
        with pytest.raises(nnaccel.AcceleratorError) as e:
            acc.wait()
        assert e.value.status == "NN_E_STATE" and "no job in flight" in str(e.value)
        acc.input_buffer[:1] = 0
        acc.start(1)
        with pytest.raises(nnaccel.AcceleratorError) as e:
            acc.start(1)
        assert e.value.status == "NN_E_BUSY"
        with pytest.raises(nnaccel.AcceleratorError) as e:
            acc.predict(np.zeros((1, 64), np.float32))
        assert e.value.status == "NN_E_BUSY" and "nn_rt_wait" in str(e.value)
        acc.wait()
        with pytest.raises(ValueError, match="n must be 1.."):
            acc.start(0)
        with pytest.raises(ValueError, match="n must be 1.."):
            acc.start(acc.max_batch + 1)


def test_wait_from_another_thread(digits):
    x = samples_for("digits", (1, 8, 8))[:4].reshape(4, 64)
    with nnaccel.Accelerator(digits) as acc:
        expected = acc.predict(x)
        acc.input_buffer[:4] = x
        acc.start(4)
        got = []
        t = threading.Thread(target=lambda: got.append(acc.wait().copy()))
        t.start()
        t.join()
        assert got[0].tobytes() == expected.tobytes()


def test_views_keep_the_device_alive_after_close(digits):
    acc = nnaccel.Accelerator(digits)
    inp, out = acc.input_buffer, acc.output_buffer
    device = weakref.ref(acc._dev)
    acc.close()
    del acc
    gc.collect()
    assert device() is not None  # the views still hold it: the DMA memory is still mapped
    inp[0] = 1.0
    assert float(inp[0, 0]) == 1.0
    assert out.shape[1] == 10
    del inp, out
    gc.collect()
    assert device() is None  # released with the last view


def test_one_accelerator_shared_by_threads(digits):
    x = samples_for("digits", (1, 8, 8)).reshape(-1, 64)
    with nnaccel.Accelerator(digits, max_batch=16) as acc:
        expected = acc.predict(x)
        bad, errors = [], []

        def worker(seed):
            rng = np.random.default_rng(seed)
            try:
                for _ in range(20):
                    lo = int(rng.integers(0, len(x) - 40))
                    if acc.predict(x[lo:lo + 40]).tobytes() != expected[lo:lo + 40].tobytes():
                        bad.append(lo)
            except Exception as e:  # noqa: BLE001 - reported below
                errors.append(e)

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors and not bad
        assert acc.stats["predict_calls"] >= 4 * 20 * 3


def test_close_from_another_thread_during_predict(digits):
    x = samples_for("digits", (1, 8, 8)).reshape(-1, 64)
    for _ in range(5):
        acc = nnaccel.Accelerator(digits, max_batch=1)
        outcome = []

        def run():
            try:
                outcome.append(acc.predict(x).shape)
            except ValueError as e:
                outcome.append(str(e))

        t = threading.Thread(target=run)
        t.start()
        acc.close()
        t.join()
        # Either it finished before the close, or it stopped between two runs with a clear
        # message; never a crash or a call on a freed device.
        assert outcome[0] == (len(x), 10) or "closed" in outcome[0]
