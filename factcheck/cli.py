"""The `factcheck` command: wires the stages together and maps the outcome to an exit code.

Exit codes (DESIGN.md): 0 no finding at or above --fail-on; 1 findings; 2 usage or unreadable
input (every readable article is still reported).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import date
from typing import Optional, Sequence

from rich.console import Console

from factcheck import __version__
from factcheck.batch import analyse
from factcheck.cache import DEFAULT_DIR, ClaimsCache
from factcheck.load import DEFAULT_MAX_BYTES, load_paths
from factcheck.model import Document, Extraction, LoadError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors name the problem in one line and exit 2 (no traceback)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"factcheck: error: {message}\n")


def _date_arg(text: str) -> date:
    if text.lower() == "today":
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD or 'today')")


def _jobs_arg(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of jobs: {text!r}")
    if n < 1:
        raise argparse.ArgumentTypeError("--jobs must be at least 1")
    return n


def _size_arg(text: str) -> int:
    m = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]?)[bB]?\s*", text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 500k, 20M)")
    return int(m.group(1)) * {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}[m.group(2).lower()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="factcheck", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or globs")
        p.add_argument("--published", type=_date_arg, metavar="DATE",
                       help="publication date for articles that carry none (e.g. a draft: today)")
        p.add_argument("--output", "-o", metavar="FILE", help="write the report here (atomically)")
        p.add_argument("--jobs", "-j", type=_jobs_arg, default=None, metavar="N",
                       help="parallel extraction processes (default: the machine's cores)")
        p.add_argument("--cache", default=DEFAULT_DIR, metavar="DIR",
                       help=f"where extracted claims are kept between runs (default {DEFAULT_DIR})")
        p.add_argument("--no-cache", action="store_true", help="neither read nor write the cache")
        p.add_argument("--max-bytes", type=_size_arg, default=DEFAULT_MAX_BYTES, metavar="N",
                       help="skip (and name) articles larger than this; accepts 500k, 20M "
                            f"(default {DEFAULT_MAX_BYTES // 2**20}M)")

    check = sub.add_parser("check", help="report where the articles disagree")
    common(check)
    check.add_argument("--against", nargs="+", metavar="PATH", default=None,
                       help="reference sources: the PATHs are checked against them and only "
                            "findings that involve a PATH article are reported")
    check.add_argument("--format", choices=["rich", "json"], default="rich")
    check.add_argument("--fail-on", choices=["error", "warning", "info", "never"], default="error")

    ext = sub.add_parser("extract", help="list the claims each article makes")
    common(ext)
    ext.add_argument("--format", choices=["rich", "json", "yaml"], default="rich")
    return parser


def _run_stages(docs: Sequence[Document], args: argparse.Namespace
                ) -> tuple[list[Extraction], list[LoadError]]:
    """clean & segment and extract every document; a failure costs only that document."""
    cache = None if args.no_cache else ClaimsCache(args.cache)
    try:
        return analyse(docs, jobs=args.jobs, cache=cache)
    finally:
        if cache:
            cache.close()


def _emit(text: str, output: Optional[str]) -> None:
    if output:
        from factcheck.report.output import write_atomic
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()


def _console(output: Optional[str]) -> Console:
    no_color = bool(os.environ.get("NO_COLOR")) or os.environ.get("TERM") == "dumb"
    if output:
        return Console(record=True, force_terminal=False, no_color=True, width=120)
    return Console(no_color=no_color, highlight=False)


def _cmd_extract(args: argparse.Namespace) -> int:
    from factcheck.report import claims as claims_report

    docs, load_errors = load_paths(args.paths, published=args.published, max_bytes=args.max_bytes)
    extractions, errors = _run_stages(docs, args)
    errors = list(load_errors) + errors
    if args.format == "json":
        _emit(claims_report.render_json(extractions, errors), args.output)
    elif args.format == "yaml":
        _emit(claims_report.render_yaml(extractions, errors), args.output)
    else:
        console = _console(args.output)
        claims_report.print_rich(console, extractions, errors)
        if args.output:
            _emit(console.export_text(), args.output)
    _say_errors(errors, args.format)
    return EXIT_USAGE if errors else EXIT_OK


def _say_errors(errors: Sequence[LoadError], fmt: str) -> None:
    """Unreadable files are named on stderr too, whatever the format, so CI logs show them."""
    if fmt == "rich" or not errors:
        return
    for err in errors:
        sys.stderr.write(f"factcheck: {err.path}: {err.reason}\n")


def _cmd_check(args: argparse.Namespace) -> int:
    from factcheck.align import align
    from factcheck.compare import compare, exit_severities, within
    from factcheck.report import check as check_report

    docs, load_errors = load_paths(args.paths, published=args.published, max_bytes=args.max_bytes)
    focus = {d.id for d in docs}
    if args.against:
        references, ref_errors = load_paths(args.against, published=args.published,
                                            max_bytes=args.max_bytes, taken=focus)
        # A draft also named among the references (a folder holding it) is read once.
        drafts = {(d.path, d.text) for d in docs}
        docs = list(docs) + [r for r in references if (r.path, r.text) not in drafts]
        load_errors = list(load_errors) + list(ref_errors)
    extractions, errors = _run_stages(docs, args)
    errors = list(load_errors) + errors
    claims = [c for ex in extractions for c in ex.claims]
    conflicts = compare(align(claims))
    if args.against:
        conflicts = within(conflicts, focus)
    report = check_report.build(extractions, errors, conflicts)
    if args.format == "json":
        _emit(check_report.render_json(report), args.output)
    else:
        console = _console(args.output)
        check_report.print_rich(console, report)
        if args.output:
            _emit(console.export_text(), args.output)
    _say_errors(errors, args.format)
    if errors and args.fail_on != "never":
        return EXIT_USAGE
    failing = exit_severities(args.fail_on)
    if any(c.severity in failing and not c.accepted for c in report.conflicts):
        return EXIT_FINDINGS
    return EXIT_OK


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "extract":
            return _cmd_extract(args)
        return _cmd_check(args)
    except KeyboardInterrupt:
        sys.stderr.write("factcheck: interrupted\n")
        return 130
    except OSError as exc:
        sys.stderr.write(f"factcheck: {exc}\n")
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
