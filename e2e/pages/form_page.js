// A document's form: open it, fill and save it, take its workflow actions or submit it.
import { expect } from "@playwright/test";
import { DESK, DeskPage, slug } from "./desk_page.js";

export class FormPage extends DeskPage {
	async open(doctype, name = "new") {
		this.doctype = doctype;
		await this.goto(name === "new" ? `${DESK}/${slug(doctype)}/new` : `${DESK}/${slug(doctype)}/${encodeURIComponent(name)}`);
		await this.ready(name);
	}

	async ready(name = null) {
		await this.page.waitForFunction(
			([dt, dn]) =>
				frappe.get_route()?.[0] === "Form" &&
				window.cur_frm?.doctype === dt &&
				cur_frm.doc &&
				(dn === null || (dn === "new" ? cur_frm.is_new() : cur_frm.doc.name === dn)) &&
				cur_frm.layout?.wrapper?.is(":visible"),
			[this.doctype, name],
		);
		await this.settled();
	}

	// The record as stored now (another user may have moved it on since this form loaded it).
	async refresh() {
		await this.page.evaluate(() => cur_frm.reload_doc());
		await this.settled();
	}

	name() {
		return this.page.evaluate(() => cur_frm.doc.name);
	}

	doc() {
		return this.page.evaluate(() => cur_frm.doc);
	}

	field(fieldname) {
		return this.page.locator(
			`.frappe-control[data-fieldname="${fieldname}"] :is(input, textarea, select, .ql-editor):visible`,
		);
	}

	async fill(values) {
		for (const [fieldname, value] of Object.entries(values)) {
			await this.field(fieldname).first().fill(String(value));
			await this.field(fieldname).first().blur();
		}
	}

	// A link chosen as a user chooses it: what they know of the record (its title) typed into the field, then the
	// record picked from the suggestions.
	async pickLink(fieldname, value, typed = value) {
		const input = this.field(fieldname).first();
		await input.click();
		await input.fill(typed);
		await this.page.getByRole("option", { name: typed }).first().click();
		await this.page.waitForFunction(([f, v]) => cur_frm.doc[f] === v, [fieldname, value]);
		await this.settled();
	}

	// Values of links, dates and selects as the form's own controls would set them.
	async set(values) {
		await this.page.evaluate((values) => cur_frm.set_value(values), values);
	}

	// Rows of a child table, as the grid's own model would take them.
	async setRows(table, rows) {
		await this.page.evaluate(
			([table, rows]) => {
				cur_frm.clear_table(table);
				for (const values of rows) Object.assign(cur_frm.add_child(table), values);
				cur_frm.refresh_field(table);
				cur_frm.dirty();
			},
			[table, rows],
		);
	}

	async setRowValues(table, valuesFor) {
		await this.page.evaluate(
			async ([table, valuesFor]) => {
				for (const row of cur_frm.doc[table]) {
					for (const [fieldname, value] of Object.entries(valuesFor[row.idx] || valuesFor["*"])) {
						await frappe.model.set_value(row.doctype, row.name, fieldname, value);
					}
				}
			},
			[table, valuesFor],
		);
	}

	// Saved once the server has answered: on a slow server the last field typed is still being checked (a link
	// field asks the server), and a key pressed before that answer may go unheard.
	async save() {
		await this.settled();
		const answered = this.page.waitForResponse((response) =>
			response.url().includes("/api/method/frappe.desk.form.save.savedocs"),
		);
		await this.page.keyboard.press("Control+s");
		await answered;
		await this.page.waitForFunction(() => !cur_frm.is_dirty() && !cur_frm.is_new() && !cur_frm.saving);
		await this.settled();
		await this.expectNoErrorDialog();
	}

	// A workflow action from the form's Actions menu; a signing action asks to confirm.
	async action(label, { confirm = false } = {}) {
		const before = await this.page.evaluate(() => cur_frm.doc.modified);
		await this.page.locator(".page-head .actions-btn-group > button:visible", { hasText: "Actions" }).click();
		await this.page.locator(".page-head .actions-btn-group .dropdown-menu.show .dropdown-item", { hasText: label }).click();
		if (confirm) await this.confirm();
		await this.page.waitForFunction((before) => cur_frm.doc.modified !== before, before);
		await this.settled();
		await this.expectNoErrorDialog();
	}

	async submit() {
		await this.page.locator(".page-head .primary-action:visible", { hasText: "Submit" }).click();
		await this.confirm();
		await this.page.waitForFunction(() => cur_frm.doc.docstatus === 1);
		await this.settled();
		await this.expectNoErrorDialog();
	}

	async confirm() {
		await this.page.locator(".modal.show .btn-primary:visible", { hasText: "Yes" }).click();
	}

	async expectState(state) {
		await expect(this.page.locator(".page-head .indicator-pill:visible").first()).toContainText(state);
	}

	// The form's Connections: the count shown beside each linked doctype.
	async connectionCount(doctype) {
		const link = this.page.locator(`.form-dashboard:visible .document-link[data-doctype="${doctype}"]`);
		await expect(link).toBeVisible();
		const text = (await link.locator(".count").innerText().catch(() => "")) || "0";
		return Number(text.trim() || 0);
	}
}
