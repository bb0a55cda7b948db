//! Statement extraction: finds the direct and indirect statements of an article and who made them.
//!
//! Input is an [`Article`]; output is its [`Segmented`] passages and the [`Statement`]s found in
//! them, every range a byte range into the article text. The pipeline, one file a stage:
//!
//! - `quotes`: quotation spans, over several paragraphs where a quotation runs on;
//! - `tokens`: words and punctuation of each passage, each quotation one token; sentences;
//! - `cues`: speech cues, their source phrases and the words said;
//! - `mentions`: what a source phrase names (a person with role and country, a pronoun, a
//!   description, an organisation);
//! - `coref`: one identity for all the ways an article names a speaker;
//! - `gazetteer` and `lexicon`: the data (`data/gazetteer/`, `data/lexicon/`);
//! - `people`: the knowledge base of public figures (`data/people/`).
//! - `diagnose`: what the context of a statement extraction missed holds (for `eval`).
//!
//! Text processing only: nothing here knows of the index.

mod coref;
mod cues;
mod diagnose;
pub mod gazetteer;
mod hash;
mod home;
mod identity;
mod lexicon;
mod mentions;
pub mod people;
mod quotes;
#[cfg(test)]
mod seed_test;
mod tokens;

use crate::article::Article;
use crate::segment::{segment, Passage, PassageKind, Segmented};
use crate::statement::{Construction, SpeakerFound, Statement};
use crate::topics::Taxonomy;

pub use diagnose::miss_context;

use coref::{Resolved, Resolver};
use cues::{Candidate, Mode, Source};
pub use gazetteer::Gender;
use gazetteer::{Gazetteer, PlaceKind};
use lexicon::class;
use mentions::Mention;
use people::{People, PersonId};
use quotes::QuoteSpan;
use tokens::Token;

/// What extraction found in one article.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    /// The article's passages.
    pub segmented: Segmented,
    /// Its statements, in text order.
    pub statements: Vec<Statement>,
}

/// Finds statements. Holds the topic taxonomy; the word tables are built once per process and
/// shared. Cheap to share between threads.
#[derive(Clone, Debug, Default)]
pub struct Extractor {
    topics: Taxonomy,
    /// The knowledge base of public figures; `None` for the built-in table.
    people: Option<std::sync::Arc<People>>,
}

/// One statement before output: its candidate and what its source resolved to.
struct Found {
    cand: Candidate,
    passage: usize,
    resolved: Resolved,
    /// How the speaker was found.
    how: SpeakerFound,
}

impl Extractor {
    /// An extractor tagging topics from `topics`.
    pub fn new(topics: Taxonomy) -> Extractor {
        // Build the shared tables now rather than on the first article.
        let _ = Gazetteer::get();
        let _ = lexicon::Lexicon::get();
        // The people table is parsed on first use (`Extractor::people`): extraction does not
        // consult it yet, and a run should not wait for it before opening its index.
        Extractor {
            topics,
            people: None,
        }
    }

    /// The same extractor with `people` (the built-in table with a user's file on top, see
    /// [`People::with_file`]) as its knowledge base.
    pub fn with_people(mut self, people: People) -> Extractor {
        self.people = Some(std::sync::Arc::new(people));
        self
    }

    /// The knowledge base of public figures this extractor uses.
    pub fn people(&self) -> &People {
        self.people.as_deref().unwrap_or_else(|| People::builtin())
    }

    /// Extracts the statements of one article.
    pub fn extract(&self, article: &Article) -> Extraction {
        let text = article.text.as_str();
        let segmented = segment(article);
        let g = Gazetteer::get();
        let passages = &segmented.passages;
        // Quotations and tokens of every passage.
        let pq = quotes::scan_passages(text, passages);
        let toks = passage_tokens(text, passages, &pq, &segmented.inline_furniture);
        let people = self.people();
        let setting = identity::Setting {
            people,
            g,
            home: home::home(article, &toks, g),
            year: article
                .date
                .as_deref()
                .and_then(|d| d.get(..4))
                .and_then(|y| y.parse().ok()),
        };
        let a = ArticleParts {
            text,
            passages,
            toks: &toks,
            pq: &pq,
            g,
            people,
        };
        let mut res = a.register(people, setting.year);
        let mut found: Vec<Found> = Vec::new();
        // Whether the passage before ended with a cue and a colon ("Cruz said:").
        let mut introduced = false;
        for (pi, p) in passages.iter().enumerate() {
            let mode = match p.kind {
                PassageKind::Caption | PassageKind::Furniture => continue,
                PassageKind::Title => Mode::Title,
                PassageKind::Headline => Mode::EntryHeadline,
                _ => Mode::Body,
            };
            a.passage(pi, mode, &mut res, &mut introduced, &mut found);
        }
        claim_descriptions(&mut found, &mut res, passages);
        for f in found.iter_mut() {
            if let Resolved::Entity(e) = f.resolved {
                if passages.get(f.passage).map(|p| p.kind) == Some(PassageKind::Title) {
                    f.resolved = Resolved::Entity(res.headline_speaker(e, f.passage));
                }
            }
        }
        let mut statements = self.statements(found, &mut res, &setting, &segmented, text);
        for st in statements.iter_mut() {
            clear_of_cards(text, st, &segmented.inline_furniture);
        }
        statements.retain(|s| s.start < s.end);
        statements.sort_by_key(|s| (s.start, s.end));
        statements.dedup_by(|a, b| a.start == b.start && a.end == b.end);
        Extraction {
            segmented,
            statements,
        }
    }

    /// The statements of what was `found`, with their speakers' identities and topics.
    fn statements(
        &self,
        found: Vec<Found>,
        res: &mut Resolver,
        setting: &identity::Setting,
        segmented: &Segmented,
        text: &str,
    ) -> Vec<Statement> {
        let passages = &segmented.passages;
        let mut statements = Vec::with_capacity(found.len());
        let mut topic_context: std::collections::HashMap<usize, PassageTopics> =
            std::collections::HashMap::new();
        for f in found {
            let c = &f.cand;
            let Some(words) = text.get(c.content.clone()) else {
                continue;
            };
            let speaker = speaker_of(&f, words, res, setting);
            // A passage's keywords are read once, whatever number of statements it holds.
            let pt = topic_context.entry(f.passage).or_insert_with(|| {
                let range = passages.get(f.passage).map_or(0..0, |p| p.range());
                let hits = text
                    .get(range.clone())
                    .map_or_else(Vec::new, |p| self.topics.hits(p));
                let headline = segmented.entry_headline(text, f.passage);
                PassageTopics {
                    context: self.topics.context_of(headline, &hits),
                    hits,
                    range,
                }
            });
            let topics = if pt.range.start <= c.content.start && c.content.end <= pt.range.end {
                let at = c.content.start - pt.range.start..c.content.end - pt.range.start;
                self.topics.tag_hits(&pt.hits, at, &pt.context)
            } else {
                self.topics.tag_in(words, &pt.context)
            };
            statements.push(Statement {
                start: c.content.start,
                end: c.content.end,
                kind: c.kind,
                speaker: speaker.name,
                role: speaker.role,
                aliases: speaker.aliases,
                countries: speaker.countries,
                country_evidence: speaker.evidence,
                found: speaker.how,
                topics,
                cue: c.cue.clone().and_then(|r| text.get(r)).map(str::to_string),
                construction: c.construction,
                passage: f.passage,
            });
        }
        statements
    }
}

/// A passage's topic keywords (offsets into the passage) and the evidence they and its entry
/// headline give the statements in it.
struct PassageTopics {
    range: std::ops::Range<usize>,
    hits: Vec<crate::topics::Hit>,
    context: crate::topics::Context,
}

/// The speaker of a statement as output: name, role, aliases, countries with their evidence,
/// and how it was found.
#[derive(Default)]
struct SpeakerOut {
    name: Option<String>,
    role: Option<String>,
    aliases: Vec<String>,
    countries: Vec<String>,
    evidence: Vec<crate::statement::CountryEvidence>,
    how: Option<SpeakerFound>,
}

/// Who said `f` (whose words are `words`), as output.
fn speaker_of(
    f: &Found,
    words: &str,
    res: &mut Resolver,
    setting: &identity::Setting,
) -> SpeakerOut {
    let (Resolved::Entity(e) | Resolved::Pending(e)) = f.resolved else {
        return SpeakerOut::default();
    };
    if let Some(ent) = res.entities.get_mut(e) {
        // An official with no stated country speaking of their own country
        // ("Bulgaria will decide ..., Prime Minister Kiril Petkov says").
        if ent.person && ent.gov && ent.countries.is_empty() {
            ent.speaks_for = ent.speaks_for.or_else(|| opening_country(words, setting.g));
        }
    }
    let Some(ent) = res.entities.get(e) else {
        return SpeakerOut::default();
    };
    let id = identity::identify(ent, setting);
    SpeakerOut {
        name: Some(id.name),
        role: ent.role.clone(),
        aliases: ent.aliases.clone(),
        countries: id.countries,
        evidence: id.evidence,
        how: Some(f.how),
    }
}

