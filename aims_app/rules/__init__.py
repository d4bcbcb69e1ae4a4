"""Pure functions the app computes with: no Frappe import, so they are tested without a site."""
