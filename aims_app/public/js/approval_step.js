// Shared by the AI System Stage Review and AI System Change forms (hooks.py doctype_js): Reject needs the
// approver's reason, asked for and saved before the workflow action is taken.
frappe.provide("aims_app.approval_step");

// Frappe freezes the page before it runs before_workflow_action (form/workflow.js) and thaws it only once the
// action's request returns: a dialog opened meanwhile sits under the freeze, where nothing can be clicked. The page
// is thawed while the approver writes the reason, frozen again for the save and the action (whose end thaws it),
// and left thawed, with no action taken, when the dialog is closed without a reason.
aims_app.approval_step.ask_rejection_reason = function (frm) {
	if (frm.selected_workflow_action !== "Reject" || frm.doc.rejection_reason) return;
	frappe.dom.unfreeze();
	return new Promise((resolve) => {
		let given = false;
		const dialog = frappe.prompt(
			{ fieldname: "reason", fieldtype: "Small Text", label: __("Rejection Reason"), reqd: 1 },
			({ reason }) => {
				given = true;
				frappe.dom.freeze();
				frm.set_value("rejection_reason", reason);
				// Frappe's save settles either way; the action (whose end thaws the page) finds the reason stored,
				// or refuses with its own message.
				frm.save().then(resolve);
			},
			__("Why is it rejected?"),
			__("Reject")
		);
		dialog.onhide = () => {
			if (!given) frm.selected_workflow_action = null;
		};
	});
};

aims_app.approval_step.show_rejection = function (frm) {
	if (frm.doc.workflow_state === "Rejected") {
		frm.set_intro(__("Rejected: {0}", [frappe.utils.escape_html(frm.doc.rejection_reason || "")]), "red");
	}
};
