from aims_app.ai_assurance.doctype.management_review.review_rules import counts_phrase, listing, trend


def test_trend_compares_with_the_previous_period():
	assert str(trend(3, 5)) == "3 (down from 5 in the previous period)"
	assert str(trend(4, 1)) == "4 (up from 1 in the previous period)"
	assert str(trend(2, 2)) == "2 (same as the previous period)"


def test_counts_leave_out_zeros_and_keep_order():
	assert str(counts_phrase({"Critical": 0, "High": 3, "Medium": 5})) == "High 3, Medium 5"
	assert str(counts_phrase({"High": 0})) == "none"


def test_long_listings_are_cut_with_a_count():
	assert str(listing(["a", "b", "c"], limit=2)) == "a; b; and 1 more"
	assert str(listing([])) == "none"
