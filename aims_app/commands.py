"""Bench commands of aims_app: `bench --site SITE aims --help`."""

import click
from frappe.commands import get_site, pass_context


@click.group("aims")
def aims():
	"""The AI Management System (aims_app)."""


@aims.command("export-inventory")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@pass_context
def export_inventory(context, file):
	"""Write every AI system, model, dataset and supplier to FILE as an inventory card (YAML)."""
	import frappe

	from aims_app.ai_systems.inventory.transfer import export_inventory

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		card = export_inventory()
	finally:
		frappe.destroy()
	with open(file, "w", encoding="utf-8") as out:
		out.write(card)
	click.echo(f"Inventory written to {file}")


@aims.command("import-inventory")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check every record, write nothing.")
@pass_context
def import_inventory(context, file, dry_run):
	"""Create or update the AI systems, models, datasets and suppliers that FILE describes (all or nothing)."""
	import frappe

	from aims_app.ai_systems.inventory.transfer import REFUSALS, import_inventory

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		with open(file, "rb") as stream:
			summary = import_inventory(stream.read(), file, dry_run=dry_run)
		if not dry_run:
			frappe.db.commit()
	except REFUSALS as error:
		frappe.db.rollback()
		raise click.ClickException(frappe.utils.strip_html(str(error))) from error
	finally:
		frappe.destroy()
	click.echo(("Dry run, nothing written. " if dry_run else "") + "; ".join(summary.lines()))


@aims.command("load-demo")
@click.option("--add", is_flag=True, help="Load the demo beside the AIMS records the site already holds.")
@click.option("--remove", is_flag=True, help="Take out what the demo added, and only that.")
@pass_context
def load_demo(context, add, remove):
	"""Fill the site with Kestrel Mutual, a small demo AIMS, or (--remove) take it out again."""
	import frappe

	from aims_app import demo

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		manifest = demo.remove() if remove else demo.load(add=add)
	except demo.DemoRefused as error:
		raise click.ClickException(frappe.utils.strip_html(str(error))) from error
	finally:
		frappe.destroy()
	done = "removed" if remove else "loaded"
	click.echo(f"Demo organisation {done}: {len(manifest.created)} records, {len(manifest.users)} users.")


@aims.command("new-demo-site")
@click.argument("site")
@click.option("--db-root-username", default="root", help="Database root user, to create the database")
@click.option("--db-root-password", help="Database root password (asked for when not given)")
@click.option("--admin-password", help="Administrator password of the new site (asked for when not given)")
@click.pass_context
def new_demo_site(ctx, site, db_root_username, db_root_password, admin_password):
	"""Create SITE with aims_app installed, Frappe's setup wizard completed and the demo organisation loaded."""
	import frappe
	from frappe.commands.site import new_site

	from aims_app import demo

	ctx.invoke(
		new_site,
		site=site,
		install_app=("aims_app",),
		db_root_username=db_root_username,
		db_root_password=db_root_password,
		admin_password=admin_password,
	)
	frappe.init(site=site)
	frappe.connect()
	try:
		frappe.set_user("Administrator")
		demo.complete_setup_wizard()
		manifest = demo.load()
	finally:
		frappe.destroy()
	click.echo(
		f"{site}: demo organisation loaded ({len(manifest.created)} records). Log in as Administrator."
	)


@aims.command("audit-pack")
@click.argument("file", type=click.Path(dir_okay=False, writable=True))
@click.option("--from", "from_date", help="First day of the period (default: twelve months before --to).")
@click.option("--to", "to_date", help="Last day of the period (default: today).")
@click.option(
	"--user", default="Administrator", help="Build it as this user, an AIMS Manager (default Administrator)."
)
@pass_context
def audit_pack(context, file, from_date, to_date, user):
	"""Write the auditor's pack to FILE (a zip): documents, registers, evidence files, index and manifest."""
	import frappe

	from aims_app.ai_assurance.audit_pack import build

	frappe.init(site=get_site(context))
	frappe.connect()
	try:
		frappe.set_user(user)
		build.refuse_unless_manager(user)
		period_from, period_to = build.checked_period(from_date, to_date)
		pack = build.build_pack(
			file, period_from, period_to, lambda percent, step: click.echo(f"{percent:3d}% {step}")
		)
	except (frappe.ValidationError, frappe.PermissionError) as error:
		raise click.ClickException(frappe.utils.strip_html(str(error))) from error
	finally:
		frappe.destroy()
	click.echo(f"Auditor's pack written to {file}: {len(pack['files'])} files, {period_from} to {period_to}.")


commands = [aims]
