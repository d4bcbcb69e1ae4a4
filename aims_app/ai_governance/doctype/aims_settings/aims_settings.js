// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AIMS Settings", {
	refresh(frm) {
		if (frm.doc.mlflow_url && !frm.is_dirty() && frm.has_perm("write")) {
			frm.add_custom_button(__("Sync Models Now"), () =>
				frappe
					.xcall("aims_app.ai_systems.model_registry.sync_now")
					.then(
						() =>
							frm
								.reload_doc()
								.then(() => frappe.msgprint(frm.doc.last_model_sync_result, __("Model Registry Sync"))),
						() => frm.reload_doc()
					)
			);
		}
	},
});
