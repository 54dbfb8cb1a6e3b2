"""A problem's expressions: its expression, its steps (``name = expression``, each using earlier
ones, the last computing the expression) and its expected answers, parsed and located; and the steps
a name rests on (``rests_on``)."""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from yaml.nodes import MappingNode, Node as YamlNode, ScalarNode, SequenceNode

from mcdocgen.catalog.reader import Fields, Reader, kind, line_of
from mcdocgen.catalog.records import NAME, Expected, StepDef, name_problem
from mcdocgen.errors import ErrorCode, ExprError, clip
from mcdocgen import language as E
from mcdocgen.language.canonical import canonical

if TYPE_CHECKING:  # the language's API is loaded on first use (E.parse): the loader starts without SymPy
    from mcdocgen.language import Node

MAX_EXPRESSION_TEXT = 1_000_000  # characters of expression text in a whole catalog (parsing time)
_STEP = re.compile(r"^(?P<target>[^=]*)=(?!=)(?P<value>.*)$", re.DOTALL)


def rests_on(steps: Sequence[tuple[str, Node]], names: Iterable[str]) -> tuple[tuple[str, Node], ...]:
    """The steps ``names`` rest on, in the steps' order: those that define one of them, and the steps their
    definitions use, followed through. ``steps`` are (name, definition), each using only steps before it,
    as a problem's steps are (StepDef) and as a page's names for repeated parts are (present.naming)."""
    wanted = set(names)
    for name, node in reversed(steps):     # a later step's uses are all known when an earlier one is met
        if name in wanted:
            wanted |= E.free_vars(node)
    return tuple(step for step in steps if step[0] in wanted)


