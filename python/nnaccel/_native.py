"""Finds libnnaccel.so and declares its C API (nndriver/nn_runtime.h) for ctypes.

The structs the runtime passes by pointer are mirrored here field for field; nn_rt_abi_sizes()
reports their sizes as the library was compiled, and a library whose sizes differ (built from
another version of the headers) is refused instead of being called with a wrong layout.
"""

import ctypes
import ctypes.util
import glob
import os
import threading

LIBRARY_ENV = "NNACCEL_LIBRARY"
_LIB_NAME = "libnnaccel.so"

NN_MAX_RANK = 4


class RtOptions(ctypes.Structure):
    """nn_rt_options."""

    _fields_ = [
        ("hal", ctypes.c_char_p),
        ("sim_library", ctypes.c_char_p),
        ("hwh_path", ctypes.c_char_p),
        ("uio_name", ctypes.c_char_p),
        ("udmabuf_name", ctypes.c_char_p),
        ("uncached", ctypes.c_int),
        ("ctrl_base", ctypes.c_uint64),
        ("ctrl_size", ctypes.c_uint32),
        ("carveout_base", ctypes.c_uint64),
        ("carveout_size", ctypes.c_uint64),
        ("sysfs_root", ctypes.c_char_p),
        ("dev_root", ctypes.c_char_p),
        ("mem_path", ctypes.c_char_p),
        ("max_batch", ctypes.c_uint32),
        ("timeout_us", ctypes.c_uint32),
        ("use_irq", ctypes.c_int),
        ("log", ctypes.c_void_p),
        ("log_user", ctypes.c_void_p),
    ]


class Stats(ctypes.Structure):
    """nn_stats (every field uint64_t)."""

    _fields_ = [
        (name, ctypes.c_uint64)
        for name in (
            "predict_calls",
            "samples",
            "weight_loads",
            "device_time_us",
            "mmio_reads",
            "mmio_writes",
            "wait_mmio_reads",
            "last_mmio_accesses",
            "last_wait_mmio",
            "timeouts",
        )
    ]


class RegMap(ctypes.Structure):
    """nn_reg_map: only its size matters here."""

    _fields_ = [("regs", ctypes.c_uint32 * 13)]


class ModelDesc(ctypes.Structure):
    """nn_model_desc (the first member of nn_model_text, so nn_rt_model() points at one)."""

    _fields_ = [
        ("desc_version", ctypes.c_uint32),
        ("name", ctypes.c_char_p),
        ("signature", ctypes.c_uint32),
        ("bus_format", ctypes.c_uint32),
        ("input_size", ctypes.c_uint32),
        ("output_size", ctypes.c_uint32),
        ("weight_words", ctypes.c_uint32),
        ("max_batch", ctypes.c_uint32),
        ("input_rank", ctypes.c_uint32),
        ("input_shape", ctypes.c_uint32 * NN_MAX_RANK),
        ("regs", RegMap),
    ]


class LibraryError(ImportError):
    """libnnaccel.so was not found, not loadable, or built from other headers."""


def _candidates():
    """Where the library may be, in the order documented in docs/python.md."""
    env = os.environ.get(LIBRARY_ENV)
    if env:
        yield env, "$" + LIBRARY_ENV
        return
    here = os.path.dirname(os.path.abspath(__file__))
    yield os.path.join(here, "lib", _LIB_NAME), "the package's lib/ folder"
    # Installed SDK (cmake --install): <prefix>/share/nnaccel/python/nnaccel and
    # <prefix>/lib[/<multiarch>]/libnnaccel.so.
    parts = here.split(os.sep)
    if parts[-4:-1] == ["share", "nnaccel", "python"]:
        prefix = os.sep.join(parts[:-4]) or os.sep
        yield os.path.join(prefix, "lib", _LIB_NAME), "the SDK install prefix"
        for multiarch in sorted(glob.glob(os.path.join(prefix, "lib", "*", _LIB_NAME))):
            yield multiarch, "the SDK install prefix"
    # Imported from <repo>/python: the default build tree is <repo>/build.
    repo = os.path.dirname(os.path.dirname(here))
    yield os.path.join(repo, "build", "lib", _LIB_NAME), "the build tree"
    found = ctypes.util.find_library("nnaccel")
    if found:
        yield found, "the system library path"