/// Returns true if and only if `hay` holds `word` as a whole word (case as given).
fn holds_word(hay: &str, word: &str) -> bool {
    !word.is_empty()
        && hay.match_indices(word).any(|(i, _)| {
            let before = hay[..i].chars().next_back();
            let after = hay[i + word.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
}

/// The tokens of every passage, a link's hover card inside a paragraph left out.
fn passage_tokens(
    text: &str,
    passages: &[Passage],
    pq: &[Vec<QuoteSpan>],
    cards: &[std::ops::Range<usize>],
) -> Vec<Vec<Token>> {
    passages
        .iter()
        .zip(pq)
        .map(|(p, q)| {
            let mut t = tokens::tokenize(text, p.range(), q);
            // A link's hover card inside a paragraph is no part of it.
            if cards.iter().any(|c| p.start <= c.start && c.end <= p.end) {
                t.retain(|t| !cards.iter().any(|c| t.start < c.end && c.start < t.end));
            }
            t
        })
        .collect()
}

/// A description with no antecedent is claimed by the next named person soon after it (in the
/// next three passages of the same live-blog entry).
fn claim_descriptions(found: &mut [Found], res: &mut Resolver, passages: &[Passage]) {
    for i in 0..found.len() {
        let Resolved::Pending(pe) = found[i].resolved else {
            continue;
        };
        let entry = passages.get(found[i].passage).and_then(|p| p.entry);
        let next = found[i + 1..]
            .iter()
            .take_while(|f| {
                f.passage <= found[i].passage + 3
                    && passages.get(f.passage).and_then(|p| p.entry) == entry
            })
            .find_map(|f| match f.resolved {
                Resolved::Entity(e)
                    if res.entities[e].person
                        && res.entities[e]
                            .name
                            .chars()
                            .next()
                            .is_some_and(char::is_uppercase)
                        && res.fits_description(pe, e) =>
                {
                    Some(e)
                }
                _ => None,
            });
        if let Some(e) = next {
            res.claim(pe, e);
            for f in found.iter_mut() {
                if f.resolved == Resolved::Pending(pe) {
                    f.resolved = Resolved::Entity(e);
                }
            }
        }
    }
}

/// What every stage of one article's extraction reads: its text, passages, their tokens and
/// quotations, and the gazetteer.
struct ArticleParts<'a> {
    text: &'a str,
    passages: &'a [Passage],
    toks: &'a [Vec<Token>],
    pq: &'a [Vec<QuoteSpan>],
    g: &'a Gazetteer,
    people: &'a People,
}

/// The speakers of one passage's candidates, by candidate: what each resolved to and how.
struct Speakers {
    resolved: Vec<Option<Resolved>>,
    how: Vec<SpeakerFound>,
}

impl ArticleParts<'_> {
    /// A resolver that knows every name met anywhere (captions too): the identities surnames
    /// and titles refer to, the prominent ones marked.
    fn register(&self, people: &People, year: Option<u16>) -> Resolver {
        let (text, g) = (self.text, self.g);
        let mut res = Resolver::default();
        res.live = self
            .passages
            .iter()
            .any(|p| p.kind == PassageKind::Headline);
        res.opening = self
            .passages
            .iter()
            .position(|p| p.kind != PassageKind::Furniture)
            .unwrap_or(0);
        let mut seen = hash::FastMap::default();
        for (pi, t) in self.toks.iter().enumerate() {
            if self.passages[pi].kind == PassageKind::Furniture {
                continue;
            }
            register_names(text, t, pi, &mut res, &mut seen, (people, year));
            if self.passages[pi].kind != PassageKind::Caption {
                register_orgs(text, t, pi, &mut res, g);
                register_bodies(text, t, pi, &mut res);
            }
        }
        res.mark_prominent(|name| kb_offices(people, name));
        res
    }

    /// Finds the statements of passage `pi`, read in `mode`, and their speakers, onto `found`.
    /// `introduced` says whether the passage before ended with "Cruz said:", and is set for the
    /// next.
    fn passage(
        &self,
        pi: usize,
        mode: Mode,
        res: &mut Resolver,
        introduced: &mut bool,
        found: &mut Vec<Found>,
    ) {
        let (text, g, p) = (self.text, self.g, &self.passages[pi]);
        let t = &self.toks[pi];
        let sents = tokens::sentences(text, t, &self.pq[pi]);
        let found_here = cues::find(text, t, &self.pq[pi], &sents, mode);
        let mut cands = found_here.candidates;
        if std::mem::replace(introduced, found_here.introduces.is_some()) {
            for c in cands.iter_mut().filter(|c| c.source == Source::Previous) {
                c.construction = Construction::ColonIntroduced;
            }
        }
        let mut order: Vec<usize> = (0..cands.len()).collect();
        order.sort_by_key(|&k| cands[k].at);
        let sp = self.speakers(pi, &cands, &order, &sents, res);
        // The last speaker of the passage is the one continuations will follow.
        if let Some(&k) = order.iter().rev().find(|&&k| {
            matches!(
                sp.resolved[k],
                Some(Resolved::Entity(_)) | Some(Resolved::Pending(_))
            )
        }) {
            if let Some(Resolved::Entity(e) | Resolved::Pending(e)) = sp.resolved[k] {
                res.set_last_speaker(e, pi);
            }
        }
        // "Cruz continued:" at the end of the passage: the next passage's quotation is theirs.
        if let Some(r) = found_here.introduces {
            if let Some(m) = t
                .get(r.clone())
                .and_then(|src| mentions::read(text, src, g))
            {
                let at = t.get(r.start).map_or(p.start, |x| x.start);
                if let Resolved::Entity(e) = res.resolve(&m, at, pi, None, &[]) {
                    res.set_last_speaker(e, pi);
                }
            }
        }
        for k in order {
            let cand = cands[k].clone();
            if cand.source == Source::Previous && sp.resolved[k] == Some(Resolved::Nobody) {
                continue;
            }
            if !self.label_known(pi, &cand, res) {
                continue;
            }
            found.push(Found {
                cand,
                passage: pi,
                resolved: sp.resolved[k].clone().unwrap_or(Resolved::Nobody),
                how: sp.how[k],
            });
        }
    }

    /// Whether the `Name:` label of passage `pi` names somebody: it holds a first name, or its
    /// head (its last word) is a role, an acronym, a surname of the knowledge base, or a
    /// person's surname, an organisation or a place the article knows; a one-word label may
    /// also be a document ("Poll:") or a word the rest of the article writes capitalised again
    /// ("Politifact"). In a title-case headline any words may stand before a colon: "You Had
    /// Me At Hello: ...", "Trump's Latest Campaign Weapon: The Mirror" and "Newscast: A
    /// roundup of election results" name nobody. Candidates of other constructions are known.
    fn label_known(&self, pi: usize, cand: &Candidate, res: &Resolver) -> bool {
        let (text, g) = (self.text, self.g);
        let label = match &cand.source {
            Source::Phrase(r)
                if matches!(
                    cand.construction,
                    Construction::HeadlineLabel | Construction::NameLabel
                ) =>
            {
                self.toks[pi].get(r.clone()).unwrap_or_default()
            }
            _ => return true,
        };
        let Some(head) = label.last() else {
            return true;
        };
        let h = head.stem(text);
        if label.iter().any(|t| t.first_name)
            || head.lex.role.is_some()
            || (h.len() >= 2 && h.bytes().all(|b| b.is_ascii_uppercase()))
            || res.is_surname(h)
            || self.people.has_surname(h)
            || res.org_named(h).is_some()
            || g.place_str(h).is_some()
        {
            return true;
        }
        let p = &self.passages[pi];
        let elsewhere = |w: &str| {
            holds_word(text.get(..p.start).unwrap_or_default(), w)
                || holds_word(text.get(p.end..).unwrap_or_default(), w)
        };
        label.len() == 1
            && (head.cap && elsewhere(head.text(text))
                || matches!(mentions::read(text, label, g), Some(Mention::Document(_))))
    }

    /// The speakers of the candidates `cands` of passage `pi`, taken in `order`: continuations
    /// first (they follow whoever spoke before this passage), then source phrases, then
    /// candidates that share another's source.
    fn speakers(
        &self,
        pi: usize,
        cands: &[Candidate],
        order: &[usize],
        sents: &[std::ops::Range<usize>],
        res: &mut Resolver,
    ) -> Speakers {
        let (text, g) = (self.text, self.g);
        let t = &self.toks[pi];
        let before = res.last_speaker();
        let mut sp = Speakers {
            resolved: vec![None; cands.len()],
            how: vec![SpeakerFound::Earlier; cands.len()],
        };
        for &k in order {
            if cands[k].source == Source::Previous {
                sp.resolved[k] = Some(match before {
                    Some((e, ps)) if ps + 1 >= pi => Resolved::Entity(e),
                    _ => Resolved::Nobody,
                });
            }
        }
        for &k in order {
            let Source::Phrase(r) = cands[k].source.clone() else {
                continue;
            };
            let Some(src) = t.get(r.clone()) else {
                continue;
            };
            let sent = sents.get(cands[k].sentence).cloned().unwrap_or(0..0);
            let ctx = country_groups(text, &t[sent.start.min(r.start)..r.start], g);
            let at = src.first().map_or(cands[k].at, |x| x.start);
            let mention = mentions::read(text, src, g);
            sp.how[k] = found_by(mention.as_ref());
            let subject = match &mention {
                Some(Mention::Pronoun(p)) => {
                    let before_src = reported_before(
                        &t[sent.start.min(r.start)..r.start],
                        &cands[k].content,
                        at,
                    );
                    let earlier = &sents[..cands[k].sentence.min(sents.len())];
                    self.pronoun_subject(pi, before_src, earlier, *p, at, res)
                }
                _ => None,
            };
            res.set_words_said(cands[k].content.clone());
            sp.resolved[k] = Some(match mention {
                Some(m) => res.resolve(&m, at, pi, subject, &ctx),
                None => Resolved::Nobody,
            });
            if let Some(Resolved::Entity(e) | Resolved::Pending(e)) = sp.resolved[k] {
                // The source phrase and an appositive after it.
                let near = &t[r.start..(r.end + APPOSITIVE_WORDS).min(t.len())];
                if reports_from(text, near) {
                    res.set_abroad(e);
                }
            }
        }
        for &k in order {
            if let Source::SameAs(j) = cands[k].source {
                sp.resolved[k] = sp.resolved.get(j).cloned().flatten();
                sp.how[k] = sp.how.get(j).copied().unwrap_or(SpeakerFound::Earlier);
            }
        }
        sp
    }

    /// Whom pronoun `p` of a source phrase at byte `at` of passage `pi` refers to: the subject of
    /// its own sentence before it (`before_src`), else the subject of an `earlier` sentence of
    /// the passage when that one was named after the last speaker was.
    fn pronoun_subject(
        &self,
        pi: usize,
        before_src: &[Token],
        earlier: &[std::ops::Range<usize>],
        p: mentions::Pronoun,
        at: usize,
        res: &Resolver,
    ) -> Option<usize> {
        let (text, g) = (self.text, self.g);
        sentence_subject(text, before_src, p, res, g).or_else(|| {
            let (e, pos, end) = passage_subject(text, &self.toks[pi], earlier, p, res, g)?;
            // Another who fits and spoke later ("... what Reid tweeted about Trump. She
            // tweeted") is as near an antecedent.
            if later_speaker(text, &self.toks[pi], e, end..at, p, res) {
                return None;
            }
            // The last speaker, named after the subject, is the nearer antecedent, unless the
            // pronoun cannot be theirs ("she" of a man).
            let newer = match res.last_speaker() {
                None => true,
                Some((last, _)) => {
                    last == e
                        || res
                            .gender_of(last)
                            .is_some_and(|g| p.gender().is_some_and(|want| want != g))
                        || res.last_mention_before(last, at).is_none_or(|lp| lp < pos)
                }
            };
            newer.then_some(e)
        })
    }
}

/// The fewest words a statement keeps when a hover card is cut from it.
const MIN_WORDS_LEFT: usize = 3;

/// Cuts the link hover cards `cards` out of a statement's words: its words end before the
/// first card, or, if too few are left, start after it.
fn clear_of_cards(text: &str, st: &mut Statement, cards: &[std::ops::Range<usize>]) {
    let Some(card) = cards
        .iter()
        .find(|c| c.start < st.end && st.start < c.end)
        .cloned()
    else {
        return;
    };
    let words = |a: usize, b: usize| text.get(a..b).map_or(0, |s| s.split_whitespace().count());
    if card.start > st.start && words(st.start, card.start) >= MIN_WORDS_LEFT {
        let kept = text[st.start..card.start].trim_end();
        st.end = st.start + kept.len();
    } else if card.end < st.end && words(card.end, st.end) >= MIN_WORDS_LEFT {
        let rest = &text[card.end..st.end];
        st.start = card.end + (rest.len() - rest.trim_start().len());
    } else {
        st.end = st.start;
    }
}

/// How many tokens after a source phrase may still describe its speaker (an appositive).
const APPOSITIVE_WORDS: usize = 8;

/// Returns true if and only if a source phrase places its speaker abroad: "reporting from
/// Nairobi".
fn reports_from(text: &str, src: &[Token]) -> bool {
    src.windows(2)
        .any(|w| w[0].text(text).eq_ignore_ascii_case("reporting") && w[1].text(text) == "from")
}

/// How a source phrase found its speaker: by name, by pronoun, or by a description.
fn found_by(m: Option<&Mention>) -> SpeakerFound {
    match m {
        Some(Mention::Person(_)) => SpeakerFound::Named,
        Some(Mention::Pronoun(_)) => SpeakerFound::Pronoun,
        Some(Mention::Org(d)) if d.text.chars().next().is_some_and(char::is_uppercase) => {
            SpeakerFound::Named
        }
        _ => SpeakerFound::Role,
    }
}

/// The capitalised run of name words that starts at token `i`, as token indices `(s, e)`:
/// it ends after a possessive, and leaves out a person's role capitalised to open the
/// sentence ("Comedian Kathy Griffin makes ...").
fn name_run(text: &str, toks: &[Token], i: usize, g: &Gazetteer) -> (usize, usize) {
    let mut s = i;
    let mut e = i;
    while e < toks.len() && mentions::is_name_at(text, toks, e, g) {
        e += 1;
        if toks[e - 1].poss {
            break;
        }
    }
    while e - s > 2
        && !toks[s].first_name
        && matches!(
            toks[s].lex.role,
            Some(lexicon::RoleKind::Person | lexicon::RoleKind::Gov)
        )
    {
        s += 1;
    }
    (s, e)
}

/// How weak an antecedent of a later pronoun the name of tokens `s..e` is (see
/// [`name_weakness`]): a name that qualifies a noun ("Trump donors", "the Obama
/// administration") is 2, an owner ("blasted Mr. Obama's response") 1.
fn run_weakness(text: &str, toks: &[Token], s: usize, e: usize) -> u8 {
    let qualifies = toks
        .get(e)
        .is_some_and(|n| n.is_word() && !n.cap && (n.lex.role.is_some() || n.lex.org != 0));
    match name_weakness(text, &toks[..s]) {
        _ if qualifies => 2,
        0 if toks[e - 1].poss => 1,
        w => w,
    }
}

/// How weak an antecedent of a later pronoun the name that follows `before` is: 1 for the
/// object of a preposition ("about Trump", "to President and Mrs. Trump", "with the
/// president"), 2 for a name that qualifies a noun after "a" ("a George W. Bush appointee"),
/// 0 otherwise.
fn name_weakness(text: &str, before: &[Token]) -> u8 {
    for t in before.iter().rev().take(8) {
        let w = t.text(text);
        if matches!(w, "a" | "an") {
            return 2;
        }
        if t.has(class::OBLIQUE) && !t.cap {
            return 1;
        }
        let skip = t.is_word()
            && (t.cap || t.has(class::DET | class::TITLE) || t.lex.role.is_some() || w == "and");
        if !skip {
            return 0;
        }
    }
    0
}

/// Registers the people a passage names in full ("Russian Foreign Minister Sergei Lavrov") or
/// with a title ("Mr. Trump"; "President Trump", the knowledge base's one holder of that office
/// of that name in the article's `year`), and the surname mentions of people already known.
fn register_names<'t>(
    text: &'t str,
    toks: &[Token],
    pi: usize,
    res: &mut Resolver,
    seen: &mut hash::FastMap<&'t str, usize>,
    (people, year): (&People, Option<u16>),
) {
    let g = Gazetteer::get();
    let mut i = 0;
    while i < toks.len() {
        if !mentions::is_name_at(text, toks, i, g) {
            i += 1;
            continue;
        }
        let (s, e) = name_run(text, toks, i, g);
        res.weak_mention(toks[s].start, run_weakness(text, toks, s, e));
        let prev = s.checked_sub(1).and_then(|p| toks.get(p));
        let titled = prev.is_some_and(|p| {
            p.is_word()
                && (p.has(class::TITLE) || p.lex.role.is_some_and(|r| r != lexicon::RoleKind::Org))
        });
        // "former South African president": a place is nobody's name, nor is an
        // organisation's ("the Billy Graham Library").
        let place = || {
            let run = text.get(toks[s].start..toks[e - 1].end).unwrap_or("");
            g.place_str(run).is_some() || toks[e - 1].lex.org != 0
        };
        let full = e - s >= 2 && (toks[s].first_name || titled) && !place();
        if full || (e - s == 1 && prev.is_some_and(|p| p.has(class::TITLE))) {
            // The role words before the name: roles, places, possessive owners, titles.
            let mut p = s;
            while p > 0 && s - p < 6 {
                let t = &toks[p - 1];
                let ok = t.is_word()
                    && (t.lex.role.is_some()
                        || t.has(class::TITLE)
                        || t.poss
                        || (t.cap && !t.has(class::NOT_NAME))
                        || g.place_word(t.stem(text)).is_some()
                        || (t.text(text) == "of" && p >= 2 && toks[p - 2].lex.role.is_some()));
                if !ok {
                    break;
                }
                p -= 1;
            }
            // A phrase met before names the same person: one more mention.
            let phrase = text.get(toks[p].start..toks[e - 1].end).unwrap_or("");
            if let Some(&known) = seen.get(phrase) {
                res.mention(known, toks[s].start, pi);
            } else if let Some(Mention::Person(mut n)) = mentions::read(text, &toks[p..e], g) {
                let office = n.role.as_deref().filter(|_| n.gov && !n.name.contains(' '));
                let holder = office
                    .zip(year)
                    .and_then(|(o, y)| titled_holder(people, o, &n.name, y));
                if let Some(p) = holder {
                    n.name = p.name.clone();
                    n.gender = n.gender.or(p.gender);
                }
                if n.name.contains(' ') {
                    // One look-up for what the resolver keeps of a name the knowledge base knows.
                    let ids = people.lookup(&n.name);
                    if !ids.is_empty() {
                        res.know_offices(&n.name, offices_of(people, &ids));
                        res.know_countries(&n.name, countries_of(people, &ids));
                    }
                }
                let id = res.person(&n, toks[s].start, pi);
                seen.insert(phrase, id);
            }
        } else if e - s == 1 && !toks[s].stem(text).contains(['-', '\u{2011}']) {
            // "President Trump": the office said before the surname; not "President-elect
            // Trump", nor "a President Sanders" (who is not yet).
            let indefinite = s >= 2 && matches!(toks[s - 2].text(text), "a" | "an" | "A" | "An");
            let office = prev
                .filter(|p| {
                    p.is_word()
                        && p.cap
                        && p.lex.role == Some(lexicon::RoleKind::Gov)
                        && !p.text(text).contains('-')
                        && !indefinite
                })
                .map(|p| crate::names::fold_word(p.text(text)));
            let surname = toks[s].stem(text);
            let holder = office
                .as_deref()
                .zip(year)
                .and_then(|(o, y)| titled_holder(people, o, surname, y));
            match (holder, prev) {
                (Some(holder), Some(p)) => {
                    let n = mentions::Named {
                        name: holder.name.clone(),
                        role: Some(p.text(text).to_string()),
                        gov: true,
                        gender: holder.gender,
                        ..Default::default()
                    };
                    if let Some(offices) = kb_offices(people, &n.name) {
                        res.know_offices(&n.name, offices);
                    }
                    res.person(&n, toks[s].start, pi);
                }
                _ => {
                    res.surname_mention(surname, office.as_deref(), toks[s].start, pi);
                }
            }
        }
        i = e;
    }
}

