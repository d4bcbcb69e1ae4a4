from frappe import _


def get_data():
	"""The AI System form's Connections: what hangs off the system (records whose `ai_system` is it, directly or
	in a child table such as an evidence's or an audit's list of systems) and the components it lists."""
	return {
		"fieldname": "ai_system",
		"internal_links": {
			"AI Model": ["models", "ai_model"],
			"AI Dataset": ["datasets", "ai_dataset"],
			"AI Supplier": ["suppliers", "ai_supplier"],
		},
		"transactions": [
			{"label": _("Life Cycle"), "items": ["AI System Stage Review", "AI System Change"]},
			{"label": _("Risk"), "items": ["AI Risk", "AI Impact Assessment"]},
			{"label": _("Assurance"), "items": ["AIMS Evidence", "AIMS Audit", "Nonconformity"]},
			{"label": _("Operation"), "items": ["AI Incident", "AIMS Role Assignment"]},
			{"label": _("Components"), "items": ["AI Model", "AI Dataset", "AI Supplier"]},
			{"label": _("Monitoring"), "items": ["AI Monitoring Metric", "AI Fairness Evaluation"]},
		],
	}
