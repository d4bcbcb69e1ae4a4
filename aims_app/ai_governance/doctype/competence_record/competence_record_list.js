// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["Competence Record"] = {
	add_fields: ["valid_until"],
	get_indicator(doc) {
		const today = frappe.datetime.get_today();
		if (doc.valid_until && doc.valid_until < today) {
			return [__("Lapsed"), "red", `valid_until,<,${today}`];
		}
		return [__("Current"), "green", `valid_until,>=,${today}`];
	},
};
