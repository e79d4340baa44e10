"""Checks that a file is strict JSON (RFC 8259) as nlohmann-json reads it.

CMake's string(JSON) parser accepts comments and trailing commas; the
generator's loader (nlohmann-json) does not. This check rejects both, plus
NaN/Infinity and duplicate keys (nlohmann silently keeps the last one).

Usage: python3 check_strict_json.py <file>
       python3 check_strict_json.py --expect-invalid <regex> <file>
The second form succeeds only if the file is rejected with a message
matching <regex> (for the tests of this check).
"""
import json
import re
import sys


def reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"duplicate key '{key}'")
        seen[key] = value
    return seen


def check(path):
    """Returns None when the file is strict JSON, else the reason."""
    try:
        with open(path, encoding="utf-8") as f:
            json.load(f, parse_constant=reject_constant, object_pairs_hook=no_duplicates)
    except (OSError, ValueError) as error:
        return str(error)
    return None


def main():
    args = sys.argv[1:]
    expected = None
    if len(args) == 3 and args[0] == "--expect-invalid":
        expected = args[1]
        args = args[2:]
    if len(args) != 1:
        print("usage: python3 check_strict_json.py [--expect-invalid <regex>] <file>",
              file=sys.stderr)
        return 2
    path = args[0]
    problem = check(path)
    if expected is not None:
        if problem is None:
            print(f"{path}: accepted, but it should be rejected (/{expected}/)", file=sys.stderr)
            return 1
        if not re.search(expected, problem):
            print(f"{path}: rejected, but the reason does not match /{expected}/: {problem}",
                  file=sys.stderr)
            return 1
        print(f"{path}: rejected as expected: {problem}")
        return 0
    if problem is not None:
        print(f"{path}: not strict JSON: {problem}", file=sys.stderr)
        return 1
    print(f"{path}: strict JSON")
    return 0


if __name__ == "__main__":
    sys.exit(main())
