#!/usr/bin/python3
"""Self-test of scripts/check-doc-refs: plants each kind of broken reference in a small repository
and checks that the checker names the file and line of every one, stays quiet about the allowed
forms, and passes once the problems are removed.

Usage: check_doc_refs_selftest.py PATH/TO/check-doc-refs
Standard library only. Exit 0 on success; on failure prints what differed and exits 1.
"""

import os
import shutil
import subprocess
import sys
import tempfile

CHECKER = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None

# Assembled so that this file does not itself name these places (the checker scans it too).
PRIVATE = "DES" + "IGN.md"
SHARED = ".." + "/shared/docs/notes"
WORKDIR = "/" + "work" + "/main/docs"

# Ordinary string literals (not triple-quoted): the checker reads a Python file's comments and
# docstrings only, so these sample pages do not count as references of this file.
GOOD_PAGE = (
    "# A good page\n\n"
    "See [the other page](other.md#section), [the folder](../src/), docs/other.md and\n"
    "[an outside site](https://example.org/x.md), [mail](mailto:a@example.org), [here](#a-good-page).\n"
    "A generated project holds OUT/report.md and OUT/NAME.nnw; PKG/README.txt is in the package.\n"
    "Run `tool ... > capture.txt` to keep the output. Build trees: build/CMakeCache.txt.\n"
    "Code is not Markdown: `y = f[0](x)` and\n"
    "```python\n"
    "loss(model[:-1](xt[idx]))\n"
    "```\n")

CLEAN_FILES = {
    "docs/good.md": GOOD_PAGE,
    "docs/other.md": ("# Other\n\nBack to [good](good.md). The C file is src/a.c.\n"
                      "## Section\n\n```\n# not a heading\n```\n"),
    "src/a.c": ('/* a.c - described in docs/other.md. */\n'
                'static const char *k = "notes.txt"; /* a string literal is data */\n'),
    "src/CMakeLists.txt": '# see docs/good.md\nset(F "missing-data.txt")\n',
    "README.md": "Start at [docs/good.md](docs/good.md).\n",
}

# (file, content, expected problem lines)
PLANTED = {
    "docs/bad-link.md": ("# Bad\n\nline three\n[gone](missing-page.md) is linked here.\n",
                         ["docs/bad-link.md:4: names missing-page.md, which does not exist"]),
    "docs/private.md": ("Facts come from\nthe page %s.\n" % PRIVATE,
                        ["docs/private.md:2: names %s, which does not exist" % PRIVATE]),
    "src/b.c": ("int b;\n\n/* see %s for the rule */\n" % SHARED,
                ["src/b.c:3: names %s, a location outside the repository" % SHARED.split("/docs")[0]]),
    "docs/token.md": ("x\ny\nThe rules are in docs/nothere.md.\n",
                      ["docs/token.md:3: names docs/nothere.md, which does not exist"]),
    "docs/anchor.md": ("[a](other.md#not-a-heading) and [b](#nowhere)\n",
                       ["docs/anchor.md:1: names other.md#not-a-heading, a heading that does not",
                        "docs/anchor.md:1: names #nowhere, a heading that does not"]),
    "scripts/run.sh": ("#!/bin/sh\n# notes in %s/x.md\necho hi\n" % WORKDIR,
                       ["scripts/run.sh:2: names work, a location outside the repository"]),
}


def write(root, files):
    for rel, text in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def run(root):
    p = subprocess.run([sys.executable, CHECKER, "--root", root], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, universal_newlines=True)
    return p.returncode, p.stdout, p.stderr


def git_repo(root):
    """Makes root a git repository with every file in the index; False when git is missing."""
    try:
        subprocess.run(["git", "init", "-q", root], check=True)
        subprocess.run(["git", "-C", root, "add", "-A"], check=True)
        return True
    except (OSError, subprocess.CalledProcessError):
        return False


failures = []


def expect(cond, what, out="", err=""):
    if not cond:
        failures.append("%s\n  stdout: %s\n  stderr: %s" % (what, out.strip(), err.strip()))


def check_case(label, use_git):
    root = tempfile.mkdtemp(prefix="doc-refs-")
    try:
        files = dict(CLEAN_FILES)
        files.update({k: v[0] for k, v in PLANTED.items()})
        write(root, files)
        if use_git and not git_repo(root):
            print("%s: git not found, case skipped" % label)
            return
        if not use_git:
            # Walk mode: a build tree and .git-like folder are not scanned.
            write(root, {"build-x/junk.md": "see [x](nowhere.md)\n",
                         ".git/notes.md": "see [x](nowhere.md)\n"})
        rc, out, err = run(root)
        expect(rc == 1, "%s: planted problems must fail (rc %d)" % (label, rc), out, err)
        lines = [l for l in out.splitlines() if l]
        for _, (_, wanted) in sorted(PLANTED.items()):
            for w in wanted:
                expect(any(l.startswith(w) for l in lines), "%s: missing '%s'" % (label, w),
                       out, err)
        expect(len(lines) == sum(len(v[1]) for v in PLANTED.values()),
               "%s: exactly the planted problems expected, got %d" % (label, len(lines)), out, err)
        expect("7 problem(s)" in err, "%s: summary with the problem count" % label, out, err)

        # Remove the planted files: clean.
        for rel in PLANTED:
            os.remove(os.path.join(root, rel))
        if use_git:
            subprocess.run(["git", "-C", root, "add", "-A"], check=True)
        rc, out, err = run(root)
        expect(rc == 0, "%s: the clean tree must pass (rc %d)" % (label, rc), out, err)
        expect("references checked" in out and " 0 problem(s)" in out,
               "%s: clean run prints the counts" % label, out, err)

        # A private page name is allowed once a file of that name is part of the repository.
        write(root, {"docs/private.md": "See %s.\n" % PRIVATE, "docs/%s" % PRIVATE: "x\n"})
        if use_git:
            subprocess.run(["git", "-C", root, "add", "-A"], check=True)
        rc, out, err = run(root)
        expect(rc == 0, "%s: a tracked %s is a page of the repository" % (label, PRIVATE),
               out, err)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main():
    if CHECKER is None or not os.path.isfile(CHECKER):
        print("usage: check_doc_refs_selftest.py PATH/TO/check-doc-refs", file=sys.stderr)
        return 2
    check_case("git", True)
    check_case("walk", False)
    rc, out, err = run(os.path.join(tempfile.gettempdir(), "no-such-folder-doc-refs"))
    expect(rc == 2 and "is not a folder" in err, "a missing --root is a usage error", out, err)
    if failures:
        print("FAILED:\n" + "\n".join(failures))
        return 1
    print("check-doc-refs self-test: all cases passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
