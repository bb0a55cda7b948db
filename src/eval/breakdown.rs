//! Where recall is lost: the required gold statements found, counted by the [`Construction`] of
//! the system statement that matched them (the one whose speaker is right, else the shortest
//! match, as [`super::score`] picks it), and those missed, counted by a [`MissContext`]: what the
//! text around them holds, in the order of the categories below (the first that applies).
//!
//! Pure: a [`Report`], the system statements and a classifier of misses in, [`Breakdown`] out.
//! Classifying a miss needs the article; `crate::extract::miss_context` does it.

use serde_json::{json, Map, Value};

use super::{MissKind, Report, SystemStatement};
use crate::statement::Construction;

/// What the context of a missed gold statement holds: a diagnosis of why no rule read it, the
/// first of these that applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MissContext {
    /// Its text is not in the article (a gold or article mismatch).
    NotInArticle,
    /// In a title or a live-blog entry headline.
    InTitle,
    /// In a photo caption (not read for statements).
    InCaption,
    /// Introduced by a colon: right after one, or at the start of a paragraph after one that
    /// ends with one ("The minister said:" then the quotation).
    ColonIntroduction,
    /// In a paragraph that is one whole quotation, with no cue (its speaker named in the
    /// paragraph before).
    WholeParagraphQuote,
    /// A speech verb of the lexicon (or "according to") in its sentence: a cue the rules did not
    /// read.
    SpeechVerb,
    /// An organisation or a document as a subject in its sentence ("the council found", "the
    /// report"), with no speech verb of the lexicon.
    OrgSubject,
    /// Inside a quotation with no cue in its sentence.
    UnattachedQuote,
    /// None of the above: no cue found.
    NoCue,
}

impl MissContext {
    /// Every category, in the order they are tried.
    pub const ALL: [MissContext; 9] = [
        MissContext::NotInArticle,
        MissContext::InTitle,
        MissContext::InCaption,
        MissContext::ColonIntroduction,
        MissContext::WholeParagraphQuote,
        MissContext::SpeechVerb,
        MissContext::OrgSubject,
        MissContext::UnattachedQuote,
        MissContext::NoCue,
    ];

    /// The stable lowercase name: `speech-verb`, `no-cue`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            MissContext::NotInArticle => "not-in-article",
            MissContext::InTitle => "in-title",
            MissContext::InCaption => "in-caption",
            MissContext::ColonIntroduction => "colon-introduction",
            MissContext::WholeParagraphQuote => "whole-paragraph-quote",
            MissContext::SpeechVerb => "speech-verb",
            MissContext::OrgSubject => "org-subject",
            MissContext::UnattachedQuote => "unattached-quote",
            MissContext::NoCue => "no-cue",
        }
    }

    /// What the category means, in a few words.
    pub fn describe(self) -> &'static str {
        match self {
            MissContext::NotInArticle => "its text is not in the article",
            MissContext::InTitle => "in a title or entry headline",
            MissContext::InCaption => "in a photo caption",
            MissContext::ColonIntroduction => "introduced by a colon",
            MissContext::WholeParagraphQuote => "a paragraph that is one whole quote",
            MissContext::SpeechVerb => "a speech verb in the same sentence",
            MissContext::OrgSubject => "an organisation or document subject, no speech verb",
            MissContext::UnattachedQuote => "a quotation with no cue",
            MissContext::NoCue => "no cue found",
        }
    }
}

/// Found gold statements of one construction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConstructionCount {
    /// The construction; `None` for system statements that name none (a system file without
    /// the field).
    pub construction: Option<Construction>,
    /// Required gold statements found by it.
    pub found: usize,
    /// Of them, those whose speaker is scored and wrong.
    pub wrong_speaker: usize,
}

/// Missed gold statements of one context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContextCount {
    /// The context.
    pub context: MissContext,
    /// Required gold statements missed in it.
    pub missed: usize,
}

/// Found statements by construction and missed ones by context, most first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Breakdown {
    /// Found, by construction.
    pub found: Vec<ConstructionCount>,
    /// Missed, by context.
    pub missed: Vec<ContextCount>,
}

/// Counts the found statements of `report` by the construction of their match in `system`,
/// and its missed ones by `context_of` (given the index of the gold statement).
pub fn breakdown(
    report: &Report,
    system: &[SystemStatement],
    mut context_of: impl FnMut(usize) -> MissContext,
) -> Breakdown {
    let mut found: Vec<ConstructionCount> = Vec::new();
    let wrong: Vec<usize> = report
        .misses
        .iter()
        .filter(|m| m.kind == MissKind::WrongSpeaker)
        .map(|m| m.gold)
        .collect();
    for &(gi, si) in &report.found {
        let construction = system.get(si).and_then(|s| s.construction);
        let at = match found.iter().position(|c| c.construction == construction) {
            Some(at) => at,
            None => {
                found.push(ConstructionCount {
                    construction,
                    found: 0,
                    wrong_speaker: 0,
                });
                found.len() - 1
            }
        };
        found[at].found += 1;
        found[at].wrong_speaker += usize::from(wrong.contains(&gi));
    }
    found.sort_by_key(|c| (std::cmp::Reverse(c.found), c.construction));
    let mut missed: Vec<ContextCount> = Vec::new();
    for m in report.misses.iter().filter(|m| m.kind == MissKind::Missed) {
        let context = context_of(m.gold);
        match missed.iter_mut().find(|c| c.context == context) {
            Some(c) => c.missed += 1,
            None => missed.push(ContextCount { context, missed: 1 }),
        }
    }
    missed.sort_by_key(|c| (std::cmp::Reverse(c.missed), c.context));
    Breakdown { found, missed }
}

