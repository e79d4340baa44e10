#!/usr/bin/python3
"""The guide and notebook runners themselves: they must fail, naming the block or cell, on every
kind of broken input, and pass a well-formed one. Synthetic guides/notebooks in a temporary
folder, a fake repository (scripts/test) and a fake build (bin/nngen, lib/libnnaccel.so): no real
build is needed. Run: /usr/bin/python3 tests/guide/test_runners.py
"""

import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
FENCE = "```"


def guide(*blocks):
    """Markdown with the given (info, code) fenced blocks, separated by prose."""
    parts = ["# test guide\n"]
    for info, code in blocks:
        parts.append("Some prose.\n\n%s%s\n%s\n%s\n" % (FENCE, info, textwrap.dedent(code).strip(),
                                                       FENCE))
    return "\n".join(parts)


class Fixture(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="guide-runner-test-")
        t = self.tmp.name
        self.repo, self.build = os.path.join(t, "repo"), os.path.join(t, "repo", "build")
        os.makedirs(os.path.join(self.repo, "scripts"))
        os.makedirs(os.path.join(self.build, "bin"))
        os.makedirs(os.path.join(self.build, "lib"))
        with open(os.path.join(self.repo, "scripts", "test"), "w") as f:
            f.write("#!/bin/bash\nscripts/install-deps\n"
                    "cmake -S . -B build -G Ninja >/dev/null\ncmake --build build -j\"$jobs\"\n")
        for p in ("bin/nngen", "lib/libnnaccel.so"):
            open(os.path.join(self.build, p), "w").close()

    def tearDown(self):
        self.tmp.cleanup()

    def run_guide(self, text, *extra):
        path = os.path.join(self.tmp.name, "guide.md")
        with open(path, "w") as f:
            f.write(text)
        return subprocess.run([sys.executable, os.path.join(HERE, "run_guide.py"), "--repo",
                               self.repo, "--build-dir", self.build, "--guide", path] + list(extra),
                              capture_output=True, text=True, timeout=60)

    def run_notebook(self, nb, *extra):
        path = os.path.join(self.tmp.name, "nb.ipynb")
        with open(path, "w") as f:
            f.write(nb if isinstance(nb, str) else json.dumps(nb))
        return subprocess.run([sys.executable, os.path.join(HERE, "run_notebook.py"), path,
                               "--repo", self.repo, "--build-dir", self.build] + list(extra),
                              capture_output=True, text=True, timeout=60)


OK_BLOCKS = [
    ("sh setup", "./scripts/install-deps\ncmake -S . -B build -G Ninja\ncmake --build build -j2"),
    ("sh", "export GUIDE_X=42\nmkdir -p ~/w && cd ~/w\necho hello > f.txt"),
    ("python", "import os\nassert os.environ['GUIDE_X'] == '42'\n"
               "assert open('f.txt').read() == 'hello\\n'\nvalue = 7"),
    ("python", "assert value == 7"),
    ("sh board", "this-command-does-not-exist --flag"),
    ("python board", "raise SystemExit(3)"),
    ("text", "not run: $(false)"),
]


class GuideRunner(Fixture):
    def test_good_guide_passes_with_session_state_and_skips_board_blocks(self):
        r = self.run_guide(guide(*OK_BLOCKS))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("ran 1 sh and 2 python blocks", r.stdout)
        self.assertIn("1 setup blocks checked", r.stdout)
        self.assertIn("2 board blocks syntax-checked only", r.stdout)

    def expect_fail(self, text, *needles, extra=()):
        r = self.run_guide(text, *extra)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        for n in needles:
            self.assertIn(n, r.stderr)

    def test_failing_sh_block_is_named(self):
        self.expect_fail(guide(("sh", "true"), ("sh", "false  # broken"), ("python", "pass")),
                         "block 2 (line", "sh): false  # broken", "exit status 1")

    def test_pipefail_and_unset_variables_fail(self):
        self.expect_fail(guide(("sh", "false | cat"), ("python", "pass")), "block 1")
        self.expect_fail(guide(("sh", "echo $NOT_SET_ANYWHERE"), ("python", "pass")), "block 1")

    def test_failing_python_block_is_named(self):
        self.expect_fail(guide(("sh", "true"), ("python", "x = 1\nassert x == 2")),
                         "block 2", "python): x = 1", "AssertionError")

    def test_fence_without_language_or_unknown_language_or_tag_is_refused(self):
        self.expect_fail("```\nls\n```\n", "a fence without a language")
        self.expect_fail(guide(("bash", "ls")), "fence language 'bash'")
        self.expect_fail(guide(("sh bord", "ls")), "at most one of the tags")
        self.expect_fail(guide(("python setup", "pass")), "at most one of the tags")
        self.expect_fail("```sh\nls\n", "fence never closed")

    def test_setup_block_must_be_what_scripts_test_runs(self):
        self.expect_fail(guide(("sh setup", "cmake --build build --target everything"),
                               ("sh", "true"), ("python", "pass")),
                         "is not a command of scripts/test")

    def test_setup_block_needs_the_build(self):
        os.remove(os.path.join(self.build, "lib", "libnnaccel.so"))
        self.expect_fail(guide(*OK_BLOCKS), "libnnaccel.so is missing")

    def test_board_blocks_are_syntax_checked(self):
        self.expect_fail(guide(("sh", "true"), ("python", "pass"), ("python board", "def f(:")),
                         "Python syntax error")
        self.expect_fail(guide(("sh", "true"), ("python", "pass"), ("sh board", "if then fi")),
                         "bash -n")

    def test_torch_blocks_skipped_with_no_torch_and_reported(self):
        r = self.run_guide(guide(("sh", "true"), ("python torch", "raise RuntimeError('ran')"),
                                 ("python", "pass")), "--no-torch")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("1 PyTorch blocks skipped: FALLBACK", r.stdout)

    def test_other_build_dir_appears_as_repo_build(self):
        other = os.path.join(self.tmp.name, "other-build")
        os.makedirs(os.path.join(other, "bin"))
        with open(os.path.join(other, "bin", "whoami-build"), "w") as f:
            f.write("#!/bin/sh\necho other\n")
        os.chmod(os.path.join(other, "bin", "whoami-build"), 0o755)
        path = os.path.join(self.tmp.name, "guide.md")
        with open(path, "w") as f:
            f.write(guide(("sh", 'export PATH="$PWD/build/bin:$PATH"\n'
                                 'test "$(whoami-build)" = other\ntest -f scripts/test\n'
                                 'test -z "${NNACCEL_LIBRARY:-}"'),
                          ("python", "pass")))
        env = dict(os.environ, NNACCEL_LIBRARY="/should/be/dropped")
        r = subprocess.run([sys.executable, os.path.join(HERE, "run_guide.py"), "--repo",
                            self.repo, "--build-dir", other, "--guide", path],
                           capture_output=True, text=True, timeout=60, env=env)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("a view of REPO whose build/ is", r.stdout)


