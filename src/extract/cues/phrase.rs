//! Source phrases: the words that name who speaks, read backwards from a verb
//! ([`Ctx::np_back`]: "the security services in Kyiv said") or forwards from the start of a
//! clause ([`Ctx::np_forward`]: "WASHINGTON — On Tuesday, the senator, ..."), skipping what opens
//! a sentence without naming anyone (datelines, "But", "In a statement,"). Word lists:
//! `data/lexicon/` (name prepositions, postmodifiers, clause openers, intro adverbs and words).
//!
//! Only finds the extent of a phrase; whether it names a person is [`super::super::mentions`]'
//! business.

use std::ops::Range;

use super::super::gazetteer::Gazetteer;
use super::super::lexicon::class;
use super::super::mentions;
use super::super::tokens::{Kind, Token};
use super::context::Ctx;

/// Lowercase words (not articles, pronouns or roles) a phrase read backwards may hold.
const MAX_LOWER_WORDS_BACK: usize = 4;
/// Longest source phrase, in tokens.
const MAX_PHRASE_TOKENS: usize = 12;
/// Farthest a dash of a dateline may stand from the start of a clause, in tokens.
const DATELINE_REACH: usize = 12;
/// Farthest a closing parenthesis may stand from its opening one, in tokens.
const PAREN_REACH: usize = 10;
/// Introductory phrases skipped before a subject, at most.
const MAX_INTRO_PHRASES: usize = 2;
/// Tokens before which a lowercase adjective may stand inside a phrase read forwards.
const MAX_ADJECTIVE_AT: usize = 6;

/// Returns true if and only if `t` is a word written in capitals ("WASHINGTON").
fn all_caps(text: &str, t: &Token) -> bool {
    t.is_word()
        && t.text(text).chars().any(char::is_alphabetic)
        && t.text(text).chars().all(|c| !c.is_lowercase())
}

fn is_dash(t: &Token) -> bool {
    matches!(t.kind, Kind::Punct('—' | '–' | '―'))
}

