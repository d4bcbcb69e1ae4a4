"""The auditor's pack (issue 15): one zip of the documents, registers and evidence files a certification
auditor reviews at Stage 1, holding only what the requesting AIMS Manager may read.

Built in a background job (the long queue) with progress; the CLI (`bench --site SITE aims audit-pack`)
builds it in its own process. The zip is written to disk a file at a time, evidence files streamed in
chunks, so memory does not grow with the number of files. The layout, manifest and index are
`pack_rules` (no Frappe)."""

import json
import os
import zipfile
from collections.abc import Callable, Iterator

import frappe
from frappe import _
from frappe.utils import add_months, get_datetime, getdate, today
from frappe.utils.pdf import get_pdf
from frappe.utils.xlsxutils import make_xlsx

from aims_app.ai_assurance.audit_pack import pack_rules
from aims_app.ai_assurance.audit_pack.pack_rules import PackEntry
from aims_app.ai_assurance.audit_pack.printing import (
	aims_organisation_name,
	classification,
	default_letter_head,
)
from aims_app.ai_risk.report.ai_risk_register import ai_risk_register
from aims_app.roles import AIMS_MANAGER
from aims_app.translation import label, value

Progress = Callable[[int, str], None]
CERTIFICATION_AUDITS = ("Certification stage 1", "Certification stage 2", "Surveillance")
PACK_FOLDER = "Home/Attachments"
READY_EVENT = "aims_audit_pack_ready"


class PackRefused(frappe.PermissionError):
	pass


# Requesting ---------------------------------------------------------------------------------------------


def refuse_unless_manager(user: str):
	if AIMS_MANAGER not in frappe.get_roles(user):
		frappe.throw(
			_("Only an AIMS Manager may build the auditor's pack; {0} does not hold that role.").format(user),
			PackRefused,
			title=_("Not permitted"),
		)


def checked_period(from_date=None, to_date=None) -> tuple[str, str]:
	"""The period, by default the twelve months up to today; a period that ends before it starts is refused."""
	period_to = getdate(to_date or today())
	period_from = getdate(from_date) if from_date else getdate(add_months(period_to, -12))
	if period_from > period_to:
		frappe.throw(
			_("The pack's period starts on {0}, after it ends on {1}.").format(period_from, period_to),
			frappe.ValidationError,
		)
	return str(period_from), str(period_to)


def checked_audit(audit: str | None) -> str | None:
	"""A pack started from an AIMS Audit is attached to it: a certification or surveillance audit the user
	may read."""
	if not audit:
		return None
	doc = frappe.get_doc("AIMS Audit", audit)
	doc.check_permission("read")
	if doc.audit_type not in CERTIFICATION_AUDITS:
		frappe.throw(
			_("{0} is an audit of type {1}; the auditor's pack goes with a certification audit.").format(
				audit, value(doc.audit_type)
			),
			frappe.ValidationError,
		)
	return audit


@frappe.whitelist(methods=["POST"])
def request_pack(from_date=None, to_date=None, audit=None) -> dict:
	"""Queue the pack for the current user (an AIMS Manager) on the long queue, once the request commits: the
	web worker only checks and queues. The job publishes its progress and, when done, READY_EVENT with the
	File to download."""
	refuse_unless_manager(frappe.session.user)
	period_from, period_to = checked_period(from_date, to_date)
	audit = checked_audit(audit)
	frappe.enqueue(
		build_pack_file,
		queue="long",
		timeout=4 * 3600,
		enqueue_after_commit=True,
		period_from=period_from,
		period_to=period_to,
		audit=audit,
	)
	return {"period_from": period_from, "period_to": period_to}


@frappe.whitelist()
def my_packs(audit: str | None = None) -> list[dict]:
	"""The packs the current user may download: those attached to `audit`, or else their own. For readers of
	AIMS Audits (the list and form that show them); anyone else is refused."""
	if audit:
		frappe.get_doc("AIMS Audit", audit).check_permission("read")
	else:
		frappe.has_permission("AIMS Audit", "read", throw=True)
	filters = {"file_name": ("like", "auditors-pack-%.zip"), "is_private": 1}
	if audit:
		filters.update({"attached_to_doctype": "AIMS Audit", "attached_to_name": audit})
	else:
		filters["owner"] = frappe.session.user
	return frappe.get_list(
		"File",
		filters=filters,
		fields=["name", "file_name", "file_url", "creation"],
		order_by="creation desc",
	)


