"""bench/formats.py's table: seconds, the ratio to JSON, sizes and the growth exponent."""

from __future__ import annotations

from bench.formats import _exp, table


def _result(n, json_s, html_s, render):
    return {"n": n, "findings": n // 20, "seconds": {"json": json_s, "html": html_s},
            "bytes": {"json": 900 * n, "html": 3 * 2**20 if n > 1000 else 700 * 2**10},
            "render": {"json": render, "html": 2 * render}}


def test_exponents():
    assert _exp(1.0, 10.0, 1000, 10000) == "1.00"
    assert _exp(1.0, 100.0, 1000, 10000) == "2.00"  # quadratic
    assert _exp(2.0, 2.0, 1000, 4000) == "0.00"
    assert _exp(0.0, 2.0, 1000, 4000) == "-" and _exp(1.0, 2.0, 1000, 1000) == "-"


def test_table_gives_ratio_size_render_and_growth():
    lines = table([_result(1000, 1.0, 1.5, 0.1), _result(10000, 10.0, 100.0, 1.0)],
                  ["json", "html"]).splitlines()
    assert lines[0].split() == ["articles", "1,000", "10,000"]
    assert lines[1].split() == ["findings", "50", "500"]
    assert lines[3].split() == ["json", "1.00", "(1.00x)", "879", "KB", "0.100",
                                "10.00", "(1.00x)", "8.6", "MB", "1.000"]
    assert lines[4].split() == ["html", "1.50", "(1.50x)", "700", "KB", "0.200",
                                "100.00", "(10.00x)", "3.0", "MB", "2.000"]
    assert lines[6].split() == ["json", "1,000→10,000", "1.00;", "1.00"]
    assert lines[7].split() == ["html", "1,000→10,000", "1.82;", "1.00"]
