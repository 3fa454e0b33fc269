"""Mutants of one module: one small change to one AST node at a time, applied to the source text.

Each mutant replaces the exact source span of one node (byte offsets from the AST), so the rest
of the file, its comments and its line numbers stay as they were. The changes are the ones a
slip of the keyboard or of the mind makes:

- comparisons: == ↔ !=, < → <= and >=, <= → < and >, in ↔ not in, is ↔ is not;
- and ↔ or; `not x` → `x`; a condition (if, while, x if c else y, comprehension if) negated;
- constants: True ↔ False, numbers ±1, strings and bytes changed ("XXtextXX"), each character
  dropped from a string used as a set of characters (frozenset("=+-@"), `c in " '-."`);
- tables: each element dropped from a tuple, list or set display, each entry from a dict display,
  including module-level tables such as signatures and trigger sets;
- `return x` → `return None`; + ↔ - on numbers; any ↔ all, min ↔ max; break ↔ continue.

Docstrings, annotations, f-strings and asserts are left alone, and so are constants that are only
looked up (subscripts, dict keys, set members): changing one tells nothing about the tests, or
the same as dropping its entry.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Iterator
from dataclasses import dataclass

COMPARE_SWAPS: dict[type[ast.cmpop], tuple[type[ast.cmpop], ...]] = {
    ast.Eq: (ast.NotEq,),
    ast.NotEq: (ast.Eq,),
    ast.Lt: (ast.LtE, ast.GtE),
    ast.LtE: (ast.Lt, ast.Gt),
    ast.Gt: (ast.GtE, ast.LtE),
    ast.GtE: (ast.Gt, ast.Lt),
    ast.In: (ast.NotIn,),
    ast.NotIn: (ast.In,),
    ast.Is: (ast.IsNot,),
    ast.IsNot: (ast.Is,),
}
# Calls whose string argument is a set of characters: each one dropped is a mutant of its own.
CHARSET_CALLS = frozenset({"frozenset", "set", "strip", "lstrip", "rstrip"})
NAME_SWAPS = {"any": "all", "all": "any", "min": "max", "max": "min"}
CONTAINERS = (ast.Tuple, ast.List, ast.Set, ast.Dict)


@dataclass(frozen=True)
class Mutant:
    """One change: replace bytes [start, end) of the source (as (line, column) pairs) by `text`."""

    path: str
    scope: str
    line: int
    start: tuple[int, int]
    end: tuple[int, int]
    text: str
    original: str
    label: str = ""  # "digit=" for the value of a keyword argument
    summary: str = ""  # "without b'<svg'" for an element dropped from a table
    code: str = ""  # the line the change starts on, without indentation and comment

    @property
    def change(self) -> str:
        """Return the change as a person reads it: `a < b` → `a <= b`, one line, shortened."""
        if self.summary:  # a table: its opening is enough to tell which one
            return f"{_short(self.original, 30)} → {self.summary}"
        return f"{self.label}{_short(self.original)} → {self.label}{_short(self.text)}"

    def apply(self, source: str) -> str:
        """Return `source` with this change made."""
        lines = source.encode().splitlines(keepends=True)
        offsets = [0]
        for line in lines:
            offsets.append(offsets[-1] + len(line))
        data = b"".join(lines)
        begin = offsets[self.start[0] - 1] + self.start[1]
        finish = offsets[self.end[0] - 1] + self.end[1]
        return (data[:begin] + self.text.encode() + data[finish:]).decode()


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def mutants(path: str, source: str, scopes: tuple[str, ...] = ()) -> list[Mutant]:
    """Return every mutant of `source`; with `scopes`, only those inside the named functions/names.

    A scope is a dotted name: a function (`parse_number`), a method (`NumberType.extra_validators`,
    which includes the functions defined inside it) or a module-level name (`MAX_DIGITS`).
    """
    tree = ast.parse(source)
    finder = _Finder(path, source)
    finder.visit(tree)
    found = [m for m in finder.found if not scopes or any(_within(m.scope, s) for s in scopes)]
    unique: dict[tuple[tuple[int, int], tuple[int, int], str], Mutant] = {}
    for mutant in found:
        if mutant.text != mutant.original:
            unique.setdefault((mutant.start, mutant.end, mutant.text), mutant)
    valid = []
    for mutant in unique.values():
        try:
            compile(mutant.apply(source), path, "exec")
        except SyntaxError:
            continue
        valid.append(mutant)
    return sorted(valid, key=lambda m: (m.start, m.end, m.text))


def _within(scope: str, wanted: str) -> bool:
    return scope == wanted or scope.startswith(wanted + ".")


class _Finder(ast.NodeVisitor):
    """Walk a module, remembering the dotted scope, and collect the mutants of each node."""

    def __init__(self, path: str, source: str) -> None:
        self.path = path
        self.source = source
        self.lines = source.splitlines()
        self.scope: list[str] = []
        self.found: list[Mutant] = []
        self.charsets: set[int] = set()  # ids of string constants used as sets of characters
        self.keys: set[int] = set()  # ids of constants only looked up: subscripts, dict keys, set members
        self.rows: set[int] = set()  # ids of tuples that are rows of a table or values returned
        self.labels: dict[int, str] = {}  # ids of keyword values → "name=", to tell them apart

    # --- recording ------------------------------------------------------------
    def add(self, node: ast.AST, text: str, summary: str = "") -> None:
        original = ast.get_source_segment(self.source, node)
        if original is None:
            return
        label = self.labels.get(id(node), "")
        self.found.append(
            Mutant(
                path=self.path,
                scope=".".join(self.scope) or "<module>",
                line=node.lineno,
                start=(node.lineno, node.col_offset),
                end=(node.end_lineno or node.lineno, node.end_col_offset or node.col_offset),
                text=text,
                original=original,
                label=label,
                summary=summary,
                code=self.lines[node.lineno - 1].split("  #")[0].strip(),
            )
        )

    def replace(self, node: ast.AST, new: ast.AST, summary: str = "") -> None:
        """Record `node` replaced by `new`, parenthesised so it reads the same in any place."""
        self.add(node, f"({ast.unparse(new)})", summary)

    # --- scopes and what is skipped -------------------------------------------------
    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.scope.append(node.name)
        for decorator in node.decorator_list:
            self.visit(decorator)
        for default in [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]:
            self.visit(default)
        self._body(node.body, named=False)
        self.scope.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.scope.append(node.name)
        self._body(node.body)
        self.scope.pop()

    def visit_Module(self, node: ast.Module) -> None:
        self._body(node.body)

    def _body(self, body: list[ast.stmt], named: bool = True) -> None:
        """Visit statements; at module and class level an assignment's name becomes the scope."""
        for statement in body:
            if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant):
                continue  # a docstring
            name = _assigned_name(statement) if named else None
            if name:
                self.scope.append(name)
            self.visit(statement)
            if name:
                self.scope.pop()

    def visit_Assert(self, node: ast.Assert) -> None:
        return

    def visit_Import(self, node: ast.Import) -> None:
        return

    visit_ImportFrom = visit_Import

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        return

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        if node.value is not None:
            self.visit(node.value)

    def visit_arg(self, node: ast.arg) -> None:
        return

    def visit_Subscript(self, node: ast.Subscript) -> None:
        if isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            self.keys.add(id(node.slice))
        self.generic_visit(node)

    # --- operators --------------------------------------------------------------
    def visit_Compare(self, node: ast.Compare) -> None:
        for index, op in enumerate(node.ops):
            for swap in COMPARE_SWAPS.get(type(op), ()):
                new = copy.deepcopy(node)
                new.ops[index] = swap()
                self.replace(node, new)
            if isinstance(op, ast.In | ast.NotIn):
                right = node.comparators[index]
                if isinstance(right, ast.Constant) and isinstance(right.value, str | bytes):
                    self.charsets.add(id(right))
        self.generic_visit(node)

    def visit_BoolOp(self, node: ast.BoolOp) -> None:
        new = copy.deepcopy(node)
        new.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        self.replace(node, new)
        self.generic_visit(node)

    def visit_UnaryOp(self, node: ast.UnaryOp) -> None:
        if isinstance(node.op, ast.Not):
            self.add(node, f"({ast.get_source_segment(self.source, node.operand)})")
        self.generic_visit(node)

    def visit_BinOp(self, node: ast.BinOp) -> None:
        if isinstance(node.op, ast.Add | ast.Sub) and not (_textual(node.left) or _textual(node.right)):
            new = copy.deepcopy(node)
            new.op = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
            self.replace(node, new)
        self.generic_visit(node)

    def visit_AugAssign(self, node: ast.AugAssign) -> None:
        if isinstance(node.op, ast.Add | ast.Sub) and not _textual(node.value):
            new = copy.deepcopy(node)
            new.op = ast.Sub() if isinstance(node.op, ast.Add) else ast.Add()
            self.add(node, ast.unparse(new))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Name) and node.func.id in NAME_SWAPS:
            self.add(node.func, NAME_SWAPS[node.func.id])
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        for keyword in node.keywords:
            if keyword.arg and isinstance(keyword.value, ast.Constant):
                self.labels[id(keyword.value)] = f"{keyword.arg}="  # digit=False → digit=True
        if name in CHARSET_CALLS:
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str | bytes):
                    self.charsets.add(id(arg))
        self.generic_visit(node)

    def visit_Break(self, node: ast.Break) -> None:
        self.add(node, "continue")

    def visit_Continue(self, node: ast.Continue) -> None:
        self.add(node, "break")

    # --- conditions ---------------------------------------------------------------
    def negate(self, test: ast.expr) -> None:
        """Negate a condition, unless another operator already makes the same change."""
        if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
            return  # `not x` → `x` is already a mutant
        if isinstance(test, ast.Compare) and len(test.ops) == 1:
            return  # a < b → a >= b is already a mutant
        self.add(test, f"(not {ast.get_source_segment(self.source, test)})")

    def visit_If(self, node: ast.If) -> None:
        if _is_type_checking(node.test):
            return
        self.negate(node.test)
        self.generic_visit(node)

    def visit_While(self, node: ast.While) -> None:
        self.negate(node.test)
        self.generic_visit(node)

    def visit_IfExp(self, node: ast.IfExp) -> None:
        self.negate(node.test)
        self.generic_visit(node)

    def visit_comprehension(self, node: ast.comprehension) -> None:
        for test in node.ifs:
            self.negate(test)
        self.generic_visit(node)

    # --- values -----------------------------------------------------------------------
    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None and not isinstance(node.value, ast.Constant):
            self.add(node, "return None")
            if isinstance(node.value, ast.Tuple):
                self.rows.add(id(node.value))
        self.generic_visit(node)

    def visit_Yield(self, node: ast.Yield) -> None:
        if isinstance(node.value, ast.Tuple):
            self.rows.add(id(node.value))  # yield chunk, count: dropping one only breaks the unpacking
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        value = node.value
        if id(node) in self.keys:
            return
        if isinstance(value, bool):
            self.add(node, repr(not value))
        elif isinstance(value, int | float):
            for new in (value + 1, value - 1):
                self.add(node, f"({new!r})")
        elif isinstance(value, str | bytes):
            self.constant_text(node, value)

    def constant_text(self, node: ast.Constant, value: str | bytes) -> None:
        if id(node) in self.charsets and len(value) > 1:
            seen: list[str | bytes | int] = []
            for char in value:
                if char in seen:
                    continue
                seen.append(char)
                if isinstance(value, bytes):
                    self.add(node, repr(value.replace(bytes([char]), b"")))
                else:
                    self.add(node, repr(value.replace(char, "")))
            return
        filler = b"XX" if isinstance(value, bytes) else "XX"
        self.add(node, repr(filler + value + filler))

    def visit_Tuple(self, node: ast.Tuple) -> None:
        if isinstance(node.ctx, ast.Load) and id(node) not in self.rows:
            self.drop_elements(node)
        for element in node.elts:
            if isinstance(element, ast.Tuple):
                self.rows.add(id(element))
        self.generic_visit(node)

    def visit_List(self, node: ast.List) -> None:
        if isinstance(node.ctx, ast.Load):
            self.drop_elements(node)
        for element in node.elts:
            if isinstance(element, ast.Tuple):
                self.rows.add(id(element))
        self.generic_visit(node)

    def visit_Set(self, node: ast.Set) -> None:
        self.drop_elements(node)
        for element in node.elts:
            if isinstance(element, ast.Tuple):
                self.rows.add(id(element))
            elif isinstance(element, ast.Constant):
                self.keys.add(id(element))  # only looked up: changing it is dropping it
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for key in node.keys:
            if isinstance(key, ast.Constant):
                self.keys.add(id(key))  # only looked up: changing it is dropping the entry
        for index, (key, value) in enumerate(zip(node.keys, node.values, strict=True)):
            new = copy.deepcopy(node)
            del new.keys[index]
            del new.values[index]
            entry = f"**{ast.unparse(value)}" if key is None else f"{ast.unparse(key)}: {ast.unparse(value)}"
            self.replace(node, new, f"without {_short(entry, 50)}")
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        if isinstance(node.value, ast.Tuple) and any(isinstance(t, ast.Tuple) for t in node.targets):
            self.rows.add(id(node.value))  # a, b = x, y: dropping one only breaks the unpacking
        self.generic_visit(node)

    def drop_elements(self, node: ast.Tuple | ast.List | ast.Set) -> None:
        if any(isinstance(e, ast.Starred) for e in node.elts):
            return
        for index, element in enumerate(node.elts):
            new = copy.deepcopy(node)
            del new.elts[index]
            summary = f"without {_short(ast.unparse(element), 50)}"
            if isinstance(new, ast.Set) and not new.elts:
                self.add(node, "set()", summary)
            else:
                self.replace(node, new, summary)


def _assigned_name(statement: ast.stmt) -> str | None:
    """Return the name a module- or class-level assignment binds (its scope), else None."""
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        target = statement.targets[0]
        return target.id if isinstance(target, ast.Name) else None
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return statement.target.id
    return None


def _textual(node: ast.expr) -> bool:
    """Whether an operand is plainly text, so + is concatenation, not arithmetic."""
    return isinstance(node, ast.JoinedStr) or (isinstance(node, ast.Constant) and isinstance(node.value, str | bytes))


def _is_type_checking(test: ast.expr) -> bool:
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


def iter_changes(path: str, source: str, scopes: tuple[str, ...] = ()) -> Iterator[str]:
    """Yield each mutant as `path:line: change` (for --list)."""
    for mutant in mutants(path, source, scopes):
        yield f"{path}:{mutant.line}: [{mutant.scope}] {mutant.change}"
