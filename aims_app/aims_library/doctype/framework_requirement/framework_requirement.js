// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Framework Requirement", {
	refresh(frm) {
		if (!frm.is_new()) {
			frm.add_custom_button(__("Mappings"), () =>
				frappe.set_route("List", "Requirement Mapping", { requirement: frm.doc.name })
			);
		}
	},
});
