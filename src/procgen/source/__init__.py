"""Source: read YAML into plain values plus an index of where each value came from.

>>> doc = load_text("p.yaml", "procgen: 1\\nid: birth-registration\\n")
>>> doc.value["id"]
'birth-registration'
>>> doc.locate(("id",)).col, doc.locate(("id",), "key").col
(5, 1)
"""

from procgen.source.limits import MAX_DEPTH, MAX_SAFE_INTEGER, MAX_VALUES
from procgen.source.loader import Document, Path, ScalarInfo, load_file, load_text

__all__ = [
    "MAX_DEPTH",
    "MAX_SAFE_INTEGER",
    "MAX_VALUES",
    "Document",
    "Path",
    "ScalarInfo",
    "load_file",
    "load_text",
]
