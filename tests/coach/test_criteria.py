"""One small behaviour per test: each criterion's positive, its negation and its hard negatives."""

import pytest

from unruffled.coach import assess


def met(reply, criterion, customer=None):
    return assess(reply, customer).criteria[criterion].met


# -- strengths -------------------------------------------------------------------

def test_empathy_named_feeling():
    assert met("That sounds really stressful with a flight tomorrow.", "empathy")

def test_empathy_i_understand():
    assert met("I understand how annoying it is to be kept waiting.", "empathy")

def test_empathy_negated_is_not_empathy():
    assert not met("I don't understand why you're making such a fuss.", "empathy")

def test_empathy_hard_negative_check_i_understand_is_mirroring_not_empathy():
    assert not met("Just to be sure I understand: the invoice shows two charges?", "empathy")

def test_apology_sorry():
    assert met("I'm really sorry the table wasn't ready.", "apology")

def test_apology_sorry_but_not_my_problem_is_not_an_apology():
    assert not met("Sorry, but that's not my problem.", "apology")

def test_apology_sorry_you_feel_that_way_is_not_an_apology():
    assert not met("I'm sorry you feel that way.", "apology")

def test_apology_sorry_as_pardon_is_not_an_apology():
    assert not met("Sorry, what was the order number?", "apology")

def test_apology_negated():
    assert not met("I'm not going to apologise for the policy.", "apology")

def test_clarifying_question_genuine():
    assert met("When did you first notice the leak?", "clarifying_question")

def test_clarifying_question_indirect_request():
    assert met("Could you send me a photo of the label, please.", "clarifying_question")

def test_clarifying_question_accusing_question_does_not_count():
    assert not met("Did you even read the manual?", "clarifying_question")

def test_clarifying_question_rhetorical_does_not_count():
    assert not met("How many times do I have to say it?", "clarifying_question")

def test_clarifying_question_inside_quotes_does_not_count():
    assert not met('You asked "why is this so slow?" and I hear you.', "clarifying_question")

def test_mirroring_if_i_understand_correctly():
    assert met("So if I understand correctly, the heating works but the hot water doesn't?", "mirroring")

def test_mirroring_hard_negative_plain_statement():
    assert not met("I'll look at the heating this afternoon.", "mirroring")

def test_agree_first_youre_right():
    assert met("You're right that we should have told you sooner.", "agree_first")

def test_agree_first_negated():
    assert not met("I don't agree with that at all.", "agree_first")

def test_options_either_or():
    assert met("We can either refund you or send a replacement.", "options")

def test_options_two_offers_in_separate_clauses():
    assert met("I can refund it today. Alternatively, I can book a repair.", "options")

def test_options_single_offer_is_not_options():
    assert not met("I can refund it today.", "options")

def test_next_step_concrete_action():
    assert met("I'll send the replacement by courier this afternoon.", "next_step")

def test_next_step_negated():
    assert not met("I won't be able to refund it.", "next_step")

def test_next_step_vague_eventually_is_not_a_next_step():
    assert not met("We'll find it eventually.", "next_step")

def test_follow_up_call_back():
    assert met("I'll call you on Thursday to make sure it's working.", "follow_up")

def test_follow_up_hard_negative_no_later_contact():
    assert not met("I've refunded the charge.", "follow_up")


# -- pitfalls ----------------------------------------------------------------------

def test_calm_down_direct():
    assert met("Please calm down, sir.", "calm_down")

def test_calm_down_negated_self_correction():
    assert not met("I'm not going to tell you to calm down; you have every right to be angry.", "calm_down")

def test_calm_down_hard_negative_things_calm_down():
    assert not met("I'll call you once things calm down in the shop.", "calm_down")

def test_blame_you_should_have():
    assert met("You should have checked the size chart.", "blame")

def test_blame_negated_not_your_fault():
    assert not met("It's not your fault at all.", "blame")

def test_blame_hard_negative_should_have_received():
    assert not met("You should have received a confirmation email.", "blame")

def test_excuse_short_staffed():
    assert met("We're really short-staffed today.", "excuse")

def test_excuse_not_my_problem():
    assert met("Sorry, but that's not my problem.", "excuse")

def test_excuse_i_wont_make_excuses_is_not_an_excuse():
    assert not met("I won't make excuses: we got this wrong.", "excuse")

def test_excuse_negated_not_the_couriers_fault():
    assert not met("This isn't the courier's fault, it's ours.", "excuse")

def test_over_promise_guarantee():
    assert met("I guarantee it will arrive tomorrow.", "over_promise")

def test_over_promise_never_again():
    assert met("This will never happen again.", "over_promise")

def test_over_promise_cant_promise_but_is_not_over_promise():
    assert not met("I can't promise it will be tonight, but I'll chase it now.", "over_promise")

def test_over_promise_warranty_guarantee_is_information_not_a_promise():
    assert not met("The kettle comes with a two-year guarantee.", "over_promise")

def test_over_promise_after_but_still_counts():
    assert met("I can't promise tonight, but I guarantee it will be there tomorrow.", "over_promise")

def test_condescension_obviously():
    assert met("Obviously the plug has to be switched on.", "condescension")

def test_condescension_as_i_already_explained():
    assert met("As I already explained, the fee is fixed.", "condescension")

def test_condescension_minimising():
    assert met("It's not that hard to reset a password.", "condescension")

def test_condescension_hard_negative_plain_explanation():
    assert not met("The fee is fixed by the contract, and here is what I can do about it.", "condescension")

def test_hostility_put_down():
    assert met("You're being ridiculous.", "hostility")

def test_hostility_go_elsewhere():
    assert met("If you don't like it, take your business elsewhere.", "hostility")

def test_hostility_quoted_customer_words_do_not_count():
    assert not met("You said 'this is useless', and I hear you.", "hostility")

def test_hostility_curly_quoted_customer_words_do_not_count():
    assert not met("When you wrote \u201cyou people are ridiculous\u201d I could tell how let down you felt.", "hostility")

def test_hostility_echo_of_customer_line_does_not_count():
    assert not met("You're being ridiculous, I hear you, and I'll fix it.", "hostility", customer="Fix it now, you're being ridiculous")

def test_hostility_negated():
    assert not met("I'm not saying you're being unreasonable.", "hostility")

def test_blame_hard_negative_you_clearly_know_is_respect():
    assert not met("You clearly know your stuff, so let me be specific.", "blame")

def test_blame_hard_negative_you_must_have_been_frustrated_is_empathy():
    assert not met("You must have been so frustrated.", "blame")

def test_blame_you_must_have_dropped_it():
    assert met("You must have dropped it.", "blame")
