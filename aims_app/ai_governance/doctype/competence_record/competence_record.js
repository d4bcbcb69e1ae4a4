// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Competence Record", {
	setup(frm) {
		frm.set_query("aims_role", () => ({ filters: { name: ["like", "%AI%"] } }));
	},
	refresh(frm) {
		frm.set_intro("");
		if (frm.doc.valid_until && frm.doc.valid_until < frappe.datetime.get_today()) {
			frm.set_intro(__("Lapsed on {0}: renew it or record the competence again.", [frappe.datetime.str_to_user(frm.doc.valid_until)]), "red");
		}
	},
});
