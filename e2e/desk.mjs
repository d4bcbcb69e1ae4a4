// Shared by the browser checks: one Chromium (Debian's, no download), users logged in through the API.
// Environment: AIMS_URL, AIMS_SITE, AIMS_PASSWORD, AIMS_MANAGER_USER, AIMS_VIEWER_USER, CHROMIUM (see README).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

export const base = process.env.AIMS_URL || "http://127.0.0.1:8000";
export const site = process.env.AIMS_SITE || "aims.test";
export const password = process.env.AIMS_PASSWORD || "aims-e2e-Pass-1";
export const manager = process.env.AIMS_MANAGER_USER || "e2e-manager@example.com";
export const viewer = process.env.AIMS_VIEWER_USER || "e2e-viewer@example.com";
export const shots = new URL("./screenshots/", import.meta.url).pathname;
mkdirSync(shots, { recursive: true });

export function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
		args: [
			"--no-sandbox",
			"--disable-gpu",
			"--disable-quic",
			"--no-first-run",
			"--disable-background-networking",
			"--disable-component-update",
			"--disable-sync",
		],
	});
}

export async function loggedIn(browser, user) {
	const context = await browser.newContext({
		viewport: { width: 1400, height: 900 },
		extraHTTPHeaders: { "X-Frappe-Site-Name": site },
	});
	const page = await context.newPage();
	const response = await page.request.post(`${base}/api/method/login`, {
		data: { usr: user, pwd: password },
	});
	assert.equal(response.status(), 200, `login as ${user}`);
	return page;
}

export async function open(page, path, name) {
	await page.goto(`${base}${path}`);
	await page.waitForLoadState("networkidle");
	await page.waitForTimeout(800); // the desk fades a page in
	await page.screenshot({ path: `${shots}${name}.png`, fullPage: false });
}
