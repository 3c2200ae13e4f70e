//! The learned entity tagger: an averaged structured perceptron over rich word features, with
//! first-order Viterbi decoding of BILOU tags, one model per language.
//!
//! It learns persons, places, organisations and other names from annotated news (`ANERcorp` for
//! Arabic, CoNLL-2003 for English; see `assets/LICENSES/`) with `bitext-train`, which writes
//! the weights to `assets/tagger/`. They are compiled into the binary and read in place.
//!
//! At run time ([`DocTagger`]) the tagger sees the rule detector's output as features, and its
//! persons and places replace the rules' ([`DocTagger::refine`]); organisations and other names
//! are learned so that their words are not taken for people or places, then dropped, and set
//! against the other language's names ([`DocTagger::other_names`]). Dates stay with the date
//! grammars.
//!
//! Modules: [`hash`] (fingerprints, PRNG), [`bilou`] (tags), [`tokens`] (the tokenizer),
//! [`features`], [`model`] (weights file, Viterbi), [`conll`] (corpus reader), [`score`]
//! (conlleval scoring), [`train`] (the trainer). Pure: no I/O.

pub mod bilou;
pub mod conll;
pub mod features;
pub mod hash;
pub mod model;
pub mod score;
pub mod tokens;
pub mod train;

use super::found::{Found, How, Key};
use super::gazetteer::{GazKind, Gazetteer};
use super::text::{AR_STOP, FnvBuild, ORGANIZATIONS, Prepared, TokKind, proclitic_splits};
use crate::document::normalize::fold;
use crate::document::{EntityKind, Lang};
use bilou::{Class, Pos, Span};
use features::{DocStats, Lexicon, Memory, RuleCode, SentenceFacts, TypeInfo, WINDOW};
use model::{Model, Row, Viterbi};
use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;
use std::sync::OnceLock;

static AR_MODEL: &[u8] = include_bytes!("../../assets/tagger/ar.model");
static EN_MODEL: &[u8] = include_bytes!("../../assets/tagger/en.model");
static AR_SECOND: &[u8] = include_bytes!("../../assets/tagger/ar-2.model");

/// The model compiled in for `lang`, parsed on first use; `None` if it does not load (then the
/// rules work alone).
pub fn builtin(lang: Lang) -> Option<&'static Model<'static>> {
    static AR: OnceLock<Option<Model<'static>>> = OnceLock::new();
    static EN: OnceLock<Option<Model<'static>>> = OnceLock::new();
    let (cell, bytes) = match lang {
        Lang::Ar => (&AR, AR_MODEL),
        Lang::En => (&EN, EN_MODEL),
    };
    cell.get_or_init(|| Model::parse(bytes).ok().filter(|m| m.lang == lang))
        .as_ref()
}

/// The second-stage model compiled in for `lang` (fed by what [`builtin`] said over the whole
/// document), parsed on first use; `None` if it does not load (then the first stage works
/// alone). Arabic only: the English one gained on `eng.testa` but misread two names of the
/// annotated articles (see the README's development section).
pub fn builtin_second(lang: Lang) -> Option<&'static Model<'static>> {
    static AR: OnceLock<Option<Model<'static>>> = OnceLock::new();
    match lang {
        Lang::Ar => AR
            .get_or_init(|| Model::parse(AR_SECOND).ok().filter(|m| m.lang == lang))
            .as_ref(),
        Lang::En => None,
    }
}

/// The rule detector's spans as codes on tokens (`ranges`: the tokens' byte ranges; `spans`:
/// source byte ranges with kinds).
pub fn rule_codes(ranges: &[Range<usize>], spans: &[(Range<usize>, EntityKind)]) -> Vec<RuleCode> {
    let mut codes = vec![0; ranges.len()];
    for (r, kind) in spans {
        let k = match kind {
            EntityKind::Person => 0,
            EntityKind::Place => 1,
            EntityKind::Organization => 2,
            EntityKind::Date => 3,
        };
        let first = ranges.partition_point(|t| t.end <= r.start);
        let last = ranges.partition_point(|t| t.start < r.end);
        if first >= last {
            continue;
        }
        for (i, c) in codes.iter_mut().enumerate().take(last).skip(first) {
            let pos = if last - first == 1 {
                Pos::U
            } else if i == first {
                Pos::B
            } else if i + 1 == last {
                Pos::L
            } else {
                Pos::I
            };
            *c = 1 + k * 4 + pos as u8;
        }
    }
    codes
}

/// Source byte ranges and kinds of the rule detector's spans.
pub fn rule_spans(p: &Prepared, found: &[Found]) -> Vec<(Range<usize>, EntityKind)> {
    let mut v: Vec<_> = found
        .iter()
        .map(|f| (p.folded.source_range(p.src, f.start, f.end), f.kind))
        .collect();
    v.sort_by_key(|(r, _)| (r.start, r.end));
    v
}

/// The rule detector run on a plain text (a corpus sentence): source spans with kinds. What the
/// trainer and the corpus evaluation feed the model as rule features.
pub fn rules_on(lang: Lang, text: &str) -> Vec<(Range<usize>, EntityKind)> {
    let g = Gazetteer::get();
    let p = Prepared::new(text);
    let found = match lang {
        Lang::Ar => super::arabic::detect(&p, g, false),
        Lang::En => super::english::detect(&p, g, false).found,
    };
    rule_spans(&p, &found)
}

/// Score the compiled-in model of `lang` on a CoNLL-format corpus (documents at `-DOCSTART-`,
/// else every 20 sentences). `None` when no model is compiled in.
pub fn evaluate_conll(lang: Lang, text: &str) -> Result<Option<score::Scores>, conll::ConllError> {
    Ok(tag_conll(lang, text)?.map(|tagged| score_tagged(&tagged)))
}

/// The scores of a tagged corpus: each sentence's predicted spans against its gold ones.
pub fn score_tagged(tagged: &[Tagged]) -> score::Scores {
    let mut s = score::Scores::default();
    for (sent, pred) in tagged {
        s.add(&sent.spans, pred);
    }
    s
}

/// A corpus sentence with the spans a model predicted on its tokens.
pub type Tagged = (conll::Sentence, Vec<Span>);

/// The compiled-in model of `lang` run over a CoNLL-format corpus, as [`evaluate_conll`] scores
/// it: each sentence with the spans predicted on its tokens. `None` when no model is compiled in.
pub fn tag_conll(lang: Lang, text: &str) -> Result<Option<Vec<Tagged>>, conll::ConllError> {
    let sentences = conll::parse(text)?;
    let docs = train::documents(sentences, 20);
    let rules = |t: &str| rules_on(lang, t);
    Ok(builtin(lang).map(|m| {
        let (first, model) = match builtin_second(lang) {
            Some(second) => (Some(m), second),
            None => (None, m),
        };
        docs.into_iter()
            .flat_map(|d| {
                let pred = tag_corpus_doc_stages(first, model, lang, &d, &rules);
                d.into_iter().zip(pred)
            })
            .collect()
    }))
}

/// An English paragraph with the common words of its title-cased sentences in lowercase, if
/// it has any ("Quake Devastate Indonesia" → "quake devastate Indonesia"): in title case every
/// word is capitalised, and the model, which learned from news in sentence case and in capitals
/// lines, takes each for a name. A sentence is title-cased when no word but a stop word starts
/// in lowercase and three words or more besides the stop words are capitalised (not in
/// capitals: acronyms keep theirs). A word is common when the training corpus has it and never
/// inside a name (`vocab`); so are the stop words after the first word. Only the first letter
/// changes, and only an ASCII one, so every token keeps its bytes (`ranges`, from
/// [`tokens::tokenize`] on `text`).
fn truecase_title_lines(
    text: &str,
    ranges: &[Range<usize>],
    vocab: &features::Vocab,
) -> Option<String> {
    let mut out: Option<String> = None;
    for sent in tokens::sentences(text, ranges) {
        let sent = ranges.get(sent).unwrap_or(&[]);
        // Cheap first: a word with letters that starts in lowercase and is no stop word (as
        // written: stop words are lowercase) means sentence case, as in most sentences.
        let alpha = |w: &str| w.chars().any(char::is_alphabetic);
        let sentence_case = sent.iter().any(|r| {
            let w = text.get(r.clone()).unwrap_or("");
            alpha(w)
                && !w.starts_with(|c: char| c.is_ascii_uppercase())
                && !super::text::EN_STOP.contains(w)
        });
        let title = !sentence_case
            && sent
                .iter()
                .filter(|r| {
                    let w = text.get((*r).clone()).unwrap_or("");
                    alpha(w)
                        && w.chars().any(char::is_lowercase)
                        && !super::text::EN_STOP.contains(w.to_lowercase())
                })
                .count()
                >= 3;
        if !title {
            continue;
        }
        for (k, r) in sent.iter().enumerate() {
            let w = text.get(r.clone()).unwrap_or("");
            // Capitalised, not in capitals (US, NATO stay).
            if !w.starts_with(|c: char| c.is_ascii_uppercase())
                || !w.chars().skip(1).any(char::is_lowercase)
            {
                continue;
            }
            // A stop word after the first, or a word seen and never inside a name.
            let lower = if super::text::EN_STOP.contains(w.to_lowercase()) {
                k > 0
            } else {
                features::never_in_a_name(vocab.code(&features::normalize(Lang::En, w), false))
            };
            if lower {
                let o = out.get_or_insert_with(|| text.to_string());
                if let Some(first) = o.get_mut(r.start..=r.start) {
                    first.make_ascii_lowercase();
                }
            }
        }
    }
    out
}

