"""Record-level rules on top of the role permissions in each doctype's JSON.

An AI System Owner reads the whole inventory but changes only the systems they own and what hangs off
them: the models and datasets of those systems (or ones they created), incidents and impact assessments
of those systems. Risks are changed by their owner or the system's owner; an acceptance is decided by
the risk's owner or an AIMS Approver; evidence is changed by its owner or whoever filed it; a
nonconformity by its owner, the owners of its corrective actions and the auditors.
A change to a stored record is judged on the record as stored, never on the values the request brings
(Frappe applies those before it asks): whoever may not change the record cannot make it theirs in the same
request. An owning field (the person a record belongs to) is changed only by an unrestricted role or by its
current holder handing it over; moving a record to another AI system, metric or risk needs the right on both.
Each hook returns an explicit True or False (Frappe v16 reads None as a denial).
"""

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.permissions import has_user_permission

from aims_app.ai_risk.risk_rules import decides_acceptance
from aims_app.roles import AIMS_APPROVER, AIMS_AUDITOR, UNRESTRICTED
from aims_app.translation import label, value

READ_ONLY_PTYPES = {"read", "select", "report", "export", "print", "email"}


def has_unrestricted_role(user: str | None = None) -> bool:
	return bool(UNRESTRICTED & set(frappe.get_roles(user or frappe.session.user)))


def owns_system(ai_system: str | None, user: str) -> bool:
	return bool(ai_system) and frappe.db.get_value("AI System", ai_system, "system_owner") == user


def uses_in_own_system(child_doctype: str, link_field: str, name: str, user: str) -> bool:
	"""Whether a model or dataset is listed on an AI System that `user` owns."""
	child = frappe.qb.DocType(child_doctype)
	system = frappe.qb.DocType("AI System")
	return bool(
		frappe.qb.from_(child)
		.join(system)
		.on(system.name == child.parent)
		.select(child.name)
		.where(
			(child[link_field] == name) & (child.parenttype == "AI System") & (system.system_owner == user)
		)
		.limit(1)
		.run()
	)


def _stored(doc: Document, ptype: str | None) -> Document | None:
	"""The record as the database holds it, or None when the request creates it."""
	if ptype == "create" or doc.is_new() or not doc.name:
		return None
	try:
		return frappe.get_doc(doc.doctype, doc.name)
	except frappe.DoesNotExistError:
		return None


def _may_write(
	doc: Document,
	ptype: str | None,
	user: str | None,
	may_change,
	people: tuple[str, ...] = (),
	containers: tuple[str, ...] = (),
) -> bool:
	"""Whether `user` may do `ptype` to `doc`, where `may_change(record, user)` is the doctype's owner rule.

	`people` are the owning fields (a person), `containers` the links that place the record under an AI
	system, a metric or a risk whose owner decides."""
	user = user or frappe.session.user
	if (ptype or "read") in READ_ONLY_PTYPES:
		return True
	stored = _stored(doc, ptype)
	if stored is not None and not has_user_permission(stored, user):
		return False
	if has_unrestricted_role(user):
		return True
	if stored is None:
		return may_change(doc, user)
	if not may_change(stored, user):
		return False
	for fieldname in people:
		if _changed(stored, doc, fieldname) and stored.get(fieldname) != user:
			return _refuse(
				_(
					"{0} of {1} {2} is changed only by an AIMS Manager or by {3}, who holds it now: ask one of "
					"them to hand it over."
				).format(label(doc.meta, fieldname), value(doc.doctype), doc.name, stored.get(fieldname))
			)
	for fieldname in containers:
		if _changed(stored, doc, fieldname) and not may_change(doc, user):
			return _refuse(
				_("{0} of {1} {2} cannot be set to {3}: you may not change records of {3}.").format(
					label(doc.meta, fieldname), value(doc.doctype), doc.name, doc.get(fieldname)
				)
			)
	return True


def _changed(stored: Document, doc: Document, fieldname: str) -> bool:
	return (stored.get(fieldname) or None) != (doc.get(fieldname) or None)


def _refuse(message: str) -> bool:
	frappe.msgprint(message, title=_("Not Permitted"))
	return False


