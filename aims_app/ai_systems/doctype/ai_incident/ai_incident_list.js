// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["AI Incident"] = {
	add_fields: ["report_status", "status"],
	get_indicator(doc) {
		const colors = {
			Overdue: "red",
			"Reported late": "orange",
			Due: "yellow",
			"Reported on time": "green",
		};
		if (colors[doc.report_status]) {
			return [__(doc.report_status), colors[doc.report_status], "report_status,=," + doc.report_status];
		}
		return [__(doc.status), doc.status === "Closed" ? "gray" : "blue", "status,=," + doc.status];
	},
};
