// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Risk Acceptance"] = {
	add_fields: ["expired", "docstatus", "workflow_state"],
	has_indicator_for_draft: true,
	get_indicator(doc) {
		if (doc.docstatus === 2) return [__("Cancelled"), "red", "docstatus,=,2"];
		if (doc.expired) return [__("Expired"), "orange", "expired,=,1"];
		if (doc.docstatus === 1) return [__("Accepted"), "green", "docstatus,=,1|expired,=,0"];
		return [__(doc.workflow_state || "Draft"), "gray", "docstatus,=,0"];
	},
};
