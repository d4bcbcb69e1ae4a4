// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["AI Inventory by Department"] = {
	filters: [
		// ERPNext's Company and Department, where ERPNext is installed (aims_app/integrations/company.py)
		...frappe.boot.aims_company_filters,
		...frappe.boot.aims_department_filters,
	],
	tree: true,
	name_field: "department",
	parent_field: "parent_department",
	initial_depth: 3,
};
