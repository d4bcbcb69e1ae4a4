import pytest

from aims_app.ai_systems.supplier_rules import likely_duplicate, match_key


@pytest.mark.parametrize(
	("first", "second"),
	[
		("Palantir", "Palantir Technologies"),
		("Acme, Inc.", "ACME Inc"),
		("Société Générale", "Societe Generale S.A."),
		("The Booz Allen Hamilton Holding Corp.", "Booz Allen Hamilton"),
		("Amazon Web Services", "Amazon Web Services, LLC"),
	],
)
def test_names_of_the_same_company_written_differently_match(first, second):
	assert match_key(first) == match_key(second)
	assert likely_duplicate(second, ["Microsoft", first]) == first


def test_different_companies_and_the_name_itself_do_not_match():
	assert likely_duplicate("Palantir", ["Palantir", "Microsoft", "Palantir Analytics"]) is None
	assert likely_duplicate("Inc.", ["Ltd"]) is None
