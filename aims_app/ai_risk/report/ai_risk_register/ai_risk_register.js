// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["AI Risk Register"] = {
	filters: [
		{ fieldname: "ai_system", label: __("AI System"), fieldtype: "Link", options: "AI System" },
		{ fieldname: "risk_owner", label: __("Owner"), fieldtype: "Link", options: "User" },
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Open", "In treatment", "Accepted", "Review due", "Closed"].map((status) => ({
				value: status,
				label: __(status),
			})),
		},
		{ fieldname: "residual_level", label: __("Residual Level"), fieldtype: "Data" },
		{
			fieldname: "risk_source",
			label: __("Risk Source"),
			fieldtype: "Link",
			options: "Framework Requirement",
			get_query: () => ({ filters: { framework: "ISO-42001", requirement_kind: "Risk Source" } }),
		},
		{ fieldname: "above_appetite", label: __("Only Above Appetite"), fieldtype: "Check" },
		{ fieldname: "page", label: __("Page"), fieldtype: "Int", default: 1 },
		// ERPNext's Company and Department, where ERPNext is installed (aims_app/integrations/company.py)
		...frappe.boot.aims_company_filters,
		...frappe.boot.aims_department_filters,
	],
	// An AI system by its name, as its links show it elsewhere: the row carries the name the reader may see.
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "ai_system" && value && data?.system_name) {
			frappe.utils.add_link_title("AI System", value, data.system_name);
		}
		return default_formatter(value, row, column, data);
	},
};