/// The name of a construction, `unknown` for none.
fn name(c: Option<Construction>) -> &'static str {
    c.map_or("unknown", Construction::as_str)
}

impl Breakdown {
    /// The breakdown as lines for people: a table of found statements by construction, then
    /// one of missed statements by context.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!(
            "  {:<22} {:>6} {:>14}",
            "found by construction", "found", "wrong speaker"
        )];
        for c in &self.found {
            out.push(format!(
                "  {:<22} {:>6} {:>14}",
                name(c.construction),
                c.found,
                c.wrong_speaker
            ));
        }
        out.push(format!("  {:<22} {:>6}", "missed by context", "missed"));
        for c in &self.missed {
            out.push(format!(
                "  {:<22} {:>6}   {}",
                c.context.as_str(),
                c.missed,
                c.context.describe()
            ));
        }
        out
    }

    /// The breakdown as one JSON object, keyed by name: `{"found_by_construction": {"verb-after":
    /// {"found": N, "wrong_speaker": N}, ...}, "missed_by_context": {"speech-verb": N, ...}}`.
    pub fn to_json(&self) -> Value {
        let mut found = Map::new();
        for c in &self.found {
            found.insert(
                name(c.construction).to_string(),
                json!({"found": c.found, "wrong_speaker": c.wrong_speaker}),
            );
        }
        let mut missed = Map::new();
        for c in &self.missed {
            missed.insert(c.context.as_str().to_string(), json!(c.missed));
        }
        json!({"found_by_construction": found, "missed_by_context": missed})
    }
}

#[cfg(test)]
mod tests {
    use super::super::{parse_gold_line, parse_system_line, score, GoldStatement};
    use super::*;

    /// A gold statement, read from a gold line.
    fn gold(text: &str, speaker: &str) -> GoldStatement {
        let line = json!({"text": text, "speaker": speaker, "required": true});
        parse_gold_line(&line.to_string()).expect("a gold line")
    }

    /// A system statement, read from an `extract --json` line.
    fn system(text: &str, speaker: &str, c: Option<Construction>) -> SystemStatement {
        let line = json!({"text": text, "speaker": speaker, "construction": c.map(|c| c.as_str())});
        parse_system_line(&line.to_string()).expect("a system line")
    }

    #[test]
    fn counts_found_by_construction_and_missed_by_context() {
        let g = vec![
            gold("the talks were useful and frank", "Sergey Lavrov"),
            gold("sanctions will follow any incursion", "Antony Blinken"),
            gold("the border stays open for now", "Olaf Scholz"),
            gold("we will not move our troops", "Sergey Lavrov"),
            gold("no decision was taken today", "Jens Stoltenberg"),
        ];
        let s = vec![
            system(
                "the talks were useful and frank",
                "Sergey Lavrov",
                Some(Construction::VerbAfter),
            ),
            system(
                "sanctions will follow any incursion",
                "Liz Truss",
                Some(Construction::VerbAfter),
            ),
            system(
                "the border stays open for now",
                "Olaf Scholz",
                Some(Construction::AccordingTo),
            ),
        ];
        let report = score(&g, &s, None);
        assert_eq!(report.found.len(), 3);
        let b = breakdown(&report, &s, |gi| {
            if gi == 3 {
                MissContext::SpeechVerb
            } else {
                MissContext::NoCue
            }
        });
        let vc = |c, found, wrong_speaker| ConstructionCount {
            construction: Some(c),
            found,
            wrong_speaker,
        };
        assert_eq!(
            b.found,
            vec![
                vc(Construction::VerbAfter, 2, 1),
                vc(Construction::AccordingTo, 1, 0)
            ]
        );
        assert_eq!(
            b.missed,
            vec![
                ContextCount {
                    context: MissContext::SpeechVerb,
                    missed: 1
                },
                ContextCount {
                    context: MissContext::NoCue,
                    missed: 1
                },
            ]
        );
        let j = b.to_json();
        assert_eq!(j["found_by_construction"]["verb-after"]["found"], 2);
        assert_eq!(j["found_by_construction"]["verb-after"]["wrong_speaker"], 1);
        assert_eq!(j["missed_by_context"]["speech-verb"], 1);
        let lines = b.lines();
        assert!(lines.iter().any(|l| l.contains("according-to")));
        assert!(lines
            .iter()
            .any(|l| l.contains("a speech verb in the same sentence")));
    }

    #[test]
    fn a_statement_without_construction_is_unknown() {
        let g = vec![gold("the talks were useful and frank", "Sergey Lavrov")];
        let s = vec![system(
            "the talks were useful and frank",
            "Sergey Lavrov",
            None,
        )];
        let b = breakdown(&score(&g, &s, None), &s, |_| MissContext::NoCue);
        assert_eq!(b.to_json()["found_by_construction"]["unknown"]["found"], 1);
        assert!(b.missed.is_empty());
    }

    #[test]
    fn context_names_are_stable_and_distinct() {
        let names: Vec<&str> = MissContext::ALL.iter().map(|c| c.as_str()).collect();
        for (i, n) in names.iter().enumerate() {
            assert!(!names[..i].contains(n), "help: {n} twice");
            assert!(!MissContext::ALL[i].describe().is_empty());
        }
    }
}
