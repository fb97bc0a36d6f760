"""SARIF 2.1.0 output, for code-scanning UIs (GitHub, VS Code SARIF viewer).

Built from the report@1 document only, so it can never disagree with the JSON contract. A
finding points at its odd one out (the outlier, else its first side); the other sides become
related locations, so a viewer jumps to the claim an editor most likely has to fix.
"""

from __future__ import annotations

import json
from typing import Any, Mapping, Optional
from urllib.parse import quote

from factcheck.report.safe import json_text

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
FINGERPRINT_KEY = "factcheck/v1"

# kind -> (rule name, short description, help). The help is what an editor reads in the UI.
RULES: dict[str, tuple[str, str, str]] = {
    "quantity": ("QuantityMismatch", "Articles give different figures for the same fact",
                 "Two or more articles state a number (a count, an amount, an age, a duration) "
                 "for the same fact, and the values cannot both be right even after allowing for "
                 "rounding and approximate wording. Check the outlier against the consensus."),
    "date": ("DateMismatch", "Articles give different dates for the same event",
             "The dates (or the dates implied by 'in 24 years', 'last month', ...) that the "
             "articles give for the same event do not overlap at the precision they were stated."),
    "ordinal": ("OrdinalMismatch", "Articles disagree on which occurrence this is",
                "One article calls it the second, another the third (visit, summit, term, ...)."),
    "quote": ("QuoteMismatch", "A quotation is worded differently across articles",
              "The same quotation differs in a way that changes its meaning: a negation, an "
              "antonym, a number or a name. Case, punctuation and shortening are not reported."),
    "attribution": ("AttributionMismatch", "The same quotation is attributed to different people",
                    "Articles put the same words in the mouths of different speakers."),
    "fact": ("FactMismatch", "An article contradicts a trusted fact",
             "A claim disagrees with a fact recorded as trusted in claims.yaml."),
    "update": ("FigureUpdated", "A figure changed between an earlier and a later article",
               "A running count (casualties, votes, ...) grew between articles published at "
               "different times. Usually a news update, not an error: check the older article."),
}
KINDS = tuple(RULES)
LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def primary_index(finding: Mapping[str, Any]) -> int:
    """Which side a finding points at: its outlier, else its first side."""
    for i, side in enumerate(finding.get("claims") or ()):
        if side.get("role") == "outlier":
            return i
    return 0


def artifact_uri(path: str) -> dict[str, Any]:
    """A relative path as a %SRCROOT%-based URI (its ':' encoded, so it can never read as a
    scheme); an absolute one as a file: URI."""
    p = (path or "").replace("\\", "/")
    if p.startswith("/") or (len(p) > 2 and p[1] == ":" and p[2] == "/"):
        return {"uri": "file://" + ("" if p.startswith("/") else "/") + quote(p, safe="/:")}
    while p.startswith("./"):
        p = p[2:]
    return {"uri": quote(p, safe="/"), "uriBaseId": SRCROOT}


def _region(side: Mapping[str, Any]) -> dict[str, Any]:
    text = side.get("text") or ""
    line = max(1, int(side.get("line") or 1))
    column = max(1, int(side.get("column") or 1))
    region: dict[str, Any] = {"startLine": line, "startColumn": column}
    lines = text.split("\n")
    if len(lines) > 1:
        region["endLine"] = line + len(lines) - 1
        region["endColumn"] = len(lines[-1]) + 1
    else:
        region["endColumn"] = column + len(text)
    if text:
        region["snippet"] = {"text": text}
    return region


def _location(side: Mapping[str, Any], loc_id: Optional[int] = None) -> dict[str, Any]:
    loc: dict[str, Any] = {}
    if loc_id is not None:
        loc["id"] = loc_id
    loc["physicalLocation"] = {"artifactLocation": artifact_uri(side.get("path") or ""),
                               "region": _region(side)}
    label = f"{side.get('role', 'side')}: {side.get('text', '')} ({side.get('article', '')})"
    if side.get("source"):
        label += f" — {side['source']}"
    if side.get("draft"):
        label += " — the draft"
    loc["message"] = {"text": label}
    if side.get("draft"):
        loc["properties"] = {"draft": True}
    return loc


