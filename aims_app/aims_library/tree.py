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

	Gaps between bounds are allowed: a fixture re-import deletes and re-inserts nodes, which leaves
	unused numbers behind without harming any tree query.
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
