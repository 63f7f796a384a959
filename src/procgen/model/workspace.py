"""The files of one ``procedures/`` folder: settings, blocks and lists, loaded once on demand."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from msgspec import Struct, field, structs

from procgen.diagnostics import (
    DiagnosticSink,
    Phrase,
    Related,
    Span,
    StageFailed,
    Words,
    did_you_mean,
)
from procgen.layout import SETTINGS_FILE as SETTINGS_FILE
from procgen.layout import yaml_files
from procgen.model.ir import License, Option, Settings, Text
from procgen.model.words import FIRST_DEFINED
from procgen.model.words import kind as kind_words
from procgen.schema import Kind, validate
from procgen.source import Document, load_file

DEFAULT_SETTINGS = Settings(("vi", "en"), "vi", "VND")


def display_path(path: Path | str) -> str:
    """A path as users should see it: relative to the working directory when below it."""
    p = Path(path)
    try:
        rel = os.path.relpath(p)
    except ValueError:  # another drive on Windows
        return str(p)
    return str(p) if rel.startswith("..") else rel


def kind_of(path: Path) -> Kind:
    """Which schema a file follows, from where it sits (``common/`` holds blocks, and so on)."""
    if path.name == SETTINGS_FILE:
        return "settings"
    kinds: dict[str, Kind] = {"common": "block", "lists": "list", "localities": "locality"}
    return kinds.get(path.parent.name, "procedure")


class Workspace(Struct):
    """One procedures folder. Loads each shared file once and reports its problems once."""

    root: Path
    sink: DiagnosticSink
    _docs: dict[Path, Document | None] = field(default_factory=dict)
    _settings: Settings | None = None
    _lists: dict[str, tuple[Option, ...] | None] = field(default_factory=dict)

    def load(self, path: Path, kind: Kind) -> Document | None:
        """Load and schema-check one file (cached); None when it has errors."""
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # a link loop: load_file reports it
            key = path.absolute()
        if key not in self._docs:
            try:
                doc: Document | None = load_file(path, self.sink, display=display_path(path))
            except StageFailed:
                self.sink.skip(display_path(path), "later")
                doc = None
            if doc is not None and not validate(doc, kind, self.sink) and not doc.repaired:
                self.sink.skip(doc.file, "later")
                doc = None
            self._docs[key] = doc
        return self._docs[key]

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            self._settings = self._load_settings()
        return self._settings

    def _load_settings(self) -> Settings:
        path = self.root / SETTINGS_FILE
        if not os.path.lexists(path):  # anything else there (a folder, a FIFO) is unreadable
            self.sink.emit(
                "PG120",
                Span(display_path(path), 1, 1),
                problem=f"no project settings: {display_path(path)} is missing",
            )
            return DEFAULT_SETTINGS
        doc = self.load(path, "settings")
        if doc is None:
            return DEFAULT_SETTINGS
        v = doc.value
        langs = tuple(v["languages"])
        default = v["default_language"]
        if default not in langs:
            self.sink.emit(
                "PG120",
                doc.locate(("default_language",)),
                problem=Phrase(f"default_language '{default}' is not in languages {list(langs)}",
                               f"default_language '{default}' không thuộc languages {list(langs)}"),
            )
            default = langs[0]
        settings = Settings(langs, default, v.get("currency", "VND"), v.get("api_base_url", "/api"))
        if "portal_name" in v:
            name = TextMaker(settings, self.sink)(doc, ("portal_name",), v["portal_name"])
            settings = Settings(langs, default, settings.currency, settings.api_base_url, name)
        if "license" in v:
            lic = v["license"]
            settings = structs.replace(
                settings, license=License(lic["name"], lic.get("identifier"), lic.get("url")))
        if "base_url" in v:
            url = v["base_url"]
            problem = base_url_problem(url)
            if problem is None:
                settings = structs.replace(settings, base_url=url.rstrip("/"))
            else:  # reported, and the pages keep their relative links
                self.sink.emit("PG126", doc.locate(("base_url",)), url=url, problem=problem)
        return settings

    def names(self, folder: str) -> list[str]:
        """The stems of ``folder``'s ``*.yaml`` entries (as :mod:`procgen.layout` lists them)."""
        return [p.stem for p in yaml_files(self.root / folder)]

    def block(self, name: str) -> Document | None:
        """The document of ``common/<name>.yaml``, or None when it is missing or invalid."""
        path = self.root / "common" / f"{name}.yaml"
        return self.load(path, "block") if path.is_file() else None

    def has_block(self, name: str) -> bool:
        return (self.root / "common" / f"{name}.yaml").is_file()

    def options(self, name: str, text: TextMaker) -> tuple[Option, ...] | None:
        """The options of ``lists/<name>.yaml`` (None when missing or invalid)."""
        if name not in self._lists:
            path = self.root / "lists" / f"{name}.yaml"
            doc = self.load(path, "list") if path.is_file() else None
            self._lists[name] = None if doc is None else options_from(doc, ("options",), text)
        return self._lists[name]

    def suggest(self, folder: str, name: str) -> Words:
        return did_you_mean(name, self.names(folder))


