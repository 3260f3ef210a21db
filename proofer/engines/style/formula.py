"""Safe evaluation of Vale metric formulas ("(0.39 * (words / sentences)) + ...")."""

from __future__ import annotations

import ast
import math
import operator
from collections.abc import Callable, Mapping

_BINARY: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
    ast.Div: operator.truediv, ast.Pow: operator.pow, ast.Mod: operator.mod,
}
_FUNCTIONS: dict[str, Callable[..., float]] = {
    "sqrt": math.sqrt, "abs": abs, "min": min, "max": max, "round": round, "log": math.log,
}
_COMPARE = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le,
            "==": operator.eq, "!=": operator.ne}


class FormulaError(ValueError):
    """A formula uses something other than numbers, variables, + - * / ** and functions."""


def evaluate(formula: str, variables: Mapping[str, float]) -> float:
    """The formula's value; a division by zero gives 0 (an empty document)."""
    try:
        tree = ast.parse(formula.strip(), mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"invalid formula {formula!r}: {exc.msg}") from None

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
            return float(node.value)
        if isinstance(node, ast.Name):
            if node.id not in variables:
                raise FormulaError(f"unknown variable {node.id!r} in {formula!r}")
            return float(variables[node.id])
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            return _BINARY[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            value = walk(node.operand)
            return -value if isinstance(node.op, ast.USub) else value
        if (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in _FUNCTIONS and not node.keywords
        ):
            return float(_FUNCTIONS[node.func.id](*(walk(a) for a in node.args)))
        raise FormulaError(f"unsupported expression in {formula!r}")

    try:
        return walk(tree)
    except (ZeroDivisionError, ValueError) as exc:
        if isinstance(exc, FormulaError):
            raise
        return 0.0


def check_condition(condition: str, value: float) -> bool:
    """Vale's metric condition, such as '> 8' or '<= 60'."""
    text = condition.strip()
    for symbol in (">=", "<=", "==", "!=", ">", "<"):
        if text.startswith(symbol):
            try:
                return _COMPARE[symbol](value, float(text[len(symbol):]))
            except ValueError:
                break
    raise FormulaError(f"invalid condition {condition!r} (use e.g. '> 8')")