/// What the training corpus of `lang`'s model says of `word` (for Arabic, of its core:
/// proclitics and article off): its [`features::vocab_code`]. None without a model.
fn corpus_code(lang: Lang, word: &str) -> Option<u8> {
    let model = builtin(lang)?;
    let norm = features::normalize(lang, word);
    Some(match lang {
        Lang::Ar => model.vocab.code(features::ar_core(&norm), true),
        Lang::En => model.vocab.code(&norm, false),
    })
}

/// Whether the training corpus of `lang`'s model has `word` four times or more and never inside
/// a name: a common word (ذكاء, "intelligence"; ولاية, "state"). False without a model.
pub fn common_word(lang: Lang, word: &str) -> bool {
    corpus_code(lang, word).is_some_and(|code| code & 7 >= 3 && features::never_in_a_name(code))
}

/// Whether the training corpus of `lang`'s model has `word`, and never inside a name: an
/// ordinary word, however rare (ضغوطًا, "pressures"). False without a model.
pub fn ordinary_word(lang: Lang, word: &str) -> bool {
    corpus_code(lang, word).is_some_and(features::never_in_a_name)
}

/// The given or family name an Arabic word (folded) that no detector took for a name most
/// likely is, by what the corpora say of it, with the proclitic it may carry (بجاك: جاك): the
/// training corpus has it half the time or more inside persons' names, or has not seen it and
/// the name lists have it (`ANERGazet`) while general Arabic text seldom writes it with an
/// attached pronoun, which nouns and verbs take and names do not. None when the word as written
/// is an ordinary word of the corpus (بيان "statement" is no ب + يان), has the article (اليسرى
/// "the left" is no يسري) or is a function word; none without a model.
pub fn ar_given_name(word: &str) -> Option<&str> {
    let model = builtin(Lang::Ar)?;
    let code = |w: &str| model.vocab.code(&features::normalize(Lang::Ar, w), false);
    if features::never_in_a_name(code(word))
        || super::text::without_article(word).len() != word.len()
    {
        return None;
    }
    proclitic_splits(word).map(|(_, stem)| stem).find(|&stem| {
        if stem.chars().count() < 3
            || AR_STOP.contains(stem)
            || !stem.chars().all(crate::document::script::is_arabic_letter)
        {
            return false;
        }
        let corpus = code(stem);
        if corpus & 7 > 0 {
            return (corpus >> 3) & 3 == 2;
        }
        let general = model.vocab.code_of(features::general_key(stem));
        Lexicon::builtin().is_person_word(stem) && general >> 3 < 2
    })
}

/// Whether the English span `start..end` is one word that the gazetteer does not know as a place,
/// right before a verb that only a person does ("Omar laughed", `text::EN_PERSON_VERBS`).
fn before_person_verb(p: &Prepared, start: usize, end: usize, g: &Gazetteer) -> bool {
    let Some(i) = p.tok_spanning(start, end) else {
        return false;
    };
    super::text::EN_PERSON_VERBS.contains(p.tok(i + 1))
        && g.lookup_en(p.slice(start, end)).is_empty()
}

/// Whether the English span `start..end` is a name and its regnal number after a title (Queen
/// Elizabeth II, King Abdullah II): a monarch, whom the model may read as an organisation, as
/// `eng.train` has II mostly at the end of funds' and companies' names (8 of its 11).
fn titled_regnal(p: &Prepared, start: usize, end: usize) -> bool {
    let Some((first, last)) = p.tok_bounds(start, end) else {
        return false;
    };
    first >= 1
        && last > first
        && super::text::regnal_value(p.tok(last)).is_some()
        && super::text::EN_TITLES.contains(p.tok(first - 1))
}

/// Whether the English span `start..end` is one word after a possessive and a word of kinship
/// or company ("my sister Rachel", "his wife, Mary"): a person's given name.
pub fn after_kin(p: &Prepared, start: usize, end: usize) -> bool {
    let Some(i) = p.tok_spanning(start, end) else {
        return false;
    };
    let k = if i >= 1 && p.tok(i - 1) == "," {
        i - 1
    } else {
        i
    };
    k >= 2
        && super::text::EN_KIN.contains(p.tok(k - 1))
        && matches!(
            p.tok(k - 2),
            "my" | "his" | "her" | "our" | "their" | "your"
        )
}

/// The start of a person's name once the titles that open the span are left out (Inspector
/// Brian O'Hagan → Brian O'Hagan, Det. Dennis Ford; للقاضي كافانو → كافانو): titles stay
/// outside names, and so do Arabic words of kinship (بأمي فاطمة → فاطمة), with the pronoun
/// after ل before them (قالت لي أختي سارة, "my sister Sara told me" → سارة).
/// A span of titles alone ends up empty (`end`).
fn skip_titles(lang: Lang, p: &Prepared, start: usize, end: usize) -> usize {
    let kin = |w: &str| super::text::ar_in(w, &super::text::AR_KIN).is_some();
    let title = |i: usize| {
        let w = p.tok(i);
        match lang {
            Lang::En => super::text::EN_TITLES.contains(w),
            // With its proclitics (والرئيس), or after ل whose article lost its alif (للقاضي).
            Lang::Ar => {
                let titles = &super::text::AR_PER_TITLES;
                super::text::ar_in(w, titles).is_some()
                    || super::text::restore_article(w).is_some_and(|a| titles.contains(a))
                    || kin(w)
                    || (matches!(w, "لي" | "له" | "لها" | "لنا" | "لهم") && kin(p.tok(i + 1)))
            }
        }
    };
    let mut at = start;
    while let Some(i) = p.tok_containing(at) {
        let Some(t) = p.toks.get(i) else { break };
        if t.end > end || !title(i) {
            break;
        }
        // The title, and the period of its abbreviation.
        let mut next = i + 1;
        if p.toks
            .get(next)
            .is_some_and(|t| p.tok(next) == "." && !t.spaced)
        {
            next += 1;
        }
        at = p.toks.get(next).map_or(end, |t| t.start.min(end));
    }
    at
}

/// Whether a sentence is a capitals line.
pub fn facts(types: &[&TypeInfo]) -> SentenceFacts {
    let alpha = types.iter().filter(|t| t.alpha).count();
    let upper = types.iter().filter(|t| t.alpha && t.upper).count();
    SentenceFacts {
        caps_line: alpha >= 2 && upper == alpha,
    }
}

/// A word type seen in the document, with its one-word weights summed (by each stage).
#[derive(Debug)]
struct Cached {
    info: TypeInfo,
    sums: [Row; WINDOW],
    sums2: [Row; WINDOW],
    key: u32,
    /// Capitalised, and written in lowercase elsewhere in the document.
    doc_lower: bool,
}

/// The first stage's buffers: a sentence's emission rows, its tags, a token's features.
#[derive(Debug, Default)]
struct Scratch {
    em: Vec<Row>,
    tags: Vec<u8>,
    ctx: Vec<u32>,
}

/// What the first stage's context features of a token besides its words depend on: its
/// position, the rule detector's codes of it and its neighbours, whether it is a capitalised
/// word the document also writes in lowercase, and what the document said before of it and
/// of its neighbours (see [`Marks::features`]). Few combinations occur, so the weights of
/// each are summed once per document.
#[derive(Debug, Clone, Copy)]
struct Marks {
    first: bool,
    codes: [Option<features::RuleCode>; 3],
    doc_lower: bool,
    around: [Option<features::Memory>; 3],
}

