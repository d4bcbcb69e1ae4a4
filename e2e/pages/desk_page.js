// A desk page: open a route and wait until the desk has rendered it and its requests are done.
import { expect } from "@playwright/test";
import { DESK, shotFile } from "../desk.js";

export { DESK };

export const slug = (doctype) => doctype.toLowerCase().replace(/ /g, "-");

export class DeskPage {
	constructor(page) {
		this.page = page;
	}

	// A desk route is followed inside the running desk, as its links do; anything else is loaded. Pages that
	// keep loading (the print preview's frame) say when they are ready themselves: `idle: false`.
	async goto(path, { idle = true } = {}) {
		const inDesk = path.startsWith(`${DESK}/`) && (await this.page.evaluate(() => !!window.frappe?.router?.current_route));
		if (inDesk) {
			await this.page.evaluate((path) => frappe.set_route(path), path);
		} else {
			await this.page.goto(path);
		}
		if (idle) await this.settled();
	}

	// No request under way and the desk not frozen for one. Playwright's "networkidle" is a state a page reaches
	// once, when it loads, so inside the desk (one page) it says nothing: the desk's own count of requests in
	// flight must be zero and stay zero for a moment, as a form's refresh after a save chains its requests (the
	// workflow's actions come a request later).
	async settled() {
		await this.page.waitForLoadState("networkidle");
		await this.page.evaluate(() => {
			window.aimsIdleSince = null;
		});
		await this.page.waitForFunction(
			() => {
				const busy = window.frappe?.request?.ajax_count || window.frappe?.dom?.freeze_count;
				if (busy) {
					window.aimsIdleSince = null;
					return false;
				}
				window.aimsIdleSince ??= Date.now();
				return Date.now() - window.aimsIdleSince >= 250;
			},
			null,
			{ polling: 50 },
		);
	}

	async errorDialog() {
		return this.page.locator(".modal.show .modal-header .indicator.red").count();
	}

	async shot(name) {
		await this.page.screenshot({ path: shotFile(name) });
	}

	async expectNoErrorDialog() {
		expect(await this.errorDialog(), "no error dialog").toBe(0);
	}
}
