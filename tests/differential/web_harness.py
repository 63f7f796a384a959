"""The web runtime's pure check under node, and answers near every boundary of a field.

:class:`WebRuntime` is one node process for the whole session: it loads ``procgen-expr.js``
and ``procgen-check.js`` (exactly the files bundled into ``web/assets/procgen.js``) and answers
JSON lines. :func:`boundaries` lists, for one field, the answers its facts make interesting
(empty, lengths and bounds ±1, impossible dates, phones written with separators, ID numbers
with bad province codes, non-options, duplicate choices, group counts beyond ``repeat``, wrong
JSON types); :func:`near` is the hypothesis strategy that varies them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from procgen.model.facts import FieldKind
from procgen.model.ir import Field
from procgen.model.patterns import sample

ROOT = Path(__file__).resolve().parents[2]
ASSETS = ROOT / "src" / "procgen" / "targets" / "web" / "assets"
RUNTIME = ROOT / "src" / "procgen" / "expr" / "runtime"
PROCEDURE_ROOTS = (ROOT / "procedures", ROOT / "tests" / "fixtures" / "kitchen-sink")

# Reads {"page": name, "rules": {...}} (a page's kinds, formats and messages) or
# {"page": name, "cases": [[rule, value], ...]} or {"page": name, "unanswered": [[rule, row],
# ...], "today": date} (no answer at all); answers each line with one JSON line.
_SCRIPT = r"""
const path = require("path");
const readline = require("readline");
const E = require(path.join(process.argv[1], "procgen-expr.js"));
const ProcgenCheck = require(path.join(process.argv[2], "procgen-check.js"));
const pages = Object.create(null);
function key(p) { return p ? p.key : null; }
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  let out;
  try {
    const msg = JSON.parse(line);
    if (msg.rules) { pages[msg.page] = ProcgenCheck(msg.rules, E); out = { ok: true }; }
    else if (msg.unanswered) {
      const C = pages[msg.page];
      out = { keys: msg.unanswered.map(([rule, row]) => key(C.field(
        rule, { value: rule.kind === "group" ? [] : null, error: null }, {}, row, msg.today))) };
    } else {
      const C = pages[msg.page];
      out = { keys: msg.cases.map(([rule, value]) => {
        const p = C.problem(rule, value);
        return [key(p), key(C.field(rule, { value: value, error: null }, {}, null, "2026-01-01")),
                p ? C.message(rule, p) : null];
      }) };
    }
  } catch (e) { out = { $error: String(e && e.stack || e) }; }
  process.stdout.write(JSON.stringify(out) + "\n");
});
"""


class WebRuntime:
    """One ``node`` process running ``procgen-check.js``; :meth:`keys` asks it about answers."""

    def __init__(self) -> None:
        exe = shutil.which("node")
        assert exe is not None
        self.proc = subprocess.Popen([exe, "-e", _SCRIPT, str(RUNTIME), str(ASSETS)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     encoding="utf-8", bufsize=1)
        self.pages: set[str] = set()
        self.asked = 0

    def _ask(self, message: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(message, ensure_ascii=False) + "\n")
        self.proc.stdin.flush()
        reply = self.proc.stdout.readline()
        if not reply:
            raise RuntimeError("the node process running procgen-check.js exited")
        result: dict[str, Any] = json.loads(reply)
        assert "$error" not in result, result["$error"]
        return result

    def page(self, name: str, rules: dict[str, Any]) -> None:
        """Make a checker from one page's rules (its ``kinds``, ``formats`` and ``messages``)."""
        if name not in self.pages:
            self._ask({"page": name, "rules": {k: rules[k] for k in
                                               ("kinds", "formats", "messages")}})
            self.pages.add(name)

    def keys(self, page: str, cases: list[tuple[dict[str, Any], Any]]) -> list[list[str | None]]:
        """For each (field rule, answer): the first problem's key from ``problem`` and from
        ``field`` (the form's path), and the text ``message`` gives the first."""
        self.asked += len(cases)
        keys: list[list[str | None]] = self._ask({"page": page, "cases": cases})["keys"]
        return keys

    def unanswered(self, page: str, cases: list[tuple[dict[str, Any], dict[str, Any] | None]],
                   today: str) -> list[str | None]:
        """For each (field rule, group entry or None): the form's key for a question left
        unanswered (a group: no entry), when nothing else is answered."""
        self.asked += len(cases)
        keys: list[str | None] = self._ask({"page": page, "unanswered": cases,
                                            "today": today})["keys"]
        return keys

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=10)


