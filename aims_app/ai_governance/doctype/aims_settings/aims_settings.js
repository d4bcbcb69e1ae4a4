// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AIMS Settings", {
	refresh(frm) {
		if (frm.doc.mlflow_url && !frm.is_dirty() && frm.has_perm("write")) {
			frm.add_custom_button(__("Sync Models Now"), () =>
				frappe
					.xcall("aims_app.ai_systems.model_registry.sync.sync_now")
					.then(() =>
						frappe.show_alert(
							__("Model registry sync queued; its result will show in Last Sync Result."),
							7
						)
					)
			);
		}
	},
});
