import frappe

FIELDS = (
	"concern_form_audience",
	"concerns_per_hour",
	"supplier_reassessment_months",
	"supplier_file_size_mb",
	"supplier_file_types",
)


def execute():
	"""A site that had AIMS Settings before these fields came gets their defaults (a Single's new fields stay
	empty otherwise)."""
	meta = frappe.get_meta("AIMS Settings")
	for fieldname in FIELDS:
		if not frappe.db.get_single_value("AIMS Settings", fieldname):
			frappe.db.set_single_value("AIMS Settings", fieldname, meta.get_field(fieldname).default)
