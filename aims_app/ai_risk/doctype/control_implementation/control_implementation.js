// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Control Implementation", {
	refresh(frm) {
		frm.set_intro("");
		if (!frm.doc.in_library) {
			frm.set_intro(__("The library no longer lists this control. Its record is kept for the audit trail."), "orange");
		}
		render_treated_risks(frm);
	},
});

function render_treated_risks(frm) {
	const risks = frm.doc.__onload?.treated_risks || [];
	const wrapper = frm.get_field("treated_risks_html").$wrapper;
	if (!risks.length) {
		wrapper.html(`<p class="text-muted">${__("No risk names this control yet.")}</p>`);
		return;
	}
	const rows = risks
		.map(
			(risk) => `<tr>
				<td><a href="${frappe.utils.get_form_link("AI Risk", risk.name)}">${frappe.utils.escape_html(risk.name)}</a></td>
				<td>${frappe.utils.escape_html(risk.title || "")}</td>
				<td>${frappe.utils.escape_html(risk.ai_system || __("Organisation-wide"))}</td>
				<td>${frappe.utils.escape_html(risk.residual_level || risk.inherent_level || "")}</td>
				<td>${frappe.utils.escape_html(__(risk.status))}</td>
			</tr>`
		)
		.join("");
	wrapper.html(`<table class="table table-bordered table-sm">
		<thead><tr><th>${__("Risk")}</th><th>${__("Title")}</th><th>${__("AI System")}</th>
		<th>${__("Current Level")}</th><th>${__("Status")}</th></tr></thead>
		<tbody>${rows}</tbody></table>`);
}