def notebook(*cells, nbformat=4):
    out = []
    for kind, src in cells:
        c = {"cell_type": kind, "metadata": {}, "source": src.splitlines(True)}
        if kind == "code":
            c.update(outputs=[], execution_count=None)
        out.append(c)
    return {"cells": out, "metadata": {}, "nbformat": nbformat, "nbformat_minor": 5}


class NotebookRunner(Fixture):
    def test_good_notebook_runs_in_one_namespace(self):
        r = self.run_notebook(notebook(
            ("markdown", "# hi"), ("code", "import os\nv = 3"),
            ("code", "assert v == 3\nassert os.environ['NNACCEL_WORK']")))
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertIn("PASS", r.stdout)

    def test_failing_cell_is_named_by_index_and_first_line(self):
        r = self.run_notebook(notebook(("markdown", "x"), ("code", "a = 1"),
                                       ("code", "# compute\nraise ValueError('boom')")))
        self.assertEqual(r.returncode, 1)
        self.assertIn("cell 2 (# compute) raised ValueError", r.stderr)
        self.assertIn("boom", r.stderr)

    def test_stored_outputs_not_json_and_other_formats_are_refused(self):
        nb = notebook(("code", "pass"))
        nb["cells"][0]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "x"}]
        r = self.run_notebook(nb, "--check-only")
        self.assertEqual(r.returncode, 1)
        self.assertIn("stored outputs", r.stderr)
        nb = notebook(("code", "pass"))
        nb["cells"][0]["execution_count"] = 4
        self.assertEqual(self.run_notebook(nb, "--check-only").returncode, 1)
        r = self.run_notebook("{not json", "--check-only")
        self.assertEqual(r.returncode, 1)
        self.assertIn("not a readable JSON file", r.stderr)
        r = self.run_notebook(notebook(("code", "pass"), nbformat=3), "--check-only")
        self.assertIn("not an nbformat 4 notebook", r.stderr)
        r = self.run_notebook(notebook(("markdown", "only prose")), "--check-only")
        self.assertIn("no code cells", r.stderr)

    def test_shell_magics_are_not_python(self):
        r = self.run_notebook(notebook(("code", "!ls")))
        self.assertEqual(r.returncode, 1)
        self.assertIn("cell 0 (!ls) raised SyntaxError", r.stderr)

    def test_no_torch_hides_torch(self):
        r = self.run_notebook(notebook(("code", "try:\n    import torch\nexcept ImportError:\n"
                                                "    torch = None\nassert torch is None")),
                              "--no-torch")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)

    def test_cell_timeout(self):
        r = self.run_notebook(notebook(("code", "import time\ntime.sleep(5)")), "--timeout", "1")
        self.assertEqual(r.returncode, 1)
        self.assertIn("raised TimeoutError", r.stderr)


class SameTrainingCode(unittest.TestCase):
    """The committed models (sdk-apps/python/make_data.py) must come from the training code the
    guide and the notebook show, or "without PyTorch, use the committed model" would be a
    different model. Compared as Python syntax trees (comments and layout aside)."""

    NAMES = ("make_model", "train", "export")

    def functions(self, source):
        import ast
        found = {}
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef) and node.name in self.NAMES:
                found[node.name] = ast.dump(node, include_attributes=False)
        return found

    def test_guide_notebook_and_make_data_train_alike(self):
        root = os.path.dirname(os.path.dirname(HERE))
        sys.path.insert(0, HERE)
        import run_guide
        torch_blocks = [b.code for b in run_guide.parse_blocks(os.path.join(root, "docs",
                                                                            "guide.md"))
                        if "torch" in b.tags]
        with open(os.path.join(root, "sdk-apps", "python", "getting-started.ipynb")) as f:
            cells = ["".join(c["source"]) for c in json.load(f)["cells"]
                     if c["cell_type"] == "code"]
        with open(os.path.join(root, "sdk-apps", "python", "make_data.py")) as f:
            reference = self.functions(f.read())
        self.assertEqual(sorted(reference), sorted(self.NAMES))
        for what, sources in (("docs/guide.md", torch_blocks), ("the notebook", cells)):
            found = {}
            for src in sources:
                found.update(self.functions(src))
            self.assertEqual(found, reference, "%s trains differently from make_data.py" % what)


if __name__ == "__main__":
    unittest.main(verbosity=2)
