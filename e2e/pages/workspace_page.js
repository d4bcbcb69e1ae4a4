import { expect } from "@playwright/test";
import { DESK, DeskPage } from "./desk_page.js";

export const CARDS = [
	"AI Systems in Scope",
	"High-Risk AI Systems",
	"Risks Above Appetite",
	"Open Nonconformities",
	"Overdue Corrective Actions",
	"Evidence Expiring in 30 Days",
	"Expired Evidence",
	"Metrics Breached or Overdue",
];

export class WorkspacePage extends DeskPage {
	// Loaded as a user landing on it (followed inside the desk, the workspace's re-render throws a removeChild
	// error that is still to be traced).
	async open() {
		await this.page.goto(`${DESK}/aims`);
		await expect(this.page.locator(".number-widget-box .number")).toHaveCount(CARDS.length);
		// The heat map lives in a custom block's shadow root: Playwright's CSS locators pierce open ones.
		await expect(this.page.locator("td[data-level]").first()).toBeVisible();
		await this.settled();
	}

	async cardNumber(label) {
		const text = await this.page.locator(".number-widget-box", { hasText: label }).locator(".number").innerText();
		return Number(text.replace(/[^0-9.]/g, ""));
	}

	heatMapCell(likelihood, impact) {
		return this.page.locator(`td[data-likelihood="${likelihood}"][data-impact="${impact}"]`);
	}

	onboarding() {
		return this.page.getByText("Set up your AI Management System");
	}
}
