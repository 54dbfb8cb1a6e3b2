"""The Python API's reference page: the public names of a module read from its source text with
``ast`` (signatures as written, docstrings), as plain records for the page's template.

The source is parsed, never imported: the page is built by ``mcdocgen build``, a layer below the
API it documents (tests/test_architecture.py), and the same text gives the same page anywhere.
Docstrings are written in the reST-flavoured style of the code (````code````, ``:class:`name```,
``>>>`` examples); :func:`docstring_markdown` turns that style into Markdown that shows exactly
the text, with no markup of its own.
"""

from __future__ import annotations

import ast
import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mcdocgen.escape import markdown_code, markdown_text

#: Jupyter's display hooks: private by name, public by use (a notebook calls them), so documented.
DISPLAY_HOOK = re.compile(r"^_repr_[a-z]+_$")
#: A longer signature is written one parameter a line, as black would (the page's code block
#: scrolls sideways on a phone otherwise).
SIGNATURE_WIDTH = 80
#: ``code`` or :role:`target` (Sphinx's ``~`` before a target shows its last part only).
_INLINE_CODE = re.compile(r"``(.+?)``|:[a-z]+:`(~?)([^`]+)`")


@enum.unique
class Kind(enum.StrEnum):
    FUNCTION = "function"
    CLASS = "class"
    METHOD = "method"
    PROPERTY = "property"


@dataclass(frozen=True, slots=True)
class ApiEntry:
    """One documented name: ``Derivation.result``, its kind, its signature as Python, its docstring
    as Markdown ('' where it has none) and its heading's anchor; a class's public members in source order."""

    name: str
    kind: Kind
    signature: str
    doc: str
    anchor: str
    members: tuple[ApiEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class ApiView:
    """A module's reference: its import name, its docstring as Markdown, the entries in the order asked."""

    module: str
    doc: str
    entries: tuple[ApiEntry, ...]


def api_view(source: str, module: str, names: Sequence[str]) -> ApiView:
    """The reference of ``module`` (its ``source`` text) for ``names``, in that order; a name the
    module does not define at its top level is a :class:`LookupError` (the page would lie)."""
    tree = ast.parse(source)
    defined = {node.name: node for node in tree.body
               if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)}
    missing = [name for name in names if name not in defined]
    if missing:
        raise LookupError(f"{module} defines no {', '.join(missing)}")
    # every documented name, for the links a docstring's :func:`derive` or :class:`Derivation` becomes
    links = {name: anchor(name) for name in names}
    links |= {f"{name}.{item.name}": anchor(f"{name}.{item.name}") for name in names
              if isinstance(defined[name], ast.ClassDef) for item in defined[name].body
              if isinstance(item, ast.FunctionDef) and _public(item.name)}
    return ApiView(module, docstring_markdown(ast.get_docstring(tree) or "", links),
                   tuple(_entry(defined[name], links) for name in names))