/// The full name of the one person of the knowledge base a titled surname of an article of
/// `year` names ("President Trump" in 2017, "Chancellor Merkel" in 2010): an office of that
/// title (`office`, any case) held that year, in any country, by one person of that surname.
fn titled_holder<'p>(
    people: &'p People,
    office: &str,
    surname: &str,
    year: u16,
) -> Option<&'p people::Person> {
    let office = office.strip_prefix("the ").unwrap_or(office).to_lowercase();
    let surname = crate::names::surname_key(surname)?;
    match people.titled(&office, &surname, year)[..] {
        [one] => Some(people.person(one)),
        _ => None,
    }
}

/// The offices the knowledge base knows of the holders of a full name, lowercased and joined
/// by " | "; `None` for a name it does not know.
fn kb_offices(people: &People, name: &str) -> Option<String> {
    let ids = people.lookup(name);
    (!ids.is_empty()).then(|| offices_of(people, &ids))
}

/// The offices the people `ids` held, lowercased and joined by " | ".
fn offices_of(people: &People, ids: &[PersonId]) -> String {
    let mut out = String::new();
    for o in ids.iter().flat_map(|&id| &people.person(id).offices) {
        if !out.is_empty() {
            out.push_str(" | ");
        }
        // Written lowercased into the one String: most titles are ASCII.
        if o.title.is_ascii() {
            let from = out.len();
            out.push_str(&o.title);
            out[from..].make_ascii_lowercase();
        } else {
            out.push_str(&o.title.to_lowercase());
        }
    }
    out
}

