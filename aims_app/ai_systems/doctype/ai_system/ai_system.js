// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AI System", {
	refresh(frm) {
		show_tier(frm);
		show_erp_notes(frm);
		// The stage moves only by an approved AI System Stage Review (the server refuses any other path).
		frm.set_df_property("lifecycle_stage", "read_only", frm.is_new() ? 0 : 1);
		frm.set_df_property(
			"lifecycle_stage",
			"description",
			frm.is_new() ? "" : __("Moved by an approved stage review: Create ▸ Stage Review.")
		);
		// Whether an obligation is addressed is recorded here; the obligations themselves are computed.
		frm.set_df_property("obligations", "read_only", 0);
		frm.fields_dict.obligations.grid.cannot_add_rows = true;
		frm.fields_dict.obligations.grid.df.cannot_delete_rows = 1;
		if (!frm.is_new()) {
			frm.add_custom_button(
				__("Report Incident"),
				() => frappe.new_doc("AI Incident", { ai_system: frm.doc.name }),
				__("Create")
			);
			frm.add_custom_button(
				__("Stage Review"),
				() => frappe.new_doc("AI System Stage Review", { ai_system: frm.doc.name }),
				__("Create")
			);
			if (frm.doc.lifecycle_stage === "Operation and monitoring") {
				frm.add_custom_button(
					__("Change"),
					() => frappe.new_doc("AI System Change", { ai_system: frm.doc.name }),
					__("Create")
				);
			}
			show_open_steps(frm);
			show_next_gate(frm);
		}
	},
});

// What the next stage review will ask, before anyone raises it.
function show_next_gate(frm) {
	frappe
		.xcall("aims_app.ai_systems.doctype.ai_system_stage_review.ai_system_stage_review.next_gate", {
			ai_system: frm.doc.name,
		})
		.then((gate) => {
			if (!gate) return;
			const unmet = gate.criteria.filter((c) => !c.met).map((c) => c.criterion);
			const message = unmet.length
				? __("Next stage, {0}: gate criteria not met yet: {1}. Meet them, or justify them on the review (Create ▸ Stage Review).", [
						__(gate.target),
						unmet.join("; "),
				  ])
				: __("Next stage, {0}: every gate criterion is met. Raise it with Create ▸ Stage Review.", [__(gate.target)]);
			frm.dashboard.add_comment(
				`<span class="aims-next-gate">${frappe.utils.escape_html(message)}</span>`,
				unmet.length ? "orange" : "green",
				true
			);
		});
}

// A banner while a stage review or a change of the system waits for approval, and while another model
// version serves it without an approved change.
function show_open_steps(frm) {
	if (frm.doc.unapproved_change_in_production) {
		frm.dashboard.set_headline_alert(
			__("Unapproved change in production: the model registry shows another model version serving this system."),
			"red"
		);
	}
	frappe
		.xcall("aims_app.ai_systems.doctype.ai_system_stage_review.ai_system_stage_review.open_steps", {
			ai_system: frm.doc.name,
		})
		.then((steps) => {
			if (!steps.length) return;
			const links = steps
				.map(
					(step) =>
						`<a href="${frappe.utils.get_form_link(step.doctype, step.name)}">${frappe.utils.escape_html(step.name)}</a> (${__(step.workflow_state)})`
				)
				.join(", ");
			frm.dashboard.add_comment(__("Waiting for approval: {0}", [links]), "orange", true);
		});
}

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
	text = [text, obligations_summary(frm)].filter(Boolean).join(". ");
	frm.set_intro(text, tier === "Minimal risk" ? "green" : "orange");
}

// How many obligations apply today and when the next one starts to apply (the library dates them).
function obligations_summary(frm) {
	const rows = frm.doc.obligations || [];
	if (!rows.length) return "";
	const applying = rows.filter((row) => row.status === "Applies").length;
	if (!frm.doc.next_obligation_on) {
		return __("Obligations that apply: {0} of {1}", [applying, rows.length]);
	}
	return __("Obligations that apply: {0} of {1}; the next applies from {2}", [
		applying,
		rows.length,
		frappe.datetime.str_to_user(frm.doc.next_obligation_on),
	]);
}
