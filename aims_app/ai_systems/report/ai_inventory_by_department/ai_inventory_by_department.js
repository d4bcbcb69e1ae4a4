// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["AI Inventory by Department"] = {
	filters: [
		// ERPNext's Company and Department, where ERPNext is installed (aims_app/integrations/company.py)
		...(frappe.boot.versions.erpnext
			? [
					{
						fieldname: "company",
						label: __("Company"),
						fieldtype: "Link",
						options: "Company",
						default: frappe.defaults.get_user_default("Company"),
					},
					{ fieldname: "department", label: __("Department"), fieldtype: "Link", options: "Department" },
			  ]
			: []),
	],
	tree: true,
	name_field: "department",
	parent_field: "parent_department",
	initial_depth: 3,
};