def runtime() -> Iterator[WebRuntime]:
    """Body of a session fixture: skip (or fail on CI) without node."""
    from tests.conftest import require_tool

    require_tool(shutil.which("node") is not None, "node")
    process = WebRuntime()
    yield process
    process.close()


# --- answers near the boundaries ------------------------------------------------------------

WRONG_TYPES: tuple[Any, ...] = (True, False, 0, 7, -3, 1.5, "", "x", "12", [], [1], ["a"],
                                [{}], [{"a": 1}], [None], [[]], {}, {"a": 1})
"""JSON values of every type, for every field: most are the wrong type for it."""

ALPHABET = "aZ09 .-+@đệ𝄞\u00a0\t"
"""Letters, digits, separators, Vietnamese, an astral character (two UTF-16 units) and spaces."""


def _texts(n: int) -> list[str]:
    """Texts of ``n`` code points: plain, Vietnamese and astral ones."""
    if n < 0:
        return []
    return ["a" * n, "ệ" * n, "𝄞" * n, ("Nguyễn Văn A " * (n // 13 + 1))[:n]]


def _lengths(f: Field) -> set[int]:
    out = {0, 1, 2}
    for bound in (f.min_length, f.max_length):
        if bound is not None:
            out |= {bound - 1, bound, bound + 1}
    return {n for n in out if n >= 0}


PHONES = ("0912345678", "0912-345-678", "0912 345 678", "0912.345.678", "+84 912 345 678",
          "+84912345678", "84912345678", "(+84) 912 345 678", "0912--345678", "091234567",
          "0912345", "091234567890123", "0912345678901234", "-0912345678", "0912345678-",
          "+0912345678", "09123456 78", "0912 345 678 9", "phone", "09l2345678", " 0912345678",
          "0912345678 ", "0912\u00a0345\u00a0678", "０９１２３４５６７８")
NATIONAL_IDS = ("001099012345", "096099012345", "000099012345", "097099012345",
                "099099012345", "100099012345", "050199012345", "01099012345", "0010990123456",
                "00109901234a", "001 099 012 345", "079-099-012-345", "１２３４５６７８９０１２")
EMAILS = ("a@b.vn", "ten@example.vn", "ten.ho@sub.example.com", "a@b", "@b.vn", "a@.vn",
          "a@b.", "a b@c.vn", "a@b c.vn", "a@@b.vn", "a@b@c.vn", "nguyễn@ví-dụ.vn",
          "a@b.vn ", "\u00a0a@b.vn", "plain")
DATES = ("2023-02-28", "2023-02-29", "2024-02-29", "2100-02-29", "2000-02-29", "2023-04-31",
         "2023-04-30", "2023-13-01", "2023-00-10", "2023-01-00", "2023-01-32", "0000-01-01",
         "0001-01-01", "9999-12-31", "2023-1-01", "01/02/2023", "2023/01/02", "20230102",
         "2023-01-02T00:00", " 2023-01-02", "２０２３-01-02")


def _days(text: str, *deltas: int) -> list[str]:
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        return []
    out = []
    for d in deltas:
        with contextlib.suppress(OverflowError):
            out.append((day + dt.timedelta(days=d)).isoformat())
    return out


def _numbers(f: Field) -> list[Any]:
    out: list[Any] = [0, 1, -1, 0.5, -0.5, 10**9, 2.0]
    for bound in (f.min, f.max):
        if isinstance(bound, int | float) and not isinstance(bound, bool):
            out += [bound, bound - 1, bound + 1, bound - 0.5, bound + 0.5, bound * 1.0]
    return out


def _options(f: Field) -> list[Any]:
    values = [o.value for o in f.options]
    out: list[Any] = list(values)
    out += [str(v) for v in values if isinstance(v, int)]
    out += [int(v) for v in values if isinstance(v, str) and v.isdigit()]
    out += ["zzz", "", "__proto__", "toString", 999, values[0] if values else "a"]
    return out


def _choices(f: Field) -> list[Any]:
    values = [o.value for o in f.options]
    sizes = _lengths(f) | {len(values), len(values) + 1}
    out: list[Any] = [[], values[:1] * 2, [*values[:2], "zzz"], ["zzz"], [str(values[0])]]
    for n in sorted(sizes):
        out.append(values[:n])
        if n:
            out.append((values * (n // max(len(values), 1) + 1))[:n] + values[:1])
    return out


def _entries(f: Field) -> list[Any]:
    low, high = f.repeat.min, f.repeat.max
    counts = {0, 1, low - 1, low, low + 1, (high if high is not None else low + 3)}
    if high is not None:
        counts |= {high - 1, high + 1}
    return [[{} for _ in range(n)] for n in sorted(counts) if n >= 0] + [[{}, 1], [{}, None]]


def boundaries(f: Field) -> list[Any]:
    """The answers worth checking for ``f``: its facts' edges, and every wrong JSON type."""
    out: list[Any] = list(WRONG_TYPES)
    kind = f.kind
    if f.facts.textual:
        for n in sorted(_lengths(f)):
            out += _texts(n)
    if kind == FieldKind.PHONE:
        out += PHONES
    elif kind == FieldKind.NATIONAL_ID:
        out += NATIONAL_IDS
    elif kind == FieldKind.EMAIL:
        out += EMAILS
        for n in sorted(_lengths(f)):
            out += [("a" * n)[: max(n - 5, 1)] + "@b.vn"]
    elif kind == FieldKind.DATE:
        out += DATES
        for bound in (f.min, f.max):
            if bound is not None:
                out += _days(str(bound), -1, 0, 1)
    elif f.facts.numeric:
        out += _numbers(f)
    elif kind == FieldKind.CHOICE:
        out += _options(f)
    elif kind == FieldKind.MULTICHOICE:
        out += _choices(f)
    elif kind == FieldKind.GROUP:
        out += _entries(f)
    if f.pattern is not None:
        good = sample(f.pattern)
        if good is not None:
            out += [good, good + "0", good[:-1], good.lower(), good + "\n", "A" + good]
    return out


def near(f: Field) -> st.SearchStrategy[Any]:
    """Answers to ``f`` near its boundaries: edited boundary answers, and texts of edge lengths."""
    fixed = boundaries(f)
    strategies: list[st.SearchStrategy[Any]] = [st.sampled_from(fixed)]
    texts = [b for b in fixed if isinstance(b, str) and b]
    if texts:
        strategies.append(st.builds(_edit, st.sampled_from(texts), st.integers(0, 40),
                                    st.sampled_from(ALPHABET), st.sampled_from(("ins", "del",
                                                                                "sub"))))
    if f.facts.textual:
        sizes = sorted(_lengths(f))
        strategies.append(st.sampled_from(sizes).flatmap(
            lambda n: st.text(st.sampled_from(ALPHABET), min_size=n, max_size=n)))
    if f.facts.numeric:
        lo = f.min if isinstance(f.min, int | float) else -100
        hi = f.max if isinstance(f.max, int | float) else 10**6
        strategies.append(st.integers(int(lo) - 3, int(hi) + 3))
        if f.kind == FieldKind.NUMBER:
            strategies.append(st.floats(lo - 2, hi + 2, allow_nan=False))
    if f.kind == FieldKind.DATE:
        strategies.append(st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(
            dt.date.isoformat))
    if f.kind == FieldKind.MULTICHOICE:
        values = [o.value for o in f.options] + ["zzz"]
        strategies.append(st.lists(st.sampled_from(values), max_size=len(values) + 2))
    if f.kind == FieldKind.GROUP:
        top = (f.repeat.max if f.repeat.max is not None else f.repeat.min + 3) + 2
        strategies.append(st.integers(0, top).map(lambda n: [{} for _ in range(n)]))
    return st.one_of(strategies)


def _edit(text: str, at: int, ch: str, how: str) -> str:
    """``text`` with one character inserted, deleted or replaced at ``at`` (modulo its length)."""
    chars = list(text)
    i = at % (len(chars) + (how == "ins"))
    if how == "ins":
        chars.insert(i, ch)
    elif how == "del":
        del chars[i % len(chars)]
    else:
        chars[i % len(chars)] = ch
    return "".join(chars)
