import { expect } from "@playwright/test";
import { DESK, DeskPage, slug } from "./desk_page.js";

export class ListPage extends DeskPage {
	async open(doctype) {
		this.doctype = doctype;
		await this.goto(`${DESK}/${slug(doctype)}`);
		await this.page.waitForFunction(
			(dt) =>
				frappe.get_route()?.[0] === "List" &&
				window.cur_list?.doctype === dt &&
				cur_list.$result?.is(":visible") &&
				!cur_list.$result.find(".list-loading").length,
			doctype,
		);
		await expect(this.page.locator(".frappe-list:visible").locator(".result, .no-result").first()).toBeVisible();
	}

	rows() {
		// Each list the desk has shown stays in the page, hidden: only the current one counts.
		return this.page.locator(".frappe-list:visible .list-row-container");
	}

	addButton() {
		return this.page.locator(".page-head .primary-action:visible", { hasText: "Add" });
	}
}
