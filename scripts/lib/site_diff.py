"""Every aims_app record of a site, and the bytes of the files attached to them, dumped and compared: what
scripts/check_backup_restore.sh and scripts/check_upgrade.sh use to show that nothing changed.

Run with the bench's python from its sites folder:
	site_diff.py attach --site SITE [--count N]    AIMS Evidence records with a public or private file each
	site_diff.py dump --site SITE --out FILE       every record of every aims_app doctype (child tables too),
		the links that point nowhere and the attached files' hashes
	site_diff.py compare BEFORE AFTER [--allow-added] [--library-may-change]    what differs; exit status 1 if
		anything does (with --library-may-change, library records may take a new library version's content:
		listed, not counted)
	site_diff.py clean --site SITE                 remove what `attach` made
"""

import argparse
import hashlib
import json
import os
import sys
from contextlib import contextmanager

PREFIX = "Site check evidence"
# The library's records are the app's content: an upgrade may ship a new version of them. What users hang on
# them (assignments, comments, likes, tags) and their existence must survive; their content is the new
# version's, and is listed apart.
LIBRARY_MODULE = "AIMS Library"
USER_STATE = ("_assign", "_comments", "_liked_by", "_user_tags")


@contextmanager
def connected(site: str):
	import frappe

	frappe.init(site=site, sites_path=".")
	frappe.connect()
	frappe.set_user("Administrator")
	try:
		yield frappe
	finally:
		frappe.destroy()


def app_tables(frappe) -> list[str]:
	"""Every stored doctype of the app, documents and child tables, read from the site's metadata."""
	modules = frappe.get_all("Module Def", filters={"app_name": "aims_app"}, pluck="name")
	return frappe.get_all(
		"DocType",
		filters={"module": ("in", modules), "issingle": 0, "is_virtual": 0},
		pluck="name",
		order_by="name",
	)


def attach(site: str, count: int):
	with connected(site) as frappe:
		owner = "Administrator"
		done = frappe.db.count("AIMS Evidence", {"title": ("like", f"{PREFIX}%")})
		control = frappe.get_all("Control Implementation", limit=1, pluck="name")[0]
		for i in range(done + 1, count + 1):
			evidence = frappe.get_doc(
				{
					"doctype": "AIMS Evidence",
					"title": f"{PREFIX} {i}",
					"evidence_kind": "Record",
					"evidence_owner": owner,
					"issued_on": frappe.utils.today(),
					"external_link": "https://intranet.example/site-check",
					"evidences": [{"control_implementation": control}],
				}
			).insert()
			file = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"site-check-{i}.bin",
					"attached_to_doctype": "AIMS Evidence",
					"attached_to_name": evidence.name,
					"is_private": i % 2,
					"content": os.urandom(1024 * i),
				}
			).insert()
			evidence.db_set("attachment", file.file_url)
		frappe.db.commit()
		print(f"{count} evidence records with attached files on {site}")


def clean(site: str):
	with connected(site) as frappe:
		for name in frappe.get_all("AIMS Evidence", filters={"title": ("like", f"{PREFIX}%")}, pluck="name"):
			for file in frappe.get_all(
				"File",
				filters={"attached_to_doctype": "AIMS Evidence", "attached_to_name": name},
				pluck="name",
			):
				frappe.delete_doc("File", file, force=True)
			frappe.delete_doc("AIMS Evidence", name, force=True)
		frappe.db.commit()


def order_fields(meta) -> list[str]:
	"""Numbers that only place a record among the others: a tree's nested-set bounds, an Int sort field. A
	migrate may renumber them (rebuilding the tree) without changing the order."""
	fields = ["lft", "rgt"] if meta.is_tree else []
	sort_field = meta.get_field(meta.sort_field or "")
	return fields + ([sort_field.fieldname] if sort_field and sort_field.fieldtype == "Int" else [])


def as_ranks(rows: list[dict], fieldname: str):
	"""Each row's value replaced by its place in the order of the values."""
	ranks = {
		value: rank
		for rank, value in enumerate(sorted({row[fieldname] for row in rows if row[fieldname] is not None}))
	}
	for row in rows:
		row[fieldname] = ranks.get(row[fieldname])


def text(value) -> str | None:
	return None if value is None else str(value)


def broken_links(frappe, tables: list[str]) -> list[str]:
	"""`doctype/name.field -> target` for every Link value of the app's records whose target does not exist."""
	broken = []
	for doctype in tables:
		for df in frappe.get_meta(doctype).get_link_fields():
			if not frappe.db.table_exists(df.options) or frappe.get_meta(df.options).issingle:
				continue
			rows = frappe.db.sql(
				f"""select t.name, t.`{df.fieldname}` from `tab{doctype}` t
				left join `tab{df.options}` target on target.name = t.`{df.fieldname}`
				where coalesce(t.`{df.fieldname}`, '') != '' and target.name is null"""
			)
			broken += [f"{doctype}/{name}.{df.fieldname} -> {df.options} {value}" for name, value in rows]
	return broken


