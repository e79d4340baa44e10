"""nnaccel.Accelerator: one accelerator (real or virtual) driven through libnnaccel.so."""

import ctypes
import os
import shutil
import tempfile
import threading
import time
import weakref

import numpy as np

from . import _native
from .errors import AcceleratorError
from .package import is_archive, unpack_package
from .profile import Profile

HALS = ("sim", "uio", "devmem")
_ERR_LEN = 4096
_U32_MAX = 0xFFFFFFFF


def _text(value):
    return value.decode("utf-8", "replace") if value else ""


def _path_bytes(value, what):
    if isinstance(value, bytes):
        return value
    if isinstance(value, (str, os.PathLike)):
        return os.fsencode(value)
    raise TypeError("%s must be a path (str or os.PathLike), got %s" % (what, type(value).__name__))


def _u32(value, what, low=0):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError("%s must be an integer, got %s" % (what, type(value).__name__))
    if not low <= int(value) <= _U32_MAX:
        raise ValueError("%s must be in %d..%d, got %d" % (what, low, _U32_MAX, value))
    return int(value)


def _u64(value, what):
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise TypeError("%s must be an integer, got %s" % (what, type(value).__name__))
    if not 0 <= int(value) < 1 << 64:
        raise ValueError("%s must be in 0..2**64-1, got %d" % (what, value))
    return int(value)


