// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.query_reports["Live Statement of Applicability"] = {
	filters: [
		{ fieldname: "applicability", label: __("Applicability"), fieldtype: "Select", options: ["", "Applicable", "Not applicable"] },
		{
			fieldname: "implementation_status",
			label: __("Status"),
			fieldtype: "Select",
			options: ["", "Not started", "Planned", "Partially implemented", "Implemented"],
		},
		{
			fieldname: "control_category",
			label: __("Category"),
			fieldtype: "Link",
			options: "Framework Requirement",
			get_query: () => ({ filters: { framework: "ISO-42001", requirement_kind: "Control Category" } }),
		},
		{ fieldname: "only_gaps", label: __("Only Controls with Gaps"), fieldtype: "Check" },
		// ERPNext's Company, where ERPNext is installed (aims_app/integrations/company.py)
		...frappe.boot.aims_company_filters,
	],
	formatter(value, row, column, data, default_formatter) {
		const formatted = default_formatter(value, row, column, data);
		if (column.fieldname === "gaps" && data && data.gaps) {
			return `<span class="text-danger">${formatted}</span>`;
		}
		return formatted;
	},
};
