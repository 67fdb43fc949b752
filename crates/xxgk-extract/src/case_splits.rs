//! 表四's run-together digits split where R4 leaves several splits, by evidence beyond it: the
//! figures the report's own prose states ([`confirmed_cells`]) and the whitespace of a page whose
//! cells stand apart but for one defect ([`spaced_cells`]).
//!
//! Figures of 表四 that the report's own prose states (`政府信息公开行政复议351件，其中结果维持72件，
//! 结果纠正64件…`) are labelled numbers.
//! A statement is read only from a clause plainly about this table: its sentence names 信息公开
//! within 40 characters before 行政复议 or 行政诉讼 (and no 化解, 直接起诉 or 复议后 just before it), every figure of the
//! clause carries a unit (件, 起, 宗, 例) and a label saying which column it is (none for the first
//! figure, the total: `行政复议351件`), and a clause stating the total and all four outcomes adds
//! up. A clause with any other word among its figures (`其中1件维持`, `占比25%`) is not read at
//! all, nor are two statements of the same cells that disagree. 行政诉讼's figures are the sums of
//! its two groups (未经复议直接起诉 and 复议后起诉).
//!
//! A sentence that names another year (`2023年`, `上年`, `同比`) there is not read either. Every
//! scan is linear in the text: a long text of keys without a full stop takes no longer.
//!
//! A statement never places a cell alone. Its clause must first be seen to describe this table
//! ([`confirmed_cells`]): a figure of the clause must be read alike by every split satisfying
//! every identity and equal it, and none be read alike and differ (a clause of another year or
//! scope, or one the table contradicts, is set aside). Of the splits of the digits that break at
//! most one identity (a report may break one), those agreeing with every statement of such
//! clauses are kept; one of them at least must satisfy every identity, and a cell is placed only
//! where all of them agree.
//!
//! Prose misstates a figure now and then (`其他结果150件` over a table whose 其他 add up to 151),
//! and a misstated figure can agree with a wrong split (`40 5 54 1 100` for `4 0 55 41 100`, R4
//! holding in both). So a statement that tells apart splits satisfying every identity is taken
//! only when none of the splits it rejects reads that sum one slip of the pen away from it (one
//! more or less, one digit changed, two adjacent digits swapped): a figure the prose could have
//! misstated from the table's own reading is no evidence against that reading.
//!
//! A page whose cells stand apart (HTML whitespace between its `<td>`s) may have one defect in a
//! row: two cells with no whitespace between them, or a space inside a number. Each split's
//! defects are the boundaries it puts where the page has no whitespace and the whitespace it
//! puts inside a cell; the split is read when it alone has the fewest of all splits breaking one
//! identity at most, that fewest is one, and it satisfies every identity.

use std::collections::{BTreeMap, BTreeSet};

use crate::normalize::{PosText, SourcePos};
use crate::solve::{Identity, identities, intern};
use crate::template::{OUTCOME_COLUMNS, REVIEW_GROUPS};

/// A sum of 表四 cells that the prose states.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Statement {
    /// The cells summed: one group's cell for 行政复议, both litigation groups' for 行政诉讼.
    pub cells: Vec<&'static str>,
    pub value: u64,
    /// Where the figure stands.
    pub pos: SourcePos,
    /// The clause it was read from (statements of one clause share it).
    pub clause: usize,
}

/// The words that open a clause, and the groups of 表四 (in template order) whose cells its
/// figures sum.
const KEYS: [(&str, &[usize]); 2] = [("行政复议", &[0]), ("行政诉讼", &[1, 2])];

/// Characters that end a sentence (after folding: `；` is `;`).
const SENTENCE_ENDS: [char; 4] = ['。', ';', '!', '?'];

/// Units a case count is printed with.
const UNITS: [char; 4] = ['件', '起', '宗', '例'];

/// Words before the key that make the clause about something else: cases resolved or settled
/// (`提前化解行政复议案件1起`), or one litigation group only.
const OTHER_SCOPE: [&str; 5] = ["化解", "调解", "撤回", "直接起诉", "复议后"];

/// How far before the key [`OTHER_SCOPE`] is looked for.
const SCOPE_WINDOW: usize = 8;

/// How far before the key, within its sentence, 信息公开 and another year are looked for.
const CONTEXT_WINDOW: usize = 40;

/// Most statements kept (a report's prose states 表四's fifteen figures at most a few times).
const MAX_STATEMENTS: usize = 64;

/// Words a figure's label may carry besides its column's word: they do not change which column
/// it is (`其中结果维持`, `案件共`).
const FILLERS: [&str; 14] = [
    "其中", "结果", "案件", "申请", "共计", "合计", "共", "计", "为", "有", "的", "被", ",", "、",
];

/// The column a figure's label names once its fillers are removed; the total has no word.
const COLUMN_WORDS: [(&str, &str); 6] = [
    ("维持", "upheld"),
    ("纠正", "corrected"),
    ("其他", "other"),
    ("尚未审结", "pending"),
    ("未审结", "pending"),
    ("", "total"),
];

/// Words that put a sentence in another year than the report's.
const OTHER_YEAR: [&str; 4] = ["上年", "去年", "上一年", "同比"];

