// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Audit Programme", {
	refresh(frm) {
		if (frm.is_new()) return;
		const unplanned = (frm.doc.audits || []).filter((row) => !row.aims_audit && row.lead_auditor);
		if (unplanned.length) {
			frm.add_custom_button(__("Create Next Audit"), () => {
				frappe
					.xcall("aims_app.ai_assurance.doctype.audit_programme.audit_programme.create_audit", {
						programme: frm.doc.name,
						row_name: unplanned[0].name,
					})
					.then((audit) => frappe.set_route("Form", "AIMS Audit", audit));
			});
		}
	},
});
