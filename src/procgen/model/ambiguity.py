"""Refuse patterns that a backtracking engine (browsers, phones) could run in exponential time.

procgen matches patterns with RE2, in linear time. JavaScript engines, ICU and Java backtrack:
when a repeated part can match the same text in two ways (``(a+)+``, ``(a|aa)+``,
``(\\d+\\.?)+``), an answer that almost matches makes them try every way, which doubles with
each character. The check below finds exactly those repetitions.

How: the pattern's parts become a position automaton (Glushkov's construction: one state per
character written, counted repetitions written out), keeping *how many* ways lead from one
position to the next, as a backtracking engine distinguishes them (``(a+)+`` has two ways
from ``a`` to ``a``: the inner loop and the outer). A backtracking engine takes exponential
time exactly when the automaton is *exponentially ambiguous*: some state can return to
itself on one text along two different paths. That is decided on the product of the
automaton with itself (Allauzen, Mohri and Rastogi, 2008): it is so when one strongly
connected part of the product holds a pair ``(q, q)`` and either a pair ``(p, r)`` with
``p ≠ r`` or a step that two different ways share.

Each repetition that may repeat (``*``, ``+``, ``{n,}``, ``{n,m}`` with ``m`` ≥ 2) is checked
with its part repeated without limit, innermost first, so ``(a|a){30}`` is refused as well
(2^30 ways), and the message names the repetition. The check treats ``^``, ``$``, ``\\b``
and ``\\B`` as matching anywhere (so it may refuse a pattern whose ambiguity those anchors
rule out). Blow-ups that are polynomial (``a*a*``) are not refused: answers are short, and
procgen's own matching is linear whatever the pattern.

>>> check("[0-9]{10}([0-9]{3})?")
>>> try:
...     check("x(a+)+y")
... except SlowPattern as e:
...     (e.offset, e.length)
(1, 5)
"""

from __future__ import annotations

from procgen.model.patterns import (
    Alt,
    Assert,
    Chars,
    Node,
    PatternError,
    Ranges,
    Repeat,
    Seq,
    overlap,
    parse,
)

MAX_POSITIONS = 2000
"""Characters the check may write out (a counted repetition counts once per copy)."""
MAX_STEPS = 400_000
"""Steps of the product the check may take before it gives up (and refuses)."""

Ways = dict[int, int]  # position → number of ways (capped at 2)


class SlowPattern(PatternError):
    """A pattern a backtracking engine could run in exponential time (or too big to check)."""


class _TooBig(Exception):
    pass


def check(text: str) -> None:
    """Raise :class:`SlowPattern` when ``text`` could take a browser exponential time.

    Raises:
        PatternError: the text is not a pattern of the dialect (see :mod:`procgen.model.patterns`).
        SlowPattern: a repetition in it can match the same text in more than one way, or the
            pattern is too large to check.
    """
    root = parse(text)
    for rep in _repetitions(root):
        if rep.high is not None and rep.high < 2:
            continue
        try:
            ambiguous = _ambiguous_loop(rep.body)
        except _TooBig:
            raise SlowPattern(0, len(text), "it is too large for procgen to check that it "
                              "is safe; write a shorter pattern") from None
        if ambiguous:
            part = text[rep.start:rep.end]
            raise SlowPattern(rep.start, rep.end - rep.start, (
                f"the repetition '{part}' can match the same text in more than one way; write "
                "it so that each character can be matched only one way (e.g. '(a+)+' → 'a+', "
                "'(a|ab)+' → '(ab?)+', '(\\d+\\.?)+' → '\\d+(\\.\\d+)*')"))


def _repetitions(node: Node) -> list[Repeat]:
    """Every repetition, innermost first."""
    out: list[Repeat] = []
    if isinstance(node, Repeat):
        out += _repetitions(node.body)
        out.append(node)
    elif isinstance(node, Seq):
        for item in node.items:
            out += _repetitions(item)
    elif isinstance(node, Alt):
        for branch in node.branches:
            out += _repetitions(branch)
    return out


def _add(into: Ways, pos: int, ways: int) -> None:
    if ways:
        into[pos] = min(into.get(pos, 0) + ways, 2)


def _scaled(ways: Ways, by: int) -> Ways:
    return {p: min(w * by, 2) for p, w in ways.items()} if by else {}