/// The countries of the people `ids`, each once.
fn countries_of(people: &People, ids: &[PersonId]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in ids.iter().flat_map(|&id| &people.person(id).countries) {
        if !out.contains(c) {
            out.push(c.clone());
        }
    }
    out
}

/// Words that may join the capitalised words of an organisation's name ("Bank of England",
/// "Centers for Disease Control and Prevention").
const ORG_CONNECTORS: &[&str] = &["of", "for", "and", "on", "the", "de", "&"];

/// Registers the organisations a passage names in full: capitalised words that hold an
/// organisation's head noun ("Problem Solvers Caucus", "Joint Committee on Human Rights") or
/// that the article follows with an acronym ("Centers for Disease Control and Prevention
/// (CDC)").
fn register_orgs(text: &str, toks: &[Token], pi: usize, res: &mut Resolver, g: &Gazetteer) {
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let opens = t.is_word()
            && t.cap
            && !t.has(class::DET | class::PRON | class::TITLE)
            && t.lex.cue.is_none()
            && !is_auxiliary(t);
        if !opens {
            i += 1;
            continue;
        }
        let head_noun = |t: &Token| t.lex.org != 0 || t.lex.role == Some(lexicon::RoleKind::Org);
        // "Group of House Democrats to ...": a common noun capitalised as a sentence's first
        // word opens no name.
        let first_word = i == 0 || toks[i - 1].is('.') || toks[i - 1].is_quote();
        if first_word && head_noun(t) {
            i += 1;
            continue;
        }
        let mut e = org_name_end(text, toks, i);
        // "against Facebook on Facebook itself": one name on both sides of a connector is that
        // name twice, not a longer one.
        if e - i >= 3 {
            let words: Vec<&str> = toks[i..e]
                .iter()
                .map(|t| t.text(text))
                .filter(|w| !ORG_CONNECTORS.contains(w))
                .collect();
            if words.len() >= 2 && words.iter().all(|w| *w == words[0]) {
                e = i + 1;
            }
        }
        let acronym = acronym_after(text, toks, i, e);
        let has_head = toks[i..e].iter().any(head_noun);
        // Capitalised words with no head noun ("Sumitomo Mitsui Financial") may be an
        // organisation too; not a person's name, though.
        let weak = !has_head && acronym.is_none() && !t.first_name;
        if e - i == 1 && acronym.is_none() {
            // A short form or acronym of one named before ("Amnesty", "the NRA").
            if let Some(org) = res.org_named(t.stem(text)) {
                res.mention_org(org, t.start, pi);
            } else if the_one_word_org(text, toks, i, res, g) {
                res.register_org(t.stem(text), None, &[], false, t.start, pi);
            }
        } else if (has_head || weak) || acronym.is_some() {
            if let Some(name) = text.get(toks[i].start..toks[e - 1].stem_end(text)) {
                // "Jenna Jordan": a capitalised word and a place's name that people also
                // bear, no head noun, is somebody of that surname, not anything of that place
                // ("North Korea" and "Mazars USA" are).
                let surname_place = weak
                    && e - i == 2
                    && toks[i + 1].first_name
                    && g.place_word(toks[i].stem(text)).is_none()
                    && g.place_word(toks[i + 1].stem(text)).is_some()
                    && text
                        .get(toks[i].start..toks[i + 1].end)
                        .is_some_and(|n| g.place_str(n).is_none());
                let countries =
                    if surname_place || weak && mentions::people_not_places(text, &toks[i..e], g) {
                        Vec::new()
                    } else {
                        mentions::countries_in(text, &toks[i..e], g)
                    };
                let org = res.register_org(name, acronym, &countries, weak, toks[i].start, pi);
                if let Some(head) = document_of(text, toks, i, e) {
                    res.doc_author(&head, org);
                }
            }
        }
        if let Some((head, org)) = document_by(text, toks, i, res) {
            res.doc_author(&head, org);
        }
        i = e.max(i + 1);
    }
}

/// Returns true if and only if the capitalised word `toks[i]` is an organisation's name by
/// the article before it: "the Halifax has said", "the Nationwide said". Not a place, a
/// people, a first name or a surname, nor the owner of the noun after it ("the Trump
/// administration").
fn the_one_word_org(text: &str, toks: &[Token], i: usize, res: &Resolver, g: &Gazetteer) -> bool {
    let t = &toks[i];
    let after_the = i > 0 && toks[i - 1].text(text).eq_ignore_ascii_case("the");
    // A verb or punctuation after it: "the Halifax has said", "the Nationwide, which ...".
    let next_is_verb = toks
        .get(i + 1)
        .is_none_or(|n| !n.is_word() || n.lex.cue.is_some() || n.has(class::AUX));
    let word = t.stem(text);
    after_the
        && !t.poss
        && next_is_verb
        && t.lex.role.is_none()
        && t.lex.org == 0
        && !t.has(class::NOT_NAME | class::STOP | class::TIME)
        && word.chars().skip(1).all(char::is_lowercase)
        && !t.first_name
        && g.place_word(word).is_none()
        && !res.is_surname(word)
}

/// Nouns of official bodies that house styles write in lowercase with what they deal with
/// ("the joint committee on human rights", "the public accounts committee").
const BODY_NOUNS: &[&str] = &["committee", "commission", "subcommittee"];

/// The most lowercase words a body's name takes before its noun, and after "on" or "for".
const BODY_WORDS: usize = 4;

