// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

const READINESS_COLOURS = { Ready: "green", Partial: "orange", Gap: "red", "Not applicable": "gray" };

frappe.query_reports["AIMS Readiness"] = {
	filters: [
		{
			fieldname: "part",
			label: __("Part"),
			fieldtype: "Select",
			options: [
				{ value: "", label: __("Clauses and Annex A") },
				{ value: "Clauses", label: __("Clauses") },
				{ value: "Annex A", label: __("Annex A") },
			],
		},
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				...Object.keys(READINESS_COLOURS).map((status) => ({ value: status, label: __(status) })),
			],
		},
		// ERPNext's Company, where ERPNext is installed (aims_app/integrations/company.py)
		...frappe.boot.aims_company_filters,
	],
	tree: true,
	name_field: "requirement",
	parent_field: "parent_requirement",
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "status" && value) {
			const colour = READINESS_COLOURS[value] || "gray";
			return `<span class="indicator-pill ${colour}">${frappe.utils.escape_html(__(value))}</span>`;
		}
		if (column.fieldname === "fix_route" && value) {
			return `<a href="${frappe.utils.escape_html(value)}">${__("Fix")}</a>`;
		}
		return default_formatter(value, row, column, data);
	},
};
