// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AI System Change", {
	setup(frm) {
		frm.set_query("ai_system", () => ({ filters: { lifecycle_stage: "Operation and monitoring" } }));
	},
	refresh(frm) {
		frm.set_intro("");
		if (frm.doc.detected_by_registry && frm.doc.docstatus === 0) {
			frm.set_intro(
				__("Prepared by the model registry sync: another model version serves the system. Describe and verify the change, then request approval."),
				"red"
			);
		}
		aims_app.approval_step.show_rejection(frm);
	},
	change_kind(frm) {
		frm.toggle_reqd("rollback_plan", frm.doc.change_kind === "New model version");
		frm.toggle_reqd("new_ai_model", frm.doc.change_kind === "New model version");
	},
	before_workflow_action(frm) {
		return aims_app.approval_step.ask_rejection_reason(frm);
	},
});
