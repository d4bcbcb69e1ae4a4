// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Statement of Applicability", {
	refresh(frm) {
		frm.set_intro("");
		if (frm.doc.docstatus === 0 && !frm.is_new()) {
			frm.set_intro(__("Draft: saving refreshes the rows from the Control Implementations. An AIMS Approver submits it to approve this version."));
		}
		if (frm.doc.docstatus === 0) {
			frm.add_custom_button(__("Live Statement"), () => frappe.set_route("query-report", "Live Statement of Applicability"));
		}
	},
});
