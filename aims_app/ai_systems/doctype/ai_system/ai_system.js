// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AI System", {
	refresh(frm) {
		show_tier(frm);
		show_erp_notes(frm);
		if (!frm.is_new()) {
			frm.add_custom_button(
				__("Report Incident"),
				() => frappe.new_doc("AI Incident", { ai_system: frm.doc.name }),
				__("Create")
			);
		}
	},
});

// Where ERPNext is installed: suppliers on hold or disabled, the owner's department and manager.
function show_erp_notes(frm) {
	for (const note of frm.doc.__onload?.erp_notes || []) {
		frm.dashboard.add_comment(frappe.utils.escape_html(note.message), note.indicator);
	}
}

function show_tier(frm) {
	frm.set_intro(); // refresh runs again after a save: clear the previous banner
	const tier = frm.doc.eu_ai_act_tier;
	if (!tier || frm.is_new()) return; // the tier is computed on save
	let text = frm.doc.eu_ai_act_route
		? __("EU AI Act tier: {0} ({1})", [__(tier), frm.doc.eu_ai_act_route])
		: __("EU AI Act tier: {0}", [__(tier)]);
	if (frm.doc.tier_override) {
		text = __("{0}. Overridden; computed tier: {1}", [text, __(frm.doc.computed_tier)]);
	}
	frm.set_intro(text, tier === "Minimal risk" ? "green" : "orange");
}