def snapshot(frappe) -> dict:
	"""{records: {doctype/name: {field: value}}, files: {file: sha256}, broken_links: [...], library_doctypes}
	of the connected site: every row of every aims_app table (order fields as ranks), the links among them that
	point nowhere, the files attached to aims_app records, and which doctypes hold the library."""
	tables = app_tables(frappe)
	records = {}
	for doctype in tables:
		rows = frappe.db.sql(f"select * from `tab{doctype}`", as_dict=True)
		for fieldname in order_fields(frappe.get_meta(doctype)):
			as_ranks(rows, fieldname)
		for row in rows:
			records[f"{doctype}/{row.name}"] = {k: text(v) for k, v in sorted(row.items())}
	files = {}
	for file in frappe.get_all(
		"File",
		filters={"attached_to_doctype": ("in", tables), "is_folder": 0},
		fields=["name", "file_url", "attached_to_doctype", "attached_to_name"],
	):
		doc = frappe.get_doc("File", file.name)
		with open(doc.get_full_path(), "rb") as stream:
			digest = hashlib.sha256(stream.read()).hexdigest()
		files[f"{file.attached_to_doctype}/{file.attached_to_name}/{file.file_url}"] = digest
	return {
		"records": records,
		"files": files,
		"broken_links": broken_links(frappe, tables),
		"library_doctypes": frappe.get_all(
			"DocType", filters={"module": LIBRARY_MODULE, "istable": 0}, pluck="name"
		),
		"doctypes": len(tables),
	}


def dump(site: str, out: str):
	with connected(site) as frappe:
		state = snapshot(frappe)
	with open(out, "w") as stream:
		json.dump(state, stream, sort_keys=True)
	print(
		f"{len(state['records'])} records, {len(state['files'])} attached files, "
		f"{len(state['broken_links'])} links pointing nowhere, {state['doctypes']} doctypes: {site}"
	)


def differences(
	before: dict, after: dict, allow_added: bool = False, library_may_change: bool = False
) -> tuple[list[str], list[str], list[str], list[str]]:
	"""Records missing, changed (in the fields both versions have) or, unless allowed, added; links that broke;
	attached files missing or changed; and, with library_may_change, library records that took a new library
	version's content (listed apart: only the user state on them must not change)."""
	differing, library_updates = [], []
	library = set(after.get("library_doctypes", [])) if library_may_change else set()
	for key in sorted(set(before["records"]) | set(after["records"])):
		old, new = before["records"].get(key), after["records"].get(key)
		if old is None and allow_added:
			continue
		if old is None or new is None:
			differing.append(f"{key}: {'added' if old is None else 'missing'}")
			continue
		fields = sorted(f for f in set(old) & set(new) if old[f] != new[f])
		fields += sorted(f"{f} (column gone)" for f in set(old) - set(new))
		if key.split("/", 1)[0] in library:
			content = [f for f in fields if f not in USER_STATE]
			if content:
				library_updates.append(f"{key}: {', '.join(content)}")
			fields = [f for f in fields if f in USER_STATE]
		if fields:
			differing.append(f"{key}: {', '.join(fields)}")
	files = [
		f"{key}: {'missing' if key not in after['files'] else 'bytes differ'}"
		for key, digest in before["files"].items()
		if after["files"].get(key) != digest
	]
	links = sorted(set(after["broken_links"]) - set(before["broken_links"]))
	return differing, links, files, library_updates


def compare(before_path: str, after_path: str, allow_added: bool, library_may_change: bool = False) -> int:
	with open(before_path) as stream:
		before = json.load(stream)
	with open(after_path) as stream:
		after = json.load(stream)
	differing, links, files, library_updates = differences(before, after, allow_added, library_may_change)
	for line in library_updates[:20]:
		print(f"  library update: {line}")
	for line in (differing + links + files)[:20]:
		print(f"  {line}")
	print(
		f"records compared: {len(before['records'])}; records differing: {len(differing)}; "
		f"library records updated by the shipped library version: {len(library_updates)}; "
		f"links newly broken: {len(links)}; attached files compared: {len(before['files'])}; "
		f"files differing: {len(files)}"
	)
	return len(differing) + len(links) + len(files)


def main():
	parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
	commands = parser.add_subparsers(dest="command", required=True)
	command = commands.add_parser("attach")
	command.add_argument("--site", required=True)
	command.add_argument("--count", type=int, default=6)
	command = commands.add_parser("clean")
	command.add_argument("--site", required=True)
	command = commands.add_parser("dump")
	command.add_argument("--site", required=True)
	command.add_argument("--out", required=True)
	command = commands.add_parser("compare")
	command.add_argument("before")
	command.add_argument("after")
	command.add_argument(
		"--allow-added", action="store_true", help="records only AFTER has are not differences"
	)
	command.add_argument(
		"--library-may-change",
		action="store_true",
		help="library records may carry a new library version's content (an upgrade); user state on them may not",
	)
	args = parser.parse_args()
	if args.command == "attach":
		attach(args.site, args.count)
	elif args.command == "clean":
		clean(args.site)
	elif args.command == "dump":
		dump(args.site, args.out)
	else:
		sys.exit(1 if compare(args.before, args.after, args.allow_added, args.library_may_change) else 0)


if __name__ == "__main__":
	main()
