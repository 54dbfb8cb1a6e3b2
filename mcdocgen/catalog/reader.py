"""Reading YAML nodes into plain values, each mistake recorded as one located :class:`Diagnostic`:
mappings (with their duplicate keys), text, lists and known keys."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

from yaml.nodes import MappingNode, Node as YamlNode, ScalarNode, SequenceNode

from mcdocgen.errors import Diagnostic, ErrorCode, clip, closest, did_you_mean

#: A mapping read by :meth:`Reader.mapping`: key text -> (key node, value node).
Fields = Mapping[str, tuple[YamlNode, YamlNode]]
#: Where a mistake is: a node (where it starts) or a 1-based (line, column).
Where: TypeAlias = YamlNode | tuple[int, int]


def line_of(node: YamlNode) -> int:
    """The 1-based line a node starts on."""
    line: int = node.start_mark.line + 1
    return line


def position(node: YamlNode) -> tuple[int, int]:
    """The 1-based (line, column) a node starts at."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def kind(node: YamlNode) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return "an empty value"
    if tag == "bool":
        return f"'{clip(node.value)}' (true/false)"
    if tag in ("int", "float"):
        return f"the number {clip(node.value)}"
    return f"the text '{clip(node.value)}'"


def hint(word: str, allowed: Sequence[str]) -> str:
    """What to write instead of an unknown ``word``: the close one, else every allowed one."""
    return did_you_mean(word, allowed) or f" (allowed: {', '.join(allowed)})"


class Reader:
    """Reads nodes of one catalog file; mistakes go to :attr:`diagnostics`, naming the problem
    being read (:attr:`problem_id`) and the key."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self.problem_id = ""

    def error(self, where: Where, key: str, message: str, code: ErrorCode) -> None:
        """Record one mistake at ``where`` (message white space made single spaces: one line)."""
        line, column = where if isinstance(where, tuple) else position(where)
        self.diagnostics.append(
            Diagnostic(self.file, line, column, self.problem_id, key, " ".join(message.split()), code=code)
        )

    def mapping(self, node: MappingNode, path: str) -> dict[str, tuple[YamlNode, YamlNode]]:
        """Key text -> (key node, value node); the first of duplicated keys wins (reported by
        :meth:`scan_duplicates`)."""
        out: dict[str, tuple[YamlNode, YamlNode]] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, ScalarNode):
                self.error(knode, path, f"a key must be plain text, got {kind(knode)}", ErrorCode.WRONG_TYPE)
                continue
            out.setdefault(knode.value, (knode, vnode))
        return out

    def scan_duplicates(self, node: YamlNode, path: str) -> None:
        """Report every duplicated mapping key in a subtree (iteratively: no recursion limit)."""
        stack: list[tuple[YamlNode, str]] = [(node, path)]
        while stack:
            current, where = stack.pop()
            if isinstance(current, MappingNode):
                first: dict[str, int] = {}
                for knode, vnode in current.value:
                    if isinstance(knode, ScalarNode):
                        if knode.value in first:
                            self.error(
                                knode, where,
                                f"duplicate key '{clip(knode.value)}' (first at line {first[knode.value]})",
                                ErrorCode.DUPLICATE_KEY,
                            )
                        else:
                            first[knode.value] = line_of(knode)
                        child = f"{where}.{clip(knode.value, 30)}" if where else clip(knode.value, 30)
                    else:
                        child = where
                    stack.append((vnode, child))
            elif isinstance(current, SequenceNode):
                for i, item in enumerate(current.value):
                    stack.append((item, f"{where}[{i}]"))

    def text(self, node: YamlNode, key: str) -> str | None:
        """A text value: any non-empty scalar (a number such as 2024 is taken as written)."""
        if not isinstance(node, ScalarNode) or node.tag.endswith(":null"):
            self.error(node, key, f"expected text, got {kind(node)}", ErrorCode.WRONG_TYPE)
            return None
        if not node.value.strip():
            self.error(node, key, "must not be empty", ErrorCode.EMPTY_VALUE)
            return None
        value: str = node.value  # characters only: the loader refuses escapes of surrogates
        return value

    def sequence(self, node: YamlNode, key: str, example: str) -> list[YamlNode] | None:
        """The items of a list (a list such as ``example`` was expected)."""
        if not isinstance(node, SequenceNode):
            self.error(node, key, f"expected a list such as {example}, got {kind(node)}", ErrorCode.WRONG_TYPE)
            return None
        return list(node.value)

    def check_keys(self, fields: Fields, allowed: Sequence[str], key: str, what: str) -> set[str]:
        """Report unknown keys; return the keys suggested for them (a misspelt required key is
        then not reported a second time as missing)."""
        suggested: set[str] = set()
        for name, (knode, _) in fields.items():
            if name not in allowed:
                self.error(knode, key, f"unknown {what}key '{clip(name)}'{hint(name, allowed)}", ErrorCode.UNKNOWN_KEY)
                suggested.add(closest(name, allowed) or "")
        return suggested
