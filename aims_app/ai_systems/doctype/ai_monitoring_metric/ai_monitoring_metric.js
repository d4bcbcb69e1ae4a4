// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AI Monitoring Metric", {
	setup(frm) {
		frm.set_query("ai_model", () => ({
			query: "aims_app.ai_systems.monitoring.mlflow_metrics.models_of_system",
			filters: { ai_system: frm.doc.ai_system },
		}));
	},
	refresh(frm) {
		frm.set_intro("");
		if (frm.doc.status === "Breach") {
			frm.set_intro(__("The latest measurement is in breach of its threshold."), "red");
		} else if (frm.doc.overdue) {
			frm.set_intro(__("Not measured within its frequency: a measurement was due by {0}.", [
				frappe.datetime.str_to_user(frm.doc.next_due_on),
			]), "orange");
		}
		if (!frm.is_new()) {
			frm.add_custom_button(__("Record Measurement"), () => {
				// the metric's title known before the new form shows it: on a slow answer, Frappe's link field
				// gets focus while still empty and clears the metric when it loses it
				frappe.utils.add_link_title("AI Monitoring Metric", frm.doc.name, frm.doc.metric_name);
				frappe.new_doc("AI Monitoring Measurement", { metric: frm.doc.name });
			});
			if (frm.doc.source === "MLflow") {
				frm.add_custom_button(__("Read from MLflow"), () =>
					frm.call({
						method: "aims_app.ai_systems.monitoring.mlflow_metrics.read_now",
						args: { metric: frm.doc.name },
						freeze: true,
						callback: () => frm.reload_doc(),
					})
				);
			}
		}
		draw_measurements(frm);
	},
});

function draw_measurements(frm) {
	const wrapper = frm.get_field("measurements_chart").$wrapper.empty();
	const rows = (frm.doc.__onload && frm.doc.__onload.measurements) || [];
	if (!rows.length) {
		wrapper.html(`<p class="text-muted">${__("No measurement yet.")}</p>`);
		return;
	}
	// a line needs two points: one measurement is said, not drawn (a chart of one point draws nothing)
	if (rows.length === 1) {
		wrapper.html(
			`<p class="text-muted aims-one-measurement">${frappe.utils.escape_html(
				__("One measurement so far: {0} on {1}. The chart starts with the second.", [
					rows[0].value,
					frappe.datetime.str_to_user(rows[0].measured_on),
				])
			)}</p>`
		);
		return;
	}
	const labels = rows.map((row) => frappe.datetime.str_to_user(row.measured_on));
	const datasets = [
		{ name: frm.doc.metric_name, values: rows.map((row) => row.value) },
		{ name: __("Warning Threshold"), values: rows.map(() => frm.doc.warning_threshold) },
		{ name: __("Breach Threshold"), values: rows.map(() => frm.doc.breach_threshold) },
	];
	new frappe.Chart(wrapper[0], {
		type: "line",
		height: 240,
		colors: ["#2490ef", "#ecad4b", "#e24c4c"],
		lineOptions: { dotSize: 4 },
		data: { labels, datasets },
	});
}