impl Marks {
    /// The bias, [`features::mark_context`] and [`features::history`].
    fn features(&self) -> Vec<u32> {
        let mut out = vec![features::bias()];
        features::mark_context(self.first, self.codes, self.doc_lower, &mut out);
        features::history(self.around, &mut out);
        out
    }

    /// The combination as one number (nine bits for each code and class, `None` as 511).
    fn key(&self) -> u64 {
        let nine = |v: Option<u8>| v.map_or(511, u64::from);
        let mut k = u64::from(self.first) << 1 | u64::from(self.doc_lower);
        for c in self.codes {
            k = k << 9 | nine(c);
        }
        for m in self.around {
            k = k << 10
                | nine(m.map(|m| m.class)) << 1
                | u64::from(m.is_some_and(|m| m.last_of_person));
        }
        k
    }
}

/// A paragraph through the first stage: its tokens, their word types, the sentences (token
/// ranges) and the first stage's tags.
#[derive(Debug, Default)]
struct FirstPass {
    ranges: Vec<Range<usize>>,
    ids: Vec<u32>,
    sentences: Vec<Range<usize>>,
    tags: Vec<u8>,
}

/// The second stage's model and its weights summed ahead: its features depend on a word type,
/// a first-stage tag or a word key only, so a token's scores are a few rows added up.
#[derive(Debug)]
struct Second {
    model: &'static Model<'static>,
    /// The weights of "no word", seen from each relative position.
    boundary: [Row; WINDOW],
    /// The weights of each first-stage tag of the tokens at −1, 0, +1.
    tags: [[Row; bilou::NTAGS]; 3],
    /// The weights of what the document says of each key, seen from −1, 0, +1 (`None`: not
    /// summed since the document's evidence last changed).
    keys: Vec<Option<[Row; 3]>>,
}

impl Second {
    fn new(model: &'static Model<'static>) -> Second {
        let mut boundary = [[0; bilou::NTAGS]; WINDOW];
        for (k, row) in boundary.iter_mut().enumerate() {
            model.add(features::boundary(k as i8 - 2), row);
        }
        let mut tags = [[[0; bilou::NTAGS]; bilou::NTAGS]; 3];
        for (r, rows) in (-1i8..=1).zip(tags.iter_mut()) {
            for (t, row) in rows.iter_mut().enumerate() {
                model.add(features::stage2_tag(r, t as u8), row);
            }
        }
        Second {
            model,
            boundary,
            tags,
            keys: Vec::new(),
        }
    }

    /// The weights of what `stats` says of `key`, from −1, 0, +1.
    fn key_rows(&mut self, stats: &DocStats, key: u32) -> [Row; 3] {
        let k = key as usize;
        if k >= self.keys.len() {
            self.keys.resize(k + 1, None);
        }
        if let Some(Some(rows)) = self.keys.get(k) {
            return *rows;
        }
        let mut rows = [[0; bilou::NTAGS]; 3];
        let mut feats = Vec::new();
        let s = stats.get(key);
        for (r, row) in (-1i8..=1).zip(rows.iter_mut()) {
            feats.clear();
            features::stage2_key(s, r, &mut feats);
            for &f in &feats {
                self.model.add(f, row);
            }
        }
        if let Some(slot) = self.keys.get_mut(k) {
            *slot = Some(rows);
        }
        rows
    }
}

/// The one-word weights of the words around token `i` of a sentence (`ids`: its word types)
/// summed for one stage (`sums` picks that stage's sums of a word type; `boundary`: the
/// weights of a position outside the sentence).
fn window_row(
    cache: &[Cached],
    ids: &[u32],
    i: usize,
    boundary: &[Row; WINDOW],
    sums: impl Fn(&Cached) -> &[Row; WINDOW],
) -> Row {
    let mut row = [0; bilou::NTAGS];
    for (k, edge) in boundary.iter().enumerate() {
        let w = (i + k)
            .checked_sub(2)
            .and_then(|j| ids.get(j))
            .and_then(|&id| cache.get(id as usize))
            .map_or(edge, |c| &sums(c)[k]);
        for (r, s) in row.iter_mut().zip(w) {
            *r += s;
        }
    }
    row
}

/// Tags the paragraphs of one document in one language, in order, remembering what it said.
///
/// Two stages: the first model tags each paragraph; the second tags it again with what the
/// first said over the document (the same word tagged elsewhere, the longest name holding it,
/// a person's first or last name). Paragraphs given to [`DocTagger::prepare`] beforehand (all
/// of the document, in order) are seen by the second stage as a whole document; otherwise each
/// paragraph goes through both stages when tagged, and the second sees the document so far.
#[derive(Debug)]
pub struct DocTagger {
    model: Option<&'static Model<'static>>,
    second: Option<Second>,
    lang: Lang,
    g: &'static Gazetteer,
    lex: &'static Lexicon,
    types: HashMap<String, u32, FnvBuild>,
    cache: Vec<Cached>,
    keys: HashMap<String, u32, FnvBuild>,
    memory: Vec<Memory>,
    lower: HashSet<String, FnvBuild>,
    /// The summed weights of each combination of [`Marks`] met (by [`Marks::key`]).
    marked: HashMap<u64, Row, FnvBuild>,
    /// The first stage's buffers, kept from one paragraph to the next.
    scratch: Scratch,
    boundary: [Row; WINDOW],
    viterbi: Viterbi,
    /// What the first stage said over the document.
    stats: DocStats,
    /// Paragraphs prepared and not yet tagged, in order.
    prepared: VecDeque<FirstPass>,
    /// Persons named in full so far (folded text, key), for their later short forms.
    people: Vec<(String, Key)>,
    /// The gazetteer places that the last [`DocTagger::refine`] dropped because the model read
    /// them as part of an organisation or other name ("American University of Beirut").
    inside_names: Vec<u32>,
    /// The organisations and other names (titles, events) the model read in the last
    /// [`DocTagger::refine`]: folded byte ranges.
    other_names: Vec<(usize, usize)>,
}

