from frappe import _


def get_data():
	"""The Nonconformity form's Connections: the audit that found it and the incident that raised it."""
	return {
		"fieldname": "nonconformity",
		"internal_links": {"AIMS Audit": "aims_audit", "AI Incident": "ai_incident"},
		"transactions": [{"label": _("Raised by"), "items": ["AIMS Audit", "AI Incident"]}],
	}