# Building -----------------------------------------------------------------------------------------------


def build_pack_file(period_from: str, period_to: str, audit: str | None = None) -> str:
	"""The background job: the pack as a private File (attached to the audit, else owned by the requester
	alone), announced to the requester when it is ready. Returns the File's name."""
	user = frappe.session.user
	refuse_unless_manager(user)
	file_name = f"auditors-pack-{period_from}-{period_to}-{frappe.generate_hash(length=6)}.zip"
	path = frappe.get_site_path("private", "files", file_name)

	def progress(percent: int, step: str):
		frappe.publish_progress(percent, title=_("Auditor's pack"), description=step)

	try:
		build_pack(path, period_from, period_to, progress)
		file = register_file(path, file_name, audit)
	except Exception:
		if os.path.exists(path):
			os.remove(path)
		raise
	# The job's end commits the File; the link is announced only then.
	frappe.publish_realtime(
		READY_EVENT,
		{"file_url": file.file_url, "file_name": file.file_name, "audit": audit},
		user=user,
		after_commit=True,
	)
	return file.name


def register_file(path: str, file_name: str, audit: str | None):
	"""A File record for the zip already on disk. File.insert would read the whole zip into memory to hash
	it; this hashes it in chunks and fills in what insert would."""
	with open(path, "rb") as stream:
		content_hash = pack_rules.file_sha256(stream)
	file = frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"file_url": f"/private/files/{file_name}",
			"is_private": 1,
			"file_size": os.path.getsize(path),
			"content_hash": content_hash,
			"attached_to_doctype": "AIMS Audit" if audit else None,
			"attached_to_name": audit,
		}
	)
	file.set_folder_name()
	file.set_file_type()
	file.name = frappe.generate_hash(length=10)
	file.db_insert()
	if audit:
		file.create_attachment_record()
	return file


def build_pack(path: str, period_from: str, period_to: str, progress: Progress | None = None) -> dict:
	"""Write the pack for the current user to `path`; returns its manifest."""
	progress = progress or (lambda percent, step: None)
	entries: list[PackEntry] = []
	with zipfile.ZipFile(path, "w", allowZip64=True) as archive:
		progress(5, _("Printing the documents"))
		for section, doctype, name, print_format, evidences in documents(period_from, period_to):
			# A list leaves out records the user may not read; printing also checks the records a document's
			# rows link to (a User Permission on AI System, say), so ask the same question first.
			if frappe.has_permission(doctype, "print", doc=name):
				entries.append(add_pdf(archive, section, doctype, name, print_format, evidences))
		entries.append(add_nonconformity_log(archive, period_from, period_to))
		progress(40, _("Writing the registers"))
		for register in registers(period_from, period_to):
			entries.append(add_register(archive, register, period_to))
		progress(60, _("Copying the evidence files"))
		entries.extend(add_evidence_files(archive, progress))
		progress(95, _("Writing the index"))
		pack = pack_rules.manifest(entries, about(period_from, period_to))
		archive.writestr(
			pack_rules.zip_info(pack_rules.MANIFEST), json.dumps(pack, indent=1, ensure_ascii=False)
		)
		archive.writestr(pack_rules.zip_info(pack_rules.INDEX), pack_rules.render_index(pack, index_labels()))
	progress(100, _("Done"))
	return pack


def about(period_from: str, period_to: str) -> dict:
	return {
		"title": "Auditor's pack",
		"organisation": aims_organisation_name(),
		"period_from": period_from,
		"period_to": period_to,
		"requested_by": frappe.session.user,
		"language": frappe.local.lang or "en",
	}


def index_labels() -> dict:
	return {
		"title": _("Auditor's pack"),
		"organisation": _("Organisation"),
		"period": _("Period"),
		"requested_by": _("Requested by"),
		"file": _("File"),
		"evidences": _("What it evidences"),
		"source": _("Record"),
		"size": _("Bytes"),
		"sha256": _("SHA-256"),
	}


