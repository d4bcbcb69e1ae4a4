"""Serve one Frappe site on 127.0.0.1 only (bench serve listens on every interface), with its assets, no reloader
and no debugger: what the browser checks run against. Run with the bench's python from its sites folder:
	serve_site.py SITE PORT
"""

import logging
import sys

import frappe.app
from werkzeug.serving import run_simple


def main():
	site, port = sys.argv[1], int(sys.argv[2])
	frappe.app._site = site
	frappe.app._sites_path = "."
	logging.getLogger("werkzeug").setLevel(logging.ERROR)
	run_simple("127.0.0.1", port, frappe.app.application_with_statics(), threaded=True, use_reloader=False)


if __name__ == "__main__":
	main()
