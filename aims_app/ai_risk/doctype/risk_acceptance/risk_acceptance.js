// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Risk Acceptance", {
	setup(frm) {
		frm.set_query("ai_risk", () => ({ filters: { status: ["!=", "Closed"] } }));
	},
	refresh(frm) {
		frm.set_intro("");
		if (frm.doc.expired) {
			frm.set_intro(__("This acceptance has expired: the risk is back under review."), "orange");
		} else if (frm.doc.needs_approver && frm.doc.docstatus === 0) {
			frm.set_intro(__("The residual level is above the risk appetite: an AIMS Approver decides."), "red");
		}
	},
});