# Documents (PDF through the app's print formats) --------------------------------------------------------


def documents(period_from: str, period_to: str) -> Iterator[tuple[str, str, str, str, str]]:
	"""(folder, doctype, name, print format, what it evidences) of every document the pack prints, each
	as the user may read it."""
	for name in latest("AIMS Scope", {"docstatus": 1}, "effective_from desc, name desc"):
		yield "scope", "AIMS Scope", name, "AIMS Scope", _("The current AIMS scope (clause 4.3)")
	for name in latest("AI Policy", {"docstatus": 1, "status": "Published"}, "version desc, name desc"):
		yield "policy", "AI Policy", name, "AI Policy", _("The published AI policy (clause 5.2)")
	for name in latest("Statement of Applicability", {"docstatus": 1}, "approved_on desc, name desc"):
		yield (
			"statement-of-applicability",
			"Statement of Applicability",
			name,
			"Statement of Applicability",
			_("The latest approved Statement of Applicability (clause 6.1.3)"),
		)
	for name in names("AI Impact Assessment", {"docstatus": 1}):
		yield (
			"impact-assessments",
			"AI Impact Assessment",
			name,
			"AI Impact Assessment",
			_("A signed AI system impact assessment (clause 8.4)"),
		)
	in_period = ("between", [period_from, period_to])
	for name in names("AIMS Audit", {"docstatus": 1, "end_date": in_period}):
		yield (
			"audits",
			"AIMS Audit",
			name,
			"AIMS Audit Report",
			_("An audit report of the period (clause 9.2)"),
		)
	for name in names("Management Review", {"docstatus": 1, "review_date": in_period}):
		yield (
			"management-reviews",
			"Management Review",
			name,
			"Management Review Minutes",
			_("Management review minutes (clause 9.3)"),
		)


def latest(doctype: str, filters: dict, order_by: str) -> list[str]:
	return frappe.get_list(doctype, filters=filters, order_by=order_by, limit_page_length=1, pluck="name")


def names(doctype: str, filters: dict) -> list[str]:
	return frappe.get_list(doctype, filters=filters, order_by="name asc", limit_page_length=0, pluck="name")


def add_pdf(archive, section: str, doctype: str, name: str, print_format: str, evidences: str) -> PackEntry:
	pdf = pack_rules.stable_pdf(frappe.get_print(doctype, name, print_format=print_format, as_pdf=True))
	path = pack_rules.document_path(section, name)
	size, sha = pack_rules.write_bytes(archive, path, pdf)
	return PackEntry(path, evidences, f"{doctype} {name}", size, sha)


def add_nonconformity_log(archive, period_from: str, period_to: str) -> PackEntry:
	"""The nonconformities raised in the period or still open, one PDF through the log's template."""
	rows = frappe.get_list(
		"Nonconformity",
		fields=[
			"name",
			"title",
			"grade",
			"source",
			"requirement",
			"raised_on",
			"nc_owner",
			"workflow_state",
			"effectiveness_result",
			"verified_on",
		],
		or_filters={"raised_on": ("between", [period_from, period_to]), "workflow_state": ("!=", "Closed")},
		order_by="raised_on asc, name asc",
		limit_page_length=0,
	)
	html = frappe.render_template(
		"aims_app/templates/print/nonconformity_log.html",
		{
			"rows": rows,
			"period_from": period_from,
			"period_to": period_to,
			"letter_head": default_letter_head(),
			"classification": classification(),
		},
	)
	path = "documents/nonconformity-log.pdf"
	size, sha = pack_rules.write_bytes(archive, path, pack_rules.stable_pdf(get_pdf(html)))
	return PackEntry(
		path,
		_("Nonconformity log: {0} nonconformities raised in the period or still open (clause 10.2)").format(
			len(rows)
		),
		"Nonconformity",
		size,
		sha,
	)


# Registers (XLSX) ---------------------------------------------------------------------------------------


class Register(frappe._dict):
	"""key, title, source (the doctype or report), header (labels), rows (lists), filters (a sentence)."""


