from aims_app.aims_library.tree import TreeNode, display_title, nested_set_violations


def test_display_title_joins_identifier_and_heading():
	assert display_title("A.6.2.4", "AI system verification and validation") == (
		"A.6.2.4 AI system verification and validation"
	)


def test_display_title_folds_whitespace_from_multiline_headings():
	assert (
		display_title("GOVERN 1.1", "Legal and regulatory\n  requirements ")
		== "GOVERN 1.1 Legal and regulatory requirements"
	)


def test_sound_tree_with_gaps_has_no_violations():
	nodes = [
		TreeNode("A", None, 1, 20),
		TreeNode("A.1", "A", 5, 6),
		TreeNode("A.2", "A", 9, 14),
		TreeNode("A.2.1", "A.2", 10, 11),
	]
	assert nested_set_violations(nodes) == []


def test_child_outside_its_parent_is_reported():
	nodes = [TreeNode("A", None, 1, 4), TreeNode("A.1", "A", 5, 6)]
	assert nested_set_violations(nodes) == ["A.1: 5..6 lies outside parent A"]


def test_missing_parent_and_empty_interval_are_reported():
	nodes = [TreeNode("B.1", "B", 2, 3), TreeNode("C", None, 7, 7)]
	assert nested_set_violations(nodes) == [
		"B.1: parent B does not exist",
		"C: bounds 7..7 are not an interval",
	]
