// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AI System Stage Review", {
	refresh(frm) {
		frm.set_intro("");
		if (frm.doc.docstatus === 0 && frm.doc.unmet_criteria) {
			frm.set_intro(
				__("{0} gate criteria are not met: meet them, or write a justification on each row.", [
					frm.doc.unmet_criteria,
				]),
				"orange"
			);
		}
		aims_app.approval_step.show_rejection(frm);
	},
	before_workflow_action(frm) {
		return aims_app.approval_step.ask_rejection_reason(frm);
	},
});