def registers(period_from: str, period_to: str) -> Iterator[Register]:
	yield listed(
		"ai-systems",
		_("AI systems"),
		"AI System",
		[
			"name",
			"system_name",
			"system_owner",
			"lifecycle_stage",
			"in_scope",
			"our_role",
			"eu_ai_act_tier",
			"computed_tier",
			"tier_override",
			"next_review_date",
			"placed_on_market_on",
			"next_obligation_on",
		],
		{},
	)
	yield obligations_register()
	yield risk_register()
	yield listed(
		"controls",
		_("Annex A controls"),
		"Control Implementation",
		[
			"control",
			"control_title",
			"applicability",
			"justification",
			"implementation_status",
			"control_owner",
			"target_date",
			"last_verified_on",
		],
		{},
		order_by="control_sort asc, name asc",
	)
	yield evidence_register()
	yield listed(
		"objectives",
		_("AI objectives"),
		"AI Objective",
		[
			"name",
			"title",
			"objective_owner",
			"status",
			"metric",
			"unit",
			"direction",
			"target_value",
			"baseline_value",
			"latest_value",
			"latest_measured_on",
			"due_date",
		],
		{},
	)
	yield listed(
		"competence",
		_("Competence records"),
		"Competence Record",
		["name", "person", "competence_area", "aims_role", "how_gained", "gained_on", "valid_until"],
		{},
	)
	yield listed(
		"incidents",
		_("AI incidents"),
		"AI Incident",
		[
			"name",
			"title",
			"ai_system",
			"occurred_on",
			"severity",
			"status",
			"is_serious_incident",
			"reporting_deadline",
			"report_status",
		],
		{"occurred_on": ("between", [get_datetime(period_from), get_datetime(f"{period_to} 23:59:59")])},
		filters_text=_("Occurred from {0} to {1}").format(period_from, period_to),
	)


def listed(key, title, doctype, fields, filters, order_by="name asc", filters_text=None) -> Register:
	meta = frappe.get_meta(doctype)
	rows = frappe.get_list(
		doctype, fields=fields, filters=filters, order_by=order_by, limit_page_length=0, as_list=True
	)
	return Register(
		key=key,
		title=title,
		source=doctype,
		header=[label(meta, field) if field != "name" else _("ID") for field in fields],
		rows=[list(row) for row in rows],
		filters=filters_text or _("None: every record"),
	)


OBLIGATION_FIELDS = (
	"article",
	"summary",
	"duty_of",
	"applies_from",
	"status",
	"deciding_rule",
	"addressed",
	"how_addressed",
)


def obligations_register() -> Register:
	"""Every EU AI Act obligation of the systems the requester may read, with whose duty it is, from when it
	applies (the library's date) and the rule that decides that date."""
	meta = frappe.get_meta("AI System Obligation")
	child = "`tabAI System Obligation`"
	rows = frappe.get_list(
		"AI System",
		fields=["name", "system_name", *(f"{child}.{field}" for field in OBLIGATION_FIELDS)],
		filters=[["AI System Obligation", "article", "is", "set"]],
		order_by="`tabAI System`.name asc, `tabAI System Obligation`.idx asc",
		limit_page_length=0,
		as_list=True,
	)
	return Register(
		key="eu-ai-act-obligations",
		title=_("EU AI Act obligations"),
		source="AI System",
		header=[
			_("ID"),
			label(frappe.get_meta("AI System"), "system_name"),
			*(label(meta, field) for field in OBLIGATION_FIELDS),
		],
		rows=[list(row) for row in rows],
		filters=_("None: every obligation of every AI system, dated by the EU AI Act library"),
	)


def risk_register() -> Register:
	"""The AI Risk Register report's own rows, every page of it, with its columns."""
	columns, rows, page = None, [], 1
	while True:
		columns, page_rows, *_rest = ai_risk_register.execute({"page": page})
		rows.extend(page_rows)
		if len(page_rows) < ai_risk_register.PAGE_LENGTH:
			break
		page += 1
	return Register(
		key="risks",
		title=_("AI risks"),
		source="Report AI Risk Register",
		header=[column["label"] for column in columns],
		rows=[[row.get(column["fieldname"]) for column in columns] for row in rows],
		filters=_("None: every risk, as the AI Risk Register report shows them"),
	)