class _Automaton:
    """Positions (each a set of characters) and, for each, the ways to each next position."""

    def __init__(self) -> None:
        self.classes: list[int] = []
        self.follow: list[Ways] = []
        self.interned: dict[Ranges, int] = {}
        self.sets: list[Ranges] = []

    def position(self, ranges: Ranges) -> int:
        if len(self.classes) >= MAX_POSITIONS:
            raise _TooBig
        cls = self.interned.setdefault(ranges, len(self.sets))
        if cls == len(self.sets):
            self.sets.append(ranges)
        self.classes.append(cls)
        self.follow.append({})
        return len(self.classes) - 1

    def link(self, last: Ways, first: Ways) -> None:
        for p, wp in last.items():
            for q, wq in first.items():
                _add(self.follow[p], q, wp * wq)

    def build(self, node: Node) -> tuple[Ways, Ways, int]:
        """(first positions, last positions, ways to match the empty text), all with counts."""
        if isinstance(node, Chars):
            p = self.position(node.ranges)
            return {p: 1}, {p: 1}, 0
        if isinstance(node, Assert):
            return {}, {}, 1
        if isinstance(node, Seq):
            first: Ways = {}
            last: Ways = {}
            empty = 1
            for item in node.items:
                f, la, e = self.build(item)
                self.link(last, f)
                for p, w in f.items():
                    _add(first, p, w * empty)
                last = {**_scaled(last, e)}
                for p, w in la.items():
                    _add(last, p, w)
                empty = min(empty * e, 2)
            return first, last, empty
        if isinstance(node, Alt):
            first, last, empty = {}, {}, 0
            for branch in node.branches:
                f, la, e = self.build(branch)
                for p, w in f.items():
                    _add(first, p, w)
                for p, w in la.items():
                    _add(last, p, w)
                empty = min(empty + e, 2)
            return first, last, empty
        if isinstance(node, Repeat):
            return self.repeat(node.body, node.low, node.high)
        raise TypeError(node)  # pragma: no cover

    def repeat(self, body: Node, low: int, high: int | None) -> tuple[Ways, Ways, int]:
        """Counted copies of ``body``; iterations past ``low`` never match the empty text (as
        in JavaScript, whose repetitions stop when an optional iteration matches nothing)."""
        parts: list[tuple[Ways, Ways, int]] = []
        for _ in range(low if high is not None else max(low - 1, 0)):
            parts.append(self.build(body))
        if high is None:
            f, la, e = self.build(body)
            self.link(la, f)  # the loop back
            parts.append((f, la, 1 if low == 0 else e))
        else:
            tail: tuple[Ways, Ways, int] = ({}, {}, 1)
            for _ in range(high - low):
                f, la, _e = self.build(body)
                tf, tl, te = tail
                self.link(la, tf)
                last = dict(tl)
                for p, w in la.items():
                    _add(last, p, w * te)
                tail = (f, last, 1)
            parts.append(tail)
        first: Ways = {}
        last = {}
        empty = 1
        for f, la, e in parts:
            self.link(last, f)
            for p, w in f.items():
                _add(first, p, w * empty)
            last = _scaled(last, e)
            for p, w in la.items():
                _add(last, p, w)
            empty = min(empty * e, 2)
        return first, last, empty


def _ambiguous_loop(body: Node) -> bool:
    """Whether ``(body)+`` is exponentially ambiguous."""
    auto = _Automaton()
    first, _last, _empty = auto.repeat(body, 1, None)
    start = len(auto.classes)
    auto.classes.append(-1)
    auto.follow.append(first)
    return _exponential(auto, start)


def _exponential(auto: _Automaton, start: int) -> bool:
    """The product test: an SCC with a pair (q, q) and a pair (p, r), p ≠ r, or a shared step."""
    meets: dict[tuple[int, int], bool] = {}

    def meet(a: int, b: int) -> bool:
        key = (a, b) if a <= b else (b, a)
        if key not in meets:
            meets[key] = overlap(auto.sets[a], auto.sets[b])
        return meets[key]

    index: dict[tuple[int, int], int] = {(start, start): 0}
    nodes: list[tuple[int, int]] = [(start, start)]
    edges: list[list[int]] = [[]]
    split: list[tuple[int, int]] = []
    steps = 0
    todo = [0]
    while todo:
        n = todo.pop()
        p, q = nodes[n]
        fp, fq = auto.follow[p], auto.follow[q]
        for p2, wp in fp.items():
            cp = auto.classes[p2]
            for q2 in fq:
                steps += 1
                if steps > MAX_STEPS:
                    raise _TooBig
                if p == q and q2 < p2:
                    continue  # the same pair the other way round
                if not meet(cp, auto.classes[q2]):
                    continue
                pair = (p2, q2) if p2 <= q2 else (q2, p2)
                m = index.get(pair)
                if m is None:
                    m = index[pair] = len(nodes)
                    nodes.append(pair)
                    edges.append([])
                    todo.append(m)
                edges[n].append(m)
                if p == q and p2 == q2 and wp >= 2:
                    split.append((n, m))
    component = _components(edges)
    diagonal: set[int] = set()
    off: set[int] = set()
    for n, (p, q) in enumerate(nodes):
        (diagonal if p == q else off).add(component[n])
    for n, m in split:
        if component[n] == component[m]:
            off.add(component[n])
    return bool(diagonal & off)


def _components(edges: list[list[int]]) -> list[int]:
    """Tarjan's strongly connected components, without recursion: node → component id."""
    n = len(edges)
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    comp = [-1] * n
    stack: list[int] = []
    counter = 0
    comps = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            v, i = work[-1]
            if i < len(edges[v]):
                work[-1] = (v, i + 1)
                w = edges[v][i]
                if index[w] == -1:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack[w] = True
                    work.append((w, 0))
                elif on_stack[w]:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                u = work[-1][0]
                low[u] = min(low[u], low[v])
            if low[v] == index[v]:
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp[w] = comps
                    if w == v:
                        break
                comps += 1
    return comp
