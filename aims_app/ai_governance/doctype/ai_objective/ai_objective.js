// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AI Objective", {
	setup(frm) {
		frm.set_query("annex_c_objective", () => ({
			filters: { framework: "ISO-42001", requirement_kind: "Objective" },
		}));
	},
	refresh(frm) {
		frm.set_intro("");
		if (frm.doc.status === "No target") {
			frm.set_intro(__("This objective has no target yet, so it cannot be measured against anything."), "orange");
		}
		draw_measurements(frm);
	},
});

function draw_measurements(frm) {
	const wrapper = frm.get_field("measurements_chart").$wrapper.empty();
	const rows = frm.doc.measurements || [];
	if (rows.length < 2) return;
	const labels = rows.map((row) => frappe.datetime.str_to_user(row.measured_on));
	const datasets = [{ name: frm.doc.metric, values: rows.map((row) => row.value) }];
	if (frm.doc.target_value || frm.doc.direction === "At most") {
		datasets.push({ name: __("Target"), values: rows.map(() => frm.doc.target_value) });
	}
	new frappe.Chart(wrapper[0], { type: "line", height: 220, data: { labels, datasets } });
}
