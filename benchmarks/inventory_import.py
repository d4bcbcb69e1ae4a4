"""Inventory import speed: the same AI systems (each with a model and a dataset) loaded three ways, one after
the other on the same site: the YAML inventory import (every validation), Frappe's Data Import from CSV,
and frappe.db.bulk_insert of the same rows without any check (the floor). Each run starts from no
benchmark records and removes its own.

	env/bin/python apps/aims_app/benchmarks/inventory_import.py --site SITE [--count N]   (from sites/)
"""

import argparse
import csv
import io
import time

import frappe
from frappe.core.doctype.data_import.data_import import import_file
from harness import connected

from aims_app.ai_systems.inventory.card import dump_card
from aims_app.ai_systems.inventory.transfer import import_inventory
from aims_app.tests import make_user

PREFIX = "bench-inv-"
OWNER = "bench-inventory-owner@example.com"
BOOKKEEPING = ("creation", "modified", "owner", "modified_by", "docstatus")
AREAS = ("", "", "4 - Employment and workers management", "5 - Essential private and public services")
CHILDREN = ("AI System Model", "AI System Dataset", "AI System Supplier", "AI System Obligation")


def card(count: int) -> dict:
	ids = [f"{i:05d}" for i in range(1, count + 1)]
	return {
		"version": 1,
		"models": [
			{
				"inventory_id": f"{PREFIX}mdl-{i}",
				"model_name": f"Bench model {i}",
				"model_version": "1.0",
				"model_type": "Classification",
				"origin": "Internal",
				"status": "In production",
			}
			for i in ids
		],
		"datasets": [
			{
				"inventory_id": f"{PREFIX}ds-{i}",
				"dataset_name": f"Bench dataset {i}",
				"source_type": "Internal",
				"contains_personal_data": n % 2 == 0,
				"legal_basis": "Contract" if n % 2 == 0 else None,
			}
			for n, i in enumerate(ids)
		],
		"systems": [
			{
				"inventory_id": f"{PREFIX}sys-{i}",
				"system_name": f"Bench inventory system {i}",
				"system_owner": OWNER,
				"lifecycle_stage": "Operation and monitoring",
				"purpose": "Generated for the inventory import benchmark.",
				"our_role": "Deployer",
				"automation_level": "Human in the loop",
				"annex_iii_area": AREAS[n % len(AREAS)] or None,
				"performs_profiling": n % 3 == 0,
				"interacts_with_people": n % 5 == 0,
				"models": [{"model": f"{PREFIX}mdl-{i}", "purpose_in_system": "Scores"}],
				"datasets": [{"dataset": f"{PREFIX}ds-{i}", "usage": "Training"}],
			}
			for n, i in enumerate(ids)
		],
	}


def remove_generated():
	for doctype in ("AI System", "AI Model", "AI Dataset"):
		names = frappe.get_all(doctype, filters={"inventory_id": ("like", f"{PREFIX}%")}, pluck="name")
		for start in range(0, len(names), 5000):
			chunk = names[start : start + 5000]
			if doctype == "AI System":
				for child in CHILDREN:
					frappe.db.delete(child, {"parent": ("in", chunk)})
			frappe.db.delete("Version", {"ref_doctype": doctype, "docname": ("in", chunk)})
			frappe.db.delete(doctype, {"name": ("in", chunk)})
	frappe.db.commit()


def timed(load) -> tuple[float, float]:
	"""Wall-clock and this process's CPU seconds of `load` and its commit (the CPU time leaves out the
	database server's share, and the load of anything else running on the machine)."""
	remove_generated()
	wall, cpu = time.perf_counter(), time.process_time()
	load()
	frappe.db.commit()
	return time.perf_counter() - wall, time.process_time() - cpu


def yaml_import(content: bytes, count: int):
	summary = import_inventory(content, "bench.yaml")
	assert summary.counts()["systems"]["created"] == count, summary.lines()


def bulk_insert_floor(data: dict):
	now = frappe.utils.now()
	stamp = (now, now, "Administrator", "Administrator", 0)
	names = {}
	for key, doctype, fields in (
		("models", "AI Model", ("model_name", "model_version", "model_type", "origin", "status")),
		("datasets", "AI Dataset", ("dataset_name", "source_type", "contains_personal_data", "legal_basis")),
	):
		rows = []
		for n, record in enumerate(data[key]):
			names[record["inventory_id"]] = name = f"BENCH-FLOOR-{key}-{n}"
			rows.append((name, record["inventory_id"], *(record[f] for f in fields), *stamp))
		frappe.db.bulk_insert(doctype, ("name", "inventory_id", *fields, *BOOKKEEPING), rows, chunk_size=2000)
	fields = ("system_name", "system_owner", "lifecycle_stage", "purpose", "our_role", "automation_level")
	flags = ("annex_iii_area", "performs_profiling", "interacts_with_people")
	systems, models, datasets = [], [], []
	for n, record in enumerate(data["systems"]):
		name = f"BENCH-FLOOR-sys-{n}"
		systems.append((name, record["inventory_id"], *(record[f] for f in (*fields, *flags)), *stamp))
		child = (name, "AI System", 1, *stamp)
		models.append((f"{name}-m", names[record["models"][0]["model"]], "Scores", "models", *child))
		datasets.append(
			(f"{name}-d", names[record["datasets"][0]["dataset"]], "Training", "datasets", *child)
		)
	frappe.db.bulk_insert(
		"AI System", ("name", "inventory_id", *fields, *flags, *BOOKKEEPING), systems, chunk_size=2000
	)
	child_fields = ("parent", "parenttype", "idx", *BOOKKEEPING)
	frappe.db.bulk_insert(
		"AI System Model", ("name", "ai_model", "purpose_in_system", "parentfield", *child_fields), models
	)
	frappe.db.bulk_insert(
		"AI System Dataset", ("name", "ai_dataset", "usage", "parentfield", *child_fields), datasets
	)


