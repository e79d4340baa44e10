#!/usr/bin/python3
"""Runs every command of docs/guide.md, in order, so that the guide cannot rot.

    /usr/bin/python3 tests/guide/run_guide.py --repo REPO --build-dir BUILD [--guide FILE]
                                              [--no-torch] [--keep] [--timeout S]

The guide's fenced blocks are executed like a reader would, in one continuing session:

  ```sh        bash -euo pipefail; environment variables and the current folder carry over to
               the next block (sh and python), as in one terminal
  ```python    exec() in one shared namespace, like the cells of a notebook
  ```sh setup  installing/building nnaccel itself: checked to be the commands scripts/test runs
               (which built BUILD before the tests ran), not run a second time
  ```python torch  needs PyTorch: run when `import torch` works (and not --no-torch); otherwise
               skipped, and the guide's next block takes the committed model (it says so)
  ```sh board / ```python board  need Vivado or a board: syntax-checked only (bash -n, compile())
  ```text / ```dts   shown, never run (output examples, device-tree source)

Any other fence (an unknown language or tag, or a fence without a language) is an error, so no
command can escape the test by a typo. The session starts in REPO (where the guide's reader has
just built nnaccel) with HOME set to a fresh temporary folder, so `~/...` in the guide is
scratch space. When BUILD is not REPO/build, the session starts in a view of REPO (symbolic
links) whose build/ is BUILD, so the guide's lines run unchanged against BUILD.

Exit status 0 when every block passed; otherwise 1 with the block's number, line and first line.
Needs only the Python standard library (and numpy for the guide's own blocks).
"""

import argparse
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import time
import traceback

RUN_LANGS = {"sh", "python"}
SHOWN_LANGS = {"text", "dts"}
TAGS = {"sh": {"setup", "board"}, "python": {"torch", "board"}}
FENCE = re.compile(r"^(`{3,})(.*)$")
_IGNORED_ENV = {"_", "SHLVL", "PWD", "OLDPWD"}


class GuideError(Exception):
    pass


class Block:
    def __init__(self, index, line, lang, tags, code):
        self.index, self.line, self.lang, self.tags, self.code = index, line, lang, tags, code

    def where(self):
        first = next((l.strip() for l in self.code.splitlines() if l.strip()), "")
        return "block %d (line %d, %s%s): %s" % (
            self.index, self.line, self.lang, "".join(" " + t for t in sorted(self.tags)), first)


def parse_blocks(path):
    """The fenced blocks of a Markdown file, in order; refuses fences the runner cannot classify."""
    blocks, lines = [], open(path, encoding="utf-8").read().splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i].lstrip()) if lines[i].lstrip().startswith("```") else None
        if not m:
            i += 1
            continue
        start, ticks, info = i + 1, m.group(1), m.group(2).split()
        body, i = [], i + 1
        while i < len(lines) and lines[i].strip() != ticks:
            body.append(lines[i])
            i += 1
        if i == len(lines):
            raise GuideError("%s:%d: fence never closed" % (path, start))
        i += 1
        if not info:
            raise GuideError("%s:%d: a fence without a language: use sh, python, text or dts"
                             % (path, start))
        lang, tags = info[0], set(info[1:])
        if lang in SHOWN_LANGS and not tags:
            continue
        if lang not in RUN_LANGS:
            raise GuideError("%s:%d: fence language %r: the guide's runner knows sh, python "
                             "(executed) and %s (shown only)"
                             % (path, start, lang, ", ".join(sorted(SHOWN_LANGS))))
        unknown = tags - TAGS[lang]
        if unknown or len(tags) > 1:
            raise GuideError("%s:%d: fence %r: a %s block takes at most one of the tags %s"
                             % (path, start, " ".join(info), lang, ", ".join(sorted(TAGS[lang]))))
        # A block may be indented under a list item: drop the fence's indentation.
        indent = len(lines[start - 1]) - len(lines[start - 1].lstrip())
        code = "\n".join(l[indent:] if l[:indent].strip() == "" else l for l in body) + "\n"
        blocks.append(Block(len(blocks) + 1, start, lang, tags, code))
    return blocks


