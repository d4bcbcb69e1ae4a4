// Playwright Test against a running site (scripts/test serves its test site and sets AIMS_URL). One worker:
// the checks share the site's records and the machine's CPU.
import { defineConfig } from "@playwright/test";
import { baseURL, executablePath, launchArgs } from "./desk.js";

export default defineConfig({
	testDir: "./tests",
	outputDir: "./test-results",
	workers: 1,
	fullyParallel: false,
	retries: 0,
	timeout: 120_000,
	expect: { timeout: 30_000 },
	reporter: [["list"]],
	use: {
		baseURL,
		viewport: { width: 1400, height: 900 },
		launchOptions: { executablePath, args: launchArgs },
		actionTimeout: 30_000,
		navigationTimeout: 60_000,
		screenshot: "only-on-failure",
		trace: "off",
	},
	projects: [
		{ name: "setup", testMatch: /auth\.setup\.js/ },
		{ name: "desk", testMatch: /.*\.spec\.js/, dependencies: ["setup"] },
	],
});
