# Copyright (c) 2026, aims_app developers and contributors
# For license information, please see license.txt

from aims_app.controllers.aims_document import AIMSDocument


class ComplianceFramework(AIMSDocument):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		content_hash: DF.Data | None
		content_note: DF.SmallText | None
		description: DF.SmallText | None
		edition: DF.Data | None
		framework_code: DF.Data
		framework_type: DF.Literal["Management System Standard", "Risk Management Framework", "Regulation"]
		is_certifiable: DF.Check
		library_version: DF.Data | None
		published_on: DF.Date | None
		publisher: DF.Data | None
		reference_url: DF.Data | None
		title: DF.Data
	# end: auto-generated types
