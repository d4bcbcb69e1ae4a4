// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Nonconformity", {
	refresh(frm) {
		frm.set_intro("");
		if (frm.doc.has_overdue_actions) {
			frm.set_intro(__("A corrective action is overdue."), "red");
		}
	},
});
