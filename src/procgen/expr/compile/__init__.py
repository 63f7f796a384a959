"""One backend per target, each a visitor with one method per AST class.

- :mod:`~procgen.expr.compile.python`: the evaluator the compiler itself uses (quotes, tests).
- :mod:`~procgen.expr.compile.jsonlogic`: JSON Logic for mobile apps and the API.
- :mod:`~procgen.expr.compile.runtime`: the compact form read by ``runtime/procgen-expr.js``.
- :mod:`~procgen.expr.compile.jsonschema`: a condition as an exact JSON Schema, or ``None``
  (``if``/``then`` in the OpenAPI and mobile answers schemas).

Dispatch is an explicit table per backend (``NODES``, and ``CALLS`` for functions); a test
asserts that every class in :data:`procgen.expr.ast.NODE_CLASSES` and every function in
:data:`procgen.expr.ast.FUNCTIONS` has an entry in every backend.
"""
