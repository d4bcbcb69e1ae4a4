"""Rules about the standards library: how a requirement is shown and what a sound tree looks like."""

from collections.abc import Iterable
from typing import NamedTuple


class TreeNode(NamedTuple):
	name: str
	parent: str | None
	lft: int
	rgt: int


def display_title(requirement_id: str, heading: str) -> str:
	"""The label a requirement carries in links and trees: its identifier, then its heading."""
	heading = " ".join((heading or "").split())
	return f"{requirement_id} {heading}".strip()


def nested_set_violations(nodes: Iterable[TreeNode]) -> list[str]:
	"""Every way the stored nested-set bounds contradict the parent links; empty when the tree is sound.

	Gaps between bounds are allowed: a site upgraded from the fixture-era library may still have them,
	and they harm no tree query.
	"""
	by_name = {node.name: node for node in nodes}
	problems = []
	for node in by_name.values():
		if node.lft is None or node.rgt is None or node.lft >= node.rgt:
			problems.append(f"{node.name}: bounds {node.lft}..{node.rgt} are not an interval")
			continue
		if not node.parent:
			continue
		parent = by_name.get(node.parent)
		if parent is None:
			problems.append(f"{node.name}: parent {node.parent} does not exist")
		elif not (parent.lft < node.lft and node.rgt < parent.rgt):
			problems.append(f"{node.name}: {node.lft}..{node.rgt} lies outside parent {parent.name}")
	return problems


def nested_set_bounds(nodes: Iterable[tuple[str, str | None]]) -> dict[str, tuple[int, int]]:
	"""Gapless nested-set bounds in one pass, for (name, parent) pairs given in sibling order.

	Frappe's rebuild_tree orders siblings by name (A.10 before A.2); the library keeps the standard's order.
	A node whose parent is not among the nodes is a root.
	"""
	nodes = list(nodes)
	names = {name for name, _ in nodes}
	children: dict[str | None, list[str]] = {}
	for name, parent in nodes:
		children.setdefault(parent if parent in names else None, []).append(name)
	bounds: dict[str, tuple[int, int]] = {}
	counter = 0
	stack: list[tuple[str, bool]] = [(name, False) for name in reversed(children.get(None, []))]
	lefts: dict[str, int] = {}
	while stack:
		name, closing = stack.pop()
		counter += 1
		if closing:
			bounds[name] = (lefts[name], counter)
			continue
		lefts[name] = counter
		stack.append((name, True))
		stack.extend((child, False) for child in reversed(children.get(name, [])))
	return bounds
