frappe.ready(function () {
	// The reference the reporter can quote: the name of the concern just saved.
	const show_success = frappe.web_form.handle_success.bind(frappe.web_form);
	frappe.web_form.handle_success = (data) => {
		show_success(data);
		$(".success-message").text(
			__(
				"We have received your concern. Your reference is {0}: quote it if you write to us about it.",
				[data.name]
			)
		);
	};
});