impl DocTagger {
    /// A tagger for a document whose paragraphs in `lang` are `paragraphs` (read once for the
    /// words the document writes in lowercase).
    pub fn new<'t>(lang: Lang, paragraphs: impl Iterator<Item = &'t str>) -> DocTagger {
        let model = builtin(lang);
        let second = model.and_then(|_| builtin_second(lang)).map(Second::new);
        let mut lower: HashSet<String, FnvBuild> = HashSet::default();
        if lang == Lang::En && model.is_some() {
            // Each word as written is read once.
            let mut seen: HashSet<&str, FnvBuild> = HashSet::default();
            for p in paragraphs {
                for w in p.split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'') {
                    if seen.insert(w)
                        && w.chars().any(char::is_lowercase)
                        && !w.chars().any(char::is_uppercase)
                    {
                        lower.insert(features::normalize(lang, w));
                    }
                }
            }
        }
        let mut boundary = [[0; bilou::NTAGS]; WINDOW];
        if let Some(m) = model {
            for (k, row) in boundary.iter_mut().enumerate() {
                m.add(features::boundary(k as i8 - 2), row);
            }
        }
        DocTagger {
            model,
            second,
            lang,
            g: Gazetteer::get(),
            lex: Lexicon::builtin(),
            types: HashMap::default(),
            cache: Vec::new(),
            keys: HashMap::default(),
            memory: Vec::new(),
            lower,
            marked: HashMap::default(),
            scratch: Scratch::default(),
            boundary,
            viterbi: Viterbi::default(),
            stats: DocStats::default(),
            prepared: VecDeque::new(),
            people: Vec::new(),
            inside_names: Vec::new(),
            other_names: Vec::new(),
        }
    }

    /// Whether a model is loaded (otherwise [`DocTagger::refine`] returns the rules' spans).
    pub fn active(&self) -> bool {
        self.model.is_some()
    }

    fn intern(&mut self, model: &Model, word: &str) -> u32 {
        if let Some(&id) = self.types.get(word) {
            return id;
        }
        let mut info = features::type_info(self.lang, word, self.g, self.lex);
        features::add_vocab(&mut info, &model.vocab);
        let mut sums = [[0; bilou::NTAGS]; WINDOW];
        let mut sums2 = [[0; bilou::NTAGS]; WINDOW];
        for (sum, feats) in sums.iter_mut().zip(&info.feats) {
            for &f in feats {
                model.add(f, sum);
            }
        }
        if let Some(second) = &self.second {
            for (sum, feats) in sums2.iter_mut().zip(&info.feats) {
                for &f in feats {
                    second.model.add(f, sum);
                }
            }
        }
        for f in &mut info.feats {
            *f = Vec::new();
        }
        let next = self.keys.len() as u32;
        let key = *self.keys.entry(info.key.clone()).or_insert(next);
        if key as usize >= self.memory.len() {
            self.memory.push(Memory::default());
        }
        let id = self.cache.len() as u32;
        let doc_lower = info.cap && self.lower.contains(&info.norm);
        self.cache.push(Cached {
            info,
            sums,
            sums2,
            key,
            doc_lower,
        });
        self.types.insert(word.to_string(), id);
        id
    }

    fn keys_of(&self, ids: &[u32]) -> Vec<u32> {
        ids.iter()
            .map(|&id| self.cache.get(id as usize).map_or(0, |c| c.key))
            .collect()
    }

    /// Run the first stage over a paragraph (`rules`: the rule detector's spans, in source
    /// bytes) and add what it said to the document's evidence.
    fn first_pass(
        &mut self,
        model: &Model,
        text: &str,
        rules: &[(Range<usize>, EntityKind)],
    ) -> FirstPass {
        let ranges = tokens::tokenize(text);
        let truecased = (self.lang == Lang::En)
            .then(|| truecase_title_lines(text, &ranges, &model.vocab))
            .flatten();
        let text = truecased.as_deref().unwrap_or(text);
        let codes = rule_codes(&ranges, rules);
        let ids: Vec<u32> = ranges
            .iter()
            .map(|r| self.intern(model, text.get(r.clone()).unwrap_or("")))
            .collect();
        let mut pass = FirstPass {
            tags: Vec::with_capacity(ids.len()),
            ..FirstPass::default()
        };
        let Scratch {
            mut em,
            mut tags,
            mut ctx,
        } = std::mem::take(&mut self.scratch);
        for sentence in tokens::sentences(text, &ranges) {
            let (start, end) = (sentence.start, sentence.end);
            let sent = ids.get(start..end).unwrap_or(&[]);
            let infos: Vec<&TypeInfo> = sent
                .iter()
                .filter_map(|&i| self.cache.get(i as usize).map(|c| &c.info))
                .collect();
            let f = facts(&infos);
            let sent_codes = codes.get(start..end).unwrap_or(&[]);
            em.clear();
            let keys = self.keys_of(sent);
            for (i, &id) in sent.iter().enumerate() {
                let mut row = window_row(&self.cache, sent, i, &self.boundary, |c| &c.sums);
                // The features of `features::context` and `features::history_of`: those of the
                // words, then the rest, whose rows are summed once per combination.
                ctx.clear();
                features::word_context(&infos, i, f, &mut ctx);
                for &c in &ctx {
                    model.add(c, &mut row);
                }
                let code = |j: Option<usize>| j.and_then(|j| sent_codes.get(j)).copied();
                let marks = Marks {
                    first: i == 0,
                    codes: [code(i.checked_sub(1)), code(Some(i)), code(Some(i + 1))],
                    doc_lower: self.cache.get(id as usize).is_some_and(|c| c.doc_lower),
                    around: features::history_around(&self.memory, &keys, i),
                };
                let marked = self.marked.entry(marks.key()).or_insert_with(|| {
                    let mut row = [0; bilou::NTAGS];
                    for f in marks.features() {
                        model.add(f, &mut row);
                    }
                    row
                });
                for (r, m) in row.iter_mut().zip(marked.iter()) {
                    *r += m;
                }
                em.push(row);
            }
            model.decode(&em, &mut self.viterbi, &mut tags);
            remember(&mut self.memory, &keys, &tags);
            if let Some(second) = &mut self.second {
                self.stats.add(&keys, &tags);
                // The document's evidence changed: its sums are stale.
                second.keys.clear();
            }
            pass.tags.extend_from_slice(&tags);
            pass.sentences.push(sentence);
        }
        self.scratch = Scratch { em, tags, ctx };
        pass.ranges = ranges;
        pass.ids = ids;
        pass
    }

    /// Tag one sentence (`ids`: its word types) with the second stage, fed by the first
    /// stage's tags (`first`).
    fn second_pass(&mut self, ids: &[u32], first: &[u8], em: &mut Vec<Row>, tags: &mut Vec<u8>) {
        tags.clear();
        let keys = self.keys_of(ids);
        let Some(second) = &mut self.second else {
            return;
        };
        em.clear();
        let key_rows: Vec<[Row; 3]> = keys
            .iter()
            .map(|&k| second.key_rows(&self.stats, k))
            .collect();
        for i in 0..ids.len() {
            let mut row = window_row(&self.cache, ids, i, &second.boundary, |c| &c.sums2);
            for r in 0..3 {
                let Some(j) = (i + r).checked_sub(1) else {
                    continue;
                };
                let (Some(&t), Some(kr)) = (first.get(j), key_rows.get(j)) else {
                    continue;
                };
                let tag_row = second.tags[r].get(t as usize).unwrap_or(&[0; bilou::NTAGS]);
                for ((x, a), b) in row.iter_mut().zip(tag_row).zip(&kr[r]) {
                    *x += a + b;
                }
            }
            em.push(row);
        }
        second.model.decode(em, &mut self.viterbi, tags);
    }

    /// Run the first stage over a paragraph ahead of [`DocTagger::refine`], so that the second
    /// stage sees the whole document: call it on every paragraph of the document in order, then
    /// `refine` them in the same order. `rules`: the rule detector's spans, as given to
    /// `refine`.
    pub fn prepare(&mut self, p: &Prepared, rules: &[Found]) {
        if self.model.is_some() && self.second.is_some() {
            self.prepare_text(p.src, &rule_spans(p, rules));
        }
    }

    /// [`DocTagger::prepare`] for [`DocTagger::tag`]: a paragraph's text and the rule
    /// detector's spans in source bytes.
    pub fn prepare_text(&mut self, text: &str, rules: &[(Range<usize>, EntityKind)]) {
        if let (Some(model), Some(_)) = (self.model, &self.second) {
            let pass = self.first_pass(model, text, rules);
            self.prepared.push_back(pass);
        }
    }

    /// Tag one paragraph: spans of source bytes with classes. `rules`: the rule detector's
    /// spans, in source bytes. Empty without a model. The paragraph prepared first
    /// ([`DocTagger::prepare`]) if any, else this one.
    pub fn tag(
        &mut self,
        text: &str,
        rules: &[(Range<usize>, EntityKind)],
    ) -> Vec<(Range<usize>, Class)> {
        let Some(model) = self.model else {
            return Vec::new();
        };
        let pass = match self.prepared.pop_front() {
            Some(p) => p,
            None => self.first_pass(model, text, rules),
        };
        let mut out = Vec::new();
        // The first stage's buffers serve the second.
        let Scratch {
            mut em,
            tags: mut second_tags,
            ctx,
        } = std::mem::take(&mut self.scratch);
        for sent in &pass.sentences {
            let first_tags = pass.tags.get(sent.clone()).unwrap_or(&[]);
            let tags = if self.second.is_some() {
                let ids = pass.ids.get(sent.clone()).unwrap_or(&[]);
                self.second_pass(ids, first_tags, &mut em, &mut second_tags);
                &second_tags
            } else {
                first_tags
            };
            for s in bilou::decode(tags) {
                if let (Some(a), Some(b)) = (
                    pass.ranges.get(sent.start + s.start),
                    pass.ranges.get(sent.start + s.end - 1),
                ) {
                    out.push((a.start..b.end, s.class));
                }
            }
        }
        self.scratch = Scratch {
            em,
            tags: second_tags,
            ctx,
        };
        out
    }

    /// The rules' spans of one paragraph, corrected by the model: its persons and places
    /// replace the rules' (Arabic proclitics trimmed off), and a rule person or place that
    /// overlaps a learned organisation or other name is dropped. Dates are kept.
    #[allow(clippy::too_many_lines)] // the merge policy, one kind after the other
    pub fn refine(&mut self, p: &Prepared, rules: Vec<Found>) -> Vec<Found> {
        self.inside_names.clear();
        self.other_names.clear();
        if !self.active() {
            return rules;
        }
        let spans = rule_spans(p, &rules);
        let learned = self.tag(p.src, &spans);
        let mut out: Vec<Found> = Vec::with_capacity(rules.len() + learned.len());
        let folded: Vec<(usize, usize, Class)> = learned
            .iter()
            .map(|(r, c)| (to_folded(p, r.start), to_folded(p, r.end), *c))
            .flat_map(|(start, end, class)| match (self.lang, class) {
                (Lang::En, Class::Per) => people_joined_by_and(p, start, end),
                _ => vec![(start, end, class)],
            })
            .collect();
        // Sorted by start, for a binary search.
        let mut rules_same: Vec<Found> = rules
            .iter()
            .filter(|f| matches!(f.kind, EntityKind::Person | EntityKind::Place))
            .cloned()
            .collect();
        rules_same.sort_by_key(|f| (f.start, f.end));
        // The learned spans overlapping a range: they are sorted and do not overlap each other,
        // so a binary search finds the first and only those that overlap are read.
        let overlapping = |a: usize, b: usize| {
            let i = folded.partition_point(|&(_, e, _)| e <= a);
            folded
                .get(i..)
                .unwrap_or(&[])
                .iter()
                .take_while(move |&&(s, _, _)| s < b)
        };
        for f in rules {
            let over = |class: Class| overlapping(f.start, f.end).any(|&(_, _, c)| c == class);
            // A name of that class that holds this span and more words ("New York Jets").
            let around = |class: Class| {
                overlapping(f.start, f.end).any(|&(s, e, c)| {
                    c == class
                        && s <= f.start
                        && f.end <= e
                        && (p.slice(s, f.start).contains(' ') || p.slice(f.end, e).contains(' '))
                })
            };
            let in_name = around(Class::Org) || around(Class::Misc);
            let known_org = || ORGANIZATIONS.contains(p.slice(f.start, f.end));
            let keep = match f.kind {
                EntityKind::Person | EntityKind::Place if known_org() => false,
                EntityKind::Date => true,
                EntityKind::Organization => !over(Class::Per) && !over(Class::Loc),
                // A rule place that the model also reads as a place keeps the rules' extent
                // (feature heads such as نهر, clitics outside). A gazetteer place stands unless
                // the model reads it as part of a longer organisation or other name ("New York
                // Jets"; the same extent read as an organisation is a country's team or a
                // misreading, and the gazetteer knows the place); a place found by cues, unless
                // the model reads a person or an organisation over it.
                EntityKind::Place if f.how == How::Gazetteer => over(Class::Loc) || !in_name,
                EntityKind::Place => over(Class::Loc) || !(over(Class::Per) || over(Class::Org)),
                EntityKind::Person => false,
            };
            if keep {
                out.push(self.with_town(p, f));
            } else if let (EntityKind::Place, Key::Gaz(e), true) = (f.kind, &f.key, in_name) {
                self.inside_names.push(*e);
            }
        }
        // The kept rule spans, by start (they do not overlap each other), for a binary search.
        let mut kept: Vec<(usize, usize)> = out.iter().map(|f| (f.start, f.end)).collect();
        kept.sort_unstable();
        let hits_kept = |start: usize, end: usize| {
            let i = kept.partition_point(|&(_, e)| e <= start);
            kept.get(i).is_some_and(|&(s, _)| s < end)
                || i.checked_sub(1)
                    .and_then(|j| kept.get(j))
                    .is_some_and(|&(s, e)| s < end && start < e)
        };
        for (start, end, class) in folded {
            let kind = match class {
                Class::Per => EntityKind::Person,
                // "my sister Rachel": the news corpus knows sister cities, not sisters; "Omar
                // laughed": nor people told of in a story.
                Class::Loc
                    if self.lang == Lang::En
                        && (after_kin(p, start, end)
                            || before_person_verb(p, start, end, self.g)) =>
                {
                    EntityKind::Person
                }
                Class::Loc => EntityKind::Place,
                Class::Org | Class::Misc
                    if self.lang == Lang::En && titled_regnal(p, start, end) =>
                {
                    EntityKind::Person
                }
                Class::Org | Class::Misc => {
                    self.other_names.push((start, end));
                    continue;
                }
            };
            let start = if self.lang == Lang::Ar {
                let start = trim_proclitic(p, start, end, self.g, self.lex);
                if kind == EntityKind::Person {
                    compound_start(p, skip_titles(Lang::Ar, p, start, end))
                } else {
                    start
                }
            } else if kind == EntityKind::Person {
                skip_titles(Lang::En, p, start, end)
            } else {
                start
            };
            // A king's or a pope's regnal number is part of the name (Philip IV, John Paul II).
            let end = match (self.lang, kind) {
                (Lang::En, EntityKind::Person) => end + regnal_after(p, end),
                (Lang::Ar, EntityKind::Person) => ar_regnal_end(p, start, end),
                _ => end,
            };
            if start >= end || hits_kept(start, end) {
                continue;
            }
            let text = p.slice(start, end);
            if ORGANIZATIONS.contains(text) {
                continue;
            }
            // An English acronym of two or three letters (AM, AI, O.K., MWPs) in a text that is
            // not all capitals is no person or place, unless the gazetteer knows it (UK, UAE).
            if self.lang == Lang::En
                && super::english::acronym_at(p, start, end)
                && self.g.lookup_en(text).is_empty()
            {
                continue;
            }
            // A word alone in brackets that the corpus knows as an ordinary word is a stage
            // direction of a talk's transcript or subtitles, (Laughter), [Applause], not a name.
            if self.lang == Lang::En && stage_direction(p, start, end) {
                continue;
            }
            // Mom, Dad, God: names in English, common nouns in the translation (أمي, الله).
            if self.lang == Lang::En && super::text::EN_COMMON_NAMES.contains(p.slice(start, end)) {
                continue;
            }
            // An English place ending in an organisation's head word (Arab Union, Labour Party)
            // is an organisation, unless the gazetteer knows it (Soviet Union).
            if self.lang == Lang::En
                && kind == EntityKind::Place
                && text
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| super::text::EN_ORG_WORDS.contains(w))
                && self.g.lookup_en(text).is_empty()
            {
                continue;
            }
            if kind == EntityKind::Person
                && self.lang == Lang::Ar
                && only_unknown_nisbas(text, self.lex)
            {
                continue;
            }
            // Same span as the rules: keep their key (gazetteer entry, linked name).
            let first = rules_same.partition_point(|r| (r.start, r.end) < (start, end));
            if let Some(r) = rules_same
                .get(first..)
                .unwrap_or(&[])
                .iter()
                .take_while(|r| r.start == start && r.end == end)
                .find(|r| r.kind == kind)
            {
                out.push(self.with_town(p, r.clone()));
                continue;
            }
            // A later short form of a person named in full before: the same person.
            if kind == EntityKind::Person
                && let Some(key) = self.short_form(text)
            {
                out.push(Found {
                    start,
                    end,
                    kind,
                    key,
                    how: How::Lexicon,
                });
                continue;
            }
            out.push(match self.entry_of(text, kind) {
                // A town is the gazetteer's entry, but no stronger evidence than the model's:
                // a longer name found across the languages may hold it (St Johnstone / سانت
                // جونستون, not the town of Johnstone).
                Some(e) => Found {
                    start,
                    end,
                    kind,
                    key: Key::Gaz(e),
                    how: if self.g.entry(e).is_some_and(|x| x.kind == GazKind::Town) {
                        How::Rule
                    } else {
                        How::Gazetteer
                    },
                },
                None => Found {
                    start,
                    end,
                    kind,
                    key: Key::Name(text.to_string()),
                    how: How::Rule,
                },
            });
        }
        // Spans of Arabic common words or letters' names are no names, whoever found them.
        if self.lang == Lang::Ar {
            out.retain(|f| {
                !matches!(f.kind, EntityKind::Person | EntityKind::Place)
                    || !super::arabic::no_name(p.slice(f.start, f.end))
            });
        }
        out.sort_by_key(|f| (f.start, f.end));
        for f in &out {
            if f.kind == EntityKind::Person {
                let text = p.slice(f.start, f.end);
                // The last few hundred full names: bounded work per mention on any input.
                if text.contains(' ') && !self.people.iter().any(|(t, _)| t == text) {
                    if self.people.len() >= 256 {
                        self.people.remove(0);
                    }
                    self.people.push((text.to_string(), f.key.clone()));
                }
            }
        }
        out
    }

    /// A rule span as kept: a place the rules found by its cue (مدينة الناصرة, the town of
    /// Nazareth) that the gazetteer's towns know is that town, so that it links across the
    /// languages.
    fn with_town(&self, p: &Prepared, mut f: Found) -> Found {
        if f.kind == EntityKind::Place
            && matches!(f.key, Key::Name(_))
            && let Some(e) = self.entry_of(p.slice(f.start, f.end), f.kind)
            && self.g.entry(e).is_some_and(|x| x.kind == GazKind::Town)
        {
            f.key = Key::Gaz(e);
        }
        f
    }

    /// The gazetteer entry of a name of this kind (a place or not), from its folded text.
    fn entry_of(&self, text: &str, kind: EntityKind) -> Option<u32> {
        // ل before the article drops its alif (للولايات المتحدة, ل + الولايات المتحدة): the
        // span keeps it, the gazetteer is asked for the name with its article.
        let with_article = (self.lang == Lang::Ar)
            .then(|| super::text::restore_article(text))
            .flatten();
        let gaz = match self.lang {
            Lang::Ar => match self.g.lookup_ar_towns(text) {
                [] => with_article
                    .as_deref()
                    .map_or(&[][..], |t| self.g.lookup_ar_towns(t)),
                hits => hits,
            },
            Lang::En => self.g.lookup_en_towns(text),
        };
        gaz.iter().copied().find(|&i| {
            self.g
                .entry(i)
                .is_some_and(|e| e.kind.is_place() == (kind == EntityKind::Place))
        })
    }

    /// The gazetteer places that the last [`DocTagger::refine`] dropped as part of an
    /// organisation or other name.
    pub fn places_inside_names(&self) -> &[u32] {
        &self.inside_names
    }

    /// The organisations and other names the model read in the paragraph of the last
    /// [`DocTagger::refine`] (folded byte ranges, in order): not kept as entities, but what
    /// the other language's names are set against ([`super::organisations`]).
    pub fn other_names(&self) -> &[(usize, usize)] {
        &self.other_names
    }

    /// The key of an earlier full name whose last word (or last words) is `text`.
    fn short_form(&self, text: &str) -> Option<Key> {
        self.people
            .iter()
            .rev()
            .find(|(full, _)| {
                full.len() > text.len()
                    && full.ends_with(text)
                    && full
                        .get(..full.len() - text.len())
                        .is_some_and(|h| h.ends_with(' '))
            })
            .map(|(_, k)| k.clone())
    }
}

