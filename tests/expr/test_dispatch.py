"""Every AST class and every function has a method in every backend (STYLE.md point 7)."""

from __future__ import annotations

from typing import Any

import pytest

from procgen.expr import ast
from procgen.expr.checker import Checker
from procgen.expr.compile.jsonlogic import JsonLogicCompiler
from procgen.expr.compile.jsonschema import JsonSchemaCompiler
from procgen.expr.compile.python import Evaluator
from procgen.expr.compile.runtime import RuntimeCompiler
from procgen.expr.scope import Scope

BACKENDS = [Evaluator, JsonLogicCompiler, RuntimeCompiler, JsonSchemaCompiler]


@pytest.mark.parametrize("backend", BACKENDS, ids=lambda b: b.__name__)
def test_every_node_class_has_a_method(backend: Any) -> None:
    assert set(backend.NODES) == set(ast.NODE_CLASSES)


@pytest.mark.parametrize("backend", BACKENDS, ids=lambda b: b.__name__)
def test_every_function_has_a_method(backend: Any) -> None:
    assert set(backend.CALLS) == set(ast.FUNCTIONS)


def test_checker_handles_every_node_class() -> None:
    checker = Checker(Scope({}), lambda *a, **k: None)
    assert set(checker._dispatch) == set(ast.NODE_CLASSES)


def test_node_classes_are_all_listed() -> None:
    subclasses = {c for c in vars(ast).values()
                  if isinstance(c, type) and issubclass(c, ast.Node) and c is not ast.Node}
    assert subclasses == set(ast.NODE_CLASSES)
