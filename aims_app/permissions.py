"""Record-level rules on top of the role permissions in each doctype's JSON.

An AI System Owner reads the whole inventory but changes only the systems they own and what hangs off
them: the models and datasets of those systems (or ones they created), incidents and impact assessments
of those systems. Risks are changed by their owner or the system's owner; an acceptance is decided by
the risk's owner or an AIMS Approver; evidence is changed by its owner or whoever filed it; a
nonconformity by its owner, the owners of its corrective actions and the auditors.
Each hook returns an explicit True or False (Frappe v16 reads None as a denial).
"""

import frappe
from frappe import _

from aims_app.ai_risk.risk_rules import decides_acceptance
from aims_app.roles import AIMS_APPROVER, AIMS_AUDITOR, UNRESTRICTED

READ_ONLY_PTYPES = {"read", "select", "report", "export", "print", "email"}


def has_unrestricted_role(user: str | None = None) -> bool:
	return bool(UNRESTRICTED & set(frappe.get_roles(user or frappe.session.user)))


def _unrestricted(ptype: str | None, user: str | None) -> bool:
	return (ptype or "read") in READ_ONLY_PTYPES or has_unrestricted_role(user)


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


def ai_system(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Changed only by its system owner."""
	user = user or frappe.session.user
	return _unrestricted(ptype, user) or doc.system_owner == user


def ai_incident(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Changed only by the owner of the AI system it happened in."""
	user = user or frappe.session.user
	return _unrestricted(ptype, user) or owns_system(doc.ai_system, user)


def _component(doc, ptype, user, child_doctype: str, link_field: str) -> bool:
	"""A model or dataset: changed by whoever created it or owns a system that lists it."""
	user = user or frappe.session.user
	return (
		_unrestricted(ptype, user)
		or doc.is_new()
		or doc.owner == user
		or uses_in_own_system(child_doctype, link_field, doc.name, user)
	)


def ai_model(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Changed by whoever created it or owns an AI system that uses it."""
	return _component(doc, ptype, user, "AI System Model", "ai_model")


def ai_dataset(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Changed by whoever created it or owns an AI system that uses it."""
	return _component(doc, ptype, user, "AI System Dataset", "ai_dataset")


def ai_impact_assessment(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Created, changed and signed only by the owner of the AI system assessed."""
	user = user or frappe.session.user
	return _unrestricted(ptype, user) or owns_system(doc.ai_system, user)


def ai_risk(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Changed only by its risk owner or the owner of its AI system."""
	user = user or frappe.session.user
	return _unrestricted(ptype, user) or doc.risk_owner == user or owns_system(doc.ai_system, user)


def risk_acceptance(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Drafted and decided only by the risk's owner or an AIMS Approver."""
	user = user or frappe.session.user
	return _unrestricted(ptype, user) or decides_acceptance(
		is_risk_owner=bool(doc.ai_risk) and frappe.db.get_value("AI Risk", doc.ai_risk, "risk_owner") == user,
		is_approver=AIMS_APPROVER in frappe.get_roles(user),
	)


def aims_evidence(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Changed only by its evidence owner or whoever filed it."""
	user = user or frappe.session.user
	return _unrestricted(ptype, user) or doc.is_new() or user in (doc.evidence_owner, doc.owner)


def nonconformity(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Changed only by its owner, the owner of one of its corrective actions, or an AIMS Auditor."""
	user = user or frappe.session.user
	return (
		_unrestricted(ptype, user)
		or doc.is_new()
		or user == doc.nc_owner
		or user in {action.action_owner for action in doc.get("corrective_actions", [])}
		or AIMS_AUDITOR in frappe.get_roles(user)
	)


def ai_system_step(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Raised by the owner of its AI system; approved by that owner or an AIMS Approver.

	A stage review or change; its controller decides which of them may sign, never the one who asked."""
	user = user or frappe.session.user
	return (
		_unrestricted(ptype, user)
		or owns_system(doc.ai_system, user)
		or AIMS_APPROVER in frappe.get_roles(user)
	)


def ai_monitoring_metric(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Set up and changed only by the owner of the AI system watched."""
	user = user or frappe.session.user
	return _unrestricted(ptype, user) or owns_system(doc.ai_system, user)


def ai_monitoring_measurement(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Recorded (by hand or by a pipeline through REST) only for a metric of a system the user owns."""
	user = user or frappe.session.user
	if _unrestricted(ptype, user):
		return True
	system = frappe.db.get_value("AI Monitoring Metric", doc.metric, "ai_system") if doc.metric else None
	if owns_system(system, user):
		return True
	if ptype == "create" and system:
		frappe.msgprint(
			_(
				"Metric: {0} watches AI system {1}, which you do not own; only its owner records its measurements."
			).format(doc.metric, system),
			title=_("Not your system"),
		)
	return False


def ai_fairness_evaluation(doc, ptype=None, user=None, **kwargs) -> bool:
	"""Made, evaluated and signed only by the owner of the AI system evaluated."""
	user = user or frappe.session.user
	return _unrestricted(ptype, user) or owns_system(doc.ai_system, user)