def anchor(name: str) -> str:
    """A documented name's heading anchor: ``Derivation.result`` is ``derivation-result``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _entry(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef, links: Mapping[str, str]) -> ApiEntry:
    doc = docstring_markdown(ast.get_docstring(node) or "", links)
    if isinstance(node, ast.ClassDef):
        fields = [f"{_target(a)}: {ast.unparse(a.annotation)}" for a in node.body if isinstance(a, ast.AnnAssign)]
        members = tuple(_member(node.name, item, links) for item in node.body
                        if isinstance(item, ast.FunctionDef) and _public(item.name))
        return ApiEntry(node.name, Kind.CLASS, f"{node.name}({', '.join(fields)})", doc, anchor(node.name), members)
    return ApiEntry(node.name, Kind.FUNCTION, _signature(node.name, node), doc, anchor(node.name))


def _member(owner: str, node: ast.FunctionDef, links: Mapping[str, str]) -> ApiEntry:
    name = f"{owner}.{node.name}"
    doc = docstring_markdown(ast.get_docstring(node) or "", links)
    if any(isinstance(d, ast.Name) and d.id == "property" for d in node.decorator_list):
        returns = f" -> {ast.unparse(node.returns)}" if node.returns else ""
        return ApiEntry(name, Kind.PROPERTY, f"{name}{returns}", doc, anchor(name))
    return ApiEntry(name, Kind.METHOD, _signature(name, node, method=True), doc, anchor(name))


def _public(name: str) -> bool:
    return not name.startswith("_") or bool(DISPLAY_HOOK.match(name))


def _target(node: ast.AnnAssign) -> str:
    return ast.unparse(node.target)


def _signature(name: str, node: ast.FunctionDef | ast.AsyncFunctionDef, method: bool = False) -> str:
    """``name(arguments) -> returns`` as written in the source, without a method's ``self``, spaced
    as PEP 8 writes it (``ast.unparse`` of the arguments omits the spaces around an annotated default)."""
    a = node.args
    positional = [*a.posonlyargs, *a.args]
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
    params = [_param(arg, default) for arg, default in zip(positional, defaults, strict=True)]
    if a.posonlyargs:
        params.insert(len(a.posonlyargs), "/")
    if method:
        params = params[1:]
    if a.vararg:
        params.append("*" + _param(a.vararg, None))
    elif a.kwonlyargs:
        params.append("*")
    params += [_param(arg, default) for arg, default in zip(a.kwonlyargs, a.kw_defaults, strict=True)]
    if a.kwarg:
        params.append("**" + _param(a.kwarg, None))
    returns = f" -> {ast.unparse(node.returns)}" if node.returns else ""
    line = f"{name}({', '.join(params)}){returns}"
    if len(line) <= SIGNATURE_WIDTH:
        return line
    return f"{name}(\n" + "".join(f"    {param},\n" for param in params) + f"){returns}"


def _param(arg: ast.arg, default: ast.expr | None) -> str:
    text = arg.arg + (f": {ast.unparse(arg.annotation)}" if arg.annotation else "")
    if default is None:
        return text
    return f"{text} = {ast.unparse(default)}" if arg.annotation else f"{text}={ast.unparse(default)}"


# --- docstrings ---------------------------------------------------------------------------------


def docstring_markdown(doc: str, links: Mapping[str, str] | None = None) -> str:
    """A cleaned docstring (``ast.get_docstring``) as Markdown: each paragraph one line of text with
    its code spans, each run of ``>>>`` lines a Python console block; blank-line separated. A
    reference (``:class:`Derivation```) to a name of ``links`` ({name: anchor}) links to its heading."""
    blocks: list[str] = []
    for paragraph in re.split(r"\n\s*\n", doc.strip()):
        lines = paragraph.splitlines()
        if lines and lines[0].lstrip().startswith(">>>"):
            blocks.append("```pycon\n" + "\n".join(line.rstrip() for line in lines) + "\n```")
        elif paragraph.strip():
            blocks.append(_inline(" ".join(line.strip() for line in lines), links or {}))
    return "\n\n".join(blocks)


def _inline(text: str, links: Mapping[str, str]) -> str:
    """One line: code spans kept as code, every other character shown as it is (escaped)."""
    out: list[str] = []
    at = 0
    for found in _INLINE_CODE.finditer(text):
        out.append(_text(text[at:found.start()], first=not out))
        if found.group(1) is not None:
            out.append(markdown_code(found.group(1)))
        else:
            target = found.group(3)
            code = markdown_code(target.rsplit(".", 1)[-1] if found.group(2) else target)
            local = target.removeprefix("mcdocgen.api.")
            out.append(f"[{code}](#{links[local]})" if local in links else code)
        at = found.end()
    out.append(_text(text[at:], first=not out))
    return "".join(out)


def _text(piece: str, first: bool) -> str:
    """Plain text between code spans, escaped, with the spaces around it kept (markdown_text trims).
    Only the ``first`` piece opens a line, where a character such as ``-`` or ``>`` would start a
    block: after a code span a letter stands in front while escaping, so ``(`` stays ``(``."""
    if not piece.strip():
        return piece
    lead, trail = piece[: len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()):]
    body = markdown_text(piece) if first and not lead else markdown_text("a" + piece.strip())[1:]
    return lead + body + trail