def _timeout_us(timeout_ms, what):
    if timeout_ms is None:
        return 0  # the device's own timeout
    if isinstance(timeout_ms, bool) or not isinstance(timeout_ms, (int, float, np.integer,
                                                                    np.floating)):
        raise TypeError("%s must be a number of milliseconds" % what)
    us = int(round(timeout_ms * 1000))
    if not 1 <= us <= _U32_MAX:
        raise ValueError("%s must be between 0.001 and %d ms" % (what, _U32_MAX // 1000))
    return us


class _Device:
    """Owns the nn_rt_device. Freed when nothing refers to it any more: the Accelerator drops it in
    close(), but a buffer view or a call still running in another thread keeps it (and its DMA
    memory) alive, so no pointer into it can dangle.

    `lock` makes a runtime call and the reading of its per-device error message one step, so a
    call from another thread cannot replace the message in between."""

    def __init__(self, lib, ptr):
        self.lib = lib
        self.ptr = ptr
        self.lock = threading.Lock()

    def __del__(self):
        if self.ptr:
            self.lib.nn_rt_close(self.ptr)
            self.ptr = None


class Accelerator:
    """An nnaccel accelerator opened from a generated project folder or an unpacked board package.

    path       the folder holding nnaccel-model.desc (nngen generate's OUT, or NAME-package/), or
               a board package archive NAME-package.tar.gz: unpacked into a temporary folder
               (removed by close()) after every file is checked against its MANIFEST.sha256
    hal        "sim" (the project's virtual board library), "uio" or "devmem" (a board's Linux)
    hwh        a Vivado .hwh: the IP in it is checked against the descriptor, and the control
               block's base address is taken from it (uio by address, devmem)
    weights    True: load the descriptor's weight file now; False/None: load nothing (call
               load_weights before predicting); or a .nnw path or its bytes
    uio        /sys/class/uio/uioN/name of the accelerator (default: found by address)
    udmabuf    the u-dma-buf device for the DMA buffers (default "udmabuf0")
    uncached   map the u-dma-buf uncached
    ctrl_base  physical address of the control block (default: from the .hwh)
    carveout   (base, size) of the reserved memory the devmem HAL allocates from
    max_batch  samples the driver's buffers hold (default: the descriptor's max_batch)
    timeout_ms per device operation (default: the driver's, 1 s)
    use_irq    wait on the interrupt where the HAL has one
    library    path of libnnaccel.so (default: see docs/python.md)
    sim_library the virtual board's device library (default: the descriptor's)
    """

    def __init__(
        self,
        path,
        hal="sim",
        hwh=None,
        weights=True,
        *,
        uio=None,
        udmabuf=None,
        uncached=False,
        ctrl_base=None,
        carveout=None,
        max_batch=None,
        timeout_ms=None,
        use_irq=True,
        library=None,
        sim_library=None,
    ):
        self._dev = None
        self._views = None
        self._unpacked = None
        self._pending = 0
        self._lib = _native.load(library)
        opt = _native.RtOptions()
        self._lib.nn_rt_options_init(ctypes.byref(opt))
        if not isinstance(hal, str):
            raise TypeError("hal must be one of %s, got %r" % (", ".join(HALS), hal))
        # The strings must outlive nn_rt_open: keep them on the object.
        self._keep = [hal.encode()]
        opt.hal = self._keep[-1]
        for field, value, what in (
            ("hwh_path", hwh, "hwh"),
            ("uio_name", uio, "uio"),
            ("udmabuf_name", udmabuf, "udmabuf"),
            ("sim_library", sim_library, "sim_library"),
        ):
            if value is not None:
                self._keep.append(_path_bytes(value, what))
                setattr(opt, field, self._keep[-1])
        opt.uncached = 1 if uncached else 0
        if ctrl_base is not None:
            opt.ctrl_base = _u64(ctrl_base, "ctrl_base")
        if carveout is not None:
            base, size = carveout
            opt.carveout_base = _u64(base, "carveout base")
            opt.carveout_size = _u64(size, "carveout size")
        if max_batch is not None:
            opt.max_batch = _u32(max_batch, "max_batch", low=1)
        opt.timeout_us = _timeout_us(timeout_ms, "timeout_ms")
        opt.use_irq = 1 if use_irq else 0

        self.path = os.fspath(path) if isinstance(path, os.PathLike) else path
        if isinstance(path, (str, bytes, os.PathLike)) and is_archive(path):
            if hal == "sim" and sim_library is None:
                # Never dlopen a library named by an archive: loading runs its code.
                raise ValueError(
                    "%s is a board package archive: on the virtual board (hal='sim') name the "
                    "device library with sim_library= (the project's build/libNAME-device.so), "
                    "or open it on a board with hal='uio' or 'devmem'" % os.fsdecode(path)
                )
            tmp = tempfile.mkdtemp(prefix="nnaccel-package-")
            self._unpacked = weakref.finalize(self, shutil.rmtree, tmp, ignore_errors=True)
            try:
                path = unpack_package(path, tmp)
            except BaseException:
                self._unpacked()
                raise
        try:
            self._open(path, opt)
        except BaseException:
            self.close()
            raise
        try:
            if weights is True:
                self.load_weights(None)
            elif weights not in (None, False):
                self.load_weights(weights)
        except BaseException:
            self.close()
            raise

    def _open(self, path, opt):
        folder = _path_bytes(path, "path")
        err = ctypes.create_string_buffer(_ERR_LEN)
        ptr = ctypes.c_void_p()
        rc = self._lib.nn_rt_open(ctypes.byref(ptr), folder, ctypes.byref(opt), err, _ERR_LEN)
        if rc != 0:
            raise AcceleratorError(rc, _text(self._lib.nn_rt_strerror(rc)), _text(err.value))
        self._dev = _Device(self._lib, ptr)
        self.folder = os.fsdecode(folder)  # where the descriptor is (the unpacked archive's folder)

        desc = self._lib.nn_rt_model(ptr).contents
        self.name = _text(desc.name)
        self.signature = int(desc.signature)
        self.input_size = int(desc.input_size)
        self.output_size = int(desc.output_size)
        self.input_shape = tuple(int(d) for d in desc.input_shape[: desc.input_rank])
        self.hal = _text(self._lib.nn_rt_hal_name(ptr))
        capacity = ctypes.c_uint32()
        self._in_ptr = self._lib.nn_rt_input_buffer(ptr, ctypes.byref(capacity))
        self._out_ptr = self._lib.nn_rt_output_buffer(ptr)
        self.max_batch = int(capacity.value)

    # -- lifecycle ---------------------------------------------------------------------------

    def close(self):
        """Releases the device (now, or when the last input/output buffer view is gone)."""
        self._dev = None
        self._views = None
        if self._unpacked is not None:
            self._unpacked()  # the unpacked archive; the open device no longer needs its files

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        state = "closed" if self._dev is None else "hal=%r" % self.hal
        return "<nnaccel.Accelerator %r %s input %s -> %d outputs, max_batch %d>" % (
            self.name,
            state,
            self.input_shape,
            self.output_size,
            self.max_batch,
        )

    def _device(self):
        dev = self._dev  # one read: close() in another thread cannot change it under us
        if dev is None:
            raise ValueError("the accelerator is closed")
        return dev

    def _call(self, dev, fn, *args):
        """fn(device, *args) under the device's lock; raises AcceleratorError on failure."""
        with dev.lock:
            rc = fn(dev.ptr, *args)
            detail = _text(self._lib.nn_rt_last_error(dev.ptr)) if rc != 0 else ""
        if rc != 0:
            raise AcceleratorError(rc, _text(self._lib.nn_rt_strerror(rc)), detail)

    # -- weights -------------------------------------------------------------------------------

    def load_weights(self, weights=None):
        """Loads a .nnw weight file (path), its bytes, or (None) the descriptor's default file.
        The driver checks it (format, CRC, model signature, size) before the accelerator sees it
        and verifies the checksum the accelerator computed over what it received."""
        dev = self._device()
        if weights is None:
            self._call(dev, self._lib.nn_rt_load_weights_file, None)
        elif isinstance(weights, (str, os.PathLike)):
            self._call(dev, self._lib.nn_rt_load_weights_file, _path_bytes(weights, "weights"))
        elif isinstance(weights, (bytes, bytearray, memoryview)):
            blob = bytes(weights)
            self._call(dev, self._lib.nn_rt_load_weights, blob, len(blob))
        else:
            raise TypeError(
                "weights must be a .nnw path or its bytes, got %s" % type(weights).__name__
            )

    # -- synchronous inference ----------------------------------------------------------------

    def _samples(self, x):
        """x as a C-contiguous float32 (N, input_size) array, and whether it was one sample."""
        x = np.asarray(x)
        if x.dtype.kind != "f":
            raise TypeError(
                "expected floating-point samples (float32; float64/float16 are converted), "
                "got dtype %s" % x.dtype
            )
        shape = self.input_shape or (self.input_size,)
        if x.shape == shape:
            single, n = True, 1
        elif x.ndim == len(shape) + 1 and x.shape[1:] == shape:
            single, n = False, x.shape[0]
        elif x.ndim == 2 and x.shape[1] == self.input_size:
            single, n = False, x.shape[0]
        else:
            raise ValueError(
                "expected samples of shape (N, %s) or (N, %d) for model %r, got shape %s"
                % (", ".join(str(d) for d in shape), self.input_size, self.name, x.shape)
            )
        return np.ascontiguousarray(x, dtype=np.float32).reshape(n, self.input_size), single

    def predict(self, x, profile=False):
        """Runs the samples in x through the accelerator.

        x: (N, *input_shape) or (N, input_size) floats, or one sample of input_shape. Any N: the
        batch is split into runs of at most max_batch samples. Returns float32 (N, output_size)
        (one sample: (output_size,)). With profile=True prints one line and returns
        (y, nnaccel.Profile)."""
        dev = self._device()
        xs, single = self._samples(x)
        n = xs.shape[0]
        y = np.empty((n, self.output_size), dtype=np.float32)
        f32p = ctypes.POINTER(ctypes.c_float)
        before = self._stats_struct(dev) if profile else None
        t0 = time.perf_counter()
        runs = 0
        for first in range(0, n, self.max_batch):
            if self._dev is not dev:
                raise ValueError("the accelerator was closed during predict()")
            count = min(self.max_batch, n - first)
            self._call(
                dev,
                self._lib.nn_rt_predict,
                xs[first:].ctypes.data_as(f32p),
                y[first:].ctypes.data_as(f32p),
                count,
            )
            runs += 1
        seconds = time.perf_counter() - t0
        result = y[0] if single else y
        if not profile:
            return result
        after = self._stats_struct(dev)
        prof = Profile(
            samples=n,
            seconds=seconds,
            samples_per_second=n / seconds if seconds > 0 else float("inf"),
            batches=runs,
            device_seconds=(after.device_time_us - before.device_time_us) / 1e6,
            latency_seconds=seconds / runs if runs else 0.0,
        )
        print(prof)
        return result, prof

    # -- zero-copy ----------------------------------------------------------------------------

    def _buffer_views(self):
        if self._views is None:
            dev = self._device()

            def view(cptr, cols, writeable):
                raw = (ctypes.c_float * (self.max_batch * cols)).from_address(
                    ctypes.addressof(cptr.contents)
                )
                raw._nnaccel_device = dev  # the view keeps the device (and its DMA memory) alive
                arr = np.ctypeslib.as_array(raw).reshape(self.max_batch, cols)
                arr.flags.writeable = writeable
                return arr

            self._views = (
                view(self._in_ptr, self.input_size, True),
                view(self._out_ptr, self.output_size, False),
            )
        return self._views

    @property
    def input_buffer(self):
        """Writable float32 (max_batch, input_size) view of the driver's input DMA buffer."""
        return self._buffer_views()[0]

    @property
    def output_buffer(self):
        """Read-only float32 (max_batch, output_size) view of the driver's output DMA buffer."""
        return self._buffer_views()[1]

    def start(self, n):
        """Starts the accelerator on the first n samples of input_buffer (returns at once)."""
        dev = self._device()
        n = _u32(n, "n")
        if not 1 <= n <= self.max_batch:
            raise ValueError("n must be 1..%d (max_batch), got %d" % (self.max_batch, n))
        self._call(dev, self._lib.nn_rt_start_in_place, n)
        self._pending = n

    def wait(self, timeout_ms=None):
        """Waits for the run start() began; returns output_buffer[:n] (a view, no copy).
        On a timeout AcceleratorError(NN_E_TIMEOUT) is raised and the run is still in flight:
        wait again."""
        dev = self._device()
        self._call(dev, self._lib.nn_rt_wait, None, _timeout_us(timeout_ms, "timeout_ms"))
        return self.output_buffer[: self._pending]

    # -- statistics ---------------------------------------------------------------------------

    def _stats_struct(self, dev=None):
        s = _native.Stats()
        self._lib.nn_rt_get_stats((dev or self._device()).ptr, ctypes.byref(s))
        return s

    @property
    def stats(self):
        """The driver's counters (nn_stats) as a dict."""
        s = self._stats_struct()
        return {name: int(getattr(s, name)) for name, _ in _native.Stats._fields_}

    def reset_stats(self):
        self._lib.nn_rt_reset_stats(self._device().ptr)