impl Ctx<'_> {
    /// Returns true if and only if token `i` may be part of a source phrase.
    pub fn np_word(&self, i: usize) -> bool {
        let Some(t) = self.word(i) else {
            return false;
        };
        if t.lex.cue.is_some() && !t.cap {
            return false;
        }
        !t.has(class::STOP) || t.has(class::DET) && !t.text(self.text).eq_ignore_ascii_case("that")
    }

    /// The source phrase ending right before `end` (exclusive), walking back over at most a few
    /// words, never past `floor`.
    pub fn np_back(&self, end: usize, floor: usize) -> Option<Range<usize>> {
        let mut s = end;
        let mut lower_words = 0;
        while s > floor {
            let i = s - 1;
            if self.np_word(i) {
                let t = &self.toks[i];
                if !t.cap && t.lex.role.is_none() && !t.has(class::DET | class::PRON) {
                    lower_words += 1;
                    if lower_words > MAX_LOWER_WORDS_BACK {
                        break;
                    }
                }
                s -= 1;
                continue;
            }
            match self.np_back_joint(i, s, end, floor) {
                Some(next) => s = next,
                None => break,
            }
        }
        // Drop leading prepositions and clause words.
        while s < end
            && self
                .word(s)
                .is_some_and(|t| t.has(class::PREP | class::STOP) && !t.has(class::DET))
        {
            s += 1;
        }
        if s >= end || end - s > MAX_PHRASE_TOKENS {
            return None;
        }
        self.has_head(s..end).then_some(s..end)
    }

    /// Reading a phrase backwards from `s` (the phrase so far `s..end`), at a token `i = s - 1`
    /// that is no phrase word: where the phrase goes on when `i` joins two parts of it
    /// ("Secretary of State", "officials with knowledge of", "Clinton and Sanders").
    fn np_back_joint(&self, i: usize, s: usize, end: usize, floor: usize) -> Option<usize> {
        let inner_prep = self
            .word(i)
            .is_some_and(|t| self.lists.name_prepositions.contains(&t.text(self.text)))
            && i > floor
            && self.np_word(i - 1)
            && s < end;
        if inner_prep {
            return Some(s - 1);
        }
        let postmod = i >= floor + 2
            && s < end
            && self.word(i).is_some_and(|t| {
                self.lists
                    .postmodifier_prepositions
                    .contains(&t.text(self.text))
            })
            && self
                .word(i - 1)
                .is_some_and(|t| self.lists.postmodifiers.contains(&t.text(self.text)))
            && (self.np_word(i - 2) || self.lower_is(i - 2, "with"));
        // "Officials with knowledge of ...".
        let with_knowledge = self.lower_is(i, "with")
            && self.lower_is(i + 1, "knowledge")
            && i > floor
            && self.np_word(i - 1);
        if with_knowledge {
            return Some(s - 1);
        }
        if postmod {
            return Some(if self.lower_is(i - 2, "with") {
                i - 2
            } else {
                i - 1
            });
        }
        // "Edwards and others", "Clinton and Sanders".
        let joined = self.lower_is(i, "and")
            && i > floor
            && self
                .word(i - 1)
                .is_some_and(|t| t.cap || t.has(class::PRON))
            && s < end;
        joined.then(|| s - 1)
    }

    /// Returns true if and only if tokens `r` have a head: a capitalised word, a pronoun, a
    /// role, or a noun after an article or a number ("the airline", "14 percent", "others").
    fn has_head(&self, r: Range<usize>) -> bool {
        let (s, end) = (r.start, r.end);
        self.toks[s..end].iter().any(|t| {
            t.cap || t.has(class::PRON) || t.lex.role.is_some() || t.has(class::DET) && end - s > 1
        }) || (end - s <= 3
            && self
                .word(end - 1)
                .is_some_and(|t| !t.has(class::STOP | class::AUX)))
    }

    /// The index after a parenthesis that opens at `i` (`(D-R.I.)`), or `i`.
    pub fn skip_parens(&self, i: usize) -> usize {
        if !self.toks.get(i).is_some_and(|t| t.is('(')) {
            return i;
        }
        (i + 1..(i + PAREN_REACH).min(self.toks.len()))
            .find(|&k| self.toks[k].is(')'))
            .map_or(i, |k| k + 1)
    }

    /// For a phrase ending at `end` (exclusive) with a parenthesis (`Sen. Jack Reed (D-R.I.)`),
    /// the end before the parenthesis; otherwise `end`.
    pub fn unparen(&self, end: usize) -> usize {
        if end == 0 || !self.toks.get(end - 1).is_some_and(|t| t.is(')')) {
            return end;
        }
        (end.saturating_sub(PAREN_REACH)..end - 1)
            .rev()
            .find(|&k| self.toks[k].is('('))
            .unwrap_or(end)
    }

    /// The source phrase starting at `start`: capitalised words, articles, possessives, roles,
    /// up to a comma or the end of the phrase.
    pub fn np_forward(&self, start: usize, limit: usize) -> Option<Range<usize>> {
        let e = self.skip_openers(start, limit);
        let e = self.skip_dateline(e, limit);
        let s = self.skip_intro_phrases(e, limit);
        let e = self.np_extent(s, limit);
        (e > s).then_some(s..e)
    }

    /// Skips opening dashes and parentheses and sentence openers ("But", "And", "However,").
    fn skip_openers(&self, start: usize, limit: usize) -> usize {
        let mut e = start;
        while e < limit
            && matches!(
                self.toks[e].kind,
                Kind::Punct('(' | '[' | '—' | '–' | '―' | '-')
            )
        {
            e += 1;
        }
        while e < limit && self.lower_in(e, &self.lists.clause_openers) {
            e += 1;
            if self.toks.get(e).is_some_and(|t| t.is(',')) {
                e += 1;
            }
        }
        e
    }

    /// Skips a dateline: "WASHINGTON — ...", "ORLANDO, Fla. — ...", "PARIS, Dec. 8 (AFP) — ...",
    /// or a run-in heading in capitals ("CONGRESS HAS INVESTIGATED HIM — ...").
    fn skip_dateline(&self, e: usize, limit: usize) -> usize {
        let Some(d) = (e..(e + DATELINE_REACH).min(limit)).find(|&k| is_dash(&self.toks[k])) else {
            return e;
        };
        let caps = |t: &Token| all_caps(self.text, t);
        let all_caps = self.toks[e..d].iter().all(caps);
        let place_first = d > e
            && caps(&self.toks[e])
            && self.toks[e].text(self.text).chars().count() >= 3
            && self
                .toks
                .get(e + 1)
                .is_some_and(|t| t.is(',') || t.is('(') || caps(t));
        if all_caps || place_first {
            d + 1
        } else {
            e
        }
    }

    /// Skips introductory phrases up to their comma: "On Tuesday, ...", "In a statement, ...",
    /// "Recognizing this, ...", "Back in 1999, ...", "A few days later, ...".
    fn skip_intro_phrases(&self, mut e: usize, limit: usize) -> usize {
        for _ in 0..MAX_INTRO_PHRASES {
            let Some(t) = self.word(e) else {
                break;
            };
            let Some(c) = (e + 1..limit).find(|&k| self.toks[k].is(',')) else {
                break;
            };
            let w = t.text(self.text).to_ascii_lowercase();
            let adverb = c == e + 1 && self.lists.intro_adverbs.contains(&w.as_str());
            let intro = t
                .has(class::PREP | class::TIME | class::STOP | class::AUX | class::NOT_NAME)
                && !t.has(class::DET | class::PRON)
                || w.ends_with("ly")
                || w.ends_with("ing")
                || self.lists.intro_words.contains(&w.as_str())
                || adverb
                || self.toks[e..c].iter().any(|t| t.has(class::TIME) && !t.cap);
            // "Even Rendell, a Clinton supporter, said": a name before the comma is the subject,
            // unless a preposition opens the phrase ("In Portsmouth, ...").
            let named_before = c > e
                && mentions::is_name_word(self.text, &self.toks[c - 1], Gazetteer::get())
                && !t.has(class::PREP)
                && !adverb;
            if !intro || named_before {
                break;
            }
            e = c + 1;
        }
        e
    }

    /// The end of the phrase that starts at `s`, read forwards.
    fn np_extent(&self, s: usize, limit: usize) -> usize {
        let mut e = s;
        while e < limit {
            let Some(t) = self.word(e) else {
                break;
            };
            let inner_prep = self.lists.name_prepositions.contains(&t.text(self.text))
                && e > s
                && self.word(e + 1).is_some_and(|n| n.cap || n.has(class::DET));
            if t.cap
                || t.poss
                || t.lex.role.is_some()
                || t.has(class::DET | class::TITLE)
                || inner_prep
            {
                e += 1;
                continue;
            }
            // "the 46-year-old", "the airline": a noun after an article.
            if !t.has(class::STOP)
                && t.lex.cue.is_none()
                && e > s
                && self
                    .word(e - 1)
                    .is_some_and(|p| p.has(class::DET) && !p.has(class::PRON))
            {
                e += 1;
                continue;
            }
            // A lowercase adjective inside a phrase ("a militia commander", "Former first
            // lady").
            if !t.has(class::STOP)
                && t.lex.cue.is_none()
                && e > s
                && e - s < MAX_ADJECTIVE_AT
                && self
                    .word(e + 1)
                    .is_some_and(|n| n.lex.role.is_some() || n.has(class::TITLE))
            {
                e += 1;
                continue;
            }
            break;
        }
        e
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::passage;

    /// (clause, the phrase that opens it up to its first speech verb, or "" for none)
    #[test]
    fn phrases_forward() {
        let cases: &[(&str, &str)] = &[
            ("WASHINGTON — The senator from Ohio said", "The senator"),
            (
                "But on Tuesday, Health Minister Ana Ruiz said",
                "Health Minister Ana Ruiz",
            ),
            (
                "In a statement, the Ministry of Defence said",
                "the Ministry of Defence",
            ),
            ("Moreover, Anna Berg, an economist, said", "Anna Berg"),
            ("Even Rendell, a Clinton ally, said", "Even Rendell"),
            ("PARIS, Dec. 8 (AFP) — Officials said", "Officials"),
            ("the 46-year-old said", "the 46-year-old"),
            ("a militia commander said", "a militia commander"),
            ("it rained all day", ""),
        ];
        for (text, want) in cases {
            let p = passage(text);
            let cx = p.ctx();
            let limit = p.toks.iter().position(|t| t.lex.cue.is_some() && !t.cap);
            let got = cx
                .np_forward(0, limit.unwrap_or(p.toks.len()))
                .map_or(String::new(), |r| p.span(r));
            assert_eq!(&got, want, "help: phrase opening {text:?}");
        }
    }

    /// (clause, the phrase that ends right before its last speech verb, or "" for none)
    #[test]
    fn phrases_back() {
        let cases: &[(&str, &str)] = &[
            (
                "the talks failed, the Secretary of State said",
                "the Secretary of State",
            ),
            (
                "People briefed on the move said",
                "People briefed on the move",
            ),
            (
                "officials with knowledge of the plan said",
                "officials with knowledge of the plan",
            ),
            ("Edwards and others said", "Edwards and others"),
            ("It was late, he said", "he"),
            ("The talks ended, said", ""),
        ];
        for (text, want) in cases {
            let p = passage(text);
            let cx = p.ctx();
            let verb = p.toks.iter().rposition(|t| t.lex.cue.is_some());
            let end = verb.unwrap_or(p.toks.len());
            let got = cx.np_back(end, 0).map_or(String::new(), |r| p.span(r));
            assert_eq!(&got, want, "help: phrase ending {text:?}");
        }
    }
}
