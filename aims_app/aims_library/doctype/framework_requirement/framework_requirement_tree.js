// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.treeview_settings["Framework Requirement"] = {
	breadcrumb: "AIMS Library",
	title: __("Framework Requirements"),
	// The root lists the frameworks; each opens into its own tree (see get_children). Choosing a
	// framework in the filter rebuilds the tree from that framework.
	get_tree_root: false,
	onload(treeview) {
		treeview.make_tree();
	},
	root_label: __("All Frameworks"),
	get_tree_nodes:
		"aims_app.aims_library.doctype.framework_requirement.framework_requirement.get_children",
	filters: [
		{
			fieldname: "framework",
			fieldtype: "Link",
			options: "Compliance Framework",
			label: __("Framework"),
		},
	],
	show_expand_all: true,
	toolbar: [],
	extend_toolbar: true,
};
