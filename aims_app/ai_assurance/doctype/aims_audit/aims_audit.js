// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AIMS Audit", {
	setup(frm) {
		frm.set_query("requirements", () => ({ filters: { framework: "ISO-42001" } }));
	},
	refresh(frm) {
		frm.set_intro("");
		if (frm.doc.docstatus === 0) {
			frm.set_intro(__("Saving builds the checklist from the scope. Submitting raises a Nonconformity for each nonconformity found."));
		}
	},
});
