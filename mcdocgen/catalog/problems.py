"""One problem of the catalog read from its YAML mapping into a :class:`Problem`: its text fields,
topic, tags, variables (shapes, sizes, assumptions) and wrt; its expressions through :mod:`.steps`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import yaml
from yaml.nodes import MappingNode, Node as YamlNode, ScalarNode

from mcdocgen.catalog.reader import Fields, hint, kind, line_of
from mcdocgen.catalog.records import (
    DEFAULT_TOPIC, MATRIX_ASSUMPTIONS, MAX_ID_CHARS, MAX_SHAPE_SIZES, MAX_SIZE, MIN_SIZE, NAME, PROBLEM_KEYS,
    REQUIRED_KEYS, RESERVED_IDS, SCALAR_ASSUMPTIONS, SLUG, VARIABLE_KEYS, Assumption, Problem,
    Variable, name_problem, slug,
)
from mcdocgen.catalog.errata import read_errata
from mcdocgen.catalog.pagekeys import read_keywords, read_layout
from mcdocgen.catalog.steps import StepReader
from mcdocgen.catalog.titles import title_parts
from mcdocgen.errors import ErrorCode, ExprError, clip
from mcdocgen import language as E

if TYPE_CHECKING:  # E.shapes is read when a shape is built: the loader starts without SymPy
    from mcdocgen.language.shapes import Dim, Shape


def _declared(names: Iterable[str]) -> str:
    return ", ".join(sorted(names)) or "none"


@dataclass
class _Sizes:
    """The size names of one problem's shapes, in order of appearance."""

    names: list[str] = field(default_factory=list)
    nodes: dict[str, YamlNode] = field(default_factory=dict)   # where each first appears
    owners: dict[str, str] = field(default_factory=dict)       # the variable it first appears in

    def add(self, name: str, node: YamlNode, owner: str) -> None:
        if name not in self.nodes:
            self.names.append(name)
            self.nodes[name] = node
            self.owners[name] = owner