def csv_file(name: str, header: list[str], rows: list[list]) -> str:
	"""A private File holding the CSV, as an upload in the desk's Data Import makes; its file_url."""
	stream = io.StringIO()
	writer = csv.writer(stream)
	writer.writerow(header)
	writer.writerows(rows)
	file = frappe.get_doc(
		{"doctype": "File", "file_name": f"{PREFIX}{name}.csv", "is_private": 1, "content": stream.getvalue()}
	)
	file.insert(ignore_permissions=True)
	frappe.db.commit()
	return file.file_url


def csv_rows(records: list[dict], header: list[str]) -> list[list]:
	return [[{True: 1, False: 0, None: ""}.get(r.get(h), r.get(h)) for h in header] for r in records]


def data_import(data: dict) -> tuple[float, float]:
	"""Seconds inside Frappe's importer (the CSV files are written outside the clock)."""
	spent = (0.0, 0.0)
	for key, doctype in (("models", "AI Model"), ("datasets", "AI Dataset")):
		header = list(data[key][0])
		spent = add(spent, run_import(doctype, csv_file(key, header, csv_rows(data[key], header))))
	names = {
		doctype: dict(
			frappe.get_all(
				doctype,
				filters={"inventory_id": ("like", f"{PREFIX}%")},
				fields=["inventory_id", "name"],
				as_list=1,
			)
		)
		for doctype in ("AI Model", "AI Dataset")
	}
	header = [h for h in data["systems"][0] if h not in ("models", "datasets")]
	rows = [
		[
			*row,
			names["AI Model"][r["models"][0]["model"]],
			"Scores",
			names["AI Dataset"][r["datasets"][0]["dataset"]],
			"Training",
		]
		for row, r in zip(csv_rows(data["systems"], header), data["systems"], strict=True)
	]
	header += ["models.ai_model", "models.purpose_in_system", "datasets.ai_dataset", "datasets.usage"]
	return add(spent, run_import("AI System", csv_file("systems", header, rows)))


def add(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
	return a[0] + b[0], a[1] + b[1]


def run_import(doctype: str, file_url: str) -> tuple[float, float]:
	wall, cpu = time.perf_counter(), time.process_time()
	import_file(doctype, file_url, "Insert", console=False)
	frappe.db.commit()
	spent = time.perf_counter() - wall, time.process_time() - cpu
	frappe.delete_doc("File", frappe.db.get_value("File", {"file_url": file_url}), force=True)
	frappe.db.commit()
	return spent


def stored_count() -> dict[str, int]:
	return {
		doctype: frappe.db.count(doctype, {"inventory_id": ("like", f"{PREFIX}%")})
		for doctype in ("AI System", "AI Model", "AI Dataset")
	}


def report(label: str, count: int, spent: tuple[float, float]) -> float:
	wall, cpu = spent
	rate = count / wall
	print(
		f"{label}: {count} AI systems (+ a model and a dataset each) in {wall:.1f} s "
		f"({cpu:.1f} s CPU in Python) = {rate:,.0f} systems/s ({3 * rate:,.0f} records/s); "
		f"stored: {stored_count()}",
		flush=True,
	)
	return rate


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--count", type=int, default=10_000)
	with connected(parser) as args:
		make_user(OWNER, ["AI System Owner"])
		frappe.db.commit()
		data = card(args.count)
		content = dump_card(data).encode()
		print(f"inventory file: {len(content) / 1e6:.1f} MB", flush=True)
		yaml_rate = report(
			"YAML inventory import", args.count, timed(lambda: yaml_import(content, args.count))
		)
		floor_rate = report("bulk_insert floor", args.count, timed(lambda: bulk_insert_floor(data)))
		remove_generated()
		import_rate = report("Frappe Data Import (CSV)", args.count, data_import(data))
		remove_generated()
		print(
			f"YAML import is {yaml_rate / import_rate:.1f}x Frappe's Data Import "
			f"and {yaml_rate / floor_rate:.2f}x (i.e. 1/{floor_rate / yaml_rate:.1f}) of the bulk_insert floor"
		)


if __name__ == "__main__":
	main()
