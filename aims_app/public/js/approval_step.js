// Shared by the AI System Stage Review and AI System Change forms (hooks.py doctype_js): Reject needs the
// approver's reason, asked for and saved before the workflow action is taken.
frappe.provide("aims_app.approval_step");

aims_app.approval_step.ask_rejection_reason = function (frm) {
	if (frm.selected_workflow_action !== "Reject" || frm.doc.rejection_reason) return;
	return new Promise((resolve, reject) => {
		frappe.prompt(
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Rejection Reason"), reqd: 1 },
			({ reason }) => {
				frm.set_value("rejection_reason", reason);
				frm.save().then(resolve, reject);
			},
			__("Why is it rejected?"),
			__("Reject")
		);
	});
};

aims_app.approval_step.show_rejection = function (frm) {
	if (frm.doc.workflow_state === "Rejected") {
		frm.set_intro(__("Rejected: {0}", [frappe.utils.escape_html(frm.doc.rejection_reason || "")]), "red");
	}
};
