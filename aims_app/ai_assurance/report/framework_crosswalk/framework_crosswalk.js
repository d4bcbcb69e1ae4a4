// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

const COVERAGE_COLOURS = { Covered: "green", "Partly covered": "orange", "Not covered": "red", "Not mapped": "gray" };

frappe.query_reports["Framework Crosswalk"] = {
	filters: [
		{
			fieldname: "framework",
			label: __("Target Framework"),
			fieldtype: "Link",
			options: "Compliance Framework",
			get_query: () => ({ filters: { name: ["!=", "ISO-42001"] } }),
		},
		{
			fieldname: "coverage",
			label: __("Coverage"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				...Object.keys(COVERAGE_COLOURS).map((verdict) => ({ value: verdict, label: __(verdict) })),
			],
		},
		{ fieldname: "only_verified", label: __("Only Verified Mappings"), fieldtype: "Check" },
		// ERPNext's Company, where ERPNext is installed (aims_app/integrations/company.py)
		...frappe.boot.aims_company_filters,
	],
	formatter(value, row, column, data, default_formatter) {
		if (column.fieldname === "coverage" && value) {
			const colour = COVERAGE_COLOURS[value] || "gray";
			return `<span class="indicator-pill ${colour}">${frappe.utils.escape_html(__(value))}</span>`;
		}
		if (column.fieldname === "source_url" && value) {
			const url = frappe.utils.escape_html(value);
			return `<a href="${url}" target="_blank" rel="noopener noreferrer">${url}</a>`;
		}
		const formatted = default_formatter(value, row, column, data);
		if (["mappings", "unverified_count"].includes(column.fieldname) && data && data.unverified_count) {
			const title = __("Includes mappings nobody has verified");
			return `<span class="text-warning" title="${title}">${formatted}</span>`;
		}
		return formatted;
	},
};
