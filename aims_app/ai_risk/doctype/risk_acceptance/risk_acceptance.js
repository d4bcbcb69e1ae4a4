// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Risk Acceptance", {
	setup(frm) {
		frm.set_query("ai_risk", () => ({ filters: { status: ["!=", "Closed"] } }));
	},
	refresh(frm) {
		frm.set_intro("");
		if (frm.doc.expired) {
			frm.set_intro(__("This acceptance has expired: the risk is back under review."), "orange");
		} else if (frm.doc.needs_approver && frm.doc.docstatus === 0) {
			frm.set_intro(__("The residual level is above the risk appetite: an AIMS Approver decides."), "red");
		}
		show_risk_as_accepted(frm);
	},
});

// The risk as it stood when the decision was taken (the server labels and formats it, see snapshot_rows).
function show_risk_as_accepted(frm) {
	const rows = frm.doc.__onload?.risk_snapshot || [];
	const esc = (text) => frappe.utils.escape_html(String(text)).replace(/\n/g, "<br>");
	frm.get_field("risk_as_accepted").$wrapper.html(
		rows.length
			? `<table class="table table-bordered table-sm aims-risk-as-accepted">
				${rows.map((row) => `<tr><th style="width: 30%">${esc(row.label)}</th><td>${esc(row.value)}</td></tr>`).join("")}
			</table>`
			: ""
	);
}
