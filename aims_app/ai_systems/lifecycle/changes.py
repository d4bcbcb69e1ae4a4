"""What an AI System Change must record before it is saved (A.6.2.6, 8.1): pure, tested without a site."""

from aims_app.ai_systems.lifecycle.gates import OPERATION
from aims_app.messages import Message, _

NEW_MODEL_VERSION = "New model version"
NEW_PURPOSE = "New purpose or user group"
CHANGE_KINDS = (
	NEW_MODEL_VERSION,
	"Retraining",
	"New or changed dataset",
	NEW_PURPOSE,
	"New supplier or supplier model",
	"Configuration or prompt change",
	"Decommissioning part of the system",
)


def change_refusal(
	kind: str,
	system: str,
	system_stage: str,
	new_model: str | None,
	rollback_plan: str | None,
	rollback_plan_due: bool = True,
) -> Message | None:
	"""Why this change cannot be recorded, or None when it can. A draft the model registry sync prepares is
	saved before its owner has written the rollback plan (`rollback_plan_due` off)."""
	if system_stage != OPERATION:
		return Message(
			_(
				"AI System {system} is at {stage}, not in operation: a change before operation is part of "
				"its development; raise an AI System Stage Review instead."
			),
			{"system": system, "stage": system_stage},
		)
	if kind == NEW_MODEL_VERSION and not new_model:
		return Message(_("A new model version needs the New Model it brings (an AI Model)."))
	if kind == NEW_MODEL_VERSION and rollback_plan_due and not (rollback_plan or "").strip():
		return Message(_("Rollback Plan is empty: a change that replaces a model version needs one."))
	return None
