"""The auditor's pack of the generated organisation (issue 15): what the web request costs (it checks and
queues the job on the long queue, nothing more), and the pack's build time and peak Python memory with FEW
and with MANY evidence files attached, one run each, with the MANY/FEW ratios: memory must not grow with the
number of evidence files (they are streamed into the zip), time grows with the bytes copied.

	env/bin/python apps/aims_app/benchmarks/audit_pack.py --site SITE [--few 100] [--many 1000]
		(run from the bench's sites folder, on a site that generate_org.py filled; audit_pack.sh does both)
"""

import argparse
import os
import random
import resource
import tempfile
import time
import tracemalloc

import frappe
from harness import connected

from aims_app.ai_assurance.audit_pack import build
from aims_app.tests import assets_served_locally

FILE_PREFIX = "bench-evidence-"
FILE_SIZE = 256 * 1024
FILE_FIELDS = (
	"name",
	"file_name",
	"file_url",
	"is_private",
	"file_size",
	"attached_to_doctype",
	"attached_to_name",
	"folder",
	"creation",
	"modified",
	"owner",
	"modified_by",
	"docstatus",
)


def detach_all():
	"""Take the benchmark's files off the generated evidence (the files stay on disk for the next run)."""
	frappe.db.delete("File", {"file_name": ("like", f"{FILE_PREFIX}%")})
	evidence = frappe.qb.DocType("AIMS Evidence")
	frappe.qb.update(evidence).set(evidence.attachment, None).where(evidence.name.like("BENCH-%")).run()
	frappe.db.commit()


def attach(count: int):
	"""The first `count` generated evidence records each get a private file of FILE_SIZE random bytes."""
	now = frappe.utils.now_datetime()
	attached = set(
		frappe.get_all("File", filters={"file_name": ("like", f"{FILE_PREFIX}%")}, pluck="attached_to_name")
	)
	names = frappe.get_all(
		"AIMS Evidence", filters={"name": ("like", "BENCH-%")}, order_by="name", limit=count, pluck="name"
	)
	rows = []
	evidence = frappe.qb.DocType("AIMS Evidence")
	for name in names:
		if name in attached:
			continue
		file_name = f"{FILE_PREFIX}{name}.bin"
		path = frappe.get_site_path("private", "files", file_name)
		if not os.path.exists(path):
			with open(path, "wb") as out:
				out.write(random.Random(name).randbytes(FILE_SIZE))
		url = f"/private/files/{file_name}"
		bookkeeping = (now, now, "Administrator", "Administrator", 0)
		record = (frappe.generate_hash(length=10), file_name, url, 1, FILE_SIZE, "AIMS Evidence", name)
		rows.append((*record, "Home/Attachments", *bookkeeping))
		frappe.qb.update(evidence).set(evidence.attachment, url).where(evidence.name == name).run()
	frappe.db.bulk_insert("File", FILE_FIELDS, rows, chunk_size=1000)
	frappe.db.commit()


def build_once(period: tuple[str, str]) -> tuple[float, int, int, int]:
	"""Seconds, peak traced memory (bytes), files in the pack and the zip's size."""
	path = os.path.join(tempfile.mkdtemp(), "pack.zip")
	tracemalloc.start()
	started = time.perf_counter()
	with assets_served_locally():
		pack = build.build_pack(path, *period)
	seconds = time.perf_counter() - started
	peak = tracemalloc.get_traced_memory()[1]
	tracemalloc.stop()
	size = os.path.getsize(path)
	os.remove(path)
	return seconds, peak, len(pack["files"]), size


def request_ms(period: tuple[str, str]) -> float:
	"""The web request's own work: checks and a job queued after its commit (rolled back here, so nothing is
	queued)."""
	started = time.perf_counter()
	build.request_pack(*period)
	elapsed = (time.perf_counter() - started) * 1000
	frappe.db.rollback()
	return elapsed


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	parser.add_argument("--few", type=int, default=100)
	parser.add_argument("--many", type=int, default=1000)
	with connected(parser) as args:
		counted = ("AI System", "AI Risk", "AIMS Evidence", "AIMS Evidence Link")
		print("organisation: " + ", ".join(f"{frappe.db.count(d)} {d}" for d in counted))
		period = build.checked_period()
		print(f"request: {request_ms(period):.0f} ms (checks, then queues the build on the long queue)")
		detach_all()
		results = {}
		for count in (args.few, args.many):
			attach(count)
			seconds, peak, files, size = build_once(period)
			results[count] = (seconds, peak)
			print(
				f"pack with {count} evidence files of {FILE_SIZE // 1024} KiB: {seconds:.1f} s, "
				f"peak Python memory {peak / 2**20:.1f} MiB, {files} files, zip {size / 2**20:.1f} MiB"
			)
		(few_s, few_peak), (many_s, many_peak) = results[args.few], results[args.many]
		print(
			f"{args.many}/{args.few} files: time ×{many_s / few_s:.2f}, peak memory ×{many_peak / few_peak:.2f} "
			f"(process peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)"
		)
		detach_all()


if __name__ == "__main__":
	main()