def ai_system(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Changed only by its system owner."""
	return _may_write(doc, ptype, user, _owns_it, people=("system_owner",))


def _owns_it(record, user: str) -> bool:
	return record.system_owner == user


def _owns_its_system(record, user: str) -> bool:
	return owns_system(record.ai_system, user)


def ai_incident(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Changed only by the owner of the AI system it happened in."""
	return _may_write(doc, ptype, user, _owns_its_system, containers=("ai_system",))


def _component(doc, ptype, user, child_doctype: str, link_field: str) -> bool:
	"""A model or dataset: changed by whoever created it or owns a system that lists it."""

	def made_or_used(record, user: str) -> bool:
		return record.owner == user or uses_in_own_system(child_doctype, link_field, record.name, user)

	if ptype == "create" or doc.is_new():
		return True
	return _may_write(doc, ptype, user, made_or_used, people=("owner",))


def ai_model(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Changed by whoever created it or owns an AI system that uses it."""
	return _component(doc, ptype, user, "AI System Model", "ai_model")


def ai_dataset(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Changed by whoever created it or owns an AI system that uses it."""
	return _component(doc, ptype, user, "AI System Dataset", "ai_dataset")


def ai_impact_assessment(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Created, changed and signed only by the owner of the AI system assessed."""
	return _may_write(doc, ptype, user, _owns_its_system, containers=("ai_system",))


def _owns_risk_or_system(record, user: str) -> bool:
	return record.risk_owner == user or owns_system(record.ai_system, user)


def ai_risk(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Changed only by its risk owner or the owner of its AI system."""
	return _may_write(
		doc, ptype, user, _owns_risk_or_system, people=("risk_owner",), containers=("ai_system",)
	)


def _decides(record, user: str) -> bool:
	return decides_acceptance(
		is_risk_owner=bool(record.ai_risk)
		and frappe.db.get_value("AI Risk", record.ai_risk, "risk_owner") == user,
		is_approver=AIMS_APPROVER in frappe.get_roles(user),
	)


def risk_acceptance(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Drafted and decided only by the risk's owner or an AIMS Approver."""
	return _may_write(doc, ptype, user, _decides, containers=("ai_risk",))


def _owns_evidence(record, user: str) -> bool:
	return user in (record.evidence_owner, record.owner)


def aims_evidence(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Changed only by its evidence owner or whoever filed it."""
	if ptype == "create" or doc.is_new():
		return True
	return _may_write(doc, ptype, user, _owns_evidence, people=("evidence_owner", "owner"))


def _answers_for_nonconformity(record, user: str) -> bool:
	return (
		user == record.nc_owner
		or user in {action.action_owner for action in record.get("corrective_actions", [])}
		or AIMS_AUDITOR in frappe.get_roles(user)
	)


def nonconformity(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Changed only by its owner, the owner of one of its corrective actions, or an AIMS Auditor."""
	if ptype == "create" or doc.is_new():
		return True
	return _may_write(doc, ptype, user, _answers_for_nonconformity, people=("nc_owner",))


def _owns_system_or_approves(record, user: str) -> bool:
	return owns_system(record.ai_system, user) or AIMS_APPROVER in frappe.get_roles(user)


def ai_system_step(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Raised by the owner of its AI system; approved by that owner or an AIMS Approver.

	A stage review or change; its controller decides which of them may sign, never the one who asked."""
	return _may_write(doc, ptype, user, _owns_system_or_approves, containers=("ai_system",))


def ai_monitoring_metric(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Set up and changed only by the owner of the AI system watched."""
	return _may_write(doc, ptype, user, _owns_its_system, containers=("ai_system",))


def _owns_watched_system(record, user: str) -> bool:
	return owns_system(_system_of_metric(record.metric), user)


def _system_of_metric(metric: str | None) -> str | None:
	return frappe.db.get_value("AI Monitoring Metric", metric, "ai_system") if metric else None


def ai_monitoring_measurement(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Recorded (by hand or by a pipeline through REST) only for a metric of a system the user owns."""
	allowed = _may_write(doc, ptype, user, _owns_watched_system, containers=("metric",))
	if not allowed and ptype == "create" and _system_of_metric(doc.metric):
		frappe.msgprint(
			_(
				"Metric: {0} watches AI system {1}, which you do not own; only its owner records its measurements."
			).format(doc.metric, _system_of_metric(doc.metric)),
			title=_("Not your system"),
		)
	return allowed


def ai_fairness_evaluation(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Made, evaluated and signed only by the owner of the AI system evaluated."""
	return _may_write(doc, ptype, user, _owns_its_system, containers=("ai_system",))
