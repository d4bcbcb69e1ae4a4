"""ERPNext Suppliers and the AI Suppliers they are: Connections, "Create ▸ AI Supplier", shared contacts,
and AI systems flagged when their supplier is disabled or put on hold."""

import frappe
from frappe import _
from frappe.model.mapper import get_mapped_doc


def supplier_dashboard(data: dict) -> dict:
	"""ERPNext's Supplier dashboard with the AIMS records under Connections. AI Supplier links by its
	`supplier` field, AI System by the `supplier` field of its suppliers table."""
	data["transactions"].append({"label": _("AI Management"), "items": ["AI Supplier", "AI System"]})
	return data


@frappe.whitelist()
def make_ai_supplier(source_name: str, target_doc=None):
	"""A new AI Supplier for an ERPNext Supplier, carrying its name; its contacts are shared once it is saved.
	For whoever may create AI Suppliers and read that Supplier: anyone else is refused before anything is
	looked up, so the answer says nothing about which suppliers are AI Suppliers."""
	frappe.has_permission("AI Supplier", "create", throw=True)
	if not frappe.db.exists("DocType", "Supplier") or not frappe.has_permission("Supplier", "read"):
		frappe.throw(
			_("You may not read ERPNext's suppliers, so Supplier {0} cannot become an AI Supplier.").format(
				source_name
			),
			frappe.PermissionError,
			title=_("Not Permitted"),
		)
	existing = frappe.db.get_value("AI Supplier", {"supplier": source_name}, "name")
	if existing:
		frappe.throw(
			_("Supplier {0} already has the AI Supplier {1}.").format(source_name, existing),
			frappe.DuplicateEntryError,
			title=_("Already an AI Supplier"),
		)
	return get_mapped_doc(
		"Supplier",
		source_name,
		{
			"Supplier": {
				"doctype": "AI Supplier",
				"field_map": {"supplier_name": "supplier_name", "name": "supplier"},
			}
		},
		target_doc,
	)


def share_contacts(ai_supplier) -> None:
	"""Link the ERPNext Supplier's contacts to its AI Supplier too (one Contact, two parties)."""
	if not ai_supplier.get("supplier"):
		return
	link = frappe.qb.DocType("Dynamic Link")
	contacts = (
		frappe.qb.from_(link)
		.select(link.parent)
		.where(link.parenttype == "Contact")
		.where(link.link_doctype == "Supplier")
		.where(link.link_name == ai_supplier.supplier)
		.where(
			link.parent.notin(
				frappe.qb.from_(link)
				.select(link.parent)
				.where(link.parenttype == "Contact")
				.where(link.link_doctype == "AI Supplier")
				.where(link.link_name == ai_supplier.name)
			)
		)
	).run(pluck=True)
	for name in contacts:
		contact = frappe.get_doc("Contact", name)
		contact.append("links", {"link_doctype": "AI Supplier", "link_name": ai_supplier.name})
		contact.save(ignore_permissions=True)


def follow_supplier_link(ai_supplier) -> None:
	"""An AI Supplier's ERPNext Supplier, read by the AI systems' supplier rows (fetched on save) and kept
	in step here when it changes."""
	if not ai_supplier.meta.has_field("supplier") or not ai_supplier.has_value_changed("supplier"):
		return
	row = frappe.qb.DocType("AI System Supplier")
	frappe.qb.update(row).set(row.supplier, ai_supplier.supplier).where(
		row.ai_supplier == ai_supplier.name
	).run()
	share_contacts(ai_supplier)


def unavailable_suppliers(system_name: str) -> list[frappe._dict]:
	"""The ERPNext Suppliers of an AI system's suppliers that are disabled or on hold."""
	row = frappe.qb.DocType("AI System Supplier")
	supplier = frappe.qb.DocType("Supplier")
	return (
		frappe.qb.from_(row)
		.join(supplier)
		.on(supplier.name == row.supplier)
		.select(row.ai_supplier, supplier.name.as_("supplier"), supplier.disabled, supplier.on_hold)
		.where(row.parenttype == "AI System")
		.where(row.parent == system_name)
		.where((supplier.disabled == 1) | (supplier.on_hold == 1))
		.distinct()
	).run(as_dict=True)


def supplier_warning(row) -> str:
	if row.disabled:
		return _("Supplier {0} (of AI Supplier {1}) is disabled in ERPNext.").format(
			row.supplier, row.ai_supplier
		)
	return _("Supplier {0} (of AI Supplier {1}) is on hold in ERPNext.").format(row.supplier, row.ai_supplier)


def flag_dependent_systems(supplier, method=None) -> None:
	"""When a Supplier is disabled or put on hold, note it on every AI system that depends on it."""
	became_unavailable = [
		field
		for field in ("disabled", "on_hold")
		if supplier.get(field) and supplier.has_value_changed(field)
	]
	if not became_unavailable:
		return
	row = frappe.qb.DocType("AI System Supplier")
	systems = (
		frappe.qb.from_(row)
		.select(row.parent)
		.where(row.parenttype == "AI System")
		.where(row.supplier == supplier.name)
		.distinct()
	).run(pluck=True)
	message = (
		_("Supplier {0}, on which this AI system depends, was disabled in ERPNext.")
		if supplier.disabled
		else _("Supplier {0}, on which this AI system depends, was put on hold in ERPNext.")
	).format(supplier.name)
	for system in systems:
		frappe.get_doc("AI System", system).add_comment("Info", message)
