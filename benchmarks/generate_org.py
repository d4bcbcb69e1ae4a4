"""Generate a large organisation for benchmarks: AI systems, risks treated by Annex A controls, evidence.

Rows go in with frappe.db.bulk_insert (levels computed by the same rules the controllers use), so a
full-size organisation takes seconds, not hours. Every generated record is named BENCH-..., so a
rerun of the same size keeps it, and one of another size or with --fresh removes it first, without touching
anything else. --scale multiplies the default size (2,000 systems, 20,000 risks, 50,000 evidence links).

	env/bin/python apps/aims_app/benchmarks/generate_org.py --site SITE [--systems N] [--risks N]
		[--evidence-links N] [--scale N] [--fresh]          (run from the bench's sites folder)
"""

import argparse
import random
from datetime import timedelta

import frappe
from harness import connected

from aims_app.ai_risk.risk_matrix import default_matrix
from aims_app.ai_risk.risk_rules import score_risk

PREFIX = "BENCH-"
OWNERS = tuple(f"bench-owner-{i}@example.com" for i in range(1, 9))
STATUSES = ("Open", "Open", "In treatment", "In treatment", "Review due", "Closed")
TREATMENTS = ("Modify", "Modify", "Modify", "Avoid", "Share", "Retain")
KINDS = ("Policy", "Procedure", "Record", "Report", "Log")
BOOKKEEPING = ("creation", "modified", "owner", "modified_by", "docstatus")


def generated_count(doctype: str) -> int:
	return frappe.db.count(doctype, {"name": ("like", f"{PREFIX}%")})


def generated_size() -> tuple[int, int, int]:
	return tuple(generated_count(d) for d in ("AI System", "AI Risk", "AIMS Evidence Link"))


def remove_generated():
	for doctype, child in (("AIMS Evidence", "AIMS Evidence Link"), ("AI Risk", "AI Risk Control")):
		frappe.db.delete(child, {"parent": ("like", f"{PREFIX}%")})
		frappe.db.delete(doctype, {"name": ("like", f"{PREFIX}%")})
	frappe.db.delete("AI System", {"name": ("like", f"{PREFIX}%")})
	frappe.db.commit()


def ensure_owners():
	for email in OWNERS:
		if not frappe.db.exists("User", email):
			user = frappe.get_doc(
				{
					"doctype": "User",
					"email": email,
					"first_name": email.split("@")[0],
					"send_welcome_email": 0,
				}
			)
			user.append_roles("AI System Owner", "AI Risk Owner")
			user.insert(ignore_permissions=True)


def stamp(now) -> tuple:
	"""Created and last changed a day ago, as the records of an organisation built up over time are."""
	yesterday = now - timedelta(days=1)
	return (yesterday, yesterday, "Administrator", "Administrator", 0)


def insert(doctype: str, fields: tuple, rows: list[tuple]):
	frappe.db.bulk_insert(doctype, (*fields, *BOOKKEEPING), rows, chunk_size=5000)


def generate_systems(count: int, now) -> list[str]:
	names = [f"{PREFIX}SYS-{i:05d}" for i in range(1, count + 1)]
	rows = [
		(
			name,
			f"Bench system {i}",
			OWNERS[i % len(OWNERS)],
			"Generated for benchmarks.",
			"Deployer",
			"Operation and monitoring",
			"Human in the loop",
			tier,
			tier,
			1,
			*stamp(now),
		)
		for i, name in enumerate(names, start=1)
		for tier in (("High-risk", "Limited risk", "Minimal risk")[i % 3],)
	]
	fields = (
		"name",
		"system_name",
		"system_owner",
		"purpose",
		"our_role",
		"lifecycle_stage",
		"automation_level",
		"eu_ai_act_tier",
		"computed_tier",
		"in_scope",
	)
	insert("AI System", fields, rows)
	return names


