"""Example bodies generated from a procedure: answers that its rules accept, files, a quote.

Deterministic: no randomness, and ``today()`` is the fixed :data:`EXAMPLE_DAY` (the day the
quote example is computed for; the tests check the examples against the rules on that day).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from procgen.model.facts import FORMATS, FieldKind
from procgen.model.ir import Field, Locality, Procedure, Slug

if TYPE_CHECKING:
    from procgen.diagnostics import DiagnosticSink
    from procgen.model.local import Local, LocalFacts

EXAMPLE_DAY = "2026-01-15"

_TEXT = {
    "text": "Nguyễn Văn An",
    "textarea": "Tôi đề nghị cơ quan giải quyết hồ sơ này theo quy định.",
    "address": "Số 1 phố Tràng Tiền, phường Hoàn Kiếm, Hà Nội",
    "email": "nguyen.van.an@example.vn",
    "phone": "0912345678",
    "national_id": "001099012345",
}


def sample_for_pattern(pattern: str) -> str | None:
    """A short string that the pattern accepts, or None when none is found
    (:func:`procgen.model.patterns.sample`: the first character of each class, the first
    alternative, the fewest repetitions; checked by the one linear-time matcher).

    >>> sample_for_pattern("^[A-Z]{2}[0-9]{4}$")
    'AA0000'
    >>> sample_for_pattern("[0-9]{10}([0-9]{3})?")
    '0000000000'
    """
    from procgen.model.patterns import sample

    return sample(pattern)


def _sample_text(f: Field) -> str:
    """A text answer for a field with no ``example`` or pattern: a person's name for a
    ``…name`` field (give a school's name an ``example``), the kind's sample for a formatted
    kind, else the field's own label (so an institution code is not shown as "Nguyễn Văn"),
    fitted to its lengths."""
    if f.kind in FORMATS:  # a kind with a shape of its own (the model's): a sample of it
        return _TEXT[f.kind]
    if f.kind == FieldKind.TEXT and not f.id.endswith("name"):
        return _fit_length(f.label.get(f.label.default), f)
    return _fit_length(_TEXT[f.kind], f)


def _fits_length(text: str, f: Field) -> bool:
    return (f.min_length is None or len(text) >= f.min_length) and (
        f.max_length is None or len(text) <= f.max_length)


def _fit_length(text: str, f: Field) -> str:
    if f.min_length is not None:
        while len(text) < f.min_length:
            text = f"{text} {text}"
    if f.max_length is not None:
        text = text[: f.max_length].rstrip() or text[: f.max_length]
    return text


def _number(f: Field, base: int | float) -> int | float:
    value: Any = base
    if f.min is not None and isinstance(f.min, int | float) and value < f.min:
        value = f.min
    if f.max is not None and isinstance(f.max, int | float) and value > f.max:
        value = f.max
    if f.kind in ("integer", "money") and isinstance(value, float):
        value = int(value) if value.is_integer() else int(value) + 1
    return value  # type: ignore[no-any-return]


def _days(n: int) -> str:
    return (dt.date.fromisoformat(EXAMPLE_DAY) + dt.timedelta(days=n)).isoformat()


def _in_bounds(f: Field, value: Any) -> bool:
    low = str(f.min) if f.kind == "date" and f.min is not None else f.min
    high = str(f.max) if f.kind == "date" and f.max is not None else f.max
    return (low is None or value >= low) and (high is None or value <= high)


def candidates(f: Field, sink: DiagnosticSink | None = None) -> list[Any]:
    """Answers to ``f`` that its type, options, bounds and pattern accept, best first.

    The first is what the example shows; the others are tried, in order, when the field's
    ``constraint`` refuses it (e.g. a date that must lie in the future).
    """
    k = f.kind
    out: list[Any] = [list(v) if isinstance(v, tuple) else v
                      for v in (f.example, f.default) if v is not None]
    if k in _TEXT:
        if f.pattern is not None:
            sample = sample_for_pattern(f.pattern)
            if sample is not None and not _fits_length(sample, f):
                sample = None  # an example must fit the field's own schema, lengths included
            if sample is None and sink is not None:
                sink.emit("PG531", f.span, field=f.id, pattern=f.pattern)
            return out + ([sample] if sample is not None else [])
        return [*out, _sample_text(f)]
    if k in ("integer", "money", "number"):
        base: list[int | float] = [100000] if k == "money" else [1.5] if k == "number" else []
        numbers = [*base, 1, 2, 3, 5, 6, 10, 12, 0, 100, 1000]
        bounds = [b for b in (f.min, f.max) if isinstance(b, int | float)]
        return out + [_number(f, v) for v in [*numbers, *bounds]]
    if k == "date":
        first = "1990-05-17" if "birth" in f.id else EXAMPLE_DAY
        days = [0, 1, 7, 30, 60, -1, -30, -60, -400, 400]
        dates = [first, *(_days(n) for n in days), "1990-05-17", "2000-01-01"]
        dates += [str(b) for b in (f.min, f.max) if b is not None]
        return out + [v for v in dates if _in_bounds(f, v)]
    if k == "boolean":
        return [*out, False, True]
    if k == "choice":
        return out + [o.value for o in f.options]
    if k == "multichoice":
        chosen = [o.value for o in f.options]
        low = max(f.min_length or 1, 1)
        high = min(f.max_length or len(chosen), len(chosen))
        return out + [chosen[:n] for n in range(low, high + 1)]
    if k == "group":
        count = max(f.repeat.min, 1)
        if f.repeat.max is not None:
            count = min(count, f.repeat.max)
        return [[_settle(f.children, {}, sink, row=True) for _ in range(count)]]
    return out


def _settle(
    fields: tuple[Field, ...], outer: dict[str, Any], sink: DiagnosticSink | None, *, row: bool
) -> dict[str, Any]:
    """Answer every field, keeping only those asked (``when``) until nothing changes.

    Each answer is the first candidate that the field's ``constraint`` does not refuse; an
    optional answer that every candidate breaks is left out.
    """
    from procgen.expr import evaluate, holds

    options = {f.id: candidates(f, sink) for f in fields}
    values: dict[str, Any] = {f.id: options[f.id][0] for f in fields if options[f.id]}

    def env(v: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any] | None]:
        return (outer, v) if row else (v, None)

    for _ in range(2):
        for f in fields:
            if f.constraint is None or f.id not in values:
                continue
            for candidate in options[f.id]:
                answers, entry = env({**values, f.id: candidate})
                if evaluate(f.constraint, answers, today=EXAMPLE_DAY, row=entry) is not False:
                    values[f.id] = candidate
                    break
            else:
                if not f.unconditionally_required:
                    del values[f.id]
    everything = values
    for _ in range(len(fields) + 1):
        answers, entry = env(values)
        kept: dict[str, Any] = {
            f.id: everything[f.id]
            for f in fields
            if f.id in everything
            and (f.when is None or holds(f.when, answers, today=EXAMPLE_DAY, row=entry))
        }
        if kept == values:
            break
        values = kept
    return values


def example_answers(procedure: Procedure, sink: DiagnosticSink | None = None) -> dict[str, Any]:
    """Answers to every question the procedure asks with these answers, in page order."""
    return _settle(procedure.asked_fields or procedure.fields, {}, sink, row=False)


def example_files(procedure: Procedure, answers: dict[str, Any]) -> dict[str, str]:
    """A placeholder file name for every uploadable document needed with ``answers``."""
    from procgen.expr import holds

    out: dict[str, str] = {}
    for d in procedure.uploadable_documents:
        if d.when is not None and not holds(d.when, answers, today=EXAMPLE_DAY):
            continue
        first = d.accept[0] if d.accept else "application/octet-stream"
        ext = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}.get(first, "bin")
        out[d.id] = f"{d.id}.{ext}"
    return out


def example_quote(procedure: Procedure, answers: dict[str, Any],
                  local: LocalFacts | None = None) -> dict[str, Any]:
    """What ``procgen quote`` prints for ``answers`` on :data:`EXAMPLE_DAY`: in the
    locality of a site, else in the one the answers name (the procedure's locality
    question), else with no locality."""
    from procgen.diagnostics import DiagnosticSink
    from procgen.model.local import answered_locality
    from procgen.quote import check_answers, quote

    place = None
    if local is not None:
        place = local.the_place or local.place(answered_locality(procedure, answers))
    checked = check_answers(
        procedure,
        answers,
        today=EXAMPLE_DAY,
        lang=procedure.title.default,
        locate=lambda _path: procedure.span,
        sink=DiagnosticSink(),
    )
    return quote(procedure, checked, channel=procedure.default_channel, on=EXAMPLE_DAY,
                 locality=_as_locality(procedure, place)).as_json()


def _as_locality(procedure: Procedure, site: Local | None) -> Locality | None:
    """The site's facts as the :class:`Locality` ``quote`` reads (its amounts for this
    procedure only)."""
    if site is None:
        return None
    fees = tuple((procedure.id, fee, amount) for fee, amount in site.fees)
    return Locality(Slug(site.id), "", site.name, procedure.span, fees=fees)
