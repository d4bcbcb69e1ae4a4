// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AI System Stage Review", {
	refresh(frm) {
		frm.set_intro("");
		// The criteria are computed by the server; only their justifications are written here.
		frm.fields_dict.criteria.grid.cannot_add_rows = true;
		frm.fields_dict.criteria.grid.df.cannot_delete_rows = 1;
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