/// An English person's span cut where "and" joins two capitalised names (the prophets Abraham
/// and Moses): each name a person of its own.
fn people_joined_by_and(p: &Prepared, start: usize, end: usize) -> Vec<(usize, usize, Class)> {
    let mut out = Vec::new();
    let Some((first, last)) = p.tok_bounds(start, end) else {
        return vec![(start, end, Class::Per)];
    };
    let mut from = start;
    for i in first + 1..last {
        if matches!(p.tok(i), "and" | "&")
            && p.is_cap(i - 1)
            && p.is_cap(i + 1)
            && let (Some(before), Some(after)) = (p.toks.get(i - 1), p.toks.get(i + 1))
        {
            out.push((from, before.end, Class::Per));
            from = after.start;
        }
    }
    out.push((from, end, Class::Per));
    out
}

/// The bytes by which an English name ending at `end` grows to take the regnal number right
/// after it, written in capitals and after one space (Philip IV); 0 where none follows.
fn regnal_after(p: &Prepared, end: usize) -> usize {
    let Some(i) = p.tok_at(end + 1) else {
        return 0;
    };
    let Some(t) = p.toks.get(i) else { return 0 };
    let capitals = p
        .source(t.start, t.end)
        .chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X'));
    if t.start == end + 1
        && p.slice(end, t.start) == " "
        && capitals
        && super::text::regnal_value(p.tok(i)).is_some()
    {
        t.end - end
    } else {
        0
    }
}

