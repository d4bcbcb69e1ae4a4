// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["AI Policy"] = {
	add_fields: ["status"],
	has_indicator_for_draft: true,
	has_indicator_for_cancelled: true,
	get_indicator(doc) {
		const colour = {
			Draft: "gray",
			"In Review": "orange",
			Approved: "blue",
			Published: "green",
			Superseded: "darkgrey",
			Cancelled: "red",
		};
		return [__(doc.status), colour[doc.status] || "gray", `status,=,${doc.status}`];
	},
};
