// A Script Report in the desk: opened with its filters, ready once the server's answer is drawn.
import { expect } from "@playwright/test";
import { DESK, DeskPage } from "./desk_page.js";

export class ReportPage extends DeskPage {
	async open(report, filters = {}) {
		// the filters as the desk's links to a report pass them, then the report followed inside the desk
		await this.page.evaluate((filters) => (frappe.route_options = filters), filters);
		await this.goto(`${DESK}/query-report/${report}`);
		// drawn, for the filters asked for (a report is run once more when its filters are set from the route)
		await this.page.waitForFunction(
			([report, filters]) =>
				window.frappe?.query_report?.report_name === report &&
				frappe.query_report.datatable &&
				Object.entries(filters).every(([field, value]) => frappe.query_report.get_filter_value(field) == value),
			[report, filters],
		);
		await this.settled();
		await expect(this.page.locator(".report-wrapper:visible .dt-scrollable")).toBeVisible();
	}

	title() {
		return this.page.locator(".page-title:visible .title-text");
	}

	// The cells of a column, by its fieldname, as the report's table shows them.
	column(fieldname) {
		return this.page.evaluate((fieldname) => {
			const report = frappe.query_report;
			const index = report.columns.findIndex((column) => column.fieldname === fieldname);
			return [...report.$report[0].querySelectorAll(`.dt-scrollable .dt-row .dt-cell--col-${index + 1} .dt-cell__content`)]
				.map((cell) => cell.innerText.trim())
				.filter(Boolean);
		}, fieldname);
	}

	header(fieldname) {
		return this.page.evaluate(
			(fieldname) => frappe.query_report.columns.find((column) => column.fieldname === fieldname)?.label,
			fieldname,
		);
	}
}