/// Where an Arabic person's name `start..end` ends once its regnal number is whole: the teen
/// that an ordinal of the units opens (لويس الرابع عشر, Louis XIV, where the model stopped at
/// الرابع), or, after a monarch's or a pope's title, the ordinal right after the name that the
/// model left out (الملك الحسن الثاني, Hassan II; الملكة إليزابيث الثانية); `end` itself
/// otherwise. Without the title an ordinal after a name is as often what the name qualifies:
/// تسريح مينجا الأول, "Menga's first lay-off", هدف ميسي الثاني, "Messi's second goal"; nor is
/// a seed before على (غونزاليز الثالث على, "the third seed beat") or a feminine "first" taken.
fn ar_regnal_end(p: &Prepared, start: usize, end: usize) -> usize {
    let Some((first, last)) = p.tok_bounds(start, end) else {
        return end;
    };
    if super::text::AR_ORDINALS.contains(&p.tok(last)) {
        return match super::text::ar_ordinal(p, last) {
            Some((11..=19, k)) if k > last => p.toks.get(k).map_or(end, |t| t.end),
            _ => end,
        };
    }
    let titled = first
        .checked_sub(1)
        .is_some_and(|k| super::text::ar_in(p.tok(k), &super::text::AR_MONARCH_TITLES).is_some());
    let next = last + 1;
    let Some(t) = p.toks.get(next).filter(|_| titled) else {
        return end;
    };
    // The ordinal itself, with its article and no proclitic (والثاني is "and the second").
    let word = p.tok(next);
    if t.kind != TokKind::Word || p.slice(end, t.start) != " " || !word.starts_with("ال") {
        return end;
    }
    let feminine_first = matches!(word, "الاولي" | "الاولى");
    match super::text::ar_ordinal(p, next) {
        Some((1..=19, k)) if !feminine_first && !matches!(p.tok(k + 1), "علي" | "على") => {
            p.toks.get(k).map_or(end, |t| t.end)
        }
        _ => end,
    }
}

/// Drop, on one side of an aligned pair, a gazetteer place that the other side's model read as
/// part of an organisation or other name while no mention of that place stands there: the
/// translation names the same organisation ("الجامعة الأمريكية في بيروت" beside "American
/// University of Beirut"), and a one-sided place would be reported as missing from the other
/// side. `inside[lang][paragraph]`: what [`DocTagger::places_inside_names`] said of each
/// paragraph.
pub fn drop_places_inside_names(
    linked: &mut super::link::Linked,
    pairs: &[crate::document::Pair],
    inside: [&[Vec<u32>]; 2],
) {
    for pair in pairs {
        for (from, to) in [(Lang::Ar, Lang::En), (Lang::En, Lang::Ar)] {
            let ix = |l: Lang| usize::from(l == Lang::En);
            let mut gone: Vec<u32> = pair
                .side(from)
                .iter()
                .filter_map(|i| inside[ix(from)].get(i))
                .flatten()
                .copied()
                .collect();
            let paras = |l: Lang| match l {
                Lang::Ar => &linked.ar,
                Lang::En => &linked.en,
            };
            // A place also named on its own on that side stays named on both.
            let named: HashSet<u32, FnvBuild> = pair
                .side(from)
                .iter()
                .filter_map(|i| paras(from).get(i))
                .flat_map(|p| &p.found)
                .filter_map(|f| match (f.kind, &f.key) {
                    (EntityKind::Place, Key::Gaz(e)) => Some(*e),
                    _ => None,
                })
                .collect();
            gone.retain(|e| !named.contains(e));
            if gone.is_empty() {
                continue;
            }
            gone.sort_unstable();
            let side = match to {
                Lang::Ar => &mut linked.ar,
                Lang::En => &mut linked.en,
            };
            for i in pair.side(to) {
                if let Some(p) = side.get_mut(i) {
                    p.found.retain(|f| {
                        !(f.kind == EntityKind::Place
                            && matches!(f.key, Key::Gaz(e) if gone.binary_search(&e).is_ok()))
                    });
                }
            }
        }
    }
}

/// Record what a sentence's tags say about its words' keys.
pub fn remember(memory: &mut [Memory], keys: &[u32], tags: &[u8]) {
    for (&k, &t) in keys.iter().zip(tags) {
        let Some(m) = memory.get_mut(k as usize) else {
            continue;
        };
        if let Some((c, pos)) = bilou::parts(t) {
            m.class = c as u8 + 1;
            m.last_of_person = c == Class::Per && matches!(pos, Pos::L | Pos::U);
        }
    }
}

