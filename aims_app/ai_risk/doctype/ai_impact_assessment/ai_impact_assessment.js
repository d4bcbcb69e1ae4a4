// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AI Impact Assessment", {
	refresh(frm) {
		frm.set_intro("");
		if (frm.is_new()) {
			frm.set_intro(__("Saving fills the purpose, the people affected and the eight impact areas from the AI system."));
		} else if (frm.doc.needs_review) {
			frm.set_intro(__("Needs review: {0} Amend it to record a new version.", [frm.doc.review_reason || ""]), "orange");
		}
	},
});

frappe.ui.form.on("AI Impact Assessment Area", {
	relevant(frm, cdt, cdn) {
		const row = locals[cdt][cdn];
		if (!row.relevant) {
			frappe.model.set_value(cdt, cdn, { severity: 0, likelihood: 0 });
		}
	},
});
