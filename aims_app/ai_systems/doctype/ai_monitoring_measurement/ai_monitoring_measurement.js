// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

// The result is the server's rule (aims_app.ai_systems.monitoring.rules.assess), asked again as the value or the
// metric changes, so that the form never shows a result the value would not get on saving.
frappe.ui.form.on("AI Monitoring Measurement", {
	onload(frm) {
		if (frm.is_new()) assess(frm);
	},
	metric: assess,
	value: assess,
});

function assess(frm) {
	if (!frm.is_new() || !frm.doc.metric) return;
	frappe
		.xcall("aims_app.ai_systems.doctype.ai_monitoring_measurement.ai_monitoring_measurement.assess_value", {
			metric: frm.doc.metric,
			value: frm.doc.value || 0,
		})
		.then((result) => {
			if (frm.doc.result !== result) frm.set_value("result", result);
		});
}
