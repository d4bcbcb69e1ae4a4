"""AI Policy versions made before `previous_version` named the version they replace in `amended_from`, which
Frappe keeps for amendments of a cancelled document. Each such version now names it as its previous version;
`amended_from` stays only where it names a cancelled version (a true amendment). Two statements."""

import frappe


def execute():
	policy = frappe.qb.DocType("AI Policy")
	earlier = frappe.qb.DocType("AI Policy").as_("earlier")
	versions = (
		frappe.qb.from_(policy)
		.join(earlier)
		.on(earlier.name == policy.amended_from)
		.select(policy.name)
		.where(earlier.docstatus != 2)
	).run(pluck=True)
	if not versions:
		return
	(
		frappe.qb.update(policy)
		.set(policy.previous_version, policy.amended_from)
		.set(policy.amended_from, None)
		.where(policy.name.isin(versions))
	).run()
