//! Speech-verb clauses: one speech verb (`said`, `told`, `warned`, `saying`, see
//! `data/lexicon/cues.tsv`), whether it is a cue at all ([`reading`]), who speaks ([`source`])
//! and the words said ([`content`]). Hands `quoted X as saying` to [`super::quoted_as`], verbs
//! that only take a quotation (`called`, `described`) to [`super::called`], and colons to
//! [`super::colon`].

mod content;
mod reading;
mod source;

use super::super::lexicon::{Cue, CueForm};
use super::context::{Ctx, Findings, Site};
use super::quoted_as;

/// The statement of the speech verb `cue` at `site.i`.
pub(super) fn find(cx: &Ctx, site: &Site, cue: Cue, f: &mut Findings) {
    if !reading::is_cue(cx, site, cue.form, f) {
        return;
    }
    if cue.form == CueForm::Gerund && quoted_as::find(cx, site, f) {
        return;
    }
    let Some(subject) = source::find(cx, site, cue, f) else {
        return;
    };
    content::find(cx, site, cue, subject, f);
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{check, Case};
    use super::super::Mode;

    /// The subject before the verb and the words after it.
    #[test]
    fn verb_then_words() {
        let cases: &[Case] = &[
            (
                "The minister said that talks would resume in May.",
                &[("that talks would resume in May", "The minister")],
            ),
            (
                "Onwuka points out that most workers already get paid leave.",
                &[("that most workers already get paid leave", "Onwuka")],
            ),
            (
                "Nine Democrats threatened to withhold support for the bill.",
                &[("to withhold support for the bill", "Nine Democrats")],
            ),
            (
                "Some in the crowd booed when Rubio thanked Miami and said it was great to be home.",
                &[("it was great to be home", "Rubio")],
            ),
            (
                "People briefed on the move said that it reflected a realization.",
                &[("that it reflected a realization", "People briefed on the move")],
            ),
            (
                "He told reporters the pair agreed to meet again.",
                &[("the pair agreed to meet again", "He")],
            ),
            (
                "Smith told The Associated Press that troops were moving.",
                &[("that troops were moving", "Smith")],
            ),
            (
                "The bank just this month announced it would end the bonuses.",
                &[("it would end the bonuses", "The bank")],
            ),
            (
                "The union has vowed to strike until the pay offer improves.",
                &[("to strike until the pay offer improves", "The union")],
            ),
        ];
        check(Mode::Body, cases);
    }

    /// A subject with an apposition, a title and party, or a word before it, then the verb and
    /// the words.
    #[test]
    fn described_subject_then_verb_then_words() {
        let cases: &[Case] = &[
            (
                "Jane Doe, a senior analyst at a think tank, said the deal was fragile.",
                &[("the deal was fragile", "Jane Doe")],
            ),
            (
                "Romania’s foreign ministry said in a statement that the demand was unacceptable.",
                &[(
                    "that the demand was unacceptable",
                    "Romania’s foreign ministry",
                )],
            ),
            (
                "Sen. Jo Reed (D-R.I.), said on Tuesday that the bill was dead.",
                &[("that the bill was dead", "Sen. Jo Reed")],
            ),
            (
                "Even Rendell, a Clinton ally, said the tax was a mistake.",
                &[("the tax was a mistake", "Even Rendell")],
            ),
            (
                "Moreover, Anna Berg, an economist at a bank, noted that rates would rise.",
                &[("that rates would rise", "Anna Berg")],
            ),
        ];
        check(Mode::Body, cases);
    }

    /// A verb in a relative clause, a gerund after a dateline, and two verbs of one subject.
    #[test]
    fn verb_in_a_clause_a_gerund_or_twice() {
        let cases: &[Case] = &[
            (
                "Lavrov criticised what he said was a “Russophobic minority” setting the tone.",
                &[("was a “Russophobic minority” setting the tone", "he")],
            ),
            (
                "Ms. Lund, who has said the plan is flawed, voted no.",
                &[("the plan is flawed", "Ms. Lund")],
            ),
            (
                "DENVER, Colo. — The mayor, speaking at a rally, stood firm, saying the city would heal.",
                &[("the city would heal", "The mayor")],
            ),
            (
                "BRUSSELS (AP) — Officials refused to budge, saying no deal was possible.",
                &[("no deal was possible", "Officials")],
            ),
            (
                // An absolute clause has its own subject.
                "Mrs. Trump pushed back at the report, her spokeswoman telling CNN that it was false.",
                &[("that it was false", "her spokeswoman")],
            ),
            (
                "The senator left the room on Monday, telling reporters that he was done.",
                &[("that he was done", "The senator")],
            ),
            (
                "The premier said this week that taxes would fall and suggested that fees would rise.",
                &[
                    ("that taxes would fall", "The premier"),
                    ("that fees would rise", "The premier"),
                ],
            ),
        ];
        check(Mode::Body, cases);
    }

    /// The words first, then the verb and its subject, or the verb inverted.
    #[test]
    fn words_then_verb() {
        let cases: &[Case] = &[
            (
                "“We will not back down,” she said.",
                &[("We will not back down,", "she")],
            ),
            (
                "Talks will resume in May, the minister said on Friday.",
                &[("Talks will resume in May", "the minister")],
            ),
            (
                "Oil prices will rise, says Finance Minister Jane Doe.",
                &[("Oil prices will rise", "Finance Minister Jane Doe")],
            ),
            (
                "The talks were a failure, Lavrov said at a news conference in Geneva.",
                &[("The talks were a failure", "Lavrov")],
            ),
            (
                "The economy, she said, would recover by spring.",
                &[("The economy, she said, would recover by spring", "she")],
            ),
            (
                "“It is over,” said Paul H. Chipok, a lawyer in Orlando.",
                &[("It is over,", "Paul H. Chipok")],
            ),
            (
                "“The vote is lost,” said one senior aide on the committee.",
                &[("The vote is lost,", "one senior aide on the committee")],
            ),
            // The words said with a verb end before the source that reports them.
            (
                "His wife urged him to end the crisis, a White House official said.",
                &[
                    ("him to end the crisis", "His wife"),
                    (
                        "His wife urged him to end the crisis",
                        "a White House official",
                    ),
                ],
            ),
            (
                "Democrats argued that the vote will come soon, said one aide.",
                &[
                    ("that the vote will come soon", "Democrats"),
                    ("Democrats argued that the vote will come soon", "one aide"),
                ],
            ),
            // ... but not before a clause that is no source.
            (
                "Democrats conceded that one way or another, Gorsuch will be confirmed.",
                &[(
                    "that one way or another, Gorsuch will be confirmed",
                    "Democrats",
                )],
            ),
            // "Asked ...": the words before the source are the question put to it.
            (
                "Asked whether the staff still worked there, she replied.",
                &[],
            ),
        ];
        check(Mode::Body, cases);
    }

    /// A subject of lowercase words after "who" or a preposition ends a clause or a phrase
    /// whose head is further back: the head before "who"; nobody named after a preposition
    /// ("Farmers hit by drought say": not the drought).
    #[test]
    fn subject_behind_a_clause() {
        let cases: &[Case] = &[
            (
                "Residents who lost homes say the aid came late.",
                &[("the aid came late", "Residents")],
            ),
            (
                "The plan is opposed by members of Congress, who all say the rules are too strict.",
                &[("the rules are too strict", "members of Congress")],
            ),
            (
                "Farmers hit by drought say prices rose.",
                &[("prices rose", "")],
            ),
            // A clause after "who" that opens with its verb, whatever names follow it.
            (
                "A woman who answered Grace Chapel's phone told reporters the church would stay open.",
                &[("the church would stay open", "A woman")],
            ),
            (
                "A man who worked with Mr. Lee at Acme Foods said he was often late.",
                &[("he was often late", "A man")],
            ),
            (
                "Many of the lawmakers who went into the lake said they did so for its history.",
                &[("they did so for its history", "Many of the lawmakers")],
            ),
            (
                "Sen. Jo Reed who also met with Rice observed that the talks went well.",
                &[("that the talks went well", "Sen. Jo Reed")],
            ),
            // A name right after "who", or a pronoun after other words, is its own clause's
            // subject.
            (
                "She is the aide who Ms. Ruiz said would run the office.",
                &[("would run the office", "Ms. Ruiz")],
            ),
            (
                "Abortion is the top issue for Sue Tam, 57, who runs what she described as a \"pro-life pregnancy center\" in Storm Lake.",
                &[("as a \"pro-life pregnancy center", "she")],
            ),
            // A plural noun after "who" is its own clause's subject; "after" and "at least"
            // open a subject.
            (
                "He met Rosenstein, who confidants said expected to be fired.",
                &[("expected to be fired", "confidants")],
            ),
            (
                "He resigned after eight women told reporters that he had groped them.",
                &[("that he had groped them", "eight women")],
            ),
            // People at a place: the people and the place, not the place alone.
            (
                "Supporters on Capitol Hill warn the treaty could be used.",
                &[("the treaty could be used", "Supporters on Capitol Hill")],
            ),
            (
                "At least five men have said that the coach abused them.",
                &[("that the coach abused them", "least five men")],
            ),
        ];
        check(Mode::Body, cases);
    }

    /// Verbs that are no cue here: nouns, passives, negations, names, infinitives.
    #[test]
    fn not_cues() {
        let cases: &[Case] = &[
            ("He declined to say whether talks would continue.", &[]),
            // "point" is a cue only with "out".
            ("The spokesman pointed to the chart on the wall.", &[]),
            ("Moscow will reply next week, officials hope.", &[]),
            ("The report was released on Monday by the agency.", &[]),
            ("Her remarks drew loud applause from the crowd.", &[]),
            ("He was told to leave the building at once.", &[]),
            ("The company did not say when the plant would reopen.", &[]),
            (
                "Flights from the United States were cancelled on Friday.",
                &[],
            ),
            ("She wants to tell the story of her family one day.", &[]),
            // A passive: the men are accused, and accuse nobody.
            ("The men stand accused of fraud in two states.", &[]),
            ("He stood accused of lying to Congress about the deal.", &[]),
            // A label ("What they're saying:") is nobody's verb.
            ("What they're saying: markets rose on Friday.", &[]),
            // A question or a command opening with an auxiliary reports nobody's words.
            (
                "Has the press asked her about those plans in the last few weeks?",
                &[],
            ),
            (
                "Can you imagine a general telling his troops that the war is lost?",
                &[],
            ),
            ("Don't say that the second amendment is safe.", &[]),
            ("Don’t tell voters that the plan is free.", &[]),
        ];
        check(Mode::Body, cases);
    }
}
