// Copyright (c) 2026, aims_app developers and contributors
// For license information, please see license.txt

frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Controls by Implementation Status"] = {
	method: "aims_app.ai_governance.dashboard_chart_source.controls_by_implementation_status.controls_by_implementation_status.get",
	filters: [],
};
