// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["AI Objective"] = {
	add_fields: ["status"],
	get_indicator(doc) {
		const colour = { "No target": "orange", "Not measured": "gray", "Off track": "red", Achieved: "green", Missed: "red" };
		return [__(doc.status), colour[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
