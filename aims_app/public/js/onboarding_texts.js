// A guided setup's step descriptions in the user's language. Frappe 15 translates an Onboarding Step's title and
// action label where it shows them, and extracts its description into the catalogue (main.pot), but shows the
// description as stored. Each step's description is translated before the widget shows it; a text the
// catalogue does not hold stays as it is.
(() => {
	const Onboarding = frappe.widget?.widget_factory?.onboarding;
	if (!Onboarding) return;
	frappe.widget.widget_factory.onboarding = class TranslatedOnboarding extends Onboarding {
		show_step(step) {
			if (step?.description && !step.aims_translated) {
				step.description = __(step.description);
				step.aims_translated = true;
			}
			return super.show_step(step);
		}
	};
})();
