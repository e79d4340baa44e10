"""nnaccel.Accelerator: one accelerator (real or virtual) driven through libnnaccel.so."""

import ctypes
import os
import shutil
import tempfile
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


def _timeout_us(timeout_ms, what):
    if timeout_ms is None:
        return 0  # the device's own timeout
    if isinstance(timeout_ms, bool) or not isinstance(timeout_ms, (int, float)):
        raise TypeError("%s must be a number of milliseconds" % what)
    us = int(round(timeout_ms * 1000))
    if not 1 <= us <= _U32_MAX:
        raise ValueError("%s must be between 0.001 and %d ms" % (what, _U32_MAX // 1000))
    return us


class _Device:
    """Owns the nn_rt_device. Freed when the Accelerator is closed and no buffer view refers to it
    (views hold a reference), so a view can never point at freed DMA memory."""

    def __init__(self, lib, ptr):
        self.lib = lib
        self.ptr = ptr

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
            opt.ctrl_base = int(ctrl_base)
        if carveout is not None:
            base, size = carveout
            opt.carveout_base, opt.carveout_size = int(base), int(size)
        if max_batch is not None:
            opt.max_batch = _u32(max_batch, "max_batch", low=1)
        opt.timeout_us = _timeout_us(timeout_ms, "timeout_ms")
        opt.use_irq = 1 if use_irq else 0

        self.path = os.fspath(path) if isinstance(path, os.PathLike) else path
        self._unpacked = None
        if isinstance(path, (str, bytes, os.PathLike)) and is_archive(path):
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

    def _ptr(self):
        if self._dev is None:
            raise ValueError("the accelerator is closed")
        return self._dev.ptr

    def _check(self, rc):
        if rc != 0:
            detail = _text(self._lib.nn_rt_last_error(self._dev.ptr))
            raise AcceleratorError(rc, _text(self._lib.nn_rt_strerror(rc)), detail)

    # -- weights -------------------------------------------------------------------------------

    def load_weights(self, weights=None):
        """Loads a .nnw weight file (path), its bytes, or (None) the descriptor's default file.
        The driver checks it (format, CRC, model signature, size) before the accelerator sees it
        and verifies the checksum the accelerator computed over what it received."""
        ptr = self._ptr()
        if weights is None:
            rc = self._lib.nn_rt_load_weights_file(ptr, None)
        elif isinstance(weights, (str, os.PathLike)):
            rc = self._lib.nn_rt_load_weights_file(ptr, _path_bytes(weights, "weights"))
        elif isinstance(weights, (bytes, bytearray, memoryview)):
            blob = bytes(weights)
            rc = self._lib.nn_rt_load_weights(ptr, blob, len(blob))
        else:
            raise TypeError(
                "weights must be a .nnw path or its bytes, got %s" % type(weights).__name__
            )
        self._check(rc)

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
        ptr = self._ptr()
        xs, single = self._samples(x)
        n = xs.shape[0]
        y = np.empty((n, self.output_size), dtype=np.float32)
        f32p = ctypes.POINTER(ctypes.c_float)
        before = self._stats_struct() if profile else None
        t0 = time.perf_counter()
        runs = 0
        for first in range(0, n, self.max_batch):
            count = min(self.max_batch, n - first)
            rc = self._lib.nn_rt_predict(
                ptr,
                xs[first:].ctypes.data_as(f32p),
                y[first:].ctypes.data_as(f32p),
                count,
            )
            self._check(rc)
            runs += 1
        seconds = time.perf_counter() - t0
        result = y[0] if single else y
        if not profile:
            return result
        after = self._stats_struct()
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
            self._ptr()
            dev = self._dev

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
        ptr = self._ptr()
        n = _u32(n, "n")
        if not 1 <= n <= self.max_batch:
            raise ValueError("n must be 1..%d (max_batch), got %d" % (self.max_batch, n))
        self._check(self._lib.nn_rt_start_in_place(ptr, n))
        self._pending = n

    def wait(self, timeout_ms=None):
        """Waits for the run start() began; returns output_buffer[:n] (a view, no copy).
        On a timeout AcceleratorError(NN_E_TIMEOUT) is raised and the run is still in flight:
        wait again."""
        ptr = self._ptr()
        self._check(self._lib.nn_rt_wait(ptr, None, _timeout_us(timeout_ms, "timeout_ms")))
        return self.output_buffer[: self._pending]

    # -- statistics ---------------------------------------------------------------------------

    def _stats_struct(self):
        s = _native.Stats()
        self._lib.nn_rt_get_stats(self._ptr(), ctypes.byref(s))
        return s

    @property
    def stats(self):
        """The driver's counters (nn_stats) as a dict."""
        s = self._stats_struct()
        return {name: int(getattr(s, name)) for name, _ in _native.Stats._fields_}

    def reset_stats(self):
        self._lib.nn_rt_reset_stats(self._ptr())
