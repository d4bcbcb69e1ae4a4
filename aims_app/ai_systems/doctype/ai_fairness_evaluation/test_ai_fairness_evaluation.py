# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

"""Fairness evaluations (A.7.4, A.6.2.4) of a generated hiring dataset whose selection rates the test chooses:
the impact ratios it must give, the four-fifths rule failed by the disadvantaged group, the report an auditor
reads (its PDF text), the measurement it feeds, the evidence it is filed as; bad files refused, nothing saved.
And an outcome file as a risk assessment writes it (Low/Medium/High, reoffended yes/no), whose words, once
the favourable and positive values are chosen, give the figures of its 0/1 form."""

import frappe
from frappe.utils import add_months, today

from aims_app.ai_assurance.readiness.fact_names import Fact
from aims_app.ai_assurance.readiness.facts import organisation_facts
from aims_app.ai_systems.doctype.ai_fairness_evaluation.ai_fairness_evaluation import evaluate_in_background
from aims_app.ai_systems.doctype.ai_monitoring_metric.test_ai_monitoring_metric import (
	metric,
	operating_system,
)
from aims_app.install import after_migrate
from aims_app.tests import AimsTestCase, acting_as, assets_served_locally, make_user, pdf_text

OWNER = "fairness.owner@example.org"
OTHER_OWNER = "fairness.other.owner@example.org"
REPORT = "AI Fairness Evaluation Report"
# (sex, age band) -> (applicants, hired): men are hired at 50%, women at 30%; under 40 at 45%, 40 and over at 35%
CELLS = {
	("male", "under 40"): (100, 55),
	("male", "40 and over"): (100, 45),
	("female", "under 40"): (100, 35),
	("female", "40 and over"): (100, 25),
}


# (race, risk level) -> (defendants, of whom reoffended within two years)
RISK_CELLS = {
	("African-American", "Low"): (60, 18),
	("African-American", "Medium"): (50, 26),
	("African-American", "High"): (50, 35),
	("Caucasian", "Low"): (90, 27),
	("Caucasian", "Medium"): (40, 20),
	("Caucasian", "High"): (20, 14),
}
GROUP_FIGURES = (
	"row_count",
	"selected",
	"selection_rate",
	"impact_ratio",
	"true_positive_rate",
	"false_positive_rate",
	"false_negative_rate",
	"positive_predictive_value",
	"mean_score",
	"scoring_rate",
	"scoring_impact_ratio",
	"outcome",
)


def risk_csv(words: bool) -> bytes:
	"""Defendants rated Low, Medium or High risk with a decile score, and whether they reoffended: as words,
	or in their 0/1 form (1 for rated Low, the favourable outcome; 1 for did not reoffend)."""
	lines = ["defendant,race,decile_score,score_text,two_year_recid"]
	for (race, level), (defendants, reoffended) in RISK_CELLS.items():
		for i in range(defendants):
			decile = {"Low": 1, "Medium": 5, "High": 8}[level] + i % 3
			recid = i < reoffended
			if words:
				outcome = f"{level},{'yes' if recid else 'no'}"
			else:
				outcome = f"{int(level == 'Low')},{int(not recid)}"
			lines.append(f"D{len(lines)},{race},{decile},{outcome}")
	return ("\n".join(lines) + "\n").encode()


def hiring_csv(cells=CELLS, repeat: int = 1) -> bytes:
	lines = ["applicant,sex,age_band,hired,score"]
	number = 0
	for (sex, age), (applicants, hired) in cells.items():
		for i in range(applicants * repeat):
			number += 1
			lines.append(f"A{number},{sex},{age},{1 if i < hired * repeat else 0},0.{i % 10}")
	return ("\n".join(lines) + "\n").encode()


