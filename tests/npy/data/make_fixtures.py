#!/usr/bin/python3
"""Writes the real-NumPy fixtures that tests/npy/npy_real_files_test.cpp reads.

Run from anywhere with /usr/bin/python3 (Debian's python3-numpy); the files are committed, so the
tests never need Python. Regenerating must give the same values the test expects (see the test's
kExpected* constants); the bytes may differ between NumPy versions only in .npz timestamps.
"""
import os

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(here, name)


x23 = (np.arange(6, dtype=np.float32) * 0.5 - 1.0).reshape(2, 3)  # -1.0 .. 1.5
x234 = (np.arange(24, dtype=np.float32) / 8.0).reshape(2, 3, 4)
labels = np.array([7, 2, 1, 0, 4, -1], dtype=np.int64)
special = np.array([np.nan, np.inf, -np.inf, -0.0, 1e-45, 3.4028235e38], dtype=np.float32)

np.save(path("f32_2x3.npy"), x23)
np.save(path("f32_2x3x4.npy"), x234)
np.save(path("f32_scalar.npy"), np.array(3.25, dtype=np.float32))
np.save(path("f32_special.npy"), special)
np.save(path("f64_2x2.npy"), np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float64))
np.save(path("f32_fortran.npy"), np.asfortranarray(x23))
np.save(path("f32_bigendian.npy"), x23.astype(">f4"))
np.save(path("i64_labels.npy"), labels)
np.save(path("i32_labels.npy"), labels.astype(np.int32))
np.save(path("u8_labels.npy"), np.array([7, 2, 1, 0, 4, 255], dtype=np.uint8))

np.savez(path("savez.npz"), x_test=x23, y_test=labels)
np.savez_compressed(path("savez_compressed.npz"), x_test=x234, y_test=labels,
                    zeros=np.zeros(4096, dtype=np.float32))
np.savez(path("savez_single.npz"), x23)  # stored as arr_0.npy
