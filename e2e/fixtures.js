// The checks' test(): `as(role)` gives a desk page logged in as that role, and the check fails on any console
// error, uncaught script error, server error or error dialog on the pages it used; `made` removes, when the check
// ends, what it created. A role's desk stays open from one check to the next (the desk boots once per role and
// later checks move through it as a user does), unless a check asks for a fresh one.
import { test as base, expect } from "@playwright/test";
import { Made } from "./api.js";
import { stateFile } from "./desk.js";

// The test command serves the site without Frappe's realtime server (socket.io): the desk's attempts to reach
// it are expected errors, and so is the message Frappe v16's realtime client logs when they fail.
const REALTIME = /\/socket\.io\//;
const isRealtimeError = (message) =>
	REALTIME.test(message.location().url || "") || message.text().startsWith("Error connecting to socket.io");
// A page outside the desk that names no icon (Frappe's /printview) makes the browser ask for /favicon.ico on its
// own, which a site without a favicon in its Website Settings answers with 404: not the page's request.
const isBrowsersIconRequest = (message) => (message.location().url || "").endsWith("/favicon.ico");
// Frappe 15's charts redraw on resize (frappe-charts' boundDrawFn, from a ResizeObserver) and, now and then,
// while a workspace chart is still drawing, try to remove a node they already replaced: a race inside the
// framework's chart library, seen on about one workspace load in three. Only that error, from there, is let by.
const isChartResizeRace = (error) =>
	error.message.includes("Failed to execute 'removeChild' on 'Node'") &&
	(error.stack || "").includes("ResizeObserver.boundDrawFn");

async function openDesk(browser, role) {
	const context = await browser.newContext({ storageState: stateFile(role) });
	const page = await context.newPage();
	const desk = { context, page, problems: null };
	const report = (problem) => desk.problems?.push(problem);
	page.on("console", (message) => {
		if (message.type() === "error" && !isRealtimeError(message) && !isBrowsersIconRequest(message)) {
			report(`console error on ${page.url()}: ${message.text()}`);
		}
	});
	page.on("pageerror", (error) => {
		if (!isChartResizeRace(error)) report(`script error on ${page.url()}: ${error.message}`);
	});
	page.on("response", (response) => {
		if (response.status() >= 500) report(`server error ${response.status()}: ${response.url()}`);
	});
	return desk;
}

export const test = base.extend({
	desks: [
		async ({ browser }, use) => {
			const desks = new Map();
			await use(desks);
			for (const desk of desks.values()) await desk.context.close();
		},
		{ scope: "worker" },
	],
	as: async ({ browser, desks }, use) => {
		const problems = [];
		const used = new Set();
		await use(async (role, { fresh = false } = {}) => {
			let desk = fresh ? null : desks.get(role);
			if (!desk) {
				desk = await openDesk(browser, role);
				desk.fresh = fresh;
				if (!fresh) desks.set(role, desk);
			}
			desk.problems = problems;
			used.add(desk);
			return desk.page;
		});
		for (const desk of used) {
			const dialog = desk.page.locator(".modal.show .modal-header .indicator.red");
			if (await dialog.count()) {
				problems.push(`error dialog on ${desk.page.url()}: ${await desk.page.locator(".modal.show").innerText()}`);
				await desk.page.keyboard.press("Escape");
			}
			desk.problems = null;
			if (desk.fresh) await desk.context.close();
		}
		expect(problems, "no console error, script error, server error or error dialog").toEqual([]);
	},
	made: async ({}, use) => {
		const made = new Made();
		await use(made);
		await made.removeAll();
	},
});

export { expect };
