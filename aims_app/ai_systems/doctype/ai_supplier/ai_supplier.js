// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("AI Supplier", {
	refresh(frm) {
		// contacts made from here are linked to this AI Supplier
		frappe.dynamic_link = { doc: frm.doc, fieldname: "name", doctype: "AI Supplier" };
		if (frm.is_new()) {
			// Frappe's clear_address_and_contact also expects an address field, which an AI Supplier has not
			$(frm.fields_dict.contact_html.wrapper).empty();
		} else {
			frappe.contacts.render_address_and_contact(frm);
		}
	},
});