def normalize_command(line):
    """A command line as scripts/test writes it and as the guide writes it compare equal."""
    line = re.sub(r"\s*>\s*/dev/null\s*$", "", line.strip())
    line = re.sub(r"-j\S*", "-j", line)
    return line[2:] if line.startswith("./") else line


def check_setup(block, repo, build):
    """A setup block's commands must be exactly commands that scripts/test runs, and the build
    they produce must be there (scripts/test or the ctest caller built it)."""
    script = os.path.join(repo, "scripts", "test")
    ran = {normalize_command(l) for l in open(script, encoding="utf-8").read().splitlines()
           if l.strip() and not l.lstrip().startswith("#")}
    for line in block.code.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if normalize_command(line) not in ran:
            raise GuideError("%s: %r is not a command of scripts/test; a setup block may only "
                             "hold what scripts/test runs before the tests" % (block.where(), line))
    for need in (os.path.join(build, "bin", "nngen"),
                 os.path.join(build, "lib", "libnnaccel.so")):
        if not os.path.exists(need):
            raise GuideError("%s: %s is missing: build %s first" % (block.where(), need, build))


class Session:
    """One terminal and one Python interpreter, shared by the blocks in order."""

    def __init__(self, repo, build, home, timeout):
        self.repo, self.build, self.timeout = repo, build, timeout
        self.env = dict(os.environ)
        self.env.pop("NNACCEL_LIBRARY", None)   # the guide's reader has none: found by itself
        self.env["HOME"] = home
        self.cwd = repo
        self.namespace = {"__name__": "__guide__"}

    def run_sh(self, block, state_dir):
        env_file = os.path.join(state_dir, "env")
        cwd_file = os.path.join(state_dir, "cwd")
        script = "%s\nenv -0 > %s\npwd > %s\n" % (block.code, shlex.quote(env_file),
                                                  shlex.quote(cwd_file))
        try:
            r = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=self.cwd,
                               env=self.env, timeout=self.timeout)
        except subprocess.TimeoutExpired:
            raise GuideError("%s: timed out after %d s" % (block.where(), self.timeout))
        if r.returncode != 0:
            raise GuideError("%s: exit status %d" % (block.where(), r.returncode))
        raw = open(env_file, "rb").read().split(b"\0")
        self.env = dict(kv.decode().split("=", 1) for kv in raw if b"=" in kv)
        for k in _IGNORED_ENV:
            self.env.pop(k, None)
        self.cwd = open(cwd_file, encoding="utf-8").read().rstrip("\n")

    def run_python(self, block):
        # The Python "kernel" sees what the terminal set up, as when Jupyter is started from it.
        os.environ.clear()
        os.environ.update(self.env)
        os.chdir(self.cwd)
        for p in reversed(self.env.get("PYTHONPATH", "").split(os.pathsep)):
            if p and p not in sys.path:
                sys.path.insert(0, p)

        def on_alarm(signum, frame):
            raise TimeoutError("timed out after %d s" % self.timeout)

        old = signal.signal(signal.SIGALRM, on_alarm)
        signal.alarm(self.timeout)
        try:
            code = compile(block.code, "<guide %s>" % block.where(), "exec")
            exec(code, self.namespace)
        except BaseException:
            traceback.print_exc()
            raise GuideError("%s: raised %s" % (block.where(), sys.exc_info()[0].__name__))
        finally:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, old)
            sys.stdout.flush()
        # Python may have changed folder; the terminal stays where it was (as in Jupyter).


def repo_view(repo, build, view):
    """A folder that looks like REPO with BUILD as its build/: every entry of REPO but build/ as
    a symbolic link, and build/ a link to BUILD. The guide names REPO/build (where scripts/test
    builds), so this runs the guide's own lines, unchanged, against another build tree; the
    Python package, imported from VIEW/python, then finds VIEW/build/lib/libnnaccel.so by itself,
    as the guide says it does."""
    os.makedirs(view)
    for entry in os.listdir(repo):
        if entry != "build":
            os.symlink(os.path.join(repo, entry), os.path.join(view, entry))
    os.symlink(build, os.path.join(view, "build"))
    return view


