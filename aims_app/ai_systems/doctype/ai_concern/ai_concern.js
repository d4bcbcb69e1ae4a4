// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AI Concern", {
	refresh(frm) {
		if (frm.is_new() || frm.doc.ai_incident || frm.doc.nonconformity || !frm.perm[0].write) {
			return;
		}
		const turn_into = (method) =>
			frm.call(method).then((r) => {
				frm.reload_doc();
				frappe.show_alert({ message: __("Created {0}", [r.message]), indicator: "green" });
			});
		frm.add_custom_button(__("AI Incident"), () => turn_into("make_incident"), __("Turn into"));
		frm.add_custom_button(__("Nonconformity"), () => turn_into("make_nonconformity"), __("Turn into"));
	},
});
