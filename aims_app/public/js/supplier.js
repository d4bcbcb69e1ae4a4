// ERPNext's Supplier form (hooks.py doctype_js): "Create ▸ AI Supplier" for a supplier of AI.
frappe.ui.form.on("Supplier", {
	refresh(frm) {
		if (frm.is_new() || !frappe.model.can_create("AI Supplier")) return;
		frm.add_custom_button(
			__("AI Supplier"),
			() =>
				frappe.model.open_mapped_doc({
					method: "aims_app.integrations.suppliers.make_ai_supplier",
					frm: frm,
				}),
			__("Create")
		);
	},
});
