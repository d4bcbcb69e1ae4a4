"""Inventory import and re-import on real-shaped data (issue 30): the sample card of
aims_app/ai_systems/inventory/sample.py (default 3,609 systems, the size of the 2025 US federal AI use-case
inventory) imported into a site without it, then the same file imported again, which must change nothing.
Prints both times and the second import's counts; the records are removed again at the end.

	env/bin/python apps/aims_app/benchmarks/inventory_reimport.py --site SITE [--count N]   (from sites/)
"""

import argparse
import time

import frappe

from aims_app.ai_systems.inventory.card import dump_card
from aims_app.ai_systems.inventory.sample import VENDORS, sample_card
from aims_app.ai_systems.inventory.transfer import import_inventory
from aims_app.tests import make_user

OWNERS = ("bench-reimport-a@example.com", "bench-reimport-b@example.com")
CHILDREN = ("AI System Model", "AI System Dataset", "AI System Supplier", "AI System Obligation")
SAMPLE_IDS = {"AI System": "use-case-%", "AI Model": "model-%", "AI Dataset": "dataset-%"}


def remove_sample():
	for doctype, ids in SAMPLE_IDS.items():
		names = frappe.get_all(doctype, filters={"inventory_id": ("like", ids)}, pluck="name")
		for start in range(0, len(names), 5000):
			chunk = names[start : start + 5000]
			for child in CHILDREN if doctype == "AI System" else ():
				frappe.db.delete(child, {"parent": ("in", chunk)})
			frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ("in", chunk)})
			frappe.db.delete(doctype, {"name": ("in", chunk)})
	frappe.db.delete("AI Supplier", {"name": ("in", VENDORS)})
	frappe.db.commit()


def timed(content: str):
	wall, cpu = time.perf_counter(), time.process_time()
	summary = import_inventory(content, "sample.yaml")
	frappe.db.commit()
	return summary, time.perf_counter() - wall, time.process_time() - cpu


def main():
	parser = argparse.ArgumentParser(description=__doc__)
	parser.add_argument("--site", required=True)
	parser.add_argument("--count", type=int, default=3609)
	args = parser.parse_args()
	frappe.init(site=args.site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		for owner in OWNERS:
			make_user(owner, ["AI System Owner"])
		remove_sample()
		content = dump_card(sample_card(args.count, OWNERS))
		print(f"sample card: {args.count} systems, {len(content):,} bytes")
		for run in ("import", "re-import"):
			summary, wall, cpu = timed(content)
			print(f"{run}: {wall:.1f} s ({cpu:.1f} s CPU); " + "; ".join(summary.lines()))
		remove_sample()
	finally:
		frappe.destroy()


if __name__ == "__main__":
	main()
