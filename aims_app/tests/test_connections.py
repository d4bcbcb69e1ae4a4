"""Every form's Connections (Frappe's dashboard: `links` in the doctype JSON or `<doctype>_dashboard.py`) point at
real doctypes through real link fields, and the ones a user expects (issue 18) are there and count."""

import frappe
from frappe.desk.notifications import get_open_count

from aims_app.roles import AI_SYSTEM_OWNER
from aims_app.tests import AimsTestCase, make_user
from aims_app.tests.metadata import app_doctypes
from aims_app.tests.records import Records

# What a user expects to reach from each form (the promise in issue 18).
EXPECTED = {
	"AI System": {
		"AI Risk",
		"AI Impact Assessment",
		"AIMS Evidence",
		"AIMS Audit",
		"Nonconformity",
		"AI Incident",
		"AI Model",
		"AI Dataset",
		"AI Supplier",
	},
	"Control Implementation": {"AI Risk", "AIMS Evidence"},
	"AI Risk": {"Risk Acceptance"},
	"Nonconformity": {"AIMS Audit", "AI Incident"},
	# Issue 15: a supplier's assessments, and what a concern was turned into.
	"AI Supplier": {"AI Supplier Assessment"},
	"AI Concern": {"AI Incident", "Nonconformity"},
}


def connected_doctypes(doctype: str) -> list[str]:
	data = frappe.get_meta(doctype).get_dashboard_data()
	return [item for group in data.transactions for item in group["items"]]


def links_to(doctype: str, fieldname: str, target: str) -> bool:
	"""Whether `doctype` has a Link to `target` called `fieldname`, itself or in one of its child tables."""
	meta = frappe.get_meta(doctype)
	metas = [meta] + [frappe.get_meta(df.options) for df in meta.get_table_fields()]
	return any(
		(df := m.get_field(fieldname)) and df.fieldtype == "Link" and df.options == target for m in metas
	)


def resolution_problem(doctype: str, item: str) -> str | None:
	"""Why `item` on `doctype`'s Connections would not find its records, or None when it resolves."""
	data = frappe.get_meta(doctype).get_dashboard_data()
	if not frappe.db.exists("DocType", item):
		return f"{doctype} → {item}: no such doctype"
	internal = (data.internal_links or {}).get(item)
	if isinstance(internal, str) and not links_to(doctype, internal, item):
		return f"{doctype} → {item}: {doctype} has no link field {internal} to it"
	if isinstance(internal, list):
		table = frappe.get_meta(doctype).get_field(internal[0])
		if not table or not links_to(table.options, internal[1], item):
			return f"{doctype} → {item}: no table {internal[0]} with a link {internal[1]} to it"
	if internal is None:
		fieldname = (data.non_standard_fieldnames or {}).get(item, data.fieldname)
		if not links_to(item, fieldname, doctype):
			return f"{doctype} → {item}: {item} has no link field {fieldname} to {doctype}"
	return None


class TestConnections(AimsTestCase):
	def test_every_connection_of_every_doctype_resolves(self):
		checked = 0
		for doctype in app_doctypes():
			for item in connected_doctypes(doctype):
				self.assertIsNone(resolution_problem(doctype, item))
				checked += 1
		print(f"{checked} connections on {len(app_doctypes())} doctypes resolve")
		self.assertGreaterEqual(checked, sum(len(items) for items in EXPECTED.values()))

	def test_the_connections_users_expect_are_on_the_forms(self):
		for doctype, expected in EXPECTED.items():
			self.assertLessEqual(expected, set(connected_doctypes(doctype)), doctype)

	def test_an_ai_system_counts_what_hangs_off_it(self):
		records = Records()
		self.addCleanup(records.remove_all)
		# Owned by someone else: the audit's lead auditor may not audit their own system.
		owner = make_user("connections-owner@example.com", [AI_SYSTEM_OWNER])
		system = records.of("AI System", owner, fresh=True)
		model = records.of("AI Model", fresh=True)
		dataset = records.of("AI Dataset", fresh=True)
		supplier = records.of("AI Supplier", fresh=True)
		doc = frappe.get_doc("AI System", system)
		doc.append("models", {"ai_model": model})
		doc.append("datasets", {"ai_dataset": dataset})
		doc.append("suppliers", {"ai_supplier": supplier})
		doc.save(ignore_permissions=True)
		for doctype in ("AI Risk", "AI Impact Assessment", "Nonconformity", "AI Incident"):
			records.of(doctype, fresh=True, ai_system=system)
		records.of("AIMS Evidence", fresh=True, evidences=[{"ai_system": system}])
		records.of("AIMS Audit", fresh=True, ai_systems=[{"ai_system": system}])
		frappe.db.commit()

		counts = self.counts("AI System", system)
		self.assertEqual({doctype: 1 for doctype in EXPECTED["AI System"]}, counts)

	def test_a_nonconformity_counts_its_audit_and_incident(self):
		records = Records()
		self.addCleanup(records.remove_all)
		audit = records.of("AIMS Audit", fresh=True)
		incident = records.of("AI Incident", fresh=True)
		nonconformity = records.of("Nonconformity", fresh=True, aims_audit=audit, ai_incident=incident)
		self.assertEqual({"AIMS Audit": 1, "AI Incident": 1}, self.counts("Nonconformity", nonconformity))

	def test_a_control_counts_its_risks_and_evidence_and_a_risk_its_acceptances(self):
		records = Records()
		self.addCleanup(records.remove_all)
		control = frappe.get_all("Control Implementation", pluck="name", order_by="name", limit=1)[0]
		before = self.counts("Control Implementation", control)
		risk = records.of("AI Risk", fresh=True, controls=[{"control_implementation": control}])
		records.of("AIMS Evidence", fresh=True, evidences=[{"control_implementation": control}])
		records.of("Risk Acceptance", fresh=True, ai_risk=risk)
		after = self.counts("Control Implementation", control)
		self.assertEqual({k: before[k] + 1 for k in ("AI Risk", "AIMS Evidence")}, after)
		self.assertEqual({"Risk Acceptance": 1}, self.counts("AI Risk", risk))

	@staticmethod
	def counts(doctype: str, name: str) -> dict[str, int]:
		"""What the form's Connections show beside each linked doctype."""
		found = get_open_count(doctype, name)["count"]
		counts = {}
		for row in found["external_links_found"] + found["internal_links_found"]:
			counts[row["doctype"]] = max(counts.get(row["doctype"], 0), row["count"])
		return {k: v for k, v in counts.items() if k in EXPECTED.get(doctype, ())}
