from frappe import _


def get_data():
	"""The AI Supplier form's Connections: its assessments (A.10.3), whose latest submitted one sets the
	supplier's result and dates."""
	return {
		"fieldname": "ai_supplier",
		"transactions": [{"label": _("Due Diligence"), "items": ["AI Supplier Assessment"]}],
	}