_NOT_IN_URLS = frozenset(' "<>\\^`{|}')
"""Characters an address cannot hold as written (RFC 3986): they would need percent-escapes."""


def base_url_problem(url: str) -> Phrase | None:
    """What makes ``url`` unusable as the address the web pages are published at (None: fine).

    An absolute ``http(s)`` address with a host and a path at most: the pages add
    ``/{lang}/{id}.html`` to it, so a query or a fragment would end up in the middle.

    >>> base_url_problem("https://dichvucong.example.gov.vn/thu-tuc/") is None
    True
    >>> base_url_problem("dichvucong.example.gov.vn").en
    'it must start with https:// (or http://)'
    >>> base_url_problem("https://example.gov.vn/?lang=vi").en
    'it must not have a query (?…): the pages add /<lang>/<id>.html after it'
    """
    from urllib.parse import urlsplit

    if any(c in _NOT_IN_URLS or not c.isprintable() for c in url) or re.search(
            r"%(?![0-9A-Fa-f]{2})", url):
        return Phrase("it holds spaces or characters an address cannot hold as written "
                      "(write %20 for a space, and % only before two hexadecimal digits)",
                      "địa chỉ có dấu cách hoặc ký tự không được viết thẳng trong địa chỉ "
                      "(viết %20 thay cho dấu cách, và chỉ viết % trước hai chữ số thập lục phân)")
    try:
        parts = urlsplit(url)
        if parts.port == 0:
            raise ValueError("port 0")
    except ValueError:  # a port that is not a number from 1 to 65535, a bad IPv6 literal
        return Phrase("its host or port cannot be read (a port is a number from 1 to 65535)",
                      "không đọc được tên máy chủ hay cổng (cổng là một số từ 1 đến 65535)")
    if parts.scheme not in ("http", "https") or not url.lower().startswith(parts.scheme + "://"):
        return Phrase("it must start with https:// (or http://)",
                      "địa chỉ phải bắt đầu bằng https:// (hoặc http://)")
    if not parts.hostname:
        return Phrase("it has no host name (https://host/...)",
                      "địa chỉ không có tên máy chủ (https://máy-chủ/...)")
    if "@" in parts.netloc:
        return Phrase("it must not hold a user name or password (…@host)",
                      "địa chỉ không được chứa tên người dùng hay mật khẩu (…@máy-chủ)")
    if "?" in url.split("#", 1)[0]:
        return Phrase("it must not have a query (?…): the pages add /<lang>/<id>.html after it",
                      "địa chỉ không được có phần truy vấn (?…): các trang thêm /<lang>/<id>.html "
                      "vào sau nó")
    if "#" in url:
        return Phrase("it must not have a fragment (#…): the pages add /<lang>/<id>.html after "
                      "it", "địa chỉ không được có phân đoạn (#…): các trang thêm "
                      "/<lang>/<id>.html vào sau nó")
    return None


class TextMaker:
    """Builds :class:`Text` values, warning about missing and unknown languages."""

    def __init__(self, settings: Settings, sink: DiagnosticSink) -> None:
        self.settings = settings
        self.sink = sink

    def __call__(self, doc: Document, path: tuple[str | int, ...], value: Any) -> Text:
        s = self.settings
        if isinstance(value, str):
            for lang in s.languages:
                if lang != s.default_language:
                    self.sink.emit("PG118", doc.locate(path), lang=lang, default=s.default_language)
            return Text(((s.default_language, value),), s.default_language)
        pairs = []
        for lang, text in value.items():
            if lang not in s.languages:
                self.sink.emit(
                    "PG119",
                    doc.locate((*path, lang), "key"),
                    lang=lang,
                    languages=list(s.languages),
                    suggestion=did_you_mean(lang, s.languages),
                )
                continue
            pairs.append((lang, text))
        for lang in s.languages:
            if lang not in value:
                self.sink.emit("PG118", doc.locate(path), lang=lang, default=s.default_language)
        if not pairs:  # every language was unknown: keep the text so later stages can go on
            pairs = [(s.default_language, next(iter(value.values())))]
        order = {lang: i for i, lang in enumerate(s.languages)}
        return Text(tuple(sorted(pairs, key=lambda p: order.get(p[0], 99))), s.default_language)

    def maybe(self, doc: Document, path: tuple[str | int, ...], value: Any) -> Text | None:
        return None if value is None else self(doc, path, value)


def options_from(doc: Document, path: tuple[str | int, ...], text: TextMaker) -> tuple[Option, ...]:
    """Options from an inline list or a list file, refusing duplicate values."""
    out: list[Option] = []
    seen: dict[object, Span] = {}
    for i, raw in enumerate(doc.value_at(path)):
        span = doc.locate((*path, i, "value"))
        value = raw["value"]
        if value in seen:
            text.sink.emit(
                "PG302",
                span,
                kind=kind_words("option"),
                id=str(value),
                related=[Related(FIRST_DEFINED, seen[value])],
            )
            continue
        seen[value] = span
        out.append(Option(value, text(doc, (*path, i, "label"), raw["label"]), span))
    return tuple(out)
