// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

const LIBRARY_KIND = (kind) => () => ({ filters: { framework: "ISO-42001", requirement_kind: kind } });

frappe.ui.form.on("AI Risk", {
	setup(frm) {
		frm.set_query("risk_source", LIBRARY_KIND("Risk Source"));
		frm.set_query("objectives", LIBRARY_KIND("Objective"));
		frm.set_query("control_implementation", "controls", () => ({
			filters: { applicability: "Applicable" },
		}));
	},
	refresh(frm) {
		frm.set_intro("");
		if (frm.doc.exceeds_appetite) {
			frm.set_intro(
				__("This risk is above the risk appetite: accepting it needs an AIMS Approver."),
				"red"
			);
		}
		if (!frm.is_new() && frm.doc.residual_level && frm.doc.status !== "Accepted") {
			frm.add_custom_button(__("Accept Residual Risk"), () => {
				frappe.new_doc("Risk Acceptance", { ai_risk: frm.doc.name });
			});
		}
		describe_scores(frm);
	},
	likelihood: describe_scores,
	impact: describe_scores,
	residual_likelihood: describe_scores,
	residual_impact: describe_scores,
});

// Shows the matrix label beside each score, e.g. "3: Possible".
function describe_scores(frm) {
	frappe.model.with_doc("AIMS Settings", "AIMS Settings").then((settings) => {
		const label = (scale, value) => (value && scale[value - 1] ? `${value}: ${scale[value - 1].label}` : "");
		for (const [field, scale] of [
			["likelihood", settings.likelihoods],
			["residual_likelihood", settings.likelihoods],
			["impact", settings.impacts],
			["residual_impact", settings.impacts],
		]) {
			frm.set_df_property(field, "description", label(scale, frm.doc[field]) || __("On the scale in AIMS Settings (1 = lowest)."));
		}
	});
}