class ProblemReader(StepReader):
    """Reads the catalog's problems (see :class:`~mcdocgen.catalog.reader.Reader`)."""

    def __init__(self, file: str) -> None:
        super().__init__(file)
        self._ints = yaml.SafeLoader("")  # constructs int scalars only (never objects)
        self.topics: dict[str, tuple[str, int]] = {}  # topic slug -> (the topic, its first line)
        # every tag written on a problem, valid or not, for the handouts: section to select from
        self.all_tags: dict[str, None] = {}

    # ------------------------------------------------ one problem

    def problem(self, node: YamlNode, index: int, seen: dict[str, int]) -> Problem | None:
        self.problem_id = ""
        if not isinstance(node, MappingNode):
            self.error(
                node, f"problems[{index}]",
                f"a problem must be a mapping of keys (id, title, ...), got {kind(node)}", ErrorCode.WRONG_TYPE,
            )
            return None
        before = len(self.diagnostics)
        fields = self.mapping(node, "")

        pid = None
        if "id" in fields:
            id_node = fields["id"][1]
            pid = self.text(id_node, "id")
            if pid is not None:
                self.problem_id = clip(pid)
                if len(pid) > MAX_ID_CHARS:
                    self.error(id_node, "id", f"is too long ({len(pid)} characters; the limit is {MAX_ID_CHARS}, "
                                              "as it names the page's files)", ErrorCode.BAD_ID)
                elif pid in RESERVED_IDS:
                    self.error(id_node, "id", f"'{pid}' names the page that lists a topic; choose another id", ErrorCode.BAD_ID)
                elif not SLUG.match(pid):
                    self.error(
                        id_node, "id",
                        f"'{clip(pid)}' is not a valid id (use lowercase letters, digits and "
                        "single hyphens, such as 'least-squares')", ErrorCode.BAD_ID,
                    )
                elif pid in seen:
                    self.error(id_node, "id", f"'{pid}' is used twice (first at line {seen[pid]})", ErrorCode.DUPLICATE_ID)
                else:
                    seen[pid] = line_of(id_node)

        self.scan_duplicates(node, "")
        misspelt = self.check_keys(fields, PROBLEM_KEYS, "", "")
        for key in REQUIRED_KEYS:
            if key not in fields and key not in misspelt:
                self.error(node, "", f"missing required key '{key}'", ErrorCode.MISSING_KEY)

        title = self.text_field(fields, "title")
        summary = self.text_field(fields, "summary")
        source = self.text_field(fields, "source")
        topic = self.text_field(fields, "topic") if "topic" in fields else DEFAULT_TOPIC
        if topic is not None:
            self.topic(topic, fields["topic"][1] if "topic" in fields else node)
        tags = self.tags(fields)
        layout = read_layout(self, fields)
        keywords = read_keywords(self, fields)

        variables, failed_vars, sizes = self.variables(fields)
        declared = set(variables) | failed_vars
        wrt = self.wrt(fields, declared)

        expression_text = None
        expression = None
        if "expression" in fields:
            expression_text = self.text(fields["expression"][1], "expression")
        step_names = self.step_names(fields)
        hessian = self.wrt(fields, declared, "hessian") if "hessian" in fields else ()
        scope = E.Scope(
            {name: E.var(name, v.shape, symmetric=v.symmetric) for name, v in variables.items()},
            {s: E.shapes.size_symbol(s) for s in sizes.names},
            # what is derived by: a root of an operand identically zero is refused only where that passes through it
            wrt=None if wrt is None or hessian is None else frozenset(wrt) | frozenset(hessian),
        )
        if expression_text is not None:
            expression = self.parse(
                expression_text, scope, fields["expression"][1], "expression", failed_vars, step_names, None
            )
        if title is not None and not failed_vars:
            self.title_math(title, fields["title"][1], tuple(variables.values()), sizes.names)
        steps = self.steps(fields, scope, failed_vars, step_names)
        expected = self.expected(fields, scope, failed_vars, wrt, expression)
        if hessian and expression is not None and not expression.shape.is_scalar:
            self.error(fields["hessian"][1], "hessian", f"a Hessian is the second derivative of a scalar function, "
                                                        f"but the expression has shape {expression.shape.label()}",
                       ErrorCode.NOT_SCALAR)
        expected_hessian = self.expected(fields, scope, failed_vars, hessian, expression, order=2)
        errata = read_errata(self, fields, scope, failed_vars, wrt)

        if expression is not None and steps is not None and steps:
            self.check_last_step(fields["steps"][1].value[-1], steps, expression)
        if expression is not None and steps is not None:
            used = E.free_vars(expression).union(*(E.free_vars(s.node) for s in steps))
            keys = {k.value: k for k, _ in fields["variables"][1].value if isinstance(k, ScalarNode)}
            # a wrt variable may be absent: its derivative is zero (the constant rule, an extension)
            for name in variables:
                if name not in used and name not in (wrt or ()):
                    self.error(
                        keys[name], f"variables.{name}",
                        f"'{name}' is declared but not used in the expression", ErrorCode.UNUSED_VARIABLE,
                    )

        if len(self.diagnostics) != before:
            return None
        assert pid is not None and title is not None and summary is not None and source is not None
        assert topic is not None and tags is not None and wrt is not None and expression is not None
        assert expression_text is not None and steps is not None and expected is not None
        assert hessian is not None and expected_hessian is not None and keywords is not None and errata is not None
        return Problem(
            id=pid,
            title=title,
            summary=summary,
            tags=tags,
            source=source,
            topic=topic,
            variables=tuple(variables.values()),
            sizes=tuple(sizes.names),
            expression_text=expression_text,
            expression=expression,
            wrt=wrt,
            steps=tuple(steps),
            expected=expected,
            line=line_of(node),
            hessian=hessian,
            expected_hessian=expected_hessian,
            layout=layout,
            keywords=keywords,
            errata=errata,
        )

    def text_field(self, fields: Fields, key: str) -> str | None:
        if key not in fields:
            return None
        value = self.text(fields[key][1], key)
        return None if value is None else " ".join(value.split())

    def title_math(self, title: str, node: YamlNode, variables: tuple[Variable, ...], sizes: list[str]) -> None:
        """The math spans of a title (catalog.titles) must parse."""
        try:
            title_parts(title, variables, sizes)
        except ExprError as exc:
            self.error(node, "title", exc.message, exc.code)

    def topic(self, topic: str, node: YamlNode) -> None:
        """A topic names a folder of the site: its slug must be short and belong to it alone."""
        folder = slug(topic)
        if len(folder) > MAX_ID_CHARS:
            self.error(node, "topic", f"is too long for a folder name (its slug has {len(folder)} characters; "
                                      f"the limit is {MAX_ID_CHARS})", ErrorCode.BAD_ID)
            return
        first = self.topics.setdefault(folder, (topic, line_of(node)))
        if first[0] != topic:
            self.error(node, "topic", f"'{clip(topic)}' and the topic '{clip(first[0])}' (line {first[1]}) share "
                                      f"the folder '{clip(folder)}'; spell them alike or apart", ErrorCode.TOPIC_CLASH)

    def tags(self, fields: Fields) -> tuple[str, ...] | None:
        if "tags" not in fields:
            return None
        items = self.sequence(fields["tags"][1], "tags", "[chain rule, vector]")
        if items is None:
            return None
        out = []
        for i, item in enumerate(items):
            value = self.text(item, f"tags[{i}]")
            if value is not None:
                out.append(" ".join(value.split()))
                self.all_tags.setdefault(out[-1])
        return tuple(out) if len(out) == len(items) else None

    # ------------------------------------------------ variables and sizes

    def variables(self, fields: Fields) -> tuple[dict[str, Variable], set[str], _Sizes]:
        """(the variables that validated, the names of those that did not, the sizes)."""
        good: dict[str, Variable] = {}
        failed: set[str] = set()
        sizes = _Sizes()
        if "variables" not in fields:
            return good, failed, sizes
        vnode = fields["variables"][1]
        if not isinstance(vnode, MappingNode):
            self.error(vnode, "variables", f"expected a mapping such as 'x: {{shape: [n]}}', got {kind(vnode)}",
                       ErrorCode.WRONG_TYPE)
            return good, failed, sizes
        entries = self.mapping(vnode, "variables")
        for name, (knode, body) in entries.items():
            record = self.variable(name, knode, body, sizes)
            if record is None:
                failed.add(name)
            else:
                good[name] = record
        for size in sizes.names:
            if size in entries:
                self.error(
                    sizes.nodes[size], f"variables.{clip(sizes.owners[size])}.shape",
                    f"the size '{size}' has the same name as the variable '{size}'", ErrorCode.NAME_TAKEN,
                )
        return good, failed, sizes

    def variable(self, name: str, knode: YamlNode, body: YamlNode, sizes: _Sizes) -> Variable | None:
        key = f"variables.{clip(name)}"
        ok = True
        why = name_problem(name)
        if why:
            self.error(knode, key, f"'{clip(name)}' cannot name a variable: {why}", ErrorCode.BAD_NAME)
            ok = False
        if not isinstance(body, MappingNode):
            self.error(body, key, f"expected a mapping such as {{shape: [n]}}, got {kind(body)}", ErrorCode.WRONG_TYPE)
            return None
        fields = self.mapping(body, key)
        misspelt = self.check_keys(fields, VARIABLE_KEYS, key, "")
        if "shape" not in fields:
            if "shape" not in misspelt:
                self.error(body, key, "missing required key 'shape'", ErrorCode.MISSING_KEY)
            return None
        shape = self.shape(fields["shape"][1], f"{key}.shape", name, sizes)
        assume = self.assume(fields, f"{key}.assume", shape, name)
        if shape is None or assume is None or not ok:
            return None
        return Variable(name, shape, assume, line_of(knode))

    def shape(self, node: YamlNode, key: str, owner: str, sizes: _Sizes) -> Shape | None:
        items = self.sequence(node, key, "[] (scalar), [n] (vector) or [m, n] (matrix)")
        if items is None:
            return None
        if len(items) > MAX_SHAPE_SIZES:
            self.error(
                node, key,
                f"a shape has at most two sizes ([] scalar, [n] vector, [m, n] matrix), got {len(items)}", ErrorCode.BAD_SHAPE,
            )
            return None
        dims: list[Dim] = []
        for item in items:
            d = self.size(item, key)
            if d is None:
                continue
            if isinstance(d, str):
                sizes.add(d, item, owner)
            dims.append(E.shapes.dim(d))   # a size symbol, or an Integer
        if len(dims) != len(items):
            return None
        return E.shapes.from_spec(dims)

    def size(self, node: YamlNode, key: str) -> int | str | None:
        expected = "a size is a whole number from 1 to 1000 or a name such as n"
        if not isinstance(node, ScalarNode):
            self.error(node, key, f"{expected}, got {kind(node)}", ErrorCode.BAD_SIZE)
            return None
        tag = node.tag.rsplit(":", 1)[-1]
        if tag == "int" and len(node.value) <= 20:
            value: int = self._ints.construct_object(node)
            if not MIN_SIZE <= value <= MAX_SIZE:
                self.error(node, key, f"{expected}, got {clip(node.value)}", ErrorCode.BAD_SIZE)
                return None
            return value
        if tag == "str" and NAME.match(node.value):
            why = name_problem(node.value)
            if why:
                self.error(node, key, f"'{clip(node.value)}' cannot name a size: {why}", ErrorCode.BAD_NAME)
                return None
            name: str = node.value
            return name
        self.error(node, key, f"{expected}, got {kind(node)}", ErrorCode.BAD_SIZE)
        return None

    def assume(self, fields: Fields, key: str, shape: Shape | None, name: str) -> tuple[Assumption, ...] | None:
        if "assume" not in fields:
            return ()
        items = self.sequence(fields["assume"][1], key, "[symmetric]")
        if items is None:
            return None
        allowed = tuple(a.value for a in Assumption)
        out: list[Assumption] = []
        ok = True
        for item in items:
            word = self.text(item, key)
            if word is None:
                ok = False
                continue
            if word not in allowed:
                self.error(item, key, f"unknown assumption '{clip(word)}'{hint(word, allowed)}", ErrorCode.UNKNOWN_ASSUMPTION)
                ok = False
                continue
            a = Assumption(word)
            if shape is not None:
                if a in MATRIX_ASSUMPTIONS and (shape.is_vector_like or not shape.is_square):
                    self.error(
                        item, key,
                        f"'{a.value}' applies to square matrices, but '{name}' has shape {shape.label()}",
                        ErrorCode.ASSUMPTION_SHAPE,
                    )
                    ok = False
                    continue
                if a in SCALAR_ASSUMPTIONS and not shape.is_scalar:
                    self.error(
                        item, key,
                        f"'{a.value}' applies to scalars, but '{name}' has shape {shape.label()}", ErrorCode.ASSUMPTION_SHAPE,
                    )
                    ok = False
                    continue
            if a not in out:
                out.append(a)
        return tuple(out) if ok else None

    def wrt(self, fields: Fields, declared: set[str], key: str = "wrt") -> tuple[str, ...] | None:
        """The variables of ``wrt`` (or of ``hessian``): declared ones, each once, at least one."""
        if key not in fields:
            return None
        node = fields[key][1]
        items = self.sequence(node, key, "[w]")
        if items is None:
            return None
        if not items:
            self.error(node, key, "name at least one declared variable", ErrorCode.EMPTY_VALUE)
            return None
        out: list[str] = []
        ok = True
        for item in items:
            name = self.text(item, key)
            if name is None:
                ok = False
            elif name not in declared:
                self.error(
                    item, key,
                    f"'{clip(name)}' is not a declared variable (declared: {_declared(declared)})", ErrorCode.UNDECLARED,
                )
                ok = False
            elif name in out:
                self.error(item, key, f"'{name}' is listed twice", ErrorCode.LISTED_TWICE)
                ok = False
            else:
                out.append(name)
        return tuple(out) if ok else None