/// The folded byte offset of source byte `s`.
fn to_folded(p: &Prepared, s: usize) -> usize {
    p.folded
        .map
        .partition_point(|&m| m < s)
        .min(p.folded.text.len())
}

/// Start of an Arabic person whose first word is the second half of a compound given name,
/// which is never a name alone: with its first half (عز الدين, not الدين; عبد الله, not الله).
fn compound_start(p: &Prepared, start: usize) -> usize {
    const AFTER_ABD: [&str; 12] = [
        "الله",
        "الرحمن",
        "الرحيم",
        "العزيز",
        "الكريم",
        "القادر",
        "الحميد",
        "اللطيف",
        "الناصر",
        "المجيد",
        "السلام",
        "الحق",
    ];
    let Some(i) = p.tok_at(start).filter(|&i| i > 0) else {
        return start;
    };
    let (word, prev) = (p.tok(i), p.tok(i - 1));
    let joined = p.toks.get(i - 1).is_some_and(|t| t.kind == TokKind::Word)
        && p.toks.get(i).is_some_and(|t| t.spaced);
    let first_half = (word == "الدين" && !AR_STOP.contains(prev))
        || (AFTER_ABD.contains(&word) && prev == "عبد");
    if joined && first_half {
        p.toks.get(i - 1).map_or(start, |t| t.start)
    } else {
        start
    }
}

/// Whether the folded span `start..end` of `p` is one word alone in brackets, `(Laughter)` or
/// `[Applause]`, that is a transcript's stage direction (`EN_STAGE_DIRECTIONS`) or a word the
/// English training corpus has and never inside a name. A name in brackets stays: (Reuters),
/// (Paris).
fn stage_direction(p: &Prepared, start: usize, end: usize) -> bool {
    let Some(i) = p.tok_spanning(start, end) else {
        return false;
    };
    let word = p.tok(i);
    i > 0
        && matches!((p.tok(i - 1), p.tok(i + 1)), ("(", ")") | ("[", "]"))
        && (super::text::EN_STAGE_DIRECTIONS.contains(word) || ordinary_word(Lang::En, word))
}

/// Whether an Arabic span read as a person is two or more indefinite nisba adjectives that no
/// name list knows (خط ربط كهربائي بحري, "an undersea electric link": adjectives after a noun,
/// not a name). A known name among them (سامي, فهمي) keeps the span a person.
fn only_unknown_nisbas(text: &str, lex: &Lexicon) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .map(crate::document::normalize::fold)
        .collect();
    words.len() >= 2
        && words.iter().all(|w| {
            !w.starts_with("ال")
                && (w.ends_with('ي') || w.ends_with("يه"))
                && w.chars().count() >= 4
                && !lex.is_person_word(w)
        })
}

/// Start of an Arabic name after its proclitics (و ب ل ك ف): the corpus tags whole tokens, the
/// reader shows names without them. A word that is itself a known name keeps its letters.
fn trim_proclitic(p: &Prepared, start: usize, end: usize, g: &Gazetteer, lex: &Lexicon) -> usize {
    let Some(i) = p.tok_at(start) else {
        return start;
    };
    let word = p.tok(i);
    let known = |w: &str| !g.lookup_ar(w).is_empty() || lex.contains(w);
    if known(word) {
        return start;
    }
    let rest_of_span = p.slice(p.toks.get(i).map_or(start, |t| t.end), end);
    for (cut, stem) in proclitic_splits(word).skip(1) {
        // The article before at least two letters (بالو, Palu, is a name of its own).
        let al = stem.starts_with("ال") && stem.chars().count() >= 4;
        let full = format!("{stem}{rest_of_span}");
        // Two letters are a word of the name lists by chance more often than a name: وود is
        // Wood, not و + ود.
        let short = full.chars().count() <= 2;
        if al || (!short && (known(stem) || known(&full))) || !g.lookup_ar(&fold(&full)).is_empty()
        {
            return start + cut;
        }
    }
    // و alone before a longer word is nearly always "and".
    if let Some(stem) = word.strip_prefix('و')
        && stem.chars().count() >= 4
        && !word.starts_with("وو")
    {
        return start + 'و'.len_utf8();
    }
    start
}

/// Tag the sentences of a corpus document with a model, as the run time does, but on the
/// corpus's own tokens (for evaluation). Returns predicted spans per sentence.
pub fn tag_corpus_doc(
    model: &Model,
    lang: Lang,
    doc: &[conll::Sentence],
    rules: train::Rules,
) -> Vec<Vec<Span>> {
    tag_corpus_doc_stages(None, model, lang, doc, rules)
}