def _rule(kind: str) -> dict[str, Any]:
    name, short, help_text = RULES.get(kind, (kind.title(), f"{kind} finding", f"{kind} finding"))
    return {"id": kind, "name": name, "shortDescription": {"text": short},
            "fullDescription": {"text": help_text}, "help": {"text": help_text},
            "defaultConfiguration": {"level": "warning" if kind == "update" else "error"},
            "properties": {"tags": ["fact-consistency"]}}


def _text(finding: Mapping[str, Any]) -> str:
    """The finding's title (what the fact is about, the odd one out, the consensus), and the
    fix where one follows."""
    text = str(finding.get("title") or finding.get("message") or finding.get("kind", ""))
    return f"{text}. Fix: {finding['fix']}" if finding.get("fix") else text


def _result(finding: Mapping[str, Any], rule_index: dict[str, int]) -> dict[str, Any]:
    sides = list(finding.get("claims") or ())
    kind = finding.get("kind", "")
    result: dict[str, Any] = {
        "ruleId": kind, "ruleIndex": rule_index[kind],
        "level": LEVELS.get(finding.get("severity", ""), "warning"),
        "message": {"text": _text(finding)},
    }
    if sides:
        main = primary_index(finding)
        result["locations"] = [_location(sides[main])]
        related = [_location(s, i) for i, s in enumerate(sides) if i != main]
        if related:
            result["relatedLocations"] = related
    result["partialFingerprints"] = {FINGERPRINT_KEY: str(finding.get("fingerprint", ""))}
    accepted = finding.get("accepted")
    if accepted is not None:
        result["suppressions"] = [{"kind": "external", "status": "accepted",
                                   "justification": str(accepted.get("reason") or "")}]
    props: dict[str, Any] = {"id": finding.get("id"), "severity": finding.get("severity")}
    if finding.get("consensus"):
        props["consensus"] = finding["consensus"]
    drafts = list(dict.fromkeys(s.get("article") for s in sides if s.get("draft")))
    if drafts:
        props["drafts"] = drafts  # the draft's articles among the sides (check --against)
    result["properties"] = props
    return result


def sarif_document(doc: Mapping[str, Any]) -> dict[str, Any]:
    """The report@1 document as one SARIF run."""
    findings = list(doc.get("conflicts") or ())
    kinds = list(KINDS) + sorted({f.get("kind", "") for f in findings} - set(KINDS))
    rule_index = {k: i for i, k in enumerate(kinds)}
    tool = doc.get("tool") or {}
    notifications = []
    for art in doc.get("articles") or ():
        if art.get("error"):
            notifications.append({
                "level": "error", "message": {"text": f"{art.get('path')}: {art['error']}"},
                "descriptor": {"id": "unreadable"},
                "locations": [{"physicalLocation": {
                    "artifactLocation": artifact_uri(art.get("path") or "")}}]})
    invocation: dict[str, Any] = {"executionSuccessful": not notifications}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    if doc.get("notes"):
        invocation["toolConfigurationNotifications"] = [
            {"level": "warning", "message": {"text": str(n)}} for n in doc["notes"]]
    run: dict[str, Any] = {
        "tool": {"driver": {"name": tool.get("name", "factcheck"),
                            "version": str(tool.get("version", "")),
                            "rules": [_rule(k) for k in kinds]}},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, rule_index) for f in findings],
        "properties": {"summary": doc.get("summary", {})},
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render_sarif(doc: Mapping[str, Any]) -> str:
    return json_text(json.dumps(sarif_document(doc), ensure_ascii=False, indent=2)) + "\n"