/// Whether the words before a key (`2023年，政府信息公开…`, `上年度…`) speak of another year than
/// `year`, the report's (any year named, when it is not known).
fn of_another_year(before: &[char], year: Option<u32>) -> bool {
    let text: String = before.iter().collect();
    if OTHER_YEAR.iter().any(|w| text.contains(w)) {
        return true;
    }
    before.windows(5).any(|w| {
        w[4] == '年'
            && w[..4].iter().all(char::is_ascii_digit)
            && w[..4].iter().collect::<String>().parse::<u32>().ok() != year
    })
}

/// The prose statements of 表四's figures in `lines` (the report's prose sections) of a report
/// of `year`, those of the same cells that disagree left out.
pub(crate) fn statements(lines: &[&PosText], year: Option<u32>) -> Vec<Statement> {
    let text: Vec<(char, SourcePos)> = lines
        .iter()
        .flat_map(|line| line.glyphs.iter())
        .filter(|g| !g.ch.is_whitespace())
        .map(|g| (g.ch, g.pos))
        .collect();
    let chars: Vec<char> = text.iter().map(|(c, _)| *c).collect();
    let mut found: Vec<Statement> = Vec::new();
    let spelled: Vec<(Vec<char>, &[usize])> = KEYS
        .iter()
        .map(|(key, groups)| (key.chars().collect(), *groups))
        .collect();
    let keys: Vec<(usize, usize, &[usize])> = (0..chars.len())
        .filter(|&at| chars[at] == '行')
        .filter_map(|at| {
            spelled.iter().find_map(|(key, groups)| {
                chars[at..]
                    .starts_with(key)
                    .then_some((at, at + key.len(), *groups))
            })
        })
        .collect();
    // Where the sentence holding each character starts: one pass, so that many keys in a long
    // text without a full stop are not each a scan back to its start.
    let mut sentence_starts = Vec::with_capacity(chars.len());
    let mut sentence_start = 0;
    for (at, c) in chars.iter().enumerate() {
        sentence_starts.push(sentence_start);
        if SENTENCE_ENDS.contains(c) {
            sentence_start = at + 1;
        }
    }
    for (k, &(start, end, groups)) in keys.iter().enumerate() {
        // The words before the key that say what the clause is about, within its sentence.
        let context = start
            .saturating_sub(CONTEXT_WINDOW)
            .max(sentence_starts.get(start).copied().unwrap_or(0));
        let before: String = chars[context..start].iter().collect();
        let near: String = chars[start.saturating_sub(SCOPE_WINDOW).max(context)..start]
            .iter()
            .collect();
        if !before.contains("信息公开")
            || OTHER_SCOPE.iter().any(|w| near.contains(w))
            || of_another_year(&chars[context..start], year)
        {
            continue;
        }
        // The clause runs to the end of its sentence or the next key, whichever comes first
        // (a scan no longer than the text up to the next key).
        let next = keys.get(k + 1).map_or(chars.len(), |next| next.0);
        let clause_end = chars[end..next]
            .iter()
            .position(|c| SENTENCE_ENDS.contains(c))
            .map_or(next, |p| end + p);
        if let Some(figures) = clause_figures(&text[end..clause_end]) {
            found.extend(figures.into_iter().filter_map(|(column, value, pos)| {
                let clause = k;
                let cells = groups
                    .iter()
                    .map(|&g| {
                        let group = REVIEW_GROUPS.get(g)?;
                        intern(&format!("{}/{column}", group.path))
                    })
                    .collect::<Option<Vec<_>>>()?;
                Some(Statement {
                    cells,
                    value,
                    pos,
                    clause,
                })
            }));
        }
    }
    let mut values: BTreeMap<Vec<&'static str>, BTreeSet<u64>> = BTreeMap::new();
    for statement in &found {
        values
            .entry(statement.cells.clone())
            .or_default()
            .insert(statement.value);
    }
    found.retain(|s| values.get(&s.cells).is_some_and(|v| v.len() == 1));
    let mut seen = BTreeSet::new();
    found.retain(|s| seen.insert(s.cells.clone()));
    found.truncate(MAX_STATEMENTS);
    found
}