def generate_risks(count: int, systems: list[str], controls: list[str], sources: list[str], now, rng):
	matrix = default_matrix()
	risks, treatments = [], []
	for i in range(1, count + 1):
		name = f"{PREFIX}RISK-{i:06d}"
		likelihood, impact = rng.randint(1, 5), rng.randint(1, 5)
		residual = (rng.randint(1, likelihood), rng.randint(1, impact)) if i % 4 else (None, None)
		score = score_risk(matrix, likelihood, impact, *residual)
		risks.append(
			(
				name,
				f"Bench risk {i}",
				systems[i % len(systems)],
				sources[i % len(sources)],
				OWNERS[i % len(OWNERS)],
				STATUSES[i % len(STATUSES)],
				likelihood,
				impact,
				score.inherent_level,
				residual[0] or 0,
				residual[1] or 0,
				score.residual_level,
				int(score.exceeds_appetite),
				TREATMENTS[i % len(TREATMENTS)],
				"Generated for benchmarks.",
				now.date(),
				now.date() + timedelta(days=365),
				*stamp(now),
			)
		)
		for idx, control in enumerate(rng.sample(controls, rng.randint(1, 3)), start=1):
			treatments.append((f"{name}-{idx}", name, "AI Risk", "controls", idx, control, *stamp(now)))
	fields = (
		"name",
		"title",
		"ai_system",
		"risk_source",
		"risk_owner",
		"status",
		"likelihood",
		"impact",
		"inherent_level",
		"residual_likelihood",
		"residual_impact",
		"residual_level",
		"exceeds_appetite",
		"treatment_option",
		"description",
		"identified_on",
		"review_date",
	)
	insert("AI Risk", fields, risks)
	insert(
		"AI Risk Control",
		("name", "parent", "parenttype", "parentfield", "idx", "control_implementation"),
		treatments,
	)


def generate_evidence(links: int, systems: list[str], controls: list[str], requirements: list[str], now, rng):
	"""Evidence records with two or three links each (to controls, requirements and systems), 10% expired."""
	records, rows, made = [], [], 0
	i = 0
	while made < links:
		i += 1
		name = f"{PREFIX}EV-{i:06d}"
		expired = i % 10 == 0
		valid_until = now.date() + timedelta(days=-30 if expired else 180)
		records.append(
			(
				name,
				f"Bench evidence {i}",
				KINDS[i % len(KINDS)],
				f"https://intranet.example/ev/{i}",
				OWNERS[i % len(OWNERS)],
				now.date() - timedelta(days=200),
				valid_until,
				*stamp(now),
			)
		)
		targets = [
			("control_implementation", rng.choice(controls)),
			("requirement", rng.choice(requirements)),
			("ai_system", rng.choice(systems)),
		][: min(rng.randint(2, 3), links - made)]
		for idx, (field, target) in enumerate(targets, start=1):
			link = dict.fromkeys(("control_implementation", "requirement", "ai_system"))
			link[field] = target
			rows.append(
				(f"{name}-{idx}", name, "AIMS Evidence", "evidences", idx, *link.values(), *stamp(now))
			)
		made += len(targets)
	insert(
		"AIMS Evidence",
		("name", "title", "evidence_kind", "external_link", "evidence_owner", "issued_on", "valid_until"),
		records,
	)
	fields = (
		"name",
		"parent",
		"parenttype",
		"parentfield",
		"idx",
		"control_implementation",
		"requirement",
		"ai_system",
	)
	insert("AIMS Evidence Link", fields, rows)
	return len(records)


def generate(systems: int, risks: int, evidence_links: int):
	rng = random.Random(42026)
	now = frappe.utils.now_datetime()
	ensure_owners()
	controls = frappe.get_all("Control Implementation", pluck="name")
	library = {"framework": "ISO-42001"}
	sources = frappe.get_all(
		"Framework Requirement", filters={**library, "requirement_kind": "Risk Source"}, pluck="name"
	)
	requirements = frappe.get_all(
		"Framework Requirement", filters={**library, "is_assessable": 1}, pluck="name"
	)
	system_names = generate_systems(systems, now)
	generate_risks(risks, system_names, controls, sources, now, rng)
	records = generate_evidence(evidence_links, system_names, controls, requirements, now, rng)
	frappe.db.commit()
	return records


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--systems", type=int)
	parser.add_argument("--risks", type=int)
	parser.add_argument("--evidence-links", type=int)
	parser.add_argument("--scale", type=int, default=1, help="multiply the default size")
	parser.add_argument("--fresh", action="store_true", help="remove the generated records first")
	with connected(parser) as args:
		size = tuple(
			args.scale * default if given is None else given
			for given, default in ((args.systems, 2000), (args.risks, 20000), (args.evidence_links, 50000))
		)
		if args.fresh or generated_size() != size:
			remove_generated()
		elif any(size):
			print(f"already generated: {size[0]} systems, {size[1]} risks, {size[2]} evidence links")
			return
		started = frappe.utils.now_datetime()
		records = generate(*size)
		seconds = (frappe.utils.now_datetime() - started).total_seconds()
		print(
			f"generated {size[0]} systems, {size[1]} risks, {records} evidence records with "
			f"{size[2]} links in {seconds:.1f}s"
		)


if __name__ == "__main__":
	main()