def evidence_register() -> Register:
	fields = [
		"name",
		"title",
		"evidence_kind",
		"evidence_owner",
		"document_version",
		"issued_on",
		"valid_until",
		"attachment",
		"external_link",
	]
	register = listed("evidence", _("Evidence"), "AIMS Evidence", fields, {})
	controls = controls_by_evidence()
	register.header.append(_("Controls Evidenced"))
	for row in register.rows:
		row.append(", ".join(controls.get(row[0], [])))
	return register


def controls_by_evidence() -> dict[str, list[str]]:
	links = frappe.get_list(
		"AIMS Evidence Link",
		parent_doctype="AIMS Evidence",
		fields=["parent", "control_implementation"],
		filters={"control_implementation": ("is", "set")},
		order_by="parent asc, control_implementation asc",
		limit_page_length=0,
	)
	controls: dict[str, list[str]] = {}
	for link in links:
		if link.control_implementation not in controls.setdefault(link.parent, []):
			controls[link.parent].append(link.control_implementation)
	return controls


def add_register(archive, register: Register, period_to: str) -> PackEntry:
	data = [
		[register.title],
		[_("Filters: {0}").format(register.filters)],
		[_("As seen by {0}").format(frappe.session.user)],
		[],
		register.header,
		*register.rows,
	]
	xlsx = make_xlsx(data, register.title[:31]).getvalue()
	path = pack_rules.register_path(register.key)
	size, sha = pack_rules.write_bytes(
		archive, path, pack_rules.stable_office_file(xlsx, f"{period_to}T00:00:00Z")
	)
	return PackEntry(
		path,
		_("Register of {0} (rows: {1})").format(register.title, len(register.rows)),
		register.source,
		size,
		sha,
	)


# Evidence files -----------------------------------------------------------------------------------------


def add_evidence_files(archive, progress: Progress) -> list[PackEntry]:
	"""Every file attached to evidence the user may read, in the folder of each control it evidences,
	copied from disk a chunk at a time."""
	evidence = {
		row.name: row
		for row in frappe.get_list(
			"AIMS Evidence",
			fields=["name", "title", "attachment"],
			filters={"attachment": ("is", "set")},
			order_by="name asc",
			limit_page_length=0,
		)
	}
	controls = controls_by_evidence()
	files = evidence_files(list(evidence))
	entries = []
	for done, name in enumerate(files, start=1):
		file = frappe.get_doc("File", name)
		if not frappe.has_permission("File", "read", doc=file):
			continue
		record = evidence[file.attached_to_name]
		for control in controls.get(record.name) or [None]:
			path = pack_rules.evidence_path(control, record.name, file.file_name)
			with open(file.get_full_path(), "rb") as source:
				size, sha = pack_rules.write_stream(archive, path, source)
			what = (
				_("Evidence {0} ({1}) for control {2}").format(record.name, record.title, control)
				if control
				else _("Evidence {0} ({1})").format(record.name, record.title)
			)
			entries.append(PackEntry(path, what, f"AIMS Evidence {record.name}", size, sha))
		if done % 50 == 0:
			progress(
				60 + int(35 * done / len(files)),
				_("Copied {0} of {1} evidence files").format(done, len(files)),
			)
	return entries


def evidence_files(evidence: list[str]) -> list[str]:
	"""The names of the File records of these evidence records' attachments on disk, in evidence order."""
	if not evidence:
		return []
	file = frappe.qb.DocType("File")
	evidence_table = frappe.qb.DocType("AIMS Evidence")
	return (
		frappe.qb.from_(file)
		.join(evidence_table)
		.on((evidence_table.name == file.attached_to_name) & (evidence_table.attachment == file.file_url))
		.select(file.name)
		.where(file.attached_to_doctype == "AIMS Evidence")
		.where(file.attached_to_name.isin(evidence))
		.where(file.is_folder == 0)
		.where(~file.file_url.like("http%"))
		.orderby(file.attached_to_name)
		.orderby(file.name)
		.run(pluck=True)
	)