/// Registers the official bodies a passage names in lowercase: "the" with words and a body
/// noun, then "on" or "for" and what it deals with, or two words or more before the noun
/// ("the public accounts committee"). The name is written with capitals.
fn register_bodies(text: &str, toks: &[Token], pi: usize, res: &mut Resolver) {
    let plain = |t: &Token| {
        t.is_word()
            && !t.cap
            && !t.poss
            && t.lex.cue.is_none()
            && !t.has(class::DET | class::PRON | class::AUX | class::PREP | class::STOP)
    };
    for (i, the) in toks.iter().enumerate() {
        if !(the.is_word() && the.text(text).eq_ignore_ascii_case("the")) {
            continue;
        }
        let is_noun = |t: &Token| t.is_word() && !t.cap && BODY_NOUNS.contains(&t.text(text));
        let mods = toks[i + 1..]
            .iter()
            .take_while(|t| plain(t) && !is_noun(t))
            .count();
        let Some(noun) = toks.get(i + 1 + mods) else {
            continue;
        };
        if !is_noun(noun) || mods > BODY_WORDS {
            continue;
        }
        let mut end = i + 2 + mods;
        if toks
            .get(end)
            .is_some_and(|t| matches!(t.text(text), "on" | "for"))
        {
            let deals = toks[end + 1..]
                .iter()
                .take_while(|t| plain(t))
                .take(BODY_WORDS)
                .count();
            if deals > 0 {
                end += 1 + deals;
            }
        }
        if end == i + 2 + mods && mods < 2 {
            continue;
        }
        let name = toks[i + 1..end]
            .iter()
            .map(|t| {
                let w = t.text(text);
                if ORG_CONNECTORS.contains(&w) {
                    w.to_string()
                } else {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
            })
            .collect::<Vec<String>>()
            .join(" ");
        res.register_org(&name, None, &[], false, toks[i + 1].start, pi);
    }
}

/// The kind of document an organisation's name owns right after it ("the GAO report", "the
/// CDC's guidance"), lowercased.
fn document_of(text: &str, toks: &[Token], s: usize, e: usize) -> Option<String> {
    let owner = toks.get(e - 1)?;
    let next = toks.get(e)?;
    let doc = next.is_word() && next.lex.role == Some(lexicon::RoleKind::Doc);
    (doc && (owner.poss || !next.cap) && e > s).then(|| next.stem(text).to_lowercase())
}

/// A document attributed by "by" or "from" to an organisation the article named ("a report by
/// the Government Accountability Office"): the document's kind and its author. `toks[i]` is
/// the document's noun.
fn document_by(text: &str, toks: &[Token], i: usize, res: &Resolver) -> Option<(String, usize)> {
    let doc = toks.get(i)?;
    if !(doc.is_word() && doc.lex.role == Some(lexicon::RoleKind::Doc)) {
        return None;
    }
    let by = toks.get(i + 1)?;
    if !matches!(by.text(text), "by" | "from") {
        return None;
    }
    let mut s = i + 2;
    if toks.get(s).is_some_and(|t| t.has(class::DET)) {
        s += 1;
    }
    toks.get(s).filter(|t| t.cap)?;
    let e = org_name_end(text, toks, s);
    let name = text.get(toks[s].start..toks[e - 1].stem_end(text))?;
    let org = res.org_named(name)?;
    Some((doc.stem(text).to_lowercase(), org))
}

/// Returns true if and only if `t` is an auxiliary verb that is no first name
/// (`data/lexicon/question_openers.txt`): a title-case headline's "Doesn't", "Is", "Will", which
/// no organisation's name holds ("CNN Doesn't Want To Talk About It" names CNN).
fn is_auxiliary(t: &Token) -> bool {
    t.has(class::ASKS) && !t.first_name
}

/// One past the last token of the capitalised name that opens at `toks[s]`: capitalised words
/// and connectors between them, up to a person's role, a title, an auxiliary or a possessive.
fn org_name_end(text: &str, toks: &[Token], s: usize) -> usize {
    let mut e = s;
    let mut end = s;
    while e < toks.len() {
        let t = &toks[e];
        if !t.is_word() {
            break;
        }
        let connector = !t.cap && ORG_CONNECTORS.contains(&t.text(text));
        if !(t.cap || connector)
            || t.has(class::TITLE | class::PRON)
            || is_auxiliary(t)
            || matches!(
                t.lex.role,
                Some(
                    lexicon::RoleKind::Person | lexicon::RoleKind::Gov | lexicon::RoleKind::People
                )
            )
        {
            break;
        }
        e += 1;
        if !connector {
            end = e;
        }
        if t.poss {
            break;
        }
    }
    end.max(s + 1)
}

/// The acronym a name `toks[s..e]` is given right after it ("... (CDC)"), when its letters
/// are initials of the name's capitalised words, in order, starting with the first.
fn acronym_after<'t>(text: &'t str, toks: &[Token], s: usize, e: usize) -> Option<&'t str> {
    let [open, word, close] = toks.get(e..e + 3)? else {
        return None;
    };
    if !(open.is('(') && close.is(')') && word.is_word()) {
        return None;
    }
    let a = word.text(text);
    if !(2..=8).contains(&a.len()) || !a.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let initials: Vec<char> = toks[s..e]
        .iter()
        .filter(|t| t.cap)
        .filter_map(|t| t.text(text).chars().next())
        .collect();
    let mut it = initials.iter();
    let in_order = a.chars().all(|c| it.any(|&i| i == c));
    (initials.first() == a.chars().next().as_ref() && in_order).then_some(a)
}

/// The tokens `before` a pronoun source where the person it stands for may be named: all of them,
/// but those of the words said (`content`) when they stand before the source at byte `at` and
/// report, neither opening nor closing with a quotation, what the pronoun said ("Foley stood up to his captors, he said"): they name
/// somebody else.
fn reported_before<'t>(
    before: &'t [Token],
    content: &std::ops::Range<usize>,
    at: usize,
) -> &'t [Token] {
    let Some(n) = before.iter().position(|x| x.start + 1 >= content.start) else {
        return before;
    };
    let mut words = before[n..]
        .iter()
        .filter(|x| x.start < content.end && !matches!(x.kind, tokens::Kind::Punct(_)));
    let quoted = |x: Option<&Token>| x.is_some_and(|x| matches!(x.kind, tokens::Kind::Quote(_)));
    if content.end <= at && !quoted(words.clone().next()) && !quoted(words.next_back()) {
        &before[..n]
    } else {
        before
    }
}

/// The one person a sentence names before a pronoun ("Lavrov criticised what he said was ..."),
/// when exactly one known person there fits the pronoun, or else exactly one of them is named
/// neither after a preposition nor as an owner ("Nelson Mandela backed Mr Brown's plan when he
/// urged").
fn sentence_subject(
    text: &str,
    toks: &[Token],
    p: mentions::Pronoun,
    res: &Resolver,
    g: &Gazetteer,
) -> Option<usize> {
    let want = p.gender()?;
    let mut all: Vec<usize> = Vec::new();
    let mut strong: Vec<usize> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !mentions::is_name_word(text, t, g) {
            continue;
        }
        let Some(e) = res.lookup(t.stem(text), t.start) else {
            continue;
        };
        if !res.is_person(e) || res.gender_of(e).is_some_and(|x| x != want) {
            continue;
        }
        if !all.contains(&e) {
            all.push(e);
        }
        let start = (0..i)
            .rev()
            .take_while(|&j| toks[j].name)
            .last()
            .unwrap_or(i);
        if !t.poss && name_weakness(text, &toks[..start]) == 0 && !strong.contains(&e) {
            strong.push(e);
        }
    }
    match (&all[..], &strong[..]) {
        ([one], _) | (_, [one]) => Some(*one),
        _ => None,
    }
}

/// Returns true if and only if a known person other than `e` who fits pronoun `p` is named in
/// `span` of a passage's `toks` as the subject of a speech verb ("what Reid tweeted").
fn later_speaker(
    text: &str,
    toks: &[Token],
    e: usize,
    span: std::ops::Range<usize>,
    p: mentions::Pronoun,
    res: &Resolver,
) -> bool {
    toks.windows(2).any(|w| {
        span.contains(&w[0].start)
            && w[0].name
            && w[1].lex.cue.is_some()
            && !w[1].cap
            && res
                .lookup(w[0].stem(text), w[0].start)
                .is_some_and(|x| x != e && res.may_be(x, p.gender()))
    })
}

/// The person who opens the latest of `sents` (earlier sentences of the passage) that opens with
/// a known person fitting pronoun `p` ("Trump has record low support. ... He recently pitched
/// himself ..."), the byte position of that name and the end of its sentence. Sentences
/// opening with a pronoun of the same gender continue the chain further back; a possessive
/// ("Trump's campaign") is no subject.
fn passage_subject(
    text: &str,
    toks: &[Token],
    sents: &[std::ops::Range<usize>],
    p: mentions::Pronoun,
    res: &Resolver,
    g: &Gazetteer,
) -> Option<(usize, usize, usize)> {
    let want = p.gender()?;
    for s in sents.iter().rev() {
        let st = toks.get(s.clone())?;
        let run: Vec<&Token> = st
            .iter()
            .take_while(|t| t.is_word() && t.cap)
            .take(6)
            .collect();
        if run.last().is_none_or(|t| t.poss) {
            continue;
        }
        for t in run.iter().rev() {
            if !mentions::is_name_word(text, t, g) {
                continue;
            }
            let Some(e) = res.lookup(t.stem(text), t.start) else {
                continue;
            };
            if res.is_person(e) && res.gender_of(e).is_none_or(|x| x == want) {
                return Some((e, t.start, st.last().map_or(t.start, |l| l.end)));
            }
        }
    }
    None
}

