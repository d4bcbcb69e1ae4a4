// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Management Review", {
	refresh(frm) {
		if (frm.doc.docstatus === 0 && !frm.is_new()) {
			frm.add_custom_button(__("Recompile Inputs"), () =>
				frappe
					.xcall("aims_app.ai_assurance.doctype.management_review.management_review.recompile_inputs", {
						name: frm.doc.name,
					})
					.then(() => frm.reload_doc())
			);
		}
	},
});