class StepReader(Reader):
    """Reads expressions, steps and expected answers (see :class:`Reader`)."""

    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.expression_chars = 0   # of the whole catalog, against MAX_EXPRESSION_TEXT

    def parse(self, text: str, scope: E.Scope, node: YamlNode, key: str, failed_vars: Collection[str],
              step_names: Mapping[str, int], at_step: int | None, offset: int = 0) -> Node | None:
        """Parse one expression (``text``, at ``offset`` in the value of ``node``); report its error
        where the parser found it when the column can be known, else where the value starts."""
        if self.expression_chars > MAX_EXPRESSION_TEXT:
            return None     # reported once, where the limit was passed
        self.expression_chars += len(text)
        if self.expression_chars > MAX_EXPRESSION_TEXT:
            self.error(node, key, f"the catalog's expressions, steps and expected answers hold more than "
                                  f"{MAX_EXPRESSION_TEXT:,} characters together (the limit is {MAX_EXPRESSION_TEXT:,})",
                       ErrorCode.TOO_MANY)
            return None
        try:
            return E.parse(text, scope)
        except ExprError as exc:
            message, code = exc.message, exc.code
            if exc.code is ErrorCode.UNKNOWN_NAME and exc.name is not None:
                name = exc.name
                if name in failed_vars:
                    return None  # its declaration was reported already
                if name in step_names:
                    where = step_names[name]
                    if at_step is None:
                        message = (
                            f"'{name}' is a step; write the expression over the declared "
                            f"variables (declared: {scope.known()})"
                        )
                    elif where >= at_step:
                        message = f"'{name}' is defined by a later step (steps[{where}]); a step may use only earlier steps"
                    else:
                        return None  # an earlier step that failed; reported already
                    code = ErrorCode.STEP_ORDER
            lead = len(text) - len(text.lstrip())  # the parser reads the text stripped
            self.error(_column_in(node, offset + lead + exc.col), key, message, code)
            return None

    def step_names(self, fields: Fields) -> dict[str, int]:
        """Step name -> index, read leniently (the real checks are in :meth:`steps`)."""
        out: dict[str, int] = {}
        if "steps" in fields and isinstance(fields["steps"][1], SequenceNode):
            for i, item in enumerate(fields["steps"][1].value):
                if isinstance(item, ScalarNode):
                    m = _STEP.match(item.value)
                    if m and NAME.match(m.group("target").strip()):
                        out.setdefault(m.group("target").strip(), i)
        return out

    def steps(self, fields: Fields, scope: E.Scope, failed_vars: Collection[str],
              step_names: Mapping[str, int]) -> list[StepDef] | None:
        """The steps, each parsed over the variables and the earlier steps (None if any failed)."""
        if "steps" not in fields:
            return []
        node = fields["steps"][1]
        if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
            return []
        items = self.sequence(node, "steps", "['a = X @ w', 'z = norm(a)**2']")
        if items is None:
            return None
        out: list[StepDef] = []
        defined: dict[str, int] = {}
        known: dict[str, E.Var] = {}
        # Names of steps that failed: a later step using one is not checked (its errors would
        # only repeat the first one).
        poisoned: set[str] = set(failed_vars)
        ok = True
        for i, item in enumerate(items):
            key = f"steps[{i}]"
            text = self.text(item, key)
            if text is None:
                ok = False
                continue
            split = self.split_step(text, item, key)
            if split is None:
                leading = re.match(r"\s*([A-Za-z_]\w*)", text)
                if leading:
                    poisoned.add(leading.group(1))
                ok = False
                continue
            name, value, offset = split
            problem, code = None, ErrorCode.NAME_TAKEN
            if why := name_problem(name):
                problem, code = f"'{name}' cannot name a step: {why}", ErrorCode.BAD_NAME
            elif name in scope.variables or name in failed_vars:
                problem = f"'{name}' is a declared variable; a step needs a new name"
            elif name in scope.sizes:
                problem = f"'{name}' is a size; a step needs a new name"
            elif name in defined:
                problem = f"the step '{name}' is defined twice (first in steps[{defined[name]}])"
            if problem:
                self.error(item, key, problem, code)
                if name not in scope.variables and name not in defined:
                    poisoned.add(name)
                ok = False
                continue
            defined[name] = i
            if poisoned.intersection(re.findall(r"[A-Za-z_]\w*", value)) - set(known):
                ok = False
                continue
            step_scope = E.Scope(scope.variables, scope.sizes, dict(known), scope.wrt)
            parsed = self.parse(value, step_scope, item, key, poisoned, step_names, i, offset)
            if parsed is None:
                poisoned.add(name)
                ok = False
                continue
            known[name] = E.var(name, parsed.shape, intermediate=True)
            out.append(StepDef(name, value.strip(), parsed, line_of(item)))
        if not ok:
            return None
        for k, step in enumerate(out[:-1]):
            if not any(step.name in E.free_vars(later.node) for later in out[k + 1:]):
                self.error(items[k], f"steps[{k}]", f"the step '{step.name}' is not used by a later step", ErrorCode.UNUSED_STEP)
                ok = False
        return out if ok else None

    def split_step(self, text: str, item: YamlNode, key: str) -> tuple[str, str, int] | None:
        """(name, expression, where the expression starts in ``text``) of ``name = expression``."""
        form = f"a step is written 'name = expression', got '{clip(text)}'"
        if len(text) > E.MAX_EXPRESSION_CHARS:
            self.error(
                item, key,
                f"step is too long ({len(text)} characters; the limit is {E.MAX_EXPRESSION_CHARS})", ErrorCode.STEP_FORM,
            )
            return None
        m = _STEP.match(text)
        if not m:
            self.error(item, key, form, ErrorCode.STEP_FORM)
            return None
        target = m.group("target").strip()
        try:
            tree = ast.parse(target, mode="eval")
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            self.error(item, key, form, ErrorCode.STEP_FORM)
            return None
        if isinstance(tree.body, ast.Tuple):
            self.error(item, key, f"a step defines one name, got '{clip(target)}'", ErrorCode.STEP_FORM)
            return None
        if not isinstance(tree.body, ast.Name):
            self.error(item, key, f"a step defines a plain name, got '{clip(target)}'", ErrorCode.STEP_FORM)
            return None
        return tree.body.id, m.group("value"), m.start("value")

    def check_last_step(self, last: YamlNode, steps: list[StepDef], expression: Node) -> None:
        """Report (at the ``last`` step's item) when the steps do not compute the expression."""
        full: dict[str, Node] = {}
        try:
            for step in steps:
                full[step.name] = E.substitute(step.node, full)
            same = canonical(_entries_read(full[steps[-1].name])) == canonical(_entries_read(expression))
        except RecursionError:
            self.error(last, "steps", "the steps are nested too deeply to compare with the expression", ErrorCode.STEPS_DIFFER)
            return
        if not same:
            try:
                shown = f" (the steps give '{clip(E.to_text(full[steps[-1].name]), 60)}')"
            except Exception:  # noqa: BLE001 - the detail is optional
                shown = ""
            self.error(last, "steps", f"the last step does not compute the expression{shown}", ErrorCode.STEPS_DIFFER)

    def expected(self, fields: Fields, scope: E.Scope, failed_vars: Collection[str], wrt: tuple[str, ...] | None,
                 function: Node | None, order: int = 1) -> dict[str, Expected] | None:
        """The expected answers, each parsed and of the one shape the derivative can have (known
        from the function's and the variable's shapes before anything is derived).

        ``order`` 2 reads ``expected_hessian`` instead, whose names must be in ``hessian``
        (passed as ``wrt``) and whose shape is the Hessian's in denominator layout."""
        top, among = ("expected", "wrt") if order == 1 else ("expected_hessian", "hessian")
        if top not in fields:
            return {}
        node = fields[top][1]
        if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
            return {}
        if not isinstance(node, MappingNode):
            self.error(node, top, f"expected a mapping such as 'w: \"2 * w\"', got {kind(node)}", ErrorCode.WRONG_TYPE)
            return None
        out: dict[str, Expected] = {}
        ok = True
        for name, (knode, vnode) in self.mapping(node, top).items():
            if wrt is not None and name not in wrt:
                self.error(knode, top, f"'{clip(name)}' is not in {among} ({among}: {', '.join(wrt) or 'none'})",
                           ErrorCode.NOT_IN_WRT)
                ok = False
                continue
            key = f"{top}.{clip(name)}"
            text = self.text(vnode, key)
            if text is None:
                ok = False
                continue
            parsed = self.parse(text, scope, vnode, key, failed_vars, {}, None)
            if parsed is None:
                ok = False
                continue
            variable = scope.variables.get(name)
            if function is not None and variable is not None:
                want = E.shapes.derivative_shape(function.shape, variable.shape)
                what = "derivative"
                if order == 2:  # the derivative of the gradient, which has the variable's shape
                    want, what = E.shapes.derivative_shape(want, variable.shape), "Hessian"
                if parsed.shape != want:
                    self.error(vnode, key, f"has shape {parsed.shape.label()}, but the {what} of a function of shape "
                                           f"{function.shape.label()} by '{name}' of shape {variable.shape.label()} "
                                           f"has shape {want.label()} in denominator layout, the layout of {top}",
                               ErrorCode.EXPECTED_SHAPE)
                    ok = False
                    continue
            out[name] = Expected(text, parsed, line_of(vnode))
        return out if ok else None


def _entries_read(node: Node) -> Node:
    """The node with every entry of a literal read where it is indexed: [a, b][1] is b. A step that
    builds a vector by components (g = [x**2, 3*x]) and a later one that indexes it (log(g[0]))
    compute the expression written without g."""
    kids = node.children()
    if not kids:
        return node
    new = tuple(_entries_read(k) for k in kids)
    if isinstance(node, E.Index) and isinstance(new[0], E.Lit):
        return new[0].rows[node.row][node.col]
    return node if new == kids else E.rebuild(node, new)


def _column_in(node: YamlNode, offset: int) -> tuple[int, int] | YamlNode:
    """Where the character at ``offset`` of a scalar's value is in the file: known when the value
    is written on one line as it is (plain, or quoted without escapes); else the scalar's start."""
    start, end = node.start_mark, node.end_mark
    quote = 1 if getattr(node, "style", None) in ("'", '"') else 0
    if start.line == end.line and end.column - start.column == len(node.value) + 2 * quote:
        return start.line + 1, start.column + 1 + quote + min(offset, len(node.value))
    return node