/// The figures of one clause (the text after its key), each with the column its label names;
/// `None` when a figure lacks a unit or its label names no column, or the clause's total and
/// four outcomes do not add up.
fn clause_figures(clause: &[(char, SourcePos)]) -> Option<Vec<(&'static str, u64, SourcePos)>> {
    let mut figures: Vec<(&'static str, u64, SourcePos)> = Vec::new();
    let mut label = String::new();
    let mut at = 0;
    while let Some(&(c, pos)) = clause.get(at) {
        if !c.is_ascii_digit() {
            label.push(c);
            at += 1;
            continue;
        }
        let digits: String = clause[at..]
            .iter()
            .map(|(c, _)| *c)
            .take_while(char::is_ascii_digit)
            .collect();
        at += digits.len();
        let unit = clause.get(at).map(|(c, _)| *c);
        if !unit.is_some_and(|u| UNITS.contains(&u)) || digits.len() > 9 {
            return None;
        }
        at += 1;
        let mut word = label.clone();
        for filler in FILLERS {
            word = word.replace(filler, "");
        }
        let column = COLUMN_WORDS
            .iter()
            .find(|(w, _)| *w == word)
            .map(|(_, column)| *column)?;
        // The total is the figure right after the key, before any outcome.
        if column == "total" && !figures.is_empty() {
            return None;
        }
        if figures.iter().any(|(c, _, _)| *c == column) {
            return None;
        }
        figures.push((column, digits.parse().ok()?, pos));
        label.clear();
    }
    let outcomes: u64 = figures
        .iter()
        .filter(|(c, _, _)| *c != "total")
        .map(|(_, v, _)| *v)
        .sum();
    let total = figures.iter().find(|(c, _, _)| *c == "total").map(|f| f.1);
    let all = figures.len() == OUTCOME_COLUMNS.len();
    match total {
        Some(total) if outcomes > total || (all && outcomes != total) => None,
        _ => Some(figures),
    }
}

/// Digits standing for consecutive cells of 表四.
pub(crate) struct CaseRun<'a> {
    pub digits: &'a str,
    pub cells: Vec<&'static str>,
    /// The digits (by index) that the page prints whitespace before: none when the page runs
    /// the cells together.
    pub gaps: Vec<usize>,
    /// Whether a split is weighed against [`CaseRun::gaps`] (its defects counted, splits of more
    /// than [`MAX_DEFECTS`] not searched): the page separates this run's cells by whitespace.
    pub spaced: bool,
}

/// A cell placed by [`confirmed_cells`]: its value, and the run and digit its digits start at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Confirmed {
    pub value: u64,
    pub run: usize,
    pub offset: usize,
}

/// Nodes of each split search.
const NODES: u32 = 300_000;
/// Most identities a split may break (a report may misprint one group).
const MAX_BROKEN: usize = 1;
/// Digits of one count at most.
const MAX_DIGITS: usize = 9;
/// Most distinct sums of one statement's cells weighed; a statement whose splits read more is
/// not taken (which of them is a slip away is not known).
const MAX_SUMS: usize = 256;
/// Most defects of a split read against the page's whitespace ([`spaced_cells`]).
const MAX_DEFECTS: usize = 1;

