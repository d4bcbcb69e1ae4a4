// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AIMS Evidence", {
	setup(frm) {
		frm.set_query("requirement", "evidences", () => ({ filters: { is_assessable: 1 } }));
	},
	refresh(frm) {
		frm.set_intro("");
		if (frm.doc.valid_until && frm.doc.valid_until < frappe.datetime.get_today()) {
			frm.set_intro(__("Expired on {0}: an auditor will not accept it as current.", [frappe.datetime.str_to_user(frm.doc.valid_until)]), "red");
		}
	},
});
