# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

import frappe

from aims_app.ai_governance.doctype.aims_settings.aims_settings import get_risk_matrix
from aims_app.tests import AimsTestCase


class TestAIMSSettings(AimsTestCase):
	def test_install_gives_a_usable_5x5_matrix(self):
		matrix = get_risk_matrix()
		self.assertEqual((len(matrix.likelihoods), len(matrix.impacts), len(matrix.cells)), (5, 5, 25))
		self.assertEqual(matrix.appetite, "Medium")
		self.assertEqual(matrix.level_for(5, 5), "Critical")

	def test_an_appetite_outside_the_levels_is_refused_and_nothing_saved(self):
		settings = frappe.get_doc("AIMS Settings")
		settings.risk_appetite = "Moderate"
		self.assertRaisesRegex(frappe.ValidationError, "Risk appetite 'Moderate'", settings.save)
		frappe.db.rollback()
		self.assertEqual(frappe.db.get_single_value("AIMS Settings", "risk_appetite"), "Medium")

	def test_a_missing_cell_is_refused_naming_the_cell(self):
		settings = frappe.get_doc("AIMS Settings")
		settings.matrix_cells = [
			c for c in settings.matrix_cells if not (c.likelihood == 3 and c.impact == 4)
		]
		self.assertRaisesRegex(frappe.ValidationError, "likelihood 3 × impact 4 has no level", settings.save)

	def test_an_organisation_can_use_its_own_levels(self):
		settings = frappe.get_doc("AIMS Settings")
		for cell in settings.matrix_cells:
			if cell.level == "Critical":
				cell.level = "High"
		settings.risk_levels = [row for row in settings.risk_levels if row.level != "Critical"]
		settings.save()
		self.assertEqual(get_risk_matrix().levels, ("Low", "Medium", "High"))

	def test_a_daily_model_registry_sync_needs_the_registry_url(self):
		settings = frappe.get_doc("AIMS Settings")
		settings.sync_models_daily = 1
		self.assertRaisesRegex(frappe.ValidationError, "Registry URL", settings.save)
		settings = frappe.get_doc("AIMS Settings")
		settings.update({"sync_models_daily": 1, "mlflow_url": "https://mlflow.example.com"})
		settings.save()
		self.assertEqual(frappe.db.get_single_value("AIMS Settings", "sync_models_daily"), 1)
