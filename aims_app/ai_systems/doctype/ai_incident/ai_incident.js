// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AI Incident", {
	refresh(frm) {
		frm.set_intro(); // refresh runs again after a save: clear the previous banner
		if (frm.doc.report_status === "Overdue") {
			frm.set_intro(
				__("The report to the authority was due on {0} and is overdue.", [
					frappe.datetime.str_to_user(frm.doc.reporting_deadline),
				]),
				"red"
			);
		} else if (frm.doc.report_status === "Due") {
			frm.set_intro(
				__("Report to the authority by {0} (Art. 73).", [
					frappe.datetime.str_to_user(frm.doc.reporting_deadline),
				]),
				"orange"
			);
		}
	},
});