class TestAIFairnessEvaluation(AimsTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(OWNER, ["AI System Owner"])
		make_user(OTHER_OWNER, ["AI System Owner"])
		cls.system = operating_system(OWNER, "CV screening (fairness tests)")
		frappe.db.commit()

	@classmethod
	def tearDownClass(cls):
		frappe.db.delete("AI System", {"name": cls.system})
		frappe.db.commit()
		super().tearDownClass()

	def evaluation(self, content: bytes = b"", file_name: str = "outcomes.csv", **fields):
		with acting_as(OWNER):
			doc = frappe.get_doc(
				{
					"doctype": "AI Fairness Evaluation",
					"title": "CV screening outcomes, third quarter",
					"ai_system": self.system,
					"group_columns": "sex, age_band",
					"prediction_column": "hired",
					"score_column": "score",
					**fields,
				}
			).insert()
			if content:
				file = frappe.get_doc(
					{
						"doctype": "File",
						"file_name": file_name,
						"attached_to_doctype": doc.doctype,
						"attached_to_name": doc.name,
						"is_private": 1,
						"content": content,
					}
				).insert()
				doc.outcomes_file = file.file_url
				doc.save()
		return doc

	def evaluated(self, content: bytes = b"", **fields):
		doc = self.evaluation(content or hiring_csv(), **fields)
		with acting_as(OWNER):
			doc.evaluate()
		return doc.reload()

	def ratio(self, doc, dimension: str, group: str) -> float:
		return next(g.impact_ratio for g in doc.groups if (g.dimension, g.group_value) == (dimension, group))

	def test_impact_ratios_of_the_chosen_selection_rates_fail_the_four_fifths_rule(self):
		doc = self.evaluated()
		self.assertEqual((doc.result, doc.rows_evaluated), ("Fail", 400))
		self.assertAlmostEqual(self.ratio(doc, "sex", "male"), 1.0, places=4)
		self.assertAlmostEqual(self.ratio(doc, "sex", "female"), 0.3 / 0.5, places=4)
		self.assertAlmostEqual(self.ratio(doc, "age_band", "40 and over"), 0.35 / 0.45, places=4)
		self.assertAlmostEqual(
			self.ratio(doc, "sex × age_band", "female × 40 and over"), 0.25 / 0.55, places=4
		)
		outcomes = {(g.dimension, g.group_value): g.outcome for g in doc.groups}
		self.assertEqual(outcomes[("sex", "female")], "Fail")
		self.assertEqual(outcomes[("sex", "male")], "Pass")
		sex = next(d for d in doc.dimensions if d.dimension == "sex")
		self.assertEqual(sex.most_favoured, "male")
		self.assertAlmostEqual(sex.parity_difference, 0.2)
		self.assertAlmostEqual(sex.parity_ratio, 0.6)
		self.assertAlmostEqual(doc.lowest_impact_ratio, 0.25 / 0.55, places=4)
		self.assertIn("sex = female: impact ratio 0.6 is below 0.8", doc.result_reasons)

	def test_the_printed_report_shows_the_groups_and_their_ratios(self):
		doc = self.evaluated()
		text = pdf_text(doc.doctype, doc.name, REPORT)
		for expected in (
			"Fairness Evaluation",
			doc.name,
			"Result Fail",
			"sex female 200 60 0.300 0.600 Fail",
			"sex male 200 100 0.500 1.000 Pass",
			"age_band 40 and over 200 70 0.350 0.778 Fail",
			"Thresholds applied: impact ratio at least 0.8",
		):
			self.assertIn(expected, text)

	def test_a_group_below_the_minimum_count_is_reported_but_not_judged(self):
		cells = {**CELLS, ("nonbinary", "under 40"): (4, 0)}
		doc = self.evaluated(hiring_csv(cells))
		small = next(g for g in doc.groups if (g.dimension, g.group_value) == ("sex", "nonbinary"))
		self.assertEqual((small.row_count, small.outcome), (4, "Too few to judge"))
		sex = next(d for d in doc.dimensions if d.dimension == "sex")
		self.assertAlmostEqual(
			sex.parity_difference, 0.2, msg="the small group is left out of the comparison"
		)

	def test_submitting_feeds_the_systems_fairness_metric_and_files_the_report_as_evidence(self):
		fairness = metric(
			self.system,
			metric_name="Lowest impact ratio",
			kind="Fairness",
			warning_threshold=0.9,
			breach_threshold=0.8,
		)
		with acting_as(OWNER):
			fairness.insert()
		doc = self.evaluated(fairness_metric=fairness.name)
		with acting_as(OWNER):
			doc.submit()
			measurement = frappe.get_doc("AI Monitoring Measurement", doc.reload().measurement)
			self.assertEqual((measurement.metric, measurement.source), (fairness.name, "Fairness Evaluation"))
			self.assertAlmostEqual(measurement.value, 0.25 / 0.55, places=4)
			self.assertEqual(measurement.result, "Breach")
			self.assertTrue(measurement.ai_incident, "a breach of the fairness metric opens a draft incident")
			with assets_served_locally():
				evidence = frappe.get_doc("AIMS Evidence", doc.file_as_evidence())
		controls = frappe.get_all(
			"Control Implementation",
			filters={"name": ("in", [row.control_implementation for row in evidence.evidences])},
			pluck="control",
		)
		self.assertEqual(sorted(c.rsplit("-", 1)[-1] for c in controls), ["A.6.2.4", "A.7.4"])
		self.assertTrue(evidence.attachment.endswith(".pdf"))

	def test_an_evaluation_cannot_be_submitted_before_it_is_evaluated(self):
		doc = self.evaluation(hiring_csv())
		with acting_as(OWNER):
			self.assertRaisesRegex(
				frappe.ValidationError, "Evaluate the outcomes file before submitting", doc.submit
			)

	def test_another_owners_system_is_not_evaluated(self):
		doc = self.evaluation(hiring_csv())
		with acting_as(make_user(OTHER_OWNER, ["AI System Owner"])):
			self.assertRaises(frappe.PermissionError, frappe.get_doc(doc.doctype, doc.name).evaluate)

	def assertRefusedSavingNothing(self, doc, message: str):
		with acting_as(OWNER):
			self.assertRaisesRegex(frappe.ValidationError, message, doc.evaluate)
		frappe.db.rollback()  # as the failed request would
		if frappe.db.exists(doc.doctype, doc.name):
			stored = frappe.get_doc(doc.doctype, doc.name)
			self.assertEqual((stored.result, stored.groups, stored.dimensions), ("Not evaluated", [], []))

	def test_bad_files_are_refused_naming_the_column_or_line(self):
		cases = {
			"misnamed column": (
				hiring_csv().replace(b"hired", b"Hired", 1),
				"Column hired is not in the file; did you mean Hired",
			),
			"missing column": (
				hiring_csv().replace(b",hired", b",decision", 1),
				"Column hired is not in the file",
			),
			"a word in a 0/1 prediction": (
				hiring_csv().replace(b"A3,male,under 40,1,", b"A3,male,under 40,maybe,"),
				"The prediction column hired holds 0, 1, maybe; choose under Favourable Values",
			),
			"an empty prediction": (
				hiring_csv().replace(b"A3,male,under 40,1,", b"A3,male,under 40,,"),
				"Column hired, line 4: the value is empty",
			),
			"empty group": (
				hiring_csv().replace(b"A5,male,", b"A5,,"),
				"Column sex, line 6: the group is empty",
			),
		}
		for case, (content, message) in cases.items():
			with self.subTest(case):
				self.assertRefusedSavingNothing(self.evaluation(content), message)

	def test_a_private_file_of_a_record_the_owner_cannot_read_is_never_read(self):
		secret = b"patient_id,diagnosis,hired\nP-1,diabetes,1\nP-2,asthma,0\n"
		concern = frappe.get_doc(
			{"doctype": "AI Concern", "subject": "Private attachment", "what_happened": "Kept from owners."}
		).insert(ignore_permissions=True)
		private = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "patients.csv",
				"attached_to_doctype": "AI Concern",
				"attached_to_name": concern.name,
				"is_private": 1,
				"content": secret,
			}
		).insert(ignore_permissions=True)
		doc = self.evaluation(group_columns="diagnosis")
		with acting_as(OWNER):
			doc.outcomes_file = private.file_url
			# saved with it (the form) or evaluated with it unsaved (run_doc_method with the record as sent)
			for attempt in (doc.save, doc.evaluate):
				with self.assertRaises(frappe.ValidationError) as refused:
					attempt()
				message = str(refused.exception)
				self.assertIn("neither attached to this evaluation nor a file you may read", message)
				for cell in ("patient_id", "diagnosis", "diabetes", "asthma"):
					self.assertNotIn(cell, message)
		frappe.db.rollback()
		if frappe.db.exists(doc.doctype, doc.name):
			self.assertEqual(frappe.get_all("AI Fairness Evaluation Group", filters={"parent": doc.name}), [])

	def test_a_file_over_the_size_limit_is_refused(self):
		doc = self.evaluation(hiring_csv())
		limit = frappe.db.get_single_value("AIMS Settings", "fairness_max_file_mb")
		self.addCleanup(frappe.db.set_single_value, "AIMS Settings", "fairness_max_file_mb", limit)
		frappe.db.set_single_value("AIMS Settings", "fairness_max_file_mb", 0)
		self.assertRefusedSavingNothing(
			doc, r"Outcomes File \(CSV\): the file has [0-9.]+ MB, more than the 0 MB allowed"
		)

	def test_a_large_file_is_evaluated_by_a_queued_job(self):
		doc = self.evaluation(hiring_csv(repeat=200))  # 80,000 rows, over the size evaluated within a request
		with acting_as(OWNER):
			self.assertEqual(doc.evaluate(), {"queued": True})
			self.assertEqual((doc.reload().result, doc.rows_evaluated), ("Queued", 0))
			evaluate_in_background(doc.name)  # as the worker does once the request has committed
		doc.reload()
		self.assertEqual((doc.result, doc.rows_evaluated), ("Fail", 80000))
		self.assertAlmostEqual(self.ratio(doc, "sex", "female"), 0.6, places=4)

	def risk_evaluation(self, words: bool, **fields):
		return self.evaluated(
			risk_csv(words),
			group_columns="race",
			prediction_column="score_text",
			label_column="two_year_recid",
			score_column="decile_score",
			**fields,
		)

	def test_words_for_outcomes_give_the_figures_of_their_0_1_form(self):
		words = self.risk_evaluation(True, favourable_values="Low", positive_label_values="no")
		numbers = self.risk_evaluation(False)
		self.assertEqual((words.result, words.rows_evaluated), (numbers.result, numbers.rows_evaluated))
		self.assertEqual(words.lowest_impact_ratio, numbers.lowest_impact_ratio)
		self.assertEqual(words.result_reasons, numbers.result_reasons)
		figures = [
			[(g.dimension, g.group_value, *(g.get(f) for f in GROUP_FIGURES)) for g in doc.groups]
			for doc in (words, numbers)
		]
		self.assertEqual(figures[0], figures[1])
		black = next(g for g in words.groups if g.group_value == "African-American")
		# rated Low: 60 of 160; of the 81 who did not reoffend, 42 were rated Low and 39 Medium or High
		self.assertAlmostEqual(black.selection_rate, 60 / 160, places=4)
		self.assertAlmostEqual(black.false_negative_rate, 39 / 81, places=4)
		self.assertAlmostEqual(black.positive_predictive_value, 42 / 60, places=4)
		self.assertAlmostEqual(black.impact_ratio, (60 / 160) / (90 / 150), places=4)

	def test_the_printed_report_shows_the_chosen_values_and_the_error_rates(self):
		doc = self.risk_evaluation(True, favourable_values="Low", positive_label_values="no")
		text = pdf_text(doc.doctype, doc.name, REPORT)
		black = next(g for g in doc.groups if g.group_value == "African-American")
		rates = (black.true_positive_rate, black.false_positive_rate, black.false_negative_rate)
		error_rates = " ".join(f"{rate:.3f}" for rate in (*rates, black.positive_predictive_value))
		for expected in (
			"prediction: score_text (favourable: Low)",
			"label: two_year_recid (positive: no)",
			"American 160 60 0.375 0.625 Fail",  # the narrow column may break the name at its hyphen
			"race Caucasian 150 90 0.600 1.000 Pass",
			"False Negative Rate Positive Predictive Value",
			f"race African-American {error_rates}",  # as stored (42 of 81: 0.519 or, rounded on save, 0.518)
			"Scoring Rate Scoring Impact Ratio",
			"race Caucasian 3.987 0.307 0.591",
		):
			self.assertIn(expected, text)

	def test_words_without_a_choice_are_refused_naming_the_values_found(self):
		doc = self.evaluation(
			risk_csv(True), group_columns="race", prediction_column="score_text", score_column=None
		)
		self.assertRefusedSavingNothing(
			doc,
			"The prediction column score_text holds High, Low, Medium; choose under Favourable Values which of "
			"them are favourable.",
		)

	def test_choosing_other_favourable_values_clears_the_results(self):
		doc = self.risk_evaluation(True, favourable_values="Low", positive_label_values="no")
		with acting_as(OWNER):
			doc.favourable_values = "Low, Medium"
			doc.save()
		self.assertEqual((doc.result, doc.groups), ("Not evaluated", []))

	def test_readiness_counts_a_high_risk_system_once_its_evaluation_is_submitted(self):
		frappe.db.set_value("AI System", self.system, "eu_ai_act_tier", "High-risk")
		before = organisation_facts()[0]
		doc = self.evaluated()
		self.assertEqual(
			organisation_facts()[0][Fact.IN_SCOPE_SYSTEMS_HIGH_RISK_FAIRNESS_EVALUATED],
			before[Fact.IN_SCOPE_SYSTEMS_HIGH_RISK_FAIRNESS_EVALUATED],
			"a draft does not count",
		)
		with acting_as(OWNER):
			doc.submit()
		self.assertEqual(
			organisation_facts()[0][Fact.IN_SCOPE_SYSTEMS_HIGH_RISK_FAIRNESS_EVALUATED],
			before[Fact.IN_SCOPE_SYSTEMS_HIGH_RISK_FAIRNESS_EVALUATED] + 1,
		)
		frappe.db.set_value(doc.doctype, doc.name, "evaluated_on", add_months(today(), -13))
		self.assertEqual(
			organisation_facts()[0][Fact.IN_SCOPE_SYSTEMS_HIGH_RISK_FAIRNESS_EVALUATED],
			before[Fact.IN_SCOPE_SYSTEMS_HIGH_RISK_FAIRNESS_EVALUATED],
			"older than the 12-month interval",
		)

	def test_thresholds_added_by_an_upgrade_get_their_defaults_before_any_save(self):
		fields = ("fairness_min_impact_ratio", "fairness_min_group_count", "fairness_max_file_mb")
		frappe.db.delete("Singles", {"doctype": "AIMS Settings", "field": ("in", fields)})
		after_migrate()  # as the migrate after the upgrade does, saving AIMS Settings on its way
		frappe.get_doc("AIMS Settings").save()
		self.assertEqual([frappe.db.get_single_value("AIMS Settings", f) for f in fields], [0.8, 30, 200])
