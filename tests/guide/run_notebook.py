#!/usr/bin/python3
"""Runs a Jupyter notebook's code cells headlessly, in order, in one namespace (like "Run All").

    /usr/bin/python3 tests/guide/run_notebook.py NOTEBOOK --repo REPO --build-dir BUILD
                                                 [--no-torch] [--check-only] [--timeout S]

First the file itself is checked: JSON, nbformat 4, every cell a markdown/code/raw cell whose
source is a string or a list of strings, and no stored results (every code cell has no outputs and
a null execution_count), so the committed notebook stays small and its diffs readable.
Then the code cells run with exec() in one namespace, in a fresh temporary folder given to the
notebook as NNACCEL_WORK, with NNACCEL=REPO and NNACCEL_BUILD=BUILD (the notebook's first cell
reads them; a reader who starts Jupyter in sdk-apps/python needs none of them). Python's current
folder is the notebook's folder at the start, as in Jupyter.

--no-torch makes `import torch` fail inside the notebook, to run its committed-model path on a
machine that has PyTorch. A failing cell stops the run: exit 1, naming the cell's index and first
line, with the traceback. Each cell has --timeout seconds (default 600). Needs only the standard
library (and what the notebook imports: numpy).
"""

import argparse
import importlib.abc
import json
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback


class NotebookError(Exception):
    pass


def load_notebook(path):
    try:
        with open(path, encoding="utf-8") as f:
            nb = json.load(f)
    except (OSError, ValueError) as e:
        raise NotebookError("%s: not a readable JSON file: %s" % (path, e))
    if not isinstance(nb, dict) or nb.get("nbformat") != 4:
        raise NotebookError("%s: not an nbformat 4 notebook (nbformat %r)"
                            % (path, nb.get("nbformat") if isinstance(nb, dict) else None))
    cells = nb.get("cells")
    if not isinstance(cells, list) or not cells:
        raise NotebookError("%s: no cells" % path)
    out = []
    for i, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") not in ("markdown", "code", "raw"):
            raise NotebookError("%s: cell %d: not a markdown, code or raw cell" % (path, i))
        src = cell.get("source")
        if isinstance(src, list) and all(isinstance(s, str) for s in src):
            src = "".join(src)
        if not isinstance(src, str):
            raise NotebookError("%s: cell %d: source is not text" % (path, i))
        if cell["cell_type"] == "code":
            if cell.get("outputs") != [] or cell.get("execution_count") is not None:
                raise NotebookError("%s: cell %d has stored outputs or an execution count: clear "
                                    "them before committing (Jupyter: Edit > Clear All Outputs)"
                                    % (path, i))
        out.append((i, cell["cell_type"], src))
    return out


def first_line(src):
    return next((l.strip() for l in src.splitlines() if l.strip()), "")


class _NoTorch(importlib.abc.MetaPathFinder):
    """Makes `import torch` raise ImportError, as on a machine without PyTorch."""

    def find_spec(self, name, path=None, target=None):
        if name == "torch" or name.startswith("torch."):
            raise ImportError("No module named 'torch' (hidden by run_notebook.py --no-torch)")
        return None


def run(path, cells, timeout):
    namespace = {"__name__": "__main__"}

    def on_alarm(signum, frame):
        raise TimeoutError("cell timed out after %d s" % timeout)

    old = signal.signal(signal.SIGALRM, on_alarm)
    try:
        for i, kind, src in cells:
            if kind != "code":
                continue
            print("\n=== cell %d: %s" % (i, first_line(src)), flush=True)
            signal.alarm(timeout)
            try:
                exec(compile(src, "<%s cell %d>" % (os.path.basename(path), i), "exec"),
                     namespace)
            except BaseException:
                traceback.print_exc()
                raise NotebookError("cell %d (%s) raised %s" % (i, first_line(src),
                                                                sys.exc_info()[0].__name__))
            finally:
                signal.alarm(0)
                sys.stdout.flush()
    finally:
        signal.signal(signal.SIGALRM, old)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebook")
    ap.add_argument("--repo", help="the nnaccel source tree (NNACCEL)")
    ap.add_argument("--build-dir", help="the build to test (NNACCEL_BUILD)")
    ap.add_argument("--no-torch", action="store_true", help="hide PyTorch from the notebook")
    ap.add_argument("--check-only", action="store_true",
                    help="only check the file (JSON, nbformat 4, no outputs)")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    args = ap.parse_args()

    t0 = time.monotonic()
    try:
        cells = load_notebook(args.notebook)
        n_code = sum(1 for _, kind, _ in cells if kind == "code")
        if n_code == 0:
            raise NotebookError("%s: no code cells" % args.notebook)
        print("notebook: %s: nbformat 4, %d cells (%d code), no stored outputs"
              % (args.notebook, len(cells), n_code))
        if args.check_only:
            return 0
        if not args.repo or not args.build_dir:
            raise NotebookError("--repo and --build-dir are needed to run the notebook")
        work = tempfile.mkdtemp(prefix="nnaccel-notebook-")
        os.environ.pop("NNACCEL_LIBRARY", None)   # the notebook's first cell decides
        os.environ["NNACCEL"] = os.path.realpath(args.repo)
        os.environ["NNACCEL_BUILD"] = os.path.realpath(args.build_dir)
        os.environ["NNACCEL_WORK"] = work
        os.chdir(os.path.dirname(os.path.abspath(args.notebook)))
        if args.no_torch:
            sys.modules.pop("torch", None)
            sys.meta_path.insert(0, _NoTorch())
            print("notebook: PyTorch hidden (--no-torch): the notebook must take its "
                  "committed-model path")
        run(args.notebook, cells, args.timeout)
        shutil.rmtree(work, ignore_errors=True)
        print("\nnotebook: PASS in %.1f s (%d code cells)" % (time.monotonic() - t0, n_code))
        return 0
    except NotebookError as e:
        print("\nnotebook: FAIL: %s" % e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
