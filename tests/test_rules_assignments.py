"""One open assignment per user and document, following the rows it stands for (issue 17)."""

from datetime import date

from aims_app.ai_assurance.assignments.rules import Assignment, Task, Wanted, plan_assignments

MAY_1, MAY_9 = date(2026, 5, 1), date(2026, 5, 9)


def test_an_owner_without_an_assignment_gets_one_for_their_open_rows():
	plan = plan_assignments([Task("r1", "ana", "Retrain recruiters", MAY_9)], [])
	assert plan.add == (Wanted("ana", "Retrain recruiters", MAY_9),)
	assert (plan.update, plan.close, plan.cancel) == ((), (), ())


def test_two_rows_of_one_owner_share_one_assignment_due_at_the_earliest():
	tasks = [Task("r1", "ana", "Retrain recruiters", MAY_9), Task("r2", "ana", "Add the bias test", MAY_1)]
	assert plan_assignments(tasks, []).add == (Wanted("ana", "Retrain recruiters\nAdd the bias test", MAY_1),)


def test_an_edited_row_updates_its_assignment_instead_of_adding_one():
	held = Assignment("TD-1", "ana", "Retrain recruiters", MAY_9, ours=True)
	plan = plan_assignments([Task("r1", "ana", "Retrain all recruiters", MAY_1)], [held])
	assert plan.add == ()
	assert plan.update == (("TD-1", Wanted("ana", "Retrain all recruiters", MAY_1)),)


def test_an_unchanged_row_leaves_its_assignment_alone():
	held = Assignment("TD-1", "ana", "Retrain recruiters", MAY_9, ours=True)
	plan = plan_assignments([Task("r1", "ana", "Retrain recruiters", MAY_9)], [held])
	assert (plan.add, plan.update, plan.close, plan.cancel) == ((), (), (), ())


def test_a_row_given_to_someone_else_cancels_the_old_assignment_and_adds_one():
	held = Assignment("TD-1", "ana", "Retrain recruiters", MAY_9, ours=True)
	plan = plan_assignments([Task("r1", "ben", "Retrain recruiters", MAY_9)], [held])
	assert plan.add == (Wanted("ben", "Retrain recruiters", MAY_9),)
	assert (plan.cancel, plan.close) == ((held,), ())


def test_the_last_row_done_closes_the_assignment_and_one_of_two_done_keeps_it_open():
	held = Assignment("TD-1", "ana", "Retrain recruiters\nAdd the bias test", MAY_1, ours=True)
	both_done = [Task("r1", "ana", "Retrain recruiters", MAY_9, True), Task("r2", "ana", "Add", MAY_1, True)]
	assert plan_assignments(both_done, [held]).close == (held,)
	one_done = [
		Task("r1", "ana", "Retrain recruiters", MAY_9, True),
		Task("r2", "ana", "Add the bias test", MAY_1),
	]
	plan = plan_assignments(one_done, [held])
	assert (plan.close, plan.cancel) == ((), ())
	assert plan.update == (("TD-1", Wanted("ana", "Add the bias test", MAY_1)),)


def test_an_assignment_made_by_hand_from_the_sidebar_is_left_alone():
	by_hand = Assignment("TD-9", "cy", "Please check the root cause", None, ours=False)
	plan = plan_assignments([Task("r1", "ana", "Retrain recruiters", MAY_9)], [by_hand])
	assert (plan.close, plan.cancel) == ((), ())


def test_a_second_assignment_of_one_owner_left_by_earlier_versions_is_cancelled():
	first = Assignment("TD-1", "ana", "Retrain recruiters", MAY_9, ours=True)
	second = Assignment("TD-2", "ana", "Add the bias test", MAY_1, ours=True)
	tasks = [Task("r1", "ana", "Retrain recruiters", MAY_9), Task("r2", "ana", "Add the bias test", MAY_1)]
	plan = plan_assignments(tasks, [first, second])
	assert plan.cancel == (second,)
	assert plan.update == (("TD-1", Wanted("ana", "Retrain recruiters\nAdd the bias test", MAY_1)),)


def test_no_rows_cancel_every_assignment_the_rows_made():
	held = Assignment("TD-1", "ana", "Retrain recruiters", MAY_9, ours=True)
	assert plan_assignments([], [held]).cancel == (held,)
