"""Walks over an expression's tree: they read the operands each node keeps (``Node.children()``)."""

from __future__ import annotations

from collections.abc import Iterator

from mcdocgen.language.nodes import MatMul, Node, Var


def walk(node: Node) -> Iterator[Node]:
    """All nodes, parents before children (children in order); with a stack, not nested generators,
    whose every node would pass up through each generator above it."""
    stack = [node]
    pop, extend = stack.pop, stack.extend
    while stack:
        n = pop()
        yield n
        kids = n._kids
        if kids:
            extend(reversed(kids))


def count_nodes(node: Node, limit: int) -> int:
    """The number of nodes of the tree, counted up to ``limit + 1`` only (a bound, cheap on huge trees)."""
    count, stack = 0, [node]
    pop, extend = stack.pop, stack.extend
    while stack and count <= limit:
        count += 1
        extend(pop()._kids)
    return count


def free_vars(node: Node) -> frozenset[str]:
    """The names of the variables a tree uses."""
    found: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if type(n) is Var:
            found.add(n.name)
        else:
            stack.extend(n._kids)
    return frozenset(found)


def depends_on(node: Node, names: frozenset[str] | set[str]) -> bool:
    """Whether a tree uses any of the named variables."""
    stack = [node]
    while stack:
        n = stack.pop()
        if type(n) is Var:
            if n.name in names:
                return True
        else:
            stack.extend(n._kids)
    return False


def matmul_factors(node: Node) -> list[Node]:
    """The factors of a matrix product, however it is associated: A (B C) and (A B) C alike; [node] for any
    other node."""
    return [*matmul_factors(node.left), *matmul_factors(node.right)] if type(node) is MatMul else [node]
