"""What a `depends_on` expression reads, for aims_app/validation.py (no Frappe import).

An expression that only compares fields of `doc` with constants (`doc.origin=='Third party'`,
`doc.a and not doc.b`) has a value that depends on those fields' values alone: evaluated once by Frappe's
safe_eval, its result holds for every record with the same values. Anything else (a call, another name, a
subscript, an attribute of an attribute) reads more than that and is evaluated for each record.
"""

import ast
from functools import lru_cache

PLAIN_NODES = (
	ast.Expression,
	ast.BoolOp,
	ast.And,
	ast.Or,
	ast.UnaryOp,
	ast.Not,
	ast.USub,
	ast.Compare,
	ast.Eq,
	ast.NotEq,
	ast.Lt,
	ast.LtE,
	ast.Gt,
	ast.GtE,
	ast.In,
	ast.NotIn,
	ast.Is,
	ast.IsNot,
	ast.Constant,
	ast.Tuple,
	ast.List,
	ast.Load,
)


@lru_cache(maxsize=1024)
def fields_read(expression: str) -> tuple[str, ...] | None:
	"""The fields of `doc` the expression reads, when it reads nothing else; None when it reads or does more
	(or does not parse: safe_eval then says why)."""
	try:
		tree = ast.parse(expression, mode="eval")
	except SyntaxError:
		return None
	fields, names, reads = set(), 0, 0
	for node in ast.walk(tree):
		if isinstance(node, ast.Attribute):
			if not (isinstance(node.value, ast.Name) and node.value.id == "doc") or node.attr.startswith("_"):
				return None
			fields.add(node.attr)
			reads += 1
		elif isinstance(node, ast.Name):
			if node.id != "doc":
				return None
			names += 1
		elif not isinstance(node, PLAIN_NODES):
			return None
	# every `doc` is the object of a field read: a bare `doc` reads the whole record
	return tuple(sorted(fields)) if names == reads else None
