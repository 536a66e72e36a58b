"""`python -m bench [NAME [OPTIONS...]]`: run the benchmark modules of this package.

Every top-level module here with a ``main() -> int`` is a benchmark; add one by adding a
file (packages such as ``harness`` and ``app`` are its machinery, not benchmarks). With
no name, all run with their defaults; with one name, the options after it are that
benchmark's own (``python -m bench suite --db sqlite --quick``).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def available() -> list[str]:
    """The benchmarks, the suite first: it generates the database the others read."""
    here = [str(Path(__file__).parent)]
    return sorted(
        (m.name for m in pkgutil.iter_modules(here) if not m.name.startswith("_") and not m.ispkg),
        key=lambda name: (name != "suite", name),
    )


def main(argv: list[str]) -> int:
    known = available()
    names = [a for a in argv if not a.startswith("-")][:1] if argv else known
    options = argv[1:] if argv else []
    if argv and (len(names) != 1 or argv[0] != names[0]):
        names = [a for a in argv if not a.startswith("-")]
        options = []
    unknown = [name for name in names if name not in known]
    if unknown:
        print(f"unknown benchmark {', '.join(unknown)}; available: {', '.join(known)}")
        return 2
    status = 0
    for name in names:
        print(f"== bench {name} ==", flush=True)
        sys.argv = [f"bench {name}", *options]
        status |= importlib.import_module(f"bench.{name}").main()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
