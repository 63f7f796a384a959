"""Names that ``vulture src/procgen`` (tests/test_quality.py) cannot see being used.

Each is used by reflection (a framework calls or reads it by name), or is API kept for tests
and doctests. Anything else vulture reports is dead: delete it, do not add it here.
"""
# ruff: noqa: B018, F821
# vulture's whitelist convention: bare names, and ``_.name`` for attributes and methods.

# click reads the attribute of a ClickException subclass; commands are click callbacks
exit_code  # procgen.cli.InputError
diff  # procgen.commands.diff: the `procgen diff` command
set_fee  # procgen.commands.locality: `procgen locality set-fee`
add_office  # procgen.commands.locality: `procgen locality add-office`
_.preserve_quotes  # ruamel.yaml.YAML's settings, read by its dumper (commands.locality._yaml)
_.width  # idem

# lark calls Transformer methods by rule name (procgen.expr.parser)
_.true
_.false
_.list_
_.not_in

# the checker dispatches functions by name (getattr(self, f"_fn_{name}"))
_._fn_date
_._fn_today
_._fn_age
_._fn_days_between
_._fn_len
_._fn_count
_._fn_sum
_._fn_answered

# RE2 reads its options' attributes (procgen.model.patterns)
_.log_errors
_.never_capture

# Jinja2 calls these on a bytecode cache and reads the environment's (procgen.targets.web.render)
_.get_source_checksum
_.bytecode_cache

# the target registry loads classes by "module:Class" string (procgen.targets._TARGETS)
WebTarget
OpenApiTarget
MobileTarget
CatalogueTarget
AssistantTarget
GuideTarget
ScoreTarget

# view-model fields read by the web templates (procgen.targets.web.view; Jinja2 reads them)
attrs
repeat_min
repeat_max
add_label
entry_title
_.describedby
upload_note
conditional
detail
alternates
legal

# record fields written out whole (msgspec.to_builtins), never read one by one
href  # procgen.targets.ProcedureSummary.href: the listing's example (targets.openapi._listing)

# API for tests and doctests, and the sources of truth of totality tests
FUNCTIONS  # procgen.expr.ast: tests/expr/test_dispatch.py checks every backend covers them
NODE_CLASSES  # procgen.expr.ast: idem, every node class
_.of  # procgen.expr.Scope.of: the doctests' and tests' way to make a scope
rules_table  # procgen.diff.rules: docs/review.md's table, kept equal by tests/diff/test_docs.py
portal_input  # procgen.targets: a portal's inputs without the build (tests/web, tests/openapi)

# the web view's locality fields, read by the Jinja templates only
fee_labels  # procgen.targets.web.view.LocalView
dynamic_offices  # procgen.targets.web.view.LocalView
site_name  # procgen.targets.web.view.LocalView
structured_data  # procgen.targets.web.view.PageView: the head's JSON-LD blocks
faq  # procgen.targets.web.view.PageView: the start page's common questions

# view-model fields read by the guide's template only (procgen.targets.guide.view)
qr  # ChannelView
decides  # DeciderView
made_from  # GuideView

# view-model fields read by the score report's template only (procgen.targets.score.render)
y_label  # Bar
y_bar  # Bar
height  # Chart
track  # Chart
formula  # IndicatorRow
why_not  # ProcedureRow
indicator_chart  # Page
procedure_chart  # Page

# click commands are registered by their decorator
explain  # procgen.cli.explain

# procgen.yaml's license, accepted and kept in Settings for issue 18's info.license (the OpenAPI
# change that read it is reverted, to land again with its tests)
identifier  # procgen.model.ir.License
license  # procgen.model.ir.Settings

# the assistant's MCP tools and resource are registered by the SDK's decorators
search_procedures  # procgen.assistant.server
describe_procedure  # procgen.assistant.server
quote_fees  # procgen.assistant.server
documents_needed  # procgen.assistant.server
procedure_resource  # procgen.assistant.server
questions_resource  # procgen.assistant.server

# procgen serve: a click callback, and the store's reads kept for the tests
serve  # procgen.commands.serve: the `procgen serve` command
_.application_ids  # procgen.serve.store.Store: what the tests read back
