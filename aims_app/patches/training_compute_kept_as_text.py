"""Training compute moved from a Float column (at most about 10^12, far below the 10^25 FLOP of Art. 51(2))
to text. Migrate turns the stored decimals into text such as '1000.000000000'; each becomes the number's
shortest text, and a zero (what the Float held when nothing was entered) becomes empty again."""

import frappe

from aims_app.ai_systems.eu_ai_act import training_compute, training_compute_text


def execute():
	system = frappe.qb.DocType("AI System")
	frappe.qb.update(system).set(system.training_compute_flops, None).where(
		system.training_compute_flops.isin(("0", "0.000000000"))
	).run()
	stored = (
		frappe.qb.from_(system)
		.select(system.name, system.training_compute_flops)
		.where(system.training_compute_flops.isnotnull())
	).run()
	for name, value in stored:
		frappe.db.set_value(
			"AI System",
			name,
			"training_compute_flops",
			training_compute_text(training_compute(value)),
			update_modified=False,
		)