def syntax_check(block):
    if block.lang == "python":
        try:
            compile(block.code, "<guide %s>" % block.where(), "exec")
        except SyntaxError as e:
            raise GuideError("%s: Python syntax error: %s" % (block.where(), e))
    else:
        r = subprocess.run(["bash", "-n"], input=block.code.encode(), capture_output=True)
        if r.returncode != 0:
            raise GuideError("%s: bash -n: %s" % (block.where(), r.stderr.decode().strip()))


def torch_available():
    """Whether PyTorch is installed (found, not imported: importing it takes seconds; a broken
    install then fails its block loudly instead of silently taking the fallback)."""
    import importlib.util
    return importlib.util.find_spec("torch") is not None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repo", required=True, help="the nnaccel source tree")
    ap.add_argument("--build-dir", required=True, help="the build to test (bin/nngen, lib/)")
    ap.add_argument("--guide", help="the Markdown file (default REPO/docs/guide.md)")
    ap.add_argument("--no-torch", action="store_true",
                    help="act as if PyTorch were missing (tests the guide's committed-model path)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder")
    ap.add_argument("--timeout", type=int, default=600, help="seconds per block (default 600)")
    args = ap.parse_args()

    repo = os.path.realpath(args.repo)
    build = os.path.realpath(args.build_dir)
    guide = args.guide or os.path.join(repo, "docs", "guide.md")
    t0 = time.monotonic()
    try:
        blocks = parse_blocks(guide)
        if not any(b.lang == "sh" and not b.tags for b in blocks) or \
                not any(b.lang == "python" and not b.tags for b in blocks):
            raise GuideError("%s: no runnable sh or python block: is this the guide?" % guide)
        have_torch = not args.no_torch and torch_available()
        tmp = tempfile.mkdtemp(prefix="nnaccel-guide-")
        home, state = os.path.join(tmp, "home"), os.path.join(tmp, "state")
        os.makedirs(home)
        os.makedirs(state)
        start = repo
        if os.path.realpath(build) != os.path.realpath(os.path.join(repo, "build")):
            start = repo_view(repo, build, os.path.join(tmp, "repo"))
            print("guide: the build under test is not REPO/build: the session starts in %s, "
                  "a view of REPO whose build/ is %s" % (start, build))
        session = Session(start, os.path.join(start, "build"), home, args.timeout)
        print("guide: %s, %d blocks; work folder (HOME) %s; build %s" % (guide, len(blocks), home,
                                                                        build))
        counts = {"sh": 0, "python": 0, "setup": 0, "board": 0, "torch_skipped": 0}
        for b in blocks:
            print("\n=== %s" % b.where(), flush=True)
            if "setup" in b.tags:
                check_setup(b, repo, build)
                print("--- checked: the same commands as scripts/test, which built %s" % build)
                counts["setup"] += 1
            elif "board" in b.tags:
                syntax_check(b)
                print("--- not run (needs Vivado or the board): syntax checked")
                counts["board"] += 1
            elif "torch" in b.tags and not have_torch:
                syntax_check(b)
                print("--- not run (PyTorch %s): the guide's next block uses the committed model"
                      % ("disabled by --no-torch" if args.no_torch else "not installed"))
                counts["torch_skipped"] += 1
            elif b.lang == "sh":
                t_block = time.monotonic()
                session.run_sh(b, state)
                print("--- %.1f s" % (time.monotonic() - t_block))
                counts["sh"] += 1
            else:
                t_block = time.monotonic()
                session.run_python(b)
                print("--- %.1f s" % (time.monotonic() - t_block))
                counts["python"] += 1
        print("\nguide: PASS in %.1f s: ran %d sh and %d python blocks; %d setup blocks checked "
              "against scripts/test; %d board blocks syntax-checked only (need Vivado or a "
              "board); %s" % (time.monotonic() - t0, counts["sh"], counts["python"],
                              counts["setup"], counts["board"],
                              "PyTorch blocks ran" if have_torch else
                              "%d PyTorch blocks skipped: FALLBACK to the committed models in "
                              "sdk-apps/python/data" % counts["torch_skipped"]))
        if not args.keep:
            subprocess.run(["rm", "-rf", tmp])
        else:
            print("guide: kept %s" % tmp)
        return 0
    except GuideError as e:
        print("\nguide: FAIL: %s" % e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
