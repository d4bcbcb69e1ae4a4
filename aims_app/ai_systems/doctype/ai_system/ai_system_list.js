// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.listview_settings["AI System"] = {
	add_fields: ["eu_ai_act_tier"],
	get_indicator(doc) {
		const colors = {
			Prohibited: "red",
			"High-risk": "orange",
			"GPAI model": "purple",
			"Limited risk": "yellow",
			"Minimal risk": "green",
		};
		if (!doc.eu_ai_act_tier) return;
		return [__(doc.eu_ai_act_tier), colors[doc.eu_ai_act_tier], "eu_ai_act_tier,=," + doc.eu_ai_act_tier];
	},
};