/// The country a statement opens with, by name ("Spain has sent warships ...").
fn opening_country(words: &str, g: &Gazetteer) -> Option<&'static str> {
    let mut it = words
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let first = it.next()?;
    let two = it.next().map(|second| format!("{first} {second}"));
    let place = two
        .as_deref()
        .and_then(|t| g.place_str(t))
        .or_else(|| g.place_str(first))?;
    (place.kind == PlaceKind::Country).then(|| place.countries.first().copied())?
}

/// The countries `toks` name, in groups: "Estonia, Latvia and Lithuania" is one group.
fn country_groups(text: &str, toks: &[Token], g: &Gazetteer) -> Vec<Vec<&'static str>> {
    let mut out: Vec<Vec<&'static str>> = Vec::new();
    let mut cur: Vec<&'static str> = Vec::new();
    for t in toks {
        if t.is_word() && t.cap {
            if let Some(p) = g.place_word(t.stem(text)) {
                if matches!(
                    p.kind,
                    PlaceKind::Country | PlaceKind::Demonym | PlaceKind::Group
                ) {
                    for c in &p.countries {
                        if !cur.contains(c) {
                            cur.push(c);
                        }
                    }
                    continue;
                }
            }
        }
        if t.is(',') || (t.is_word() && t.text(text) == "and") {
            continue;
        }
        if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        crate::input::parse_text(text, "t.txt", "t")
    }

    /// The speakers of the statements extracted from `a`, in order ("" for none).
    fn speakers_of(a: &Article) -> Vec<String> {
        Extractor::default()
            .extract(a)
            .statements
            .iter()
            .map(|s| s.speaker.clone().unwrap_or_default())
            .collect()
    }

    /// A titled surname names the knowledge base's one holder of that office that year ("President
    /// Trump" in 2017), whom a relative named in full later is not.
    #[test]
    fn a_titled_surname_is_the_office_holder_of_the_year() {
        let text = "Waving the flag, President Trump vowed Tuesday to help residents.\n\nStanding by two fire trucks, Trump told a crowd that had gathered outside, \"We are here to take care of you.\"\n\n\"This is a time to come together,\" Lara Trump, the president's daughter-in-law, said. \"She will help,\" she added.\n";
        let speakers = |date: Option<&str>| -> Vec<String> {
            let mut a = article(text);
            a.date = date.map(str::to_string);
            speakers_of(&a)
        };
        assert_eq!(
            speakers(Some("2017-08-29")),
            ["Donald Trump", "Donald Trump", "Lara Trump", "Lara Trump"]
        );
        // No year, no office holder from the knowledge base.
        assert!(!speakers(None).iter().any(|s| s == "Donald Trump"));
    }

    #[test]
    fn a_page_label_is_no_speaker_and_leaves_the_opening_passage_its_rules() {
        // The label is cut off; the headline's bare surname is still the short form of the
        // name the body gives in full, as in an article that opens with the headline itself.
        let text = "Story highlights Allies agree they must work together to degrade and destroy ISIS, Obama says\n\nThe alliance met in Wales on Friday.\n\nPresident Barack Obama said Friday that the allies were united.\n\nObama said the alliance would act.\n";
        let got = speakers_of(&article(text));
        assert!(!got.is_empty());
        assert!(got.iter().all(|s| s == "Barack Obama"), "{got:?}");
    }

    /// A name whose surname is joined to a particle ("al-Assad") is a person's, known to the
    /// knowledge base, and its bare surname later is the same person.
    #[test]
    fn a_particle_joined_to_a_surname_is_part_of_the_name() {
        let text = "Syria talks\n\nBashar al-Assad said on Monday that the attack was fabricated.\n\n\"This is a lie,\" Assad said.\n";
        let mut a = article(text);
        a.date = Some("2017-04-10".into());
        let ex = Extractor::default().extract(&a);
        let got: Vec<(String, Vec<String>)> = ex
            .statements
            .iter()
            .map(|s| (s.speaker.clone().unwrap_or_default(), s.countries.clone()))
            .collect();
        assert_eq!(got.len(), 2, "{got:?}");
        for (speaker, countries) in &got {
            assert_eq!(speaker, "Bashar al-Assad");
            assert_eq!(countries, &["Syria"]);
        }
    }

    /// A description that names a country is not a person the knowledge base places in another:
    /// "US President Obama" (read as the role "US President") is not an earlier "President
    /// Bashar al-Assad".
    #[test]
    fn a_role_of_one_country_is_nobody_the_knowledge_base_places_in_another() {
        let text = "Syria deal\n\nPresident Bashar al-Assad has repeatedly denied any use of chemical weapons.\n\n\u{201c}If diplomacy fails, the United States remains prepared to act,\u{201d} said US President Obama yesterday.\n";
        let mut a = article(text);
        a.date = Some("2013-09-16".into());
        let got = speakers_of(&a);
        assert_eq!(
            got.last().map(String::as_str),
            Some("Barack Obama"),
            "{got:?}"
        );
    }

    /// A pronoun continues a subject, not a name after a preposition, an owner or a qualifier;
    /// a speaker of earlier passages gives way to a person introduced since; a place or an
    /// organisation named with a first name is nobody.
    #[test]
    fn pronouns_continue_subjects() {
        let cases: &[(&str, &[&str])] = &[
            (
                "MSNBC host Joy Reid was mocked. Sort of like what Reid tweeted about Trump marrying, or something. She tweeted this on Friday, “Donald Trump married one American.”\n\nFirst lady Melania Trump did not comment.\n",
                &["Joy Reid"],
            ),
            (
                "Comedian Kathy Griffin makes waves by having herself delivered in a gift box addressed to President and Mrs. Trump. “I wanted to think of a dramatic way to express my support,” she tells reporters.\n",
                &["Kathy Griffin"],
            ),
            (
                "At a dinner, former South African president Nelson Mandela backed Mr Brown's plan when he urged the finance chiefs to write off African debt.\n",
                &["Nelson Mandela"],
            ),
            (
                "“No state has ever tried it,” Sauer said.\n\nThe argument appeared to resonate with Chief Justice John Roberts, a George W. Bush appointee.\n\n“Things can go wrong regardless of the method,” he said.\n",
                &["Sauer", "John Roberts"],
            ),
            (
                "The actress says she had an affair in 2006.\n\nAt a news conference on Thursday, press secretary Sarah Sanders was asked when she became aware of it.\n\n“The first awareness I had was last night,” she said.\n",
                &["actress", "Sarah Huckabee Sanders"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(&speakers_of(&article(text)), want, "{text}");
        }
    }

    #[test]
    fn speakers_across_an_article() {
        let text = "Talks end in Geneva\n\nRussian Foreign Minister Sergei Lavrov met US Secretary of State Antony Blinken on Friday.\n\n“We are not threatening anyone,” Lavrov said.\n\nThe minister stressed that security could not be guaranteed at the expense of another.\n\n“Diplomacy is not dead,” Blinken told reporters. “We will keep talking.”\n\nHe said the talks were useful.\n\n“The door remains open to dialogue with Moscow,” he said.\n\nGerman Foreign Minister Annalena Baerbock said sanctions were ready.\n\n“The chancellor and I have been clear,” she said.\n\nRomania’s foreign ministry said the demand was unacceptable.\n\nThe ministry added that the Allied presence was defensive.\n";
        let ex = Extractor::default().extract(&article(text));
        let got: Vec<(String, Option<String>, Vec<String>)> = ex
            .statements
            .iter()
            .map(|s| {
                (
                    text[s.start..s.end].to_string(),
                    s.speaker.clone(),
                    s.countries.clone(),
                )
            })
            .collect();
        let want: &[(&str, &str, &str)] = &[
            // The knowledge base's spelling of the name.
            ("We are not threatening anyone,", "Sergey Lavrov", "Russia"),
            (
                "that security could not be guaranteed at the expense of another",
                "Sergey Lavrov",
                "Russia",
            ),
            (
                "Diplomacy is not dead,” Blinken told reporters. “We will keep talking.",
                "Antony Blinken",
                "United States",
            ),
            ("the talks were useful", "Antony Blinken", "United States"),
            (
                "The door remains open to dialogue with Moscow,",
                "Antony Blinken",
                "United States",
            ),
            ("sanctions were ready", "Annalena Baerbock", "Germany"),
            (
                "The chancellor and I have been clear,",
                "Annalena Baerbock",
                "Germany",
            ),
            (
                "the demand was unacceptable",
                "Romania’s foreign ministry",
                "Romania",
            ),
            (
                "that the Allied presence was defensive",
                "Romania’s foreign ministry",
                "Romania",
            ),
        ];
        assert_eq!(got.len(), want.len(), "help: got {got:#?}");
        for ((t, s, c), (wt, ws, wc)) in got.iter().zip(want) {
            assert_eq!(t, wt, "help: statement text");
            assert_eq!(s.as_deref(), Some(*ws), "help: speaker of {t:?}");
            assert_eq!(
                c.first().map(String::as_str),
                Some(*wc),
                "help: country of {t:?}"
            );
        }
    }

    /// (statement text, speaker, first country or "")
    type Expected<'a> = &'a [(&'a str, &'a str, &'a str)];

    /// Articles of several paragraphs and the statements each must give, in order.
    const ACROSS_PARAGRAPHS: &[(&str, Expected)] = &[
        (
            // An occupation opening a sentence is no part of the name.
            "Race\n\nBillionaire Tom Steyer said he would run for president.\n",
            &[("he would run for president", "Tom Steyer", "")],
        ),
        (
            // A title inside the subject of a gerund ("Former first lady Laura Bush").
            "Plea\n\nFormer first lady Laura Bush made a similar plea, writing in the Washington Post that the policy was cruel.\n",
            &[("that the policy was cruel", "Laura Bush", "United States")],
        ),
        (
            // A surname after an office the one person of that surname named in full never
            // held is someone else, and so is that surname alone after it.
            "Trip\n\nFirst lady Melania Trump will accompany President Trump on the trip.\n\n\"We will see the people,\" Trump said.\n",
            &[("We will see the people,", "Trump", "")],
        ),
        (
            // A pronoun goes to the subject of the sentence before, even when the last speaker
            // is named after it, if it cannot be the last speaker's ("she" of a man).
            "Talks\n\n\"We will win,\" John Smith said.\n\nMary Jones spoke after Smith and Ann Lee left. \"It went well,\" she said.\n",
            &[
                ("We will win,", "John Smith", ""),
                ("It went well,", "Mary Jones", ""),
            ],
        ),
        (
            // Words said before a pronoun source name somebody else than the pronoun.
            "Rescue\n\n\"He was brave,\" said John Smith.\n\nThe police tracked Peter Brown to a motel on Thursday, he said.\n",
            &[
                ("He was brave,", "John Smith", ""),
                ("The police tracked Peter Brown to a motel on Thursday", "John Smith", ""),
            ],
        ),
        (
            // "I’m", "I’ve": the writer, no name; "instead" is no subject.
            "Notes\n\nI’ve said that the talks will resume. The agency instead said it would wait.\n",
            &[
                ("that the talks will resume", "", ""),
                ("it would wait", "agency", ""),
            ],
        ),
        (
            // A description of a man ("the businessman") is not claimed by a woman named next.
            "Debate\n\n\"I am nicer,\" John Smith joked.\n\nThe businessman said his family wants him nicer.\n\nMary Smith says she wishes her husband would be nicer.\n",
            &[
                ("I am nicer,", "John Smith", ""),
                ("his family wants him nicer", "businessman", ""),
                ("she wishes her husband would be nicer", "Mary Smith", ""),
            ],
        ),
        (
            // A description owned by a place's name that is a person's surname is theirs.
            "Wrestling\n\nRep. Jim Jordan was at the match.\n\nJordan's supporters said that the culture was well known. Jordan's foreign minister said that talks would go on.\n",
            &[
                ("that the culture was well known", "Jordan's supporters", ""),
                ("that talks would go on", "Jordan's foreign minister", "Jordan"),
            ],
        ),
        (
            // A name ending in a place's name that people also bear gives no country.
            "Strikes\n\nJenna Jordan said that the strikes failed. North Korea said that it would respond.\n",
            &[
                ("that the strikes failed", "Jenna Jordan", ""),
                ("that it would respond", "North Korea", "North Korea"),
            ],
        ),
        (
            // An organisation's noun and a surname are an organisation: the campaign speaks,
            // not the person of that surname.
            "Speech\n\nFirst lady Melania Trump spoke on Monday. Before the convention, Team Trump told CNN that she spent weeks on the speech.\n",
            &[("that she spent weeks on the speech", "Team Trump", "")],
        ),
        (
            // A headline's surname is the person the body calls by it, not the first of that
            // surname the body names in full.
            "Trump Says Policies Are Coming\n\nFirst lady Melania Trump said she is proud.\n\nPresident Trump joined the event.\n\n\"It will be very strong,\" Trump said.\n\n\"We have pushers,\" Trump also said.\n",
            &[
                ("Policies Are Coming", "Trump", ""),
                ("she is proud", "Melania Trump", "United States"),
                ("It will be very strong,", "Trump", ""),
                ("We have pushers,", "Trump", ""),
            ],
        ),
        (
            // ... and the one named in full when the body calls nobody else so.
            "Lavrov: Talks Were Useful\n\nRussian Foreign Minister Sergei Lavrov said the talks were useful.\n",
            &[
                ("Talks Were Useful", "Sergey Lavrov", "Russia"),
                ("the talks were useful", "Sergey Lavrov", "Russia"),
            ],
        ),
        (
            // Words before a colon name nobody without a first name, a role, an acronym or a
            // known name at their head; one word may also be written again in the story.
            "You Had Me At Hello: The Science Behind First Impressions\n\nTrump's Latest Campaign Weapon: The Mirror\n\nOutbreak: In the summer of 1832, cholera erupted in the city.\n\nPawlenty: I'm best as a volunteer in this campaign.\n\nPolitifact: the claim is mostly true.\n\nThe check by Politifact came out on Monday.\n",
            &[
                ("I'm best as a volunteer in this campaign", "Pawlenty", ""),
                ("the claim is mostly true", "Politifact", ""),
            ],
        ),
        (
            // Someone of a named person's speaks, not the named person; a named one claims
            // the description only when named as theirs.
            "Visit\n\n\"She is doing well,\" a spokeswoman for Melania Trump said. A lawyer for Michael Cohen said his client would testify. Mr. Romney said the remarks were strange.\n",
            &[
                ("She is doing well,", "spokeswoman for Melania Trump", "United States"),
                ("his client would testify", "lawyer for Michael Cohen", ""),
                ("the remarks were strange", "Romney", ""),
            ],
        ),
        (
            // One name on both sides of a connector is that name twice.
            "Bias\n\nUsers said they heard about the allegations against Facebook on Facebook itself. \"We found no bias,\" Facebook said.\n",
            &[
                ("they heard about the allegations against Facebook on Facebook itself", "Users", "United States"),
                ("We found no bias,", "Facebook", "United States"),
            ],
        ),
        (
            // The surname the article called someone by before it named another of that
            // surname in full stays theirs.
            "Rally\n\nTrump said he would win the state. First lady Melania Trump said she was proud of the crowd. Trump said the crowd was large.\n\nFirst lady Melania Trump said she was tired.\n",
            &[
                ("he would win the state", "Trump", ""),
                ("she was proud of the crowd", "Melania Trump", "United States"),
                ("the crowd was large", "Trump", ""),
                ("she was tired", "Melania Trump", "United States"),
            ],
        ),
        (
            // So does a surname met alone before, as no statement's speaker.
            "Talks\n\nAides sought to frustrate Trump on trade. First lady Melania Trump said she was proud of the staff. Trump said the talks failed.\n",
            &[
                ("she was proud of the staff", "Melania Trump", "United States"),
                ("the talks failed", "Trump", ""),
            ],
        ),
        (
            // People named after a country are not its evidence; places are.
            "Probe\n\n\"We need answers now,\" Meadows and Jordan wrote. \"We will not wait,\" Jordan himself said. \"We condemn the killing,\" Britain and France said.\n",
            &[
                ("We need answers now,", "Meadows and Jordan", ""),
                ("We will not wait,", "Jordan himself", ""),
                ("We condemn the killing,", "Britain and France", "United Kingdom"),
            ],
        ),
        (
            // A quotation over two paragraphs, then a paragraph that is only a quotation.
            "Budget row deepens\n\nFinnish Finance Minister Liisa Virtanen said talks had stalled.\n\n“We have offered everything we could. Nobody can say we did not try.\n\n“The next move belongs to the opposition,” Virtanen told reporters.\n\n“They know where to find us.”\n",
            &[
                ("talks had stalled", "Liisa Virtanen", "Finland"),
                ("We have offered everything we could. Nobody can say we did not try.", "Liisa Virtanen", "Finland"),
                ("The next move belongs to the opposition,", "Liisa Virtanen", "Finland"),
                ("They know where to find us.", "Liisa Virtanen", "Finland"),
            ],
        ),
        (
            // A description named only after its first statement.
            "Port strike spreads\n\nChile’s labour minister has called on dockers to return to work.\n\n“The ports must reopen this week,” Labour Minister Carlos Fuentes said in a radio interview.\n",
            &[
                ("on dockers to return to work", "Carlos Fuentes", "Chile"),
                ("The ports must reopen this week,", "Carlos Fuentes", "Chile"),
            ],
        ),
        (
            // An organisation described before it is named, a body named in lowercase, its
            // members, and its report.
            "Waiting lists grow\n\nPatients wait too long for surgery, a committee of MPs and peers has warned.\n\nThe health select committee found that waits had doubled. Members urged ministers to act. Staff shortages were to blame, the report said.\n",
            &[
                ("Patients wait too long for surgery", "Health Select Committee", ""),
                ("waits had doubled", "Health Select Committee", ""),
                ("ministers to act", "Health Select Committee", ""),
                ("Staff shortages were to blame", "Health Select Committee", ""),
            ],
        ),
        (
            // A bare surname before the one person of that surname is named in full, and a
            // "Mr." of it, are somebody else; "Donald Trump Jr." is not his father.
            "Shutdown standoff\n\nTrump said he would stay in Washington. He left once with first lady Melania Trump, who said the trip was short. Mr. Trump said talks would go on. Donald Trump Jr. said the trip was long.\n",
            &[
                ("he would stay in Washington", "Trump", ""),
                ("the trip was short", "Melania Trump", "United States"),
                ("talks would go on", "Trump", ""),
                ("the trip was long", "Donald Trump Jr.", ""),
            ],
        ),
        (
            // "The government" of an article set in one country is that country's.
            "Pension age row\n\nThe Home Office and Downing Street back the plan, which MPs will debate at Westminster. The government says unions will be consulted.\n",
            &[("unions will be consulted", "UK government", "United Kingdom")],
        ),
        (
            // A central bank named after a country of the United Kingdom; a lender first
            // named, then described with its country.
            "Loans fall\n\nMortgage approvals fell in May, the Bank of England said.\n\nThe Halifax said prices rose. The UK's biggest lender said demand was strong.\n",
            &[
                ("Mortgage approvals fell in May", "Bank of England", "United Kingdom"),
                ("prices rose", "Halifax", "United Kingdom"),
                ("demand was strong", "Halifax", "United Kingdom"),
            ],
        ),
        (
            // A correspondent, an agency quoting an official, an organisation, a headline.
            "Kenya: Talks will resume on Monday\n\nAl Jazeera’s Maria Okafor, reporting from Nairobi, said the mood was tense.\n\nThe vote was postponed, Reuters quoted Kenyan Interior Minister Peter Mwangi as saying.\n\nAccording to Kenya’s electoral commission, turnout reached 60 percent.\n\nIt said in a statement that counting would take a week.\n",
            &[
                ("Talks will resume on Monday", "Kenya", "Kenya"),
                ("the mood was tense", "Maria Okafor", ""),
                ("The vote was postponed", "Peter Mwangi", "Kenya"),
                ("turnout reached 60 percent", "Kenya’s electoral commission", "Kenya"),
                ("that counting would take a week", "Kenya’s electoral commission", "Kenya"),
            ],
        ),
        (
            // Pronouns by gender; a parenthetical cue; a relative clause.
            "Senate vote\n\nSenator Mary Holt met Governor James Reid on Tuesday.\n\nThe bill, she said, would pass by Friday.\n\nReid, who has said he opposes the bill, declined to comment further.\n",
            &[
                ("The bill, she said, would pass by Friday", "Mary Holt", ""),
                ("he opposes the bill", "James Reid", ""),
            ],
        ),
        (
            // A description placed somewhere is no name ("a lawyer in Tulsa").
            "Court rules\n\nJudge Ann Ford ruled on Monday.\n\n“The case is closed,” said a lawyer in Tulsa.\n",
            &[("The case is closed,", "lawyer in Tulsa", "")],
        ),
        (
            // A transcript: each line opens with a mark and the speaker's label.
            "Interview\n\n\"HOST: Let us begin with the budget talks this morning.\n\n\"GRANT: The talks will go on, and we expect a deal soon.\n",
            &[
                ("Let us begin with the budget talks this morning", "HOST", ""),
                ("The talks will go on, and we expect a deal soon", "GRANT", ""),
            ],
        ),
        (
            // A shared surname: "President Trump" is not his wife, named in full before.
            "State visit\n\nMelania Trump visited a hospital on Monday.\n\n“The nurses were wonderful,” she said.\n\nPresident Trump said the trip had gone well.\n\nTrump added that he would return in June.\n",
            &[
                ("The nurses were wonderful,", "Melania Trump", "United States"),
                ("the trip had gone well", "Trump", ""),
                ("that he would return in June", "Trump", ""),
            ],
        ),
        (
            // A surname that is a country's name is no country; "Jordan said" is the man.
            "Hearing\n\nRep. Jim Jordan questioned the witness.\n\nJordan said the inquiry was a sham.\n\n“We will see,” said Representative Jim Jordan of Ohio.\n",
            &[
                ("the inquiry was a sham", "Jim Jordan", "United States"),
                ("We will see,", "Jim Jordan", "United States"),
            ],
        ),
        (
            // A place's name after a courtesy title is a surname, not a country.
            "Hearing\n\nMr. Jordan said the inquiry was a sham.\n",
            &[("the inquiry was a sham", "Jordan", "")],
        ),
        (
            // A first name that is a country's name; a US state that is one.
            "Hearing\n\nChad Wolf said the border was secure.\n\nGeorgia Gov. Brian Kemp said the count was fair.\n",
            &[
                ("the border was secure", "Chad Wolf", "United States"),
                ("the count was fair", "Brian Kemp", "United States"),
            ],
        ),
        (
            // An anonymous source is not the next person named.
            "Talks\n\nA senior official said the talks had stalled.\n\nMary Holt said progress was slow.\n",
            &[
                ("the talks had stalled", "senior official", ""),
                ("progress was slow", "Mary Holt", ""),
            ],
        ),
        (
            // An organisation, its acronym, and "the group".
            "Caucus\n\nThe Centers for Disease Control and Prevention (CDC) said schools could reopen.\n\nThe CDC added that masks would help.\n\nThe Problem Solvers Caucus met on Monday. The group said it would vote against the bill.\n",
            &[
                (
                    "schools could reopen",
                    "Centers for Disease Control and Prevention",
                    "United States",
                ),
                (
                    "that masks would help",
                    "Centers for Disease Control and Prevention",
                    "United States",
                ),
                (
                    "it would vote against the bill",
                    "Problem Solvers Caucus",
                    "United States",
                ),
            ],
        ),
        (
            // A role of somebody's is never that somebody, nor one whose role names another.
            "Aid\n\nActing White House chief of staff Mick Mulvaney said aid was held up.\n\nVice President Mike Pence met the ambassador on Monday.\n\nPence’s chief of staff said that the ambassador had lied.\n\nPerry’s press secretary said the report was false.\n\nEnergy Secretary Rick Perry said he would testify.\n",
            &[
                ("aid was held up", "Mick Mulvaney", "United States"),
                ("that the ambassador had lied", "Pence’s chief of staff", ""),
                ("the report was false", "Perry’s press secretary", ""),
                ("he would testify", "Rick Perry", "United States"),
            ],
        ),
        (
            // A title-case headline with an auxiliary names no organisation: CNN is CNN.
            "CNN Doesn't Want To Talk About Its Big Screwup\n\nIn May, CNN reported that the senator had failed to disclose two meetings.\n",
            &[(
                "that the senator had failed to disclose two meetings",
                "CNN",
                "United States",
            )],
        ),
    ];

    #[test]
    fn constructions_across_paragraphs() {
        for (text, want) in ACROSS_PARAGRAPHS {
            let ex = Extractor::default().extract(&article(text));
            let got: Vec<(String, String, String)> = ex
                .statements
                .iter()
                .map(|s| {
                    (
                        text[s.start..s.end].to_string(),
                        s.speaker.clone().unwrap_or_default(),
                        s.countries.first().cloned().unwrap_or_default(),
                    )
                })
                .collect();
            let want: Vec<(String, String, String)> = want
                .iter()
                .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
                .collect();
            assert_eq!(got, want, "help: statements of {text:?}");
        }
    }

    proptest::proptest! {
        /// Whatever the text, statements are byte ranges on char boundaries inside it, in order.
        #[test]
        fn ranges_are_sound(text in "[A-Za-z ,.:;'\"“”‘’«»`\n\u{a0}éЖ-]{0,300}") {
            let a = article(&text);
            let ex = Extractor::default().extract(&a);
            let mut last = 0;
            for s in &ex.statements {
                proptest::prop_assert!(s.start < s.end && s.end <= a.text.len());
                proptest::prop_assert!(a.text.is_char_boundary(s.start) && a.text.is_char_boundary(s.end));
                proptest::prop_assert!(s.start >= last || s.start < s.end);
                last = s.start;
            }
        }
    }

    proptest::proptest! {
        /// News-like word salad: cues, names, roles, quotation marks and punctuation in any order.
        #[test]
        fn word_salad_is_safe(words in proptest::collection::vec(proptest::sample::select(vec![
            "said", "told", "according", "to", "Mr.", "Lavrov", "Sergei", "the", "minister", "Russia’s",
            "“", "”", "\"", "'", "‘", "’", ",", ".", ":", "(", ")", "—", "he", "she", "it", "who",
            "and", "that", "\n\n", "Reuters", "quoted", "as", "saying", "called", "on", "Kremlin",
        ]), 0..80)) {
            let text = words.join(" ");
            let a = article(&text);
            let ex = Extractor::default().extract(&a);
            for s in &ex.statements {
                proptest::prop_assert!(a.text.get(s.start..s.end).is_some_and(|t| !t.is_empty()));
            }
        }
    }

    #[test]
    fn never_panics() {
        let texts = [
            "",
            "\"",
            "“",
            "He said",
            "said said said, said.",
            "“a” “b” ‘c’ ''d'' ``e''",
            "According to",
            "X: “”",
            "é said “é”, é told é that é.",
            "Mr. said: \"",
        ];
        for t in texts {
            let _ = Extractor::default().extract(&article(t));
        }
    }
}
