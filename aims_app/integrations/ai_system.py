"""What ERPNext knows about an AI system, shown on its form."""

from frappe import _

from aims_app.integrations.people import erpnext_installed, people_details
from aims_app.integrations.suppliers import supplier_warning, unavailable_suppliers


def show_erp_notes(system) -> None:
	"""`__onload.erp_notes`: the system's suppliers that ERPNext has disabled or put on hold, and its owner's
	department and manager where an Employee is linked to the owner."""
	if not erpnext_installed() or system.is_new():
		return
	notes = [
		{"message": supplier_warning(row), "indicator": "orange"}
		for row in unavailable_suppliers(system.name)
	]
	owner = people_details([system.system_owner]).get(system.system_owner)
	if owner:
		notes.append({"message": owner_note(owner), "indicator": "blue"})
	system.set_onload("erp_notes", notes)


def owner_note(owner) -> str:
	department = owner.department or _("no department")
	if owner.manager:
		return _("Owner {0}: {1}, reporting to {2}.").format(owner.employee_name, department, owner.manager)
	return _("Owner {0}: {1}.").format(owner.employee_name, department)