def _declare(lib):
    c_int, c_uint32, c_size_t = ctypes.c_int, ctypes.c_uint32, ctypes.c_size_t
    dev = ctypes.c_void_p
    f32p = ctypes.POINTER(ctypes.c_float)
    sigs = {
        "nn_rt_options_init": (None, [ctypes.POINTER(RtOptions)]),
        "nn_rt_strerror": (ctypes.c_char_p, [c_int]),
        "nn_rt_open": (
            c_int,
            [ctypes.POINTER(dev), ctypes.c_char_p, ctypes.POINTER(RtOptions), ctypes.c_char_p,
             c_size_t],
        ),
        "nn_rt_close": (None, [dev]),
        "nn_rt_model": (ctypes.POINTER(ModelDesc), [dev]),
        "nn_rt_hal_name": (ctypes.c_char_p, [dev]),
        "nn_rt_load_weights_file": (c_int, [dev, ctypes.c_char_p]),
        "nn_rt_load_weights": (c_int, [dev, ctypes.c_void_p, c_size_t]),
        "nn_rt_predict": (c_int, [dev, f32p, f32p, c_uint32]),
        "nn_rt_start": (c_int, [dev, f32p, c_uint32]),
        "nn_rt_start_in_place": (c_int, [dev, c_uint32]),
        "nn_rt_wait": (c_int, [dev, f32p, c_uint32]),
        "nn_rt_input_buffer": (f32p, [dev, ctypes.POINTER(c_uint32)]),
        "nn_rt_output_buffer": (f32p, [dev]),
        "nn_rt_get_stats": (None, [dev, ctypes.POINTER(Stats)]),
        "nn_rt_reset_stats": (None, [dev]),
        "nn_rt_last_error": (ctypes.c_char_p, [dev]),
        "nn_rt_abi_sizes": (
            None, [ctypes.POINTER(c_size_t), ctypes.POINTER(c_size_t), ctypes.POINTER(c_size_t)]
        ),
    }
    for name, (restype, argtypes) in sigs.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes


def _check_abi(lib, path):
    sizes = [ctypes.c_size_t() for _ in range(3)]
    lib.nn_rt_abi_sizes(*[ctypes.byref(s) for s in sizes])
    ours = (ctypes.sizeof(RtOptions), ctypes.sizeof(Stats), ctypes.sizeof(ModelDesc))
    theirs = tuple(s.value for s in sizes)
    if ours != theirs:
        raise LibraryError(
            "%s was built from other headers than this nnaccel package (struct sizes "
            "nn_rt_options/nn_stats/nn_model_desc: library %s, package %s); use the library "
            "and the python/ folder of the same nnaccel build" % (path, theirs, ours)
        )


_lock = threading.Lock()
_loaded = {}


def load(path=None):
    """The declared library: `path`, or the first candidate that exists. Loaded once per path."""
    with _lock:
        tried = []
        for candidate, where in ([(path, "library=")] if path else _candidates()):
            if candidate in _loaded:
                return _loaded[candidate]
            if os.sep in candidate and not os.path.exists(candidate):
                tried.append("%s (%s): no such file" % (candidate, where))
                continue
            try:
                lib = ctypes.CDLL(candidate)
                _declare(lib)
            except (OSError, AttributeError) as e:
                tried.append("%s (%s): %s" % (candidate, where, e))
                continue
            _check_abi(lib, candidate)
            _loaded[candidate] = lib
            return lib
        raise LibraryError(
            "cannot load libnnaccel.so; tried:\n  "
            + "\n  ".join(tried or ["nothing (no candidate)"])
            + "\nBuild it (cmake --build build, target nnaccel_py) or set %s to its path."
            % LIBRARY_ENV
        )
