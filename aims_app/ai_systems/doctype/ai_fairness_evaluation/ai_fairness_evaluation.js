// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AI Fairness Evaluation", {
	setup(frm) {
		frm.set_query("fairness_metric", () => ({
			filters: { ai_system: frm.doc.ai_system, kind: "Fairness" },
		}));
	},
	refresh(frm) {
		frm.set_intro("");
		const colours = { Pass: "green", Fail: "red", "Not judged": "orange", Queued: "blue" };
		if (frm.doc.result !== "Not evaluated") {
			frm.set_intro(__("Result: {0}", [__(frm.doc.result)]), colours[frm.doc.result]);
		} else if (frm.doc.evaluation_error) {
			frm.set_intro(frm.doc.evaluation_error, "red");
		}
		if (frm.doc.docstatus === 0 && !frm.is_new() && frm.doc.outcomes_file) {
			frm.add_custom_button(__("Evaluate"), () =>
				frm.call({ doc: frm.doc, method: "evaluate", freeze: true }).then((r) => {
					if (r.message && r.message.queued) {
						frappe.show_alert(__("Queued: a large file is evaluated in the background; progress shows here."));
					}
					frm.reload_doc();
				})
			);
		}
		if (frm.doc.docstatus === 1 && !frm.doc.evidence) {
			frm.add_custom_button(__("File as Evidence"), () =>
				frm.call({ doc: frm.doc, method: "file_as_evidence", freeze: true }).then(() => frm.reload_doc())
			);
		}
	},
});
