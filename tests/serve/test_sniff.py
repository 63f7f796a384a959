"""The server's file sniffing (:func:`procgen.serve.upload.sniff`) against puremagic's own
``magic_string`` as the oracle: its index over puremagic's table must find exactly the
signatures puremagic's full scan finds, with the same confidence, in the same order."""

from __future__ import annotations

from typing import Any

import puremagic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from procgen.serve.upload import SNIFF_BYTES, _Signatures, sniff

SIGNATURES = _Signatures()
TABLE = {(r.byte_match, r.offset, r.extension, r.mime_type, r.name)
         for r in [*puremagic.magic_header_array, *puremagic.magic_footer_array]}
"""The signatures of puremagic's table itself (a multi-part match is made up of two)."""


def theirs(head: bytes) -> list[Any]:
    try:
        return list(puremagic.magic_string(head))
    except (puremagic.PureError, ValueError):
        return []


def key(match: Any) -> tuple[Any, ...]:
    return (match.byte_match, match.offset, match.extension, match.mime_type, match.name)


def agree(head: bytes) -> None:
    ours, expected = SIGNATURES.matches(head), theirs(head)
    assert sorted(map(key, ours)) == sorted(map(key, expected)), head[:64]
    # the same order, up to puremagic's ties (its multi-part matches come from a set)
    assert [(round(m.confidence, 2), len(m.byte_match)) for m in expected] == [
        (round(0.8 if len(m.byte_match) >= 9 else len(m.byte_match) / 10, 2), len(m.byte_match))
        for m in ours]
    if all(key(m) in TABLE for m in expected):  # no multi-part match: no tie left to chance
        assert list(map(key, ours)) == list(map(key, expected))
    types = {m.mime_type for m in expected if m.mime_type}
    assert set(sniff(head)) == types


def planted(row: Any, size: int, fill: bytes = b"\0") -> bytes:
    """``size`` bytes of ``fill`` holding ``row``'s signature where it is looked for."""
    head = bytearray(fill * size)
    at = row.offset if row.offset >= 0 else size + row.offset
    head[at:at + len(row.byte_match)] = row.byte_match
    return bytes(head[:size])


def test_every_header_signature_is_found_as_puremagic_finds_it() -> None:
    for row in puremagic.magic_header_array:
        size = max(row.offset + len(row.byte_match), 64)
        agree(planted(row, size))
        agree(planted(row, max(size, SNIFF_BYTES), b" "))


@pytest.mark.parametrize("row", puremagic.magic_footer_array, ids=lambda r: r.name)
def test_every_footer_signature_is_found_as_puremagic_finds_it(row: Any) -> None:
    agree(planted(row, SNIFF_BYTES))
    agree(planted(row, 600, b"\xff"))


@pytest.mark.parametrize("first", sorted(puremagic.multi_part_dict))
def test_every_multi_part_signature_is_found_as_puremagic_finds_it(first: bytes) -> None:
    for row in puremagic.multi_part_dict[first]:
        head = bytearray(b"\0" * SNIFF_BYTES)
        head[:len(first)] = first
        at = row.offset if row.offset >= 0 else SNIFF_BYTES + row.offset
        head[at:at + len(row.byte_match)] = row.byte_match
        agree(bytes(head))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(min_size=1, max_size=2048),
       st.integers(0, len(puremagic.magic_header_array) - 1), st.booleans())
def test_any_bytes_are_sniffed_as_puremagic_sniffs_them(data: bytes, n: int, plant: bool) -> None:
    if plant:
        row = puremagic.magic_header_array[n]
        data = data[:row.offset].ljust(row.offset, b"\0") + row.byte_match + data[row.offset:]
    agree(data)


def test_two_signatures_as_likely_keep_puremagics_order() -> None:
    """Two signatures of the same length at different offsets tie on confidence: puremagic
    lists them in its table's order, whatever their offsets. Each signature is planted with
    the first one of its length (and of another type) that fits after it."""
    rows = [r for r in puremagic.magic_header_array if r.offset + len(r.byte_match) <= SNIFF_BYTES]
    pairs = 0
    for a in rows:
        for b in rows:
            n = len(a.byte_match)
            if (len(b.byte_match) != n or b.offset <= a.offset + n
                    or a.mime_type == b.mime_type or not a.mime_type or not b.mime_type):
                continue
            head = bytearray(b"\0" * max(b.offset + n, 64))
            head[a.offset:a.offset + n] = a.byte_match
            head[b.offset:b.offset + n] = b.byte_match
            agree(bytes(head))
            pairs += 1
            break
    assert pairs > 100
