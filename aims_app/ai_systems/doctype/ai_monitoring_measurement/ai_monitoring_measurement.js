// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AI Monitoring Measurement", {
	refresh(frm) {
		const colours = { Breach: "red", Warning: "orange", "Within thresholds": "green" };
		if (frm.doc.result) {
			frm.set_intro(__("Result: {0}", [__(frm.doc.result)]), colours[frm.doc.result]);
		}
	},
});