/// The cells of `runs` (in their order) that the prose confirms. A clause must first be seen to
/// describe this table: of its statements whose sum every split satisfying every identity reads
/// alike, at least one must state that sum and none another (a clause of another year or
/// scope, or one the table contradicts, confirms nothing). Then, of the splits that break at
/// most [`MAX_BROKEN`] of the identities reading only these cells and agree with every statement
/// of such clauses, one at least must satisfy every identity; a cell is given where all those
/// splits read the same digits (a report breaking one identity, whose prose is right, is among
/// them). `None` when no clause is so seen, no such split satisfies every identity, or a search
/// was bounded.
pub(crate) fn confirmed_cells(
    runs: &[CaseRun<'_>],
    statements: &[Statement],
) -> Option<Vec<Option<Confirmed>>> {
    let pointers: Vec<&'static str> = runs.iter().flat_map(|r| r.cells.clone()).collect();
    let index = |cell: &str| pointers.iter().position(|p| *p == cell);
    let identities = identities();
    let identities_at = identities_at(&identities, &pointers);
    let (stated, clauses): (Vec<(Vec<usize>, u64)>, Vec<usize>) = statements
        .iter()
        .filter_map(|statement| {
            let cells: Option<Vec<usize>> = statement.cells.iter().map(|c| index(c)).collect();
            Some(((cells?, statement.value), statement.clause))
        })
        .unzip();
    if stated.is_empty() {
        return None;
    }
    let mut statements_at: Vec<Vec<usize>> = vec![Vec::new(); pointers.len()];
    for (k, (cells, _)) in stated.iter().enumerate() {
        if let Some(&last) = cells.iter().max() {
            statements_at[last].push(k);
        }
    }
    let search = |max_broken: usize, used: Vec<bool>| {
        let mut search = Search {
            stated: &stated,
            statements_at: &statements_at,
            used,
            sums: vec![BTreeSet::new(); stated.len()],
            count_defects: runs.iter().any(|r| r.spaced),
            ..Search::new(runs, &identities, &pointers, &identities_at, max_broken)
        };
        search.visit(0, 0);
        (!search.bounded).then_some(search)
    };
    // Which clauses describe this table, by the splits satisfying every identity alone.
    let whole = search(0, vec![false; stated.len()])?;
    // Per clause, the figures that corroborate it.
    let mut corroborated: BTreeMap<usize, Vec<u64>> = BTreeMap::new();
    let mut contradicted = BTreeSet::new();
    for ((k, (_, value)), sums) in stated.iter().enumerate().zip(&whole.sums) {
        match sums.first() {
            Some(&sum) if sums.len() == 1 && sum == u128::from(*value) => {
                corroborated.entry(clauses[k]).or_default().push(*value);
            }
            Some(_) if sums.len() == 1 => {
                contradicted.insert(clauses[k]);
            }
            _ => {}
        }
    }
    // Where one split alone of digits run together satisfies every identity, every figure is
    // read alike, and a single figure of one digit agrees with it by chance as often as not
    // (`纠正2件` of another report beside a table breaking R4 that splits one way satisfying
    // it): the clause must then agree in two figures, or in one of two digits or more. Not on a
    // page separating the cells, whose whitespace leaves few splits to choose from.
    if whole.whole == 1 && !runs.iter().any(|r| r.spaced) {
        corroborated.retain(|_, figures| figures.len() >= 2 || figures.iter().any(|f| *f >= 10));
    }
    let used: Vec<bool> = stated
        .iter()
        .zip(&clauses)
        .zip(&whole.sums)
        .map(|(((_, value), clause), sums)| {
            let value = u128::from(*value);
            corroborated.contains_key(clause)
                && !contradicted.contains(clause)
                && sums.len() <= MAX_SUMS
                && !sums
                    .iter()
                    .any(|&sum| sum != value && a_slip_apart(sum, value))
        })
        .collect();
    if !used.contains(&true) {
        return None;
    }
    let kept = search(MAX_BROKEN, used)?;
    if kept.whole == 0 {
        return None;
    }
    let (values, starts) = kept.first?;
    Some(
        values
            .into_iter()
            .zip(starts)
            .zip(kept.agreed)
            .map(|((value, (run, offset)), agreed)| {
                agreed.then_some(Confirmed { value, run, offset })
            })
            .collect(),
    )
}

/// Whether prose could print `a` for `b` by one slip of the pen: one more or less, one digit
/// changed, or two adjacent digits swapped.
fn a_slip_apart(a: u128, b: u128) -> bool {
    if a.abs_diff(b) == 1 {
        return true;
    }
    let (a, b) = (a.to_string().into_bytes(), b.to_string().into_bytes());
    if a.len() != b.len() {
        return false;
    }
    let differ: Vec<usize> = (0..a.len()).filter(|&k| a[k] != b[k]).collect();
    match differ[..] {
        [_] => true,
        [i, j] => j == i + 1 && a[i] == b[j] && a[j] == b[i],
        _ => false,
    }
}

/// Per cell of `pointers`, the identities reading only these cells whose last cell it is.
fn identities_at(identities: &[Identity], pointers: &[&'static str]) -> Vec<Vec<usize>> {
    let index = |cell: &str| pointers.iter().position(|p| *p == cell);
    let mut at: Vec<Vec<usize>> = vec![Vec::new(); pointers.len()];
    for (i, identity) in identities.iter().enumerate() {
        let cells: Option<Vec<usize>> = identity
            .lhs
            .iter()
            .chain(&identity.rhs)
            .map(|c| index(c))
            .collect();
        if let Some(last) = cells.and_then(|c| c.into_iter().max()) {
            at[last].push(i);
        }
    }
    at
}

/// The split of `runs` that the page's whitespace ([`CaseRun::gaps`]) shows but for one
/// defect: of the splits breaking at most [`MAX_BROKEN`] identities, the one alone with the
/// fewest defects (a boundary where the page has no whitespace, whitespace inside a cell), that
/// fewest one, and it satisfying every identity. `None` otherwise, or when the search was
/// bounded.
pub(crate) fn spaced_cells(runs: &[CaseRun<'_>]) -> Option<Vec<Confirmed>> {
    let pointers: Vec<&'static str> = runs.iter().flat_map(|r| r.cells.clone()).collect();
    let identities = identities();
    let identities_at = identities_at(&identities, &pointers);
    let mut search = Search {
        count_defects: true,
        ..Search::new(runs, &identities, &pointers, &identities_at, MAX_BROKEN)
    };
    search.visit(0, 0);
    let fewest = search.fewest.filter(|_| !search.bounded)?;
    (fewest.defects == MAX_DEFECTS && fewest.splits == 1 && fewest.broken == 0).then(|| {
        fewest
            .values
            .into_iter()
            .zip(fewest.starts)
            .map(|(value, (run, offset))| Confirmed { value, run, offset })
            .collect()
    })
}

/// The split with the fewest defects found so far ([`spaced_cells`]).
struct Fewest {
    defects: usize,
    /// How many splits have that many.
    splits: usize,
    /// The identities the first of them breaks, its values and their starts.
    broken: usize,
    values: Vec<u64>,
    starts: Vec<(usize, usize)>,
}

/// A bounded search of the splits of [`confirmed_cells`] and [`spaced_cells`].
struct Search<'a> {
    runs: &'a [CaseRun<'a>],
    identities: &'a [Identity],
    pointers: &'a [&'static str],
    identities_at: &'a [Vec<usize>],
    /// The statements (cells by index, value), and those whose last cell is each cell.
    stated: &'a [(Vec<usize>, u64)],
    statements_at: &'a [Vec<usize>],
    /// Which statements a split must agree with.
    used: Vec<bool>,
    max_broken: usize,
    values: Vec<u64>,
    /// Run and digit offset of each value.
    starts: Vec<(usize, usize)>,
    broken: usize,
    nodes: u32,
    bounded: bool,
    /// The first split found (values and their starts), against which the others are compared.
    #[allow(clippy::type_complexity)] // the two parts are named in the doc above
    first: Option<(Vec<u64>, Vec<(usize, usize)>)>,
    /// Per cell, whether every split found so far reads it as the first did.
    agreed: Vec<bool>,
    /// How many splits found satisfy every identity.
    whole: usize,
    /// Per statement, the sums of its cells the splits found read (at most [`MAX_SUMS`] and one
    /// more kept).
    sums: Vec<BTreeSet<u128>>,
    /// The split with the fewest defects found ([`spaced_cells`]).
    fewest: Option<Fewest>,
    /// Whether [`Search::fewest`] is kept (the runs' whitespace weighed).
    count_defects: bool,
    /// The defects of the split so far.
    defects: usize,
}

