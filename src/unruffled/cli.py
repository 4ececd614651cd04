"""The ``unruffled`` command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .content.errors import ContentError


def _cmd_validate(args: argparse.Namespace) -> int:
    from .content.manifest import find_root
    from .validate import validate_repo

    root = Path(args.root).resolve() if args.root else find_root()
    report = validate_repo(root)
    if report.coverage:
        print("Syllabus coverage by module:")
        for cov in report.coverage:
            print("  " + cov.line())
    for problem in report.problems:
        print(problem, file=sys.stderr)
    if report.ok:
        print(f"OK: {report.files_checked} files checked, no problems.")
        return 0
    print(f"{len(report.problems)} problem(s) in {report.files_checked} files checked.", file=sys.stderr)
    return 1


def _cmd_present(args: argparse.Namespace) -> int:
    from .content.manifest import find_root
    from .present import PresentOptions, run

    return run(PresentOptions(find_root(), host=args.host, port=args.port, lan=args.lan, token=args.token))


def _cmd_schema(args: argparse.Namespace) -> int:
    from .content.manifest import find_root
    from .schemas import write_all

    folder = Path(args.out) if args.out else find_root() / "schemas"
    for path in write_all(folder):
        print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; sub-commands register themselves here."""
    parser = argparse.ArgumentParser(prog="unruffled", description="Tools for the Unruffled course.")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check every content file, notebook and the syllabus coverage")
    p.add_argument("--root", help="repository root (default: found from the current folder)")
    p.set_defaults(func=_cmd_validate)
    p = sub.add_parser("schema", help="write JSON Schemas of the content files (for editor validation)")
    p.add_argument("--out", help="folder to write to (default: schemas/ in the repository)")
    p.set_defaults(func=_cmd_schema)

    from .present import main_args

    p = sub.add_parser("present", help="serve the facilitator dashboards with Voila")
    main_args(p)
    p.set_defaults(func=_cmd_present)
    from .grading.cli import register as register_grading

    register_grading(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``unruffled`` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
