from frappe import _

from aims_app.ai_systems.portal.transparency import (
	concern_form_url,
	published_policy_summary,
	published_systems,
)

no_cache = 1


def get_context(context):
	context.title = _("How We Use AI")
	context.systems = published_systems()
	context.policy = published_policy_summary()
	context.concern_url = concern_form_url()
	context.system_route = "/ai-transparency/"
	return context
