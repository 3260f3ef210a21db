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
# Vale evaluates formulas as Tengo, whose `math` module these are (the errata-ai
# Readability style's SMOG uses `math.sqrt`).
_MATH: dict[str, Callable[..., float]] = {
    "abs": abs, "acos": math.acos, "acosh": math.acosh, "asin": math.asin,
    "asinh": math.asinh, "atan": math.atan, "atan2": math.atan2, "atanh": math.atanh,
    "cbrt": lambda x: math.copysign(abs(x) ** (1 / 3), x), "ceil": math.ceil,
    "copysign": math.copysign, "cos": math.cos, "cosh": math.cosh, "erf": math.erf,
    "erfc": math.erfc, "exp": math.exp, "exp2": lambda x: 2.0**x, "expm1": math.expm1,
    "floor": math.floor, "gamma": math.gamma, "hypot": math.hypot, "log": math.log,
    "log10": math.log10, "log1p": math.log1p, "log2": math.log2, "max": max, "min": min,
    "mod": math.fmod, "pow": math.pow, "remainder": math.remainder, "round": round,
    "sin": math.sin, "sinh": math.sinh, "sqrt": math.sqrt, "tan": math.tan,
    "tanh": math.tanh, "trunc": math.trunc,
}
_MATH_CONSTANTS = {
    "e": math.e, "pi": math.pi, "phi": (1 + math.sqrt(5)) / 2, "sqrt2": math.sqrt(2),
    "sqrtE": math.sqrt(math.e), "sqrtPi": math.sqrt(math.pi),
    "sqrtPhi": math.sqrt((1 + math.sqrt(5)) / 2), "ln2": math.log(2),
    "log2E": 1 / math.log(2), "ln10": math.log(10), "log10E": 1 / math.log(10),
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
        if _is_math(node) and isinstance(node, ast.Attribute):
            if node.attr not in _MATH_CONSTANTS:
                raise FormulaError(f"unknown constant 'math.{node.attr}' in {formula!r}")
            return _MATH_CONSTANTS[node.attr]
        if isinstance(node, ast.Call) and not node.keywords:
            function = _function(node.func, formula)
            return float(function(*(walk(a) for a in node.args)))
        raise FormulaError(f"unsupported expression in {formula!r}")

    try:
        return walk(tree)
    except TypeError as exc:
        raise FormulaError(f"invalid call in {formula!r}: {exc}") from None
    except (ZeroDivisionError, ValueError, OverflowError) as exc:
        if isinstance(exc, FormulaError):
            raise
        return 0.0


def _is_math(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
        and node.value.id == "math"
    )


def _function(node: ast.AST, formula: str) -> Callable[..., float]:
    """A plain function (`sqrt`) or one of Tengo's `math.` functions (`math.sqrt`)."""
    if isinstance(node, ast.Name) and node.id in _FUNCTIONS:
        return _FUNCTIONS[node.id]
    if _is_math(node) and isinstance(node, ast.Attribute):
        if node.attr in _MATH:
            return _MATH[node.attr]
        raise FormulaError(f"unknown function 'math.{node.attr}' in {formula!r}")
    raise FormulaError(f"unsupported function call in {formula!r}")


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
