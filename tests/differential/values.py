"""Answers near every boundary of one field, each with a label saying what it probes.

:func:`boundaries` lists them deterministically from the field's facts (lengths at
``min_length``/``max_length`` ±1 in ASCII, Vietnamese and non-BMP characters, numbers at
``min``/``max`` ±1 and ±0.5, whole floats, huge numbers, dates at their bounds ±1 day and
impossible dates, phones written with spaces, dashes, dots and +84, ID numbers with bad
province codes, options and near-options, duplicate choices, group counts at and beyond
``repeat``, wrong JSON types); :func:`near` is the hypothesis strategy that varies them.
:func:`valid_values` gives well-formed answers, for contexts and whole answers objects.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from procgen.model.facts import FieldKind
from procgen.model.ir import Field
from procgen.model.patterns import sample

Labelled = tuple[str, Any]

SAFE = 2**53 - 1
"""The largest whole number I-JSON (and quote's JSON reader, PG611) accepts; answers one beyond
it are probed too."""
CHARS = {"ascii": "a", "vietnamese": "ệ", "emoji": "😀", "combining": "e\u0301"}
WRONG_TYPES: list[Labelled] = [
    ("null", None), ("true", True), ("false", False), ("zero", 0), ("1.5", 1.5),
    ("text", "x"), ("empty list", []), ("object", {"a": 1}), ("list of text", ["x"]),
]
PHONES: list[Labelled] = [
    ("phone plain", "0912345678"), ("phone spaces", "0912 345 678"),
    ("phone dashes", "0912-345-678"), ("phone dots", "0912.345.678"),
    ("phone +84 spaces", "+84 912 345 678"), ("phone +84", "+84912345678"),
    ("phone 8 chars", "09123456"), ("phone 9 chars", "091234567"),
    ("phone 17 chars", "0912 345 678 9012"), ("phone 18 chars", "0912 345 678 90123"),
    ("phone ends with dash", "0912345678-"), ("phone leading space", " 0912345678"),
    ("phone trailing newline", "0912345678\n"), ("phone ++84", "++84912345678"),
    ("phone brackets", "(091) 234 5678"), ("phone letters", "phone"),
    ("phone arabic-indic digits", "٠٩١٢٣٤٥٦٧٨"), ("phone double space", "0912  345  678"),
    ("phone 84 no plus", "84912345678"), ("empty", ""),
]
EMAILS: list[Labelled] = [
    ("email plain", "an@example.vn"), ("email short", "a@b.vn"), ("email tld 1", "a@b.c"),
    ("email vietnamese", "nguyễn@ví.dụ"), ("email emoji", "😀@x.vn"), ("email no dot", "a@b"),
    ("email no local", "@b.vn"), ("email two @", "a@@b.vn"), ("email space", "a b@c.vn"),
    ("email trailing newline", "a@b.vn\n"), ("email plus", "a.b+c@d-e.f.vn"),
    ("email quoted local", '"a b"@c.vn'), ("email trailing dot", "a@b.vn."), ("empty", ""),
    ("email 41 chars", "a" * 34 + "@b.c.vn"), ("email 40 chars", "a" * 33 + "@b.c.vn"),
]
IDS: list[Labelled] = [
    ("id province 001", "001099012345"), ("id province 096", "096099012345"),
    ("id province 097", "097099012345"), ("id province 000", "000099012345"),
    ("id province 100", "100099012345"), ("id province 079", "079203000001"),
    ("id 11 digits", "00109901234"), ("id 13 digits", "0010990123456"),
    ("id letter", "00109901234a"), ("id arabic-indic digits", "٠٠١٠٩٩٠١٢٣٤٥"),
    ("id leading space", " 001099012345"), ("id trailing newline", "001099012345\n"),
    ("id spaces", "001 099 012 345"), ("empty", ""),
]
DATES: list[Labelled] = [
    ("date 2023-02-29", "2023-02-29"), ("date 2024-02-29", "2024-02-29"),
    ("date 2024-02-30", "2024-02-30"), ("date month 13", "2024-13-01"),
    ("date month 00", "2024-00-10"), ("date one-digit month", "2024-1-01"),
    ("date no dashes", "20240101"), ("date with time", "2024-01-01T00:00"),
    ("date year 0000", "0000-01-01"), ("date 9999-12-31", "9999-12-31"),
    ("date 1900-02-29", "1900-02-29"), ("date slashes", "01/02/2024"),
    ("date fullwidth digits", "２０２４-01-01"), ("empty", ""),
]


def _text(n: int, char: str) -> str:
    """A text of ``n`` code points made of ``char`` (combining pairs count two)."""
    unit = CHARS[char]
    return (unit * n)[:n] if len(unit) == 1 else (unit * ((n + 1) // 2))[:n]


def _lengths(f: Field) -> list[int]:
    marks = {0, 1}
    for bound in (f.min_length, f.max_length):
        if bound is not None:
            marks |= {bound - 1, bound, bound + 1}
    if f.max_length is None:
        marks |= {1000, 5000}
    return sorted(m for m in marks if m >= 0)


def _texts(f: Field) -> list[Labelled]:
    out: list[Labelled] = [("empty", ""), ("space", " "), ("trailing newline", "abc\n"),
                           ("name", "Nguyễn Văn An")]
    for n in _lengths(f):
        for char in CHARS:
            out.append((f"len {n} {char}", _text(n, char)))
    good = sample(f.pattern) if f.pattern is not None else None
    if good is not None:  # None: no answer can be made from the pattern (PG531)
        out += [("pattern sample", good), ("pattern sample + x", good + "x"),
                ("pattern sample - last", good[:-1]), ("pattern sample + newline", good + "\n"),
                ("pattern sample arabic-indic", good.translate(str.maketrans(
                    "0123456789", "٠١٢٣٤٥٦٧٨٩")))]
        for bound in (f.min_length, f.max_length):
            if bound is not None and good:
                out.append((f"pattern sample len {bound}", (good * bound)[:bound]))
    return out


def _numbers(f: Field) -> list[Labelled]:
    out: list[Labelled] = [("zero", 0), ("one", 1), ("minus one", -1), ("2.5", 2.5),
                           ("whole float 3.0", 3.0), ("huge safe", SAFE), ("huge negative", -SAFE),
                           ("1e15", 10**15), ("huge float 1e300", 1e300), ("tiny 1e-300", 1e-300),
                           ("2^53, beyond I-JSON", SAFE + 1), ("-2^53, beyond I-JSON", -SAFE - 1),
                           ("whole float 1e20", 1e20),
                           ("numeric text", "1"), ("true", True)]
    for name in ("min", "max"):
        b = getattr(f, name)
        if isinstance(b, int | float):
            for d in (-1, -0.5, 0, 0.5, 1):
                out.append((f"{name}{d:+g}", b + d))
            out.append((f"{name} as float", float(b)))
    return out


def _dates(f: Field) -> list[Labelled]:
    out = [*DATES, ("today", "2026-01-15")]
    for name in ("min", "max"):
        b = getattr(f, name)
        if b is not None:
            day = dt.date.fromisoformat(str(b))
            for d in (-1, 0, 1):
                out.append((f"date {name}{d:+d}d", (day + dt.timedelta(days=d)).isoformat()))
    return out


def option_values(f: Field) -> list[str | int]:
    return [o.value for o in f.options]


def _choices(f: Field) -> list[Labelled]:
    values = option_values(f)
    out: list[Labelled] = [(f"option {i}", v) for i, v in enumerate(values)]
    out += [("not an option", "zz-not-an-option"), ("empty", ""), ("list of option", values[:1])]
    for v in values:
        if isinstance(v, int):
            out += [("int option as text", str(v)), ("int option as float", float(v))]
        elif v.isdigit():
            out.append(("numeric text option as int", int(v)))
        else:
            out.append(("option in capitals", v.upper()))
    return out


def _multichoices(f: Field) -> list[Labelled]:
    values = option_values(f)
    out: list[Labelled] = [("none chosen", []), ("one", values[:1]), ("all", values),
                           ("duplicate", values[:1] * 2), ("all + duplicate", values + values[:1]),
                           ("not an option", ["zz-not-an-option"]), ("bare option", values[0]),
                           ("list with true", [True]), ("nested list", [values[:1]])]
    for n in (f.min_length, f.max_length):
        if n is not None:
            for k in (n - 1, n, n + 1):
                if 0 <= k <= len(values):
                    out.append((f"{k} distinct", values[:k]))
    for v in values:
        if isinstance(v, int):
            out += [("int option as text", [str(v)]), ("int option as float", [float(v)])]
        elif v.isdigit():
            out.append(("numeric text option as int", [int(v)]))
    return out


def _groups(f: Field) -> list[Labelled]:
    counts = {0, 1, 2, f.repeat.min - 1, f.repeat.min, f.repeat.min + 1}
    if f.repeat.max is not None:
        counts |= {f.repeat.max - 1, f.repeat.max, f.repeat.max + 1}
    else:
        counts |= {50, 1001}
    out: list[Labelled] = [(f"{n} entries", [{} for _ in range(n)]) for n in sorted(counts)
                           if n >= 0]
    return [*out, ("list of text", ["x"]), ("list of lists", [[]]), ("one object", {})]


def boundaries(f: Field) -> list[Labelled]:
    """Every interesting answer to ``f``, labelled (duplicates removed, order kept)."""
    k = f.kind
    if k in (FieldKind.TEXT, FieldKind.TEXTAREA, FieldKind.ADDRESS):
        out = _texts(f)
    elif k == FieldKind.PHONE:
        out = PHONES + _texts(f)
    elif k == FieldKind.EMAIL:
        out = EMAILS + _texts(f)
    elif k == FieldKind.NATIONAL_ID:
        out = IDS + _texts(f)
    elif f.facts.numeric:
        out = _numbers(f)
    elif k == FieldKind.DATE:
        out = _dates(f)
    elif k == FieldKind.BOOLEAN:
        out = [("true", True), ("false", False), ("text true", "true"), ("one", 1)]
    elif k == FieldKind.CHOICE:
        out = _choices(f)
    elif k == FieldKind.MULTICHOICE:
        out = _multichoices(f)
    else:
        out = _groups(f)
    seen: set[str] = set()
    unique = []
    for label, value in out + WRONG_TYPES:
        text = repr((type(value), value))
        if text not in seen:
            seen.add(text)
            unique.append((label, value))
    return unique


def near(f: Field) -> st.SearchStrategy[Labelled]:
    """Hypothesis: a boundary answer, or one varied around the field's bounds."""
    fixed = st.sampled_from(boundaries(f))
    k = f.kind
    fuzz: st.SearchStrategy[Any]
    if f.facts.textual:
        lo = max(0, (f.min_length or 0) - 2)
        hi = min((f.max_length or 30) + 2, 5000)
        alphabet = st.sampled_from([*"aZ0 9.-+@_\n", "ệ", "Đ", "😀", "\u0301", "\u00a0"])
        fuzz = st.text(alphabet, min_size=lo, max_size=hi)
        good = sample(f.pattern) if f.pattern is not None else None
        if good is not None:
            fuzz |= st.integers(0, len(good)).flatmap(
                lambda i: st.sampled_from("0aZ 😀").map(lambda c: good[:i] + c + good[i + 1:]))
    elif f.facts.numeric:
        low = f.min if isinstance(f.min, int | float) else -1000
        high = f.max if isinstance(f.max, int | float) else 1000
        low, high = max(low - 3, -SAFE), min(high + 3, SAFE)
        fuzz = st.integers(int(low), int(high)) | st.floats(low, high, allow_nan=False,
                                                         allow_infinity=False)
    elif k == FieldKind.DATE:
        lo_d = dt.date.fromisoformat(str(f.min)) if f.min is not None else dt.date(1900, 1, 1)
        hi_d = dt.date.fromisoformat(str(f.max)) if f.max is not None else dt.date(2100, 1, 1)
        fuzz = st.dates(lo_d - dt.timedelta(days=3), hi_d + dt.timedelta(days=3)).map(str)
    elif k == FieldKind.CHOICE:
        fuzz = st.sampled_from(option_values(f)) | st.text(max_size=4)
    elif k == FieldKind.MULTICHOICE:
        values = option_values(f)
        fuzz = st.lists(st.sampled_from([*values, "zz"]), max_size=len(values) + 2)
    elif k == FieldKind.GROUP:
        top = (f.repeat.max if f.repeat.max is not None else f.repeat.min + 5) + 2
        fuzz = st.lists(st.just({}), max_size=top)
    else:
        fuzz = st.booleans()
    return fixed | fuzz.map(lambda v: ("fuzz", v))


def valid_values(f: Field) -> list[Any]:
    """Well-formed answers to ``f`` (the reference accepts each), for contexts."""
    k = f.kind
    if k == FieldKind.BOOLEAN:
        return [True, False]
    if k == FieldKind.CHOICE:
        return option_values(f)
    if k == FieldKind.MULTICHOICE:
        values = option_values(f)
        lo = max(f.min_length or 1, 1)
        return [values[i:i + lo] for i in range(len(values) - lo + 1)] or [values]
    if f.facts.numeric:
        low = f.min if isinstance(f.min, int | float) else 0
        high = f.max if isinstance(f.max, int | float) else low + 100
        numbers = [low, high, low + 1, (low + high) // 2, 2, 3, 5, 6, 12]
        return [int(c) if f.facts.whole else c for c in numbers if low <= c <= high]
    if k == FieldKind.DATE:
        today = dt.date(2026, 1, 15)
        days = [today - dt.timedelta(days=d) for d in (10, 30, 100, 400, 7000, 11000)]
        days += [today + dt.timedelta(days=d) for d in (10, 100)]
        first, last = str(f.min or "0001-01-01"), str(f.max or "9999-12-31")
        return [d.isoformat() for d in days if first <= d.isoformat() <= last] or [first]
    if k == FieldKind.PHONE:
        return ["0912345678"]
    if k == FieldKind.EMAIL:
        return ["an@example.vn"]
    if k == FieldKind.NATIONAL_ID:
        return ["001099012345"]
    if k == FieldKind.GROUP:
        return [[{}] * max(f.repeat.min, 1)]
    text = (sample(f.pattern) if f.pattern is not None else None) or "Nguyễn Văn An"
    n = len(text)
    if f.min_length is not None and n < f.min_length:
        text = (text or "a") * f.min_length
    if f.max_length is not None:
        text = text[:f.max_length]
    return [text]