/// [`tag_corpus_doc`] with a second-stage `model` fed by what the `first` stage said over the
/// whole document (`None`: `model` is a first stage).
pub fn tag_corpus_doc_stages(
    first: Option<&Model>,
    model: &Model,
    lang: Lang,
    doc: &[conll::Sentence],
    rules: train::Rules,
) -> Vec<Vec<Span>> {
    let g = Gazetteer::get();
    let lex = Lexicon::builtin();
    let lower = train::doc_lower_words(lang, doc);
    let mut keys: HashMap<String, u32, FnvBuild> = HashMap::default();
    let mut types: HashMap<&str, TypeInfo, FnvBuild> = HashMap::default();
    for s in doc {
        for w in &s.tokens {
            types.entry(w.as_str()).or_insert_with(|| {
                let mut t = features::type_info(lang, w, g, lex);
                features::add_vocab(&mut t, &model.vocab);
                t
            });
        }
    }
    let doc_keys = train::number_keys(doc, &types, &mut keys);
    let mut stats = features::DocStats::default();
    let first_tags: Vec<Vec<u8>> = match first {
        Some(f) => tag_corpus_doc_stages(None, f, lang, doc, rules)
            .iter()
            .zip(doc)
            .map(|(p, s)| bilou::encode(s.tokens.len(), p))
            .collect(),
        None => Vec::new(),
    };
    for (k, t) in doc_keys.iter().zip(&first_tags) {
        stats.add(k, t);
    }
    let mut memory: Vec<Memory> = vec![Memory::default(); keys.len()];
    let mut viterbi = Viterbi::default();
    let mut out = Vec::new();
    let mut feats = Vec::new();
    let mut tags = Vec::new();
    for (si, s) in doc.iter().enumerate() {
        let infos: Vec<&TypeInfo> = s
            .tokens
            .iter()
            .filter_map(|w| types.get(w.as_str()))
            .collect();
        let (joined, ranges) = train::join(&s.tokens);
        let codes = rule_codes(&ranges, &rules(&joined));
        let key_ids = doc_keys.get(si).map_or(&[][..], Vec::as_slice);
        let mut em = Vec::with_capacity(infos.len());
        for i in 0..key_ids.len() {
            feats.clear();
            if let Some(t) = first_tags.get(si) {
                train::window_features(&infos, i, &mut feats);
                features::stage2(&stats, key_ids, t, i, &mut feats);
            } else {
                train::static_features(&infos, i, &codes, &lower, &mut feats);
                features::history_of(&memory, key_ids, i, &mut feats);
            }
            let mut row = [0; bilou::NTAGS];
            for &f in &feats {
                model.add(f, &mut row);
            }
            em.push(row);
        }
        model.decode(&em, &mut viterbi, &mut tags);
        remember(&mut memory, key_ids, &tags);
        out.push(bilou::decode(&tags));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ordinal_after_an_arabic_name_is_its_regnal_number() {
        // Where the model's person ends before an ordinal after a monarch's title, the name
        // takes it (with the teen's عشر); not without the title (Menga's first lay-off), not a
        // seed before على, a feminine "first", or an ordinal behind a proclitic.
        let grown = |text: &str, name: &str| {
            let p = Prepared::new(text);
            let f = fold(name);
            let start = p
                .folded
                .text
                .find(f.as_str())
                .expect("the name is in the text");
            let end = ar_regnal_end(&p, start, start + f.len());
            p.slice(start, end).to_string()
        };
        for (text, name, whole) in [
            ("قال الملك الحسن الثاني إن", "الحسن", "الحسن الثاني"),
            ("عند تسريح مينجا الأول بإخراج", "مينجا", "مينجا"),
            ("زار الملك لويس الرابع عشر القصر", "لويس", "لويس الرابع عشر"),
            (
                "زار لويس الرابع عشر القصر",
                "لويس الرابع",
                "لويس الرابع عشر",
            ),
            (
                "استقبلت الملكة إليزابيث الثانية الرئيس",
                "إليزابيث",
                "إليزابيث الثانيه",
            ),
            ("وحكم الملك فؤاد الأول مصر", "فؤاد", "فؤاد الاول"),
            (
                "وفاز الأمير غونزاليز الثالث على هاييك",
                "غونزاليز",
                "غونزاليز",
            ),
            ("وكانت رواية الملكة محفوظ الأولى", "محفوظ", "محفوظ"),
            ("التقى الملك سامي والثاني في المكتب", "سامي", "سامي"),
            ("قال الملك الحسن", "الحسن", "الحسن"),
        ] {
            assert_eq!(grown(text, name), fold(whole), "{text}");
        }
    }

    #[test]
    fn the_builtin_models_load_with_sorted_vocabularies() {
        // The vocabulary is read in place, unchecked (an unsorted one would give wrong codes).
        for lang in [Lang::Ar, Lang::En] {
            let m = builtin(lang).expect("the model loads");
            let v: Vec<(u32, u8)> = m.vocab.entries().collect();
            assert!(v.len() > 10_000, "{lang}: {}", v.len());
            assert!(v.windows(2).all(|w| w[0].0 < w[1].0), "{lang}");
            let (f, c) = v.get(v.len() / 2).copied().unwrap_or_default();
            assert_eq!(m.vocab.code_of(f), c);
        }
        let second = builtin_second(Lang::Ar).expect("the second stage loads");
        assert!(
            second
                .vocab
                .entries()
                .collect::<Vec<_>>()
                .windows(2)
                .all(|w| w[0].0 < w[1].0)
        );
    }

    #[test]
    fn adjectives_alone_are_no_person_but_a_known_name_is() {
        let lex = Lexicon::builtin();
        assert!(only_unknown_nisbas("كهربائي بحري", lex));
        // One word, or a word with the article, or a name the lists know: left to the model.
        assert!(!only_unknown_nisbas("بحري", lex));
        assert!(!only_unknown_nisbas("الكهربائي البحري", lex));
        assert!(lex.is_person_word(&crate::document::normalize::fold("سامي")));
        assert!(!only_unknown_nisbas("سامي بحري", lex));
    }

    #[test]
    fn a_proclitic_stays_on_a_name_of_two_letters_the_gazetteer_does_not_know() {
        let (g, lex) = (Gazetteer::get(), Lexicon::builtin());
        let start_of = |text: &str, word: &str| {
            let p = Prepared::new(text);
            let start = p.folded.text.find(word).unwrap();
            let cut = trim_proclitic(&p, start, start + word.len(), g, lex);
            p.slice(cut, start + word.len()).to_string()
        };
        // ود is a word of the name lists (ود مدني), but وود is Wood.
        assert!(lex.contains("ود"));
        assert_eq!(start_of("كان مولي ووود اللاعبين", "وود"), "وود");
        // A longer known name loses its proclitic.
        assert_eq!(start_of("وصل الوفد ولندن تستعد", "ولندن"), "لندن");
    }

    #[test]
    fn a_word_alone_in_brackets_may_be_a_stage_direction() {
        let direction = |text: &str, word: &str| {
            let p = Prepared::new(text);
            let start = p.folded.text.find(word).unwrap();
            stage_direction(&p, start, start + word.len())
        };
        assert!(direction("every child can read. (Laughter)", "laughter"));
        assert!(direction("Thank you. [Applause]", "applause"));
        // Names in brackets, a word not alone, a word outside brackets: not directions.
        assert!(!direction("Hamid Karimi (Tehran) said", "tehran"));
        assert!(!direction("(Laughter and applause)", "laughter"));
        assert!(!direction("Laughter filled the room", "laughter"));
    }

    #[test]
    fn titles_are_left_out_of_english_persons() {
        let skipped_in = |lang: Lang, t: &str| {
            let p = Prepared::new(t);
            let end = p.folded.text.len();
            p.slice(skip_titles(lang, &p, 0, end), end).to_string()
        };
        let skipped = |t: &str| skipped_in(Lang::En, t);
        assert_eq!(skipped("Inspector Brian O'Hagan"), "brian o'hagan");
        assert_eq!(skipped("Det. Dennis McCarthy"), "dennis mccarthy");
        assert_eq!(skipped("Det."), "");
        assert_eq!(skipped("Brian Inspector"), "brian inspector");
        let ar = |t: &str| skipped_in(Lang::Ar, t);
        assert_eq!(ar("للقاضي كافانو"), "كافانو");
        assert_eq!(ar("والرئيس محمود عباس"), "محمود عباس");
        assert_eq!(ar("الرئيس"), "");
        // Kinship stays outside too, with the pronoun after ل before it; Li stays a name.
        assert_eq!(ar("بأمي فاطمة"), "فاطمه");
        assert_eq!(ar("لي أختي سارة"), "ساره");
        assert_eq!(ar("صديقه سام"), "سام");
        assert_eq!(ar("لي ميونغ باك"), "لي ميونغ باك");
    }

    /// `holds` on the span of `name` (folded) in `text`.
    fn on_name(text: &str, name: &str, holds: impl Fn(&Prepared, usize, usize) -> bool) -> bool {
        let p = Prepared::new(text);
        let start = p.folded.text.find(name).unwrap_or(0);
        holds(&p, start, start + name.len())
    }

    #[test]
    fn a_word_after_my_sister_is_a_given_name() {
        let at = |t: &str, name: &str| on_name(t, name, after_kin);
        assert!(at("my sister rachel told me", "rachel"));
        assert!(at("i called his mother, fatima, that night", "fatima"));
        assert!(!at("its sister city london", "london"));
        assert!(!at("my sister new york", "new york"));
        assert!(!at("sister rachel", "rachel"));
    }

    #[test]
    fn a_word_before_a_verb_only_a_person_does_is_a_person() {
        let g = Gazetteer::get();
        let at = |t: &str, name: &str| on_name(t, name, |p, s, e| before_person_verb(p, s, e, g));
        assert!(at("omar laughed and said it was simple", "omar"));
        assert!(at("then kofi nodded", "kofi"));
        // A place the gazetteer knows stays a place; a verb anyone does says nothing.
        assert!(!at("washington replied on tuesday", "washington"));
        assert!(!at("omar grew up here", "omar"));
    }

    #[test]
    fn arabic_given_names_by_what_the_corpora_say() {
        if builtin(Lang::Ar).is_none() {
            return;
        }
        // Persons' names in the corpus or the name lists, with a proclitic or not.
        for (w, name) in [
            ("جاك", "جاك"),
            ("ديفيد", "ديفيد"),
            ("بسام", "سام"),
            ("وتوم", "توم"),
            ("يسري", "يسري"),
        ] {
            assert_eq!(ar_given_name(w), Some(name), "{w}");
        }
        // Ordinary words (بيان "statement" is no ب + يان), the article (اليسرى "the left"),
        // function words.
        for w in [
            "بيان",
            "اليسري",
            "صدقنا",
            "مستشفي",
            "الذي",
            "امل",
            "الرئيس",
            "بيروت",
        ] {
            assert_eq!(ar_given_name(w), None, "{w}");
        }
    }

    #[test]
    fn common_words_of_title_cased_lines_are_read_in_lowercase() {
        let Some(model) = builtin(Lang::En) else {
            return;
        };
        let truecase = |t: &str| truecase_title_lines(t, &tokens::tokenize(t), &model.vocab);
        let t = "Indonesia Quake Toll Soars Above 800. Police said it rose.";
        let out = truecase(t).unwrap_or_default();
        assert!(out.starts_with("Indonesia quake toll"), "{out}");
        assert!(out.ends_with(". Police said it rose."), "{out}");
        assert_eq!(out.len(), t.len());
        assert_eq!(
            truecase("Witnesses From Tripoli And Akkar").as_deref(),
            Some("witnesses from Tripoli and Akkar")
        );
        // Sentence case, capitals lines and short lines are left as they are.
        assert_eq!(
            truecase("Thieves take money from a worker in Newport"),
            None
        );
        assert_eq!(truecase("QUAKE HITS INDONESIA"), None);
        assert_eq!(truecase("Quake Hits"), None);
        // Acronyms keep their capitals.
        let out = truecase("US Quake Toll Soars Above 800").unwrap_or_default();
        assert!(out.starts_with("US quake toll"), "{out}");
    }
}
