"""nnaccel: Python binding of the nnaccel C driver (libnnaccel.so, through ctypes).

    import nnaccel
    with nnaccel.Accelerator("OUT", hal="sim") as acc:     # or hal="uio" on a board
        y = acc.predict(x)

docs/python.md describes the API, where the library is looked for, and the board setup.
"""

from ._native import LibraryError
from .accelerator import HALS, Accelerator
from .errors import STATUS_NAMES, AcceleratorError
from .package import PackageError, unpack_package
from .profile import Profile

__version__ = "0.1.0"

__all__ = [
    "Accelerator",
    "AcceleratorError",
    "HALS",
    "LibraryError",
    "PackageError",
    "Profile",
    "STATUS_NAMES",
    "__version__",
    "unpack_package",
]
