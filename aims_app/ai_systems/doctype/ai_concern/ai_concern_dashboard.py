from frappe import _


def get_data():
	"""The AI Concern form's Connections: the incident or nonconformity it was turned into."""
	return {
		"fieldname": "ai_concern",
		"transactions": [{"label": _("Handled As"), "items": ["AI Incident", "Nonconformity"]}],
	}