impl<'a> Search<'a> {
    fn new(
        runs: &'a [CaseRun<'a>],
        identities: &'a [Identity],
        pointers: &'a [&'static str],
        identities_at: &'a [Vec<usize>],
        max_broken: usize,
    ) -> Self {
        Self {
            runs,
            identities,
            pointers,
            identities_at,
            stated: &[],
            statements_at: &[],
            used: Vec::new(),
            max_broken,
            values: Vec::with_capacity(pointers.len()),
            starts: Vec::with_capacity(pointers.len()),
            broken: 0,
            nodes: 0,
            bounded: false,
            first: None,
            agreed: vec![true; pointers.len()],
            whole: 0,
            sums: Vec::new(),
            fewest: None,
            count_defects: false,
            defects: 0,
        }
    }

    /// The defects of a cell of run `run` at `offset`, `width` digits wide, against the page's
    /// whitespace: its start where the page has none (but at the run's start), and whitespace
    /// inside it.
    fn defects_of(&self, run: &CaseRun<'_>, offset: usize, width: usize) -> usize {
        if !run.spaced {
            return 0;
        }
        let start = usize::from(offset > 0 && !run.gaps.contains(&offset));
        let inside = run
            .gaps
            .iter()
            .filter(|&&g| g > offset && g < offset + width)
            .count();
        start + inside
    }

    /// Splits the rest from run `run`, digit `offset` (the next cell is `self.values.len()`).
    fn visit(&mut self, run: usize, offset: usize) {
        if self.bounded {
            return;
        }
        if self.runs.get(run).is_some_and(|r| r.cells.is_empty()) {
            // A run standing for no cell splits only when it holds no digit.
            if self.runs[run].digits.is_empty() {
                self.visit(run + 1, 0);
            }
            return;
        }
        self.nodes += 1;
        if self.nodes > NODES {
            self.bounded = true;
            return;
        }
        let Some(this) = self.runs.get(run) else {
            self.found();
            return;
        };
        let done: usize = self.runs[..run].iter().map(|r| r.cells.len()).sum();
        let cell = self.values.len();
        let left_in_run = done + this.cells.len() - cell;
        let digits = this.digits.as_bytes();
        let rest = digits.len() - offset;
        let widths = if left_in_run == 1 {
            rest..=rest
        } else {
            1..=rest.saturating_sub(left_in_run - 1).min(MAX_DIGITS)
        };
        for width in widths {
            if width == 0 || width > MAX_DIGITS || (width > 1 && digits[offset] == b'0') {
                break;
            }
            let Some(value) = this
                .digits
                .get(offset..offset + width)
                .and_then(|d| d.parse::<u64>().ok())
            else {
                break;
            };
            let defects = if self.count_defects {
                self.defects_of(this, offset, width)
            } else {
                0
            };
            // Splits of more than one defect are never read: not searched (a wider cell only
            // takes more whitespace inside).
            if self.defects + defects > MAX_DEFECTS {
                break;
            }
            self.defects += defects;
            self.values.push(value);
            self.starts.push((run, offset));
            if self.holds_statements(cell) {
                let broken = self.broken_at(cell);
                if self.broken + broken <= self.max_broken {
                    self.broken += broken;
                    let (next_run, next_offset) = if left_in_run == 1 {
                        (run + 1, 0)
                    } else {
                        (run, offset + width)
                    };
                    self.visit(next_run, next_offset);
                    self.broken -= broken;
                }
            }
            self.values.pop();
            self.starts.pop();
            self.defects -= defects;
        }
    }

    /// The sum of statement `k`'s cells in the split so far.
    fn sum(&self, k: usize) -> u128 {
        self.stated[k]
            .0
            .iter()
            .map(|&c| u128::from(self.values[c]))
            .sum()
    }

    /// Takes the split in `values` into the agreement and the count of defects.
    fn found(&mut self) {
        if self.broken == 0 {
            self.whole += 1;
        }
        if self.count_defects {
            let defects = self.defects;
            match &mut self.fewest {
                Some(fewest) if defects == fewest.defects => fewest.splits += 1,
                Some(fewest) if defects > fewest.defects => {}
                _ => {
                    self.fewest = Some(Fewest {
                        defects,
                        splits: 1,
                        broken: self.broken,
                        values: self.values.clone(),
                        starts: self.starts.clone(),
                    });
                }
            }
        }
        self.agree();
    }

    /// Takes the split in `values` into the agreement of cells and of statements' sums.
    fn agree(&mut self) {
        for k in 0..self.stated.len() {
            if self.sums[k].len() <= MAX_SUMS {
                let sum = self.sum(k);
                self.sums[k].insert(sum);
            }
        }
        match &self.first {
            None => self.first = Some((self.values.clone(), self.starts.clone())),
            Some((values, starts)) => {
                for (k, agreed) in self.agreed.iter_mut().enumerate() {
                    *agreed &=
                        values.get(k) == self.values.get(k) && starts.get(k) == self.starts.get(k);
                }
            }
        }
    }

    /// Whether the split so far agrees with every statement used whose last cell is `cell`
    /// (a search without statements, [`spaced_cells`], has none).
    fn holds_statements(&self, cell: usize) -> bool {
        self.statements_at
            .get(cell)
            .into_iter()
            .flatten()
            .all(|&k| !self.used[k] || self.sum(k) == u128::from(self.stated[k].1))
    }

    /// The identities whose last cell is `cell` that the values so far break.
    fn broken_at(&self, cell: usize) -> usize {
        self.identities_at[cell]
            .iter()
            .filter(|&&i| {
                let value = |p: &str| {
                    let k = self.pointers.iter().position(|c| *c == p)?;
                    self.values.get(k).copied()
                };
                self.identities[i].holds(value) == Some(false)
            })
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::text_lines;

    fn read(text: &str) -> Vec<(String, u64)> {
        let lines = text_lines(text);
        let refs: Vec<&PosText> = lines.iter().collect();
        statements(&refs, Some(2024))
            .into_iter()
            .map(|s| (s.cells.join("+"), s.value))
            .collect()
    }

    #[test]
    fn a_clause_of_review_and_one_of_litigation_are_read() {
        let text = "政府信息公开行政复议 351\n件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚\n未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25\n件。";
        assert_eq!(
            read(text),
            [
                ("/review_litigation/review/total".to_owned(), 351),
                ("/review_litigation/review/upheld".to_owned(), 72),
                ("/review_litigation/review/corrected".to_owned(), 64),
                ("/review_litigation/review/other".to_owned(), 178),
                ("/review_litigation/review/pending".to_owned(), 37),
                (
                    "/review_litigation/litigation_direct/total+/review_litigation/litigation_after_review/total"
                        .to_owned(),
                    46
                ),
                (
                    "/review_litigation/litigation_direct/upheld+/review_litigation/litigation_after_review/upheld"
                        .to_owned(),
                    25
                ),
            ]
        );
    }

    #[test]
    fn prose_of_another_scope_or_wording_is_not_read() {
        // Cases resolved, not received; no 信息公开 in the sentence.
        assert!(read("三是提前化解行政复议案件1起,切实增强政府公信力。").is_empty());
        assert!(read("因政府信息公开提前化解行政复议案件1起。").is_empty());
        // A figure whose label names no column, a figure without a unit, a label after it.
        assert!(read("政府信息公开行政复议3件，占比25%。").is_empty());
        assert!(read("政府信息公开行政复议3件，其中1件维持。").is_empty());
        assert!(read("政府信息公开行政复议3件，涉及申请人2人。").is_empty());
        // Another year.
        assert!(read("2023年，政府信息公开行政复议5件。").is_empty());
        assert!(read("上年度政府信息公开行政复议5件。").is_empty());
        assert_eq!(read("2024年，政府信息公开行政复议5件。").len(), 1);
        // One litigation group only.
        assert!(read("因政府信息公开未经复议直接起诉的行政诉讼2件。").is_empty());
        // A total its outcomes do not add up to.
        assert!(
            read("政府信息公开行政复议5件，维持1件，纠正1件，其他1件，尚未审结1件。").is_empty()
        );
        // Two statements of the same cell that disagree.
        assert!(read("政府信息公开行政复议5件。政府信息公开行政复议3件。").is_empty());
    }

    #[test]
    fn a_long_text_of_keys_without_a_full_stop_is_read_in_one_pass() {
        // 100,000 keys in one sentence: each scanning back to the sentence's start would take
        // minutes; every figure states the same, so one statement is kept.
        let text = "政府信息公开行政复议3件，".repeat(100_000);
        assert_eq!(
            read(&text),
            [("/review_litigation/review/total".to_owned(), 3)]
        );
    }

    #[test]
    fn an_outcome_may_be_stated_without_the_total() {
        assert_eq!(
            read("比如,2024年我区因政府信息公开引起行政诉讼结果纠正2件,相关单位均已在法定期限内为申请人重新出具告知书。"),
            [(
                "/review_litigation/litigation_direct/corrected+/review_litigation/litigation_after_review/corrected"
                    .to_owned(),
                2
            )]
        );
    }

    fn statement(cells: &[&'static str], value: u64) -> Statement {
        Statement {
            cells: cells.to_vec(),
            value,
            pos: SourcePos::default(),
            clause: 0,
        }
    }

    fn litigation(column: &str) -> [&'static str; 2] {
        ["litigation_direct", "litigation_after_review"]
            .map(|g| intern(&format!("/review_litigation/{g}/{column}")).unwrap())
    }

    fn review_cells() -> Vec<&'static str> {
        REVIEW_GROUPS
            .iter()
            .flat_map(|g| {
                OUTCOME_COLUMNS
                    .iter()
                    .filter_map(move |c| intern(&format!("{}/{}", g.path, c.name)))
            })
            .collect()
    }

    #[test]
    fn the_prose_singles_out_one_of_the_splits_that_satisfy_r4() {
        // 淮安: three splits satisfy R4 and differ in 复议后起诉; the prose's sums of the two
        // litigation groups leave one.
        let digits = "72641783735113481261211620";
        let runs = [CaseRun {
            digits,
            cells: review_cells(),
            gaps: Vec::new(),
            spaced: false,
        }];
        let prose = [
            statement(&litigation("total"), 46),
            statement(&litigation("upheld"), 25),
        ];
        let values = |prose: &[Statement]| -> Vec<Option<u64>> {
            let cells = confirmed_cells(&runs, prose).expect("confirmed");
            cells.iter().map(|c| c.map(|c| c.value)).collect()
        };
        let split = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20];
        // 复议's cells stay open: a report breaking R4 there would read them otherwise.
        let litigation_only: Vec<Option<u64>> = split
            .iter()
            .enumerate()
            .map(|(k, v)| (k >= 5).then_some(*v))
            .collect();
        assert_eq!(values(&prose), litigation_only);
        // The prose's 复议 total too: its outcomes stay open (`7 264 17 837 351` breaks R4 there
        // alone); with every figure of 复议, as 淮安's prose states them, every cell.
        let review = |column: &str| intern(&format!("/review_litigation/review/{column}")).unwrap();
        let mut all = prose.to_vec();
        all.push(statement(&[review("total")], 351));
        assert_eq!(
            values(&all),
            litigation_only
                .iter()
                .enumerate()
                .map(|(k, v)| if k == 4 { Some(351) } else { *v })
                .collect::<Vec<_>>()
        );
        for (column, value) in [
            ("upheld", 72),
            ("corrected", 64),
            ("other", 178),
            ("pending", 37),
        ] {
            all.push(statement(&[review(column)], value));
        }
        assert_eq!(values(&all), split.map(Some));
        // Without a statement, nothing.
        assert_eq!(confirmed_cells(&runs, &[]), None);
        // A statement no split agrees with decides nothing.
        let other_year = [statement(&litigation("total"), 45)];
        assert_eq!(confirmed_cells(&runs, &other_year), None);
    }

    #[test]
    fn a_statement_is_taken_only_from_prose_the_table_corroborates() {
        // 003: `1 10 …` and `11 0 …` both satisfy R4. 复议's total, 18 in both, corroborates
        // the prose but leaves both (it rules out splits breaking R4 in 复议 with another total,
        // so cells that only those read otherwise are given); 维持 11 alone is not seen to
        // describe this table (a
        // sentence of another scope would single out a split as well); together, one split.
        let runs = [CaseRun {
            digits: "110341871301131105",
            cells: review_cells(),
            gaps: Vec::new(),
            spaced: false,
        }];
        let review = |column: &str| intern(&format!("/review_litigation/review/{column}")).unwrap();
        let total = statement(&[review("total")], 18);
        let upheld = statement(&[review("upheld")], 11);
        let truth = [11, 0, 3, 4, 18, 7, 1, 3, 0, 11, 3, 1, 1, 0, 5];
        let by_total = confirmed_cells(&runs, std::slice::from_ref(&total)).expect("corroborated");
        assert_eq!((by_total[0], by_total[1]), (None, None));
        for (cell, value) in by_total.iter().zip(truth) {
            assert!(cell.is_none_or(|c| c.value == value), "{by_total:?}");
        }
        assert_eq!(confirmed_cells(&runs, std::slice::from_ref(&upheld)), None);
        let cells = confirmed_cells(&runs, &[total.clone(), upheld.clone()])
            .expect("the one split with 维持 11");
        assert_eq!(cells[0].map(|c| c.value), Some(11));
        assert_eq!(cells[1].map(|c| c.value), Some(0));
        // A statement the table contradicts (复议 17 where every split reads 18) confirms nothing.
        let other_year = statement(&[review("total")], 17);
        assert_eq!(confirmed_cells(&runs, &[other_year, upheld]), None);
    }

    #[test]
    fn a_clause_the_table_does_not_corroborate_decides_nothing() {
        // Two splits satisfy R4, `4 42 0 0 46` and `44 2 0 0 46` (未经复议直接起诉). A clause of
        // the totals, which both read alike, describes this table; another clause's `纠正2件`
        // (a sentence of section 五, about some other count) would pick the second: it is not
        // corroborated, so neither is taken.
        let runs = [CaseRun {
            digits: "0900944200468083091",
            cells: review_cells(),
            gaps: Vec::new(),
            spaced: false,
        }];
        let review_total = intern("/review_litigation/review/total").unwrap();
        let totals = [
            statement(&[review_total], 9),
            statement(&litigation("total"), 137),
        ];
        let corrected = Statement {
            clause: 1,
            ..statement(&litigation("corrected"), 2)
        };
        let mut prose = totals.to_vec();
        prose.push(corrected.clone());
        let cells = confirmed_cells(&runs, &prose);
        assert!(
            cells
                .as_ref()
                .is_none_or(|cells| cells[5].is_none() && cells[6].is_none()),
            "{cells:?}"
        );
        // The same figure in the clause of the totals is the report's own word on this table.
        let same_clause = Statement {
            clause: 0,
            ..corrected
        };
        let mut prose = totals.to_vec();
        prose.push(same_clause);
        let cells = confirmed_cells(&runs, &prose).expect("one split");
        assert_eq!(cells[5].map(|c| c.value), Some(44));
    }

    #[test]
    fn one_figure_of_one_digit_does_not_corroborate_the_only_split() {
        // `0 0 0 7 7 | 5 21 0 104 121 | 75 0 2 2119 2196` run together: the table breaks R4 in
        // 未经复议直接起诉 (5 + 21 + 0 + 104 is 130), and its digits split one way satisfying
        // every identity, `5 2 10 104 121`. `纠正2件` of some other report agrees with that split
        // by chance: alone it describes nothing, and 纠正 21 stays unread, not read as 2.
        let runs = [CaseRun {
            digits: "000775210104121750221192196",
            cells: review_cells(),
            gaps: Vec::new(),
            spaced: false,
        }];
        let corrected = statement(&litigation("corrected"), 2);
        assert_eq!(
            confirmed_cells(&runs, std::slice::from_ref(&corrected)),
            None
        );
        // The same clause stating the total of 行政诉讼 too agrees in two figures.
        let total = statement(&litigation("total"), 2317);
        let cells = confirmed_cells(&runs, &[corrected, total]).expect("corroborated");
        assert_eq!(cells[6].map(|c| c.value), Some(2));
    }

    #[test]
    fn a_figure_one_slip_from_a_rejected_split_decides_nothing() {
        // `0 0 0 3 3 | 4 0 55 41 100 | 6 0 96 0 102` run together: three splits satisfy R4 in
        // 未经复议直接起诉, their 其他 summing to 151 (the table), 150 and 100. Prose misstating
        // 其他 as 150 would pick `40 5 54 1 100`; 151 is one slip from it, so it picks nothing.
        let runs = [CaseRun {
            digits: "0003340554110060960102",
            cells: review_cells(),
            gaps: Vec::new(),
            spaced: false,
        }];
        let total = statement(&litigation("total"), 202);
        let cells = |other: u64| {
            let prose = [total.clone(), statement(&litigation("other"), other)];
            let cells = confirmed_cells(&runs, &prose).expect("the total corroborates");
            cells[5..10]
                .iter()
                .map(|c| c.map(|c| c.value))
                .collect::<Vec<_>>()
        };
        // (The row's total, 100 in every split, is read.)
        assert_eq!(cells(150), [None, None, None, None, Some(100)]);
        // Nor does the table's own 151: prose stating 151 could have misstated 150 as well.
        assert_eq!(cells(151), [None, None, None, None, Some(100)]);
    }

    #[test]
    fn slips_of_the_pen_are_one_off_one_digit_or_a_swap() {
        for (a, b) in [(150, 151), (9, 10), (25, 35), (1204, 1240), (7, 3)] {
            assert!(a_slip_apart(a, b) && a_slip_apart(b, a), "{a} {b}");
        }
        for (a, b) in [
            (25, 14),
            (11, 1),
            (100, 151),
            (1204, 2041),
            (12, 123),
            (25, 62),
        ] {
            assert!(!a_slip_apart(a, b), "{a} {b}");
        }
    }

    /// [`spaced_cells`] of 表四 as a page prints `tokens`, whitespace between them.
    fn spaced(tokens: &[&str]) -> Option<Vec<u64>> {
        let mut digits = String::new();
        let mut gaps = Vec::new();
        for token in tokens {
            if !digits.is_empty() {
                gaps.push(digits.len());
            }
            digits.push_str(token);
        }
        let runs = [CaseRun {
            digits: &digits,
            cells: review_cells(),
            gaps,
            spaced: true,
        }];
        spaced_cells(&runs).map(|cells| cells.iter().map(|c| c.value).collect())
    }

    #[test]
    fn a_page_with_one_defect_is_read_where_one_split_alone_mends_it() {
        // 淮安 with no whitespace between 351 and 13: of the ways to cut `35113`, only 351 13
        // satisfies R4; every other split has more defects or breaks R4 in two groups.
        let tokens = [
            "72", "64", "178", "37", "35113", "4", "8", "1", "26", "12", "1", "1", "6", "20",
        ];
        assert_eq!(
            spaced(&tokens),
            Some(vec![72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20])
        );
        // A space inside a number (`3 51`): joining 37 and 3 instead also has one defect and
        // breaks R4 in 复议 alone, as a report misprinting it would: not read.
        let tokens = [
            "72", "64", "178", "37", "3", "51", "13", "4", "8", "1", "26", "12", "1", "1", "6",
            "20",
        ];
        assert_eq!(spaced(&tokens), None);
    }

    #[test]
    fn a_page_whose_defect_two_splits_mend_alike_is_not_read() {
        // 003 with no whitespace between 维持 11 and 纠正 0 (`110`): `11 0` and `1 10` both
        // satisfy R4 with one defect, so neither is taken.
        let tokens = [
            "110", "3", "4", "18", "7", "1", "3", "0", "11", "3", "1", "1", "0", "5",
        ];
        assert_eq!(spaced(&tokens), None);
        // Glued, a run's boundaries are all defects: never read so.
        let runs = [CaseRun {
            digits: "110341871301131105",
            cells: review_cells(),
            gaps: vec![4],
            spaced: true,
        }];
        assert_eq!(spaced_cells(&runs), None);
    }
}
