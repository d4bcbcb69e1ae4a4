// Logs every e2e user in once and keeps their session for the checks (Playwright's storage state).
// A site the test command did not prepare has no such users: the checks stop here, before changing anything.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { expect, test as setup } from "@playwright/test";
import { baseURL, password, stateFile, users } from "../desk.js";

for (const [role, user] of Object.entries(users)) {
	setup(`log in as ${role}`, async ({ request }) => {
		const response = await request.post("/api/method/login", { data: { usr: user, pwd: password } });
		expect(
			response.status(),
			`${user} cannot log in to ${baseURL}: it is not a site prepared by scripts/test for the browser ` +
				"checks (aims_app.tests.browser_site.prepare), and nothing was changed on it",
		).toBe(200);
		mkdirSync(dirname(stateFile(role)), { recursive: true });
		await request.storageState({ path: stateFile(role) });
	});
}
