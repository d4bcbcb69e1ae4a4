# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class StatementofApplicabilityControl(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		applicability: DF.Data | None
		control_implementation: DF.Link | None
		control_owner: DF.Link | None
		control_title: DF.Data | None
		evidence: DF.SmallText | None
		evidence_count: DF.Int
		gaps: DF.SmallText | None
		implementation_status: DF.Data | None
		justification: DF.SmallText | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		risk_count: DF.Int
		risks: DF.SmallText | None
	# end: auto-generated types
