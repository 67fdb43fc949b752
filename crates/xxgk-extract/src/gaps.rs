//! Rows of numbers with no label (their label torn off by a PDF converter, or printed where no
//! row could claim it), placed by the template's order and kept only when the identities confirm
//! them.
//!
//! Where the labelled rows of 表三 leave a gap in the template's order and exactly as many
//! unlabelled rows of seven cells stand between them in the text, the unlabelled rows are the
//! gap's rows, in order (a blank mark, `—` or `/`, is one of a row's seven cells: the
//! publisher's blank in its column; so is a blank printed as spaces where the row's even spacing
//! shows it, [`crate::align::blank_in_wide_gap`], and a labelled row a number short so is
//! confirmed here with them). That assignment is then kept only when every identity of
//! the catalogue that reads one of its cells (R3 for the row, R1 and R2 for its columns) can be
//! evaluated and holds, or when the assignments together (each row a line of seven numbers as
//! printed) leave every such identity evaluable and those that fail are repaired by changing one
//! to three cells of the table (a cell of a merged （六） row among them), each read by two
//! failing identities, the identities reading them all holding after ([`misprints_explain`]): a
//! report that breaks identities prints wrong cells, and rows misplaced are not repaired so;
//! or when every row adds up and one or two columns do not, each failing in one identity
//! ([`columns_mis_totalled`]: a count added to a row and not to its column's total, which rows
//! placed in order do not imitate). Otherwise its cells stay missing, with a problem that says why. A wrong number is worse than
//! a missing one.
//!
//! Three, not two: rows placed whole keep their own 总计 wherever they are put, so a misplaced
//! row fails only column identities (R1 and R2, in every column it differs in, its 总计 column
//! among them), and a cell other than （七）总计's is witnessed twice only where its row's 总计
//! fails, which takes a misprint of that very row. （七）总计's cells are read by R1 and R2 of
//! their column: a row of 一 or 二 read in a result row's place puts them out on opposite sides
//! (a change mends one and breaks the other further), while 四 read in a result row's place puts
//! them out alike, mended by changing （七）总计 in every column the two differ in (two cells
//! when they differ in one applicant column, three in two). Rows are placed in the order they
//! stand in a gap of exactly their count, so they are exchanged only where the text prints them
//! out of the template's order, which no converter does. Reports with three cells changed then
//! keep their rows placed by order and have their breaks reported (of the identities the broken
//! reports of the verdict sweep break, labels below numbers 98.1% reported with three, 64.8% with
//! two; torn text 98.3% and 86.6%), none read wrong.
//!
//! Rows taken out so, each a line of seven numbers as printed, are still the gap's rows in some
//! order: each column's sum over them is kept ([`crate::PrintedSum`], of unlabelled rows), with
//! which R2 of a column is evaluated where they are its only unread cells, so a report whose
//! column does not add up is told so though its rows stay unread ([`record_column_sums`]).
//!
//! In a table that prints labels below their numbers, [`pair_in_order`] pairs the labels alone
//! with the rows of numbers alone where the headings and the rows read whole leave no other
//! reading: 表二, which has no identity, is read that way or not at all.

use std::collections::{HashMap, HashSet};

use crate::cells::CellStore;
use crate::problem::{Problem, ProblemCode, ReadingRule};
use crate::solve::Identity;
use crate::table::{Fit, RowRead, Segment, ValueCell, fit};
use crate::template::{APPLICANT_COLUMNS, AppRow, RowSpec, other_merged};
use crate::wrapped::Joined;

/// The cells of a report that prints （六）其他处理 as one row (as the 2019 format did), by
/// applicant column: the 2021 format's three （六） rows stay missing, but their sum is printed,
/// which is all that R2 (（七）总计 = the sum of the results) needs of them.
pub(crate) type MergedOther = [Option<u64>; 7];

/// The two sides of `identity` summed over the store, or `None` when a cell it reads has no
/// value. With a merged （六） row, the three （六） rows of a column are read as the merged row's
/// cell of that column, once.
fn sides(
    store: &CellStore,
    identity: &Identity,
    merged: Option<&MergedOther>,
) -> Option<(u128, u128)> {
    let sum = |side: &[&'static str]| -> Option<u128> {
        let mut merged_columns: Vec<&str> = Vec::new();
        side.iter()
            .filter_map(|p| match (merged, other_column(p)) {
                (Some(_), Some(column)) => {
                    if merged_columns.contains(&column) {
                        return None;
                    }
                    merged_columns.push(column);
                    Some(value(store, p, merged))
                }
                _ => Some(value(store, p, merged)),
            })
            .try_fold(0u128, |acc, v| v.map(|v| acc + u128::from(v)))
    };
    Some((sum(&identity.lhs)?, sum(&identity.rhs)?))
}

/// The column of a cell of one of the three （六） rows of the 2021 format, `None` for any other
/// cell.
fn other_column(pointer: &str) -> Option<&str> {
    pointer
        .strip_prefix(other_merged().path)
        .and_then(|rest| rest.strip_prefix('/'))
        .and_then(|rest| rest.split_once('/'))
        .map(|(_, column)| column)
}

/// The value of a cell: with a merged （六） row, a cell of one of the three （六） rows is the
/// merged row's cell of its column.
fn value(store: &CellStore, pointer: &str, merged: Option<&MergedOther>) -> Option<u64> {
    match (merged, other_column(pointer)) {
        (Some(row), Some(column)) => APPLICANT_COLUMNS
            .iter()
            .position(|c| c.name == column)
            .and_then(|at| row.get(at).copied().flatten()),
        _ => store.filled.get(pointer).and_then(|f| f.value.as_u64()),
    }
}

/// The pointer standing for the merged （六） row's cell of a column in [`misprints_explain`]:
/// that of the first of the three rows, which R2 and the first row's R3 read (the merged row's
/// own R3, its 总计 the sum of its applicant columns).
fn is_merged_stand_in(pointer: &str) -> bool {
    other_column(pointer).is_some()
        && pointer
            .strip_prefix(other_merged().path)
            .is_some_and(|rest| rest.starts_with("/no_correction/"))
}

/// The identities of `all` (with their index) that read one of `cells`, found through a set:
/// placements are checked on every report, and pairwise string comparison showed in profiles.
fn reading<'a>(
    all: &'a [Identity],
    cells: &'a [String],
) -> impl Iterator<Item = (usize, &'a Identity)> {
    let placed: HashSet<&str> = cells.iter().map(String::as_str).collect();
    all.iter().enumerate().filter(move |(_, identity)| {
        identity
            .lhs
            .iter()
            .chain(&identity.rhs)
            .any(|c| placed.contains(*c))
    })
}

/// Why the identities do not confirm a set of cells, or `None` when they do: every identity that
/// reads one of them can be evaluated and holds. With a merged （六） row, an identity reading the
/// three （六） rows of a column reads the merged row's cell of that column once instead.
pub(crate) fn unconfirmed(
    store: &CellStore,
    cells: &[String],
    merged: Option<&MergedOther>,
) -> Option<String> {
    unconfirmed_with(store, cells, merged, false)
}

/// [`unconfirmed`], where `beside_blanks` lets an identity go unevaluated when every cell it
/// lacks is one the report prints blank (`cell-blank`): rows of numbers placed whole, each a
/// line as printed, are then confirmed by the identities of their other columns, provided that
/// every row has a cell read by an identity across rows that can be evaluated and holds (its
/// own R3 holds wherever the row is put). A blank in one column leaves that column's sum
/// unevaluable, and nothing else; once, it left every row of the table placed by order unread.
/// A cell that no evaluable identity reads (its row and its column each with a blank) is then
/// left out by [`unchecked`], not the rows around it.
fn unconfirmed_with(
    store: &CellStore,
    cells: &[String],
    merged: Option<&MergedOther>,
    beside_blanks: bool,
) -> Option<String> {
    let all = crate::solve::identities();
    if all.is_empty() {
        return Some("the rule catalogue could not be read".to_owned());
    }
    let printed_blank = |pointer: &str| {
        store
            .missing
            .get(pointer)
            .is_some_and(|p| p.code == ProblemCode::CellBlank)
    };
    let mut confirmed: HashSet<&str> = HashSet::new();
    // The cells read by an identity that holds across rows (a column's R1 or R2): what confirms
    // where a row stands, which its own R3 does wherever it is put.
    let mut placed_by: HashSet<&str> = HashSet::new();
    for (_, identity) in reading(&all, cells) {
        let terms = || identity.lhs.iter().chain(&identity.rhs).copied();
        match sides(store, identity, merged) {
            // Which cells an identity that holds reads matters only beside blanks: the strict
            // check runs on every placement of every report.
            Some((l, r)) if l == r => {
                if beside_blanks {
                    confirmed.extend(terms());
                    let first_row = terms().next().map(row_of);
                    if terms().any(|t| Some(row_of(t)) != first_row) {
                        placed_by.extend(terms());
                    }
                }
            }
            Some(_) => {
                return Some(format!(
                    "{} does not hold with them ({})",
                    identity.rule,
                    identity.lhs.first().copied().unwrap_or_default()
                ));
            }
            None if beside_blanks
                && merged.is_none()
                && terms()
                    .filter(|p| !store.filled.contains_key(*p))
                    .all(printed_blank) => {}
            None => {
                return Some(format!(
                    "{} cannot be evaluated: one of its other cells is missing",
                    identity.rule
                ));
            }
        }
    }
    if !beside_blanks {
        return None;
    }
    let filled = || cells.iter().filter(|c| store.filled.contains_key(*c));
    filled()
        .find(|c| {
            !filled().any(|other| {
                row_of(other) == row_of(c.as_str()) && placed_by.contains(other.as_str())
            })
        })
        .map(|cell| {
            format!(
                "no identity across rows reading {} can be evaluated: cells they read are printed blank or unread",
                row_of(cell)
            )
        })
}

/// The row of a cell's pointer: all but its column.
fn row_of(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or(pointer, |(row, _)| row)
}

/// The column of a cell's pointer: its last part.
fn column_of(pointer: &str) -> &str {
    pointer
        .rsplit_once('/')
        .map_or(pointer, |(_, column)| column)
}

/// The cells of `cells` read that no identity both evaluable and holding reads: beside cells
/// printed blank, a cell whose row and column each hold one is checked by nothing, and a row
/// placed by order, confirmed by its other cells, does not vouch for what that one reads.
fn unchecked(store: &CellStore, cells: &[String], merged: Option<&MergedOther>) -> Vec<String> {
    let all = crate::solve::identities();
    let confirmed: HashSet<&str> = reading(&all, cells)
        .filter(|(_, identity)| matches!(sides(store, identity, merged), Some((l, r)) if l == r))
        .flat_map(|(_, identity)| identity.lhs.iter().chain(&identity.rhs).copied())
        .collect();
    cells
        .iter()
        .filter(|c| store.filled.contains_key(*c) && !confirmed.contains(c.as_str()))
        .cloned()
        .collect()
}

/// Applicant columns a report may leave not adding up, at most, for rows placed by the template's
/// order to be kept where they fail over them ([`columns_mis_totalled`]).
const MIS_TOTALLED_COLUMNS: usize = 2;

/// Whether the identities reading `cells` fail over them only as a report whose rows add up and
/// whose columns do not breaks them: every one of them can be evaluated, every identity within
/// one row (a row's 总计) holds, and those that fail are identities of one column each, one in
/// each column they fail in, over one to [`MIS_TOTALLED_COLUMNS`] columns besides the 总计
/// column (which then fails by their sums, in as many identities).
///
/// A cell the report changes with its row's 总计 alike (a count added to a row but not to its
/// column's total) breaks its column's sum and the 总计 column's, each once: no cell is
/// witnessed twice, so [`misprints_explain`] does not explain it, and which cell of the column
/// is wrong is not known, nor needed: the break is the report's. Rows placed in the template's
/// order do not break identities so. Rows keep their own 总计 wherever they are put, so a row
/// read in another's place breaks identities across rows only, but it breaks R1 where it
/// crosses from the rows that R1 reads to the results R2 reads (and R1 and R2 both where 总计
/// is moved), and every column the two rows differ in; a gap's lines are exactly its rows, in
/// order, or the identities show it. What this leaves: a line foreign to the table standing
/// for a lost result row and differing from it in one or two columns only.
///
/// With `total_fails`, the 总计 column must also fail in every rule an applicant column fails
/// in. Rows adding up as read, the 总计 column's difference in a rule is the sum of the
/// applicant columns' (a count added to a row and its 总计 alike shows in both); a piece of a
/// number wrapped in a narrow cell joined to the wrong cell of a row whose 总计 still holds
/// changes two columns by opposite amounts, and leaves the 总计 column holding.
pub(crate) fn columns_mis_totalled(
    store: &CellStore,
    cells: &[String],
    merged: Option<&MergedOther>,
    total_fails: bool,
) -> bool {
    let all = crate::solve::identities();
    let total = APPLICANT_COLUMNS.last().map(|c| c.name);
    let mut failing_columns: Vec<&str> = Vec::new();
    // The rules failing in the 总计 column, and in the applicant columns.
    let mut total_rules: Vec<&str> = Vec::new();
    let mut column_rules: Vec<&str> = Vec::new();
    for (_, identity) in reading(&all, cells) {
        let mut terms = identity.lhs.iter().chain(&identity.rhs).copied();
        let Some(first) = terms.next() else {
            continue;
        };
        let within_row = terms.clone().all(|t| row_of(t) == row_of(first));
        let one_column = terms.all(|t| column_of(t) == column_of(first));
        let column = column_of(first);
        match sides(store, identity, merged) {
            Some((l, r)) if l == r => {}
            // The 总计 column fails wherever its applicant columns do, by their sum (every
            // row adding up): it may fail in several identities.
            Some(_) if !within_row && one_column && Some(column) == total => {
                total_rules.push(&identity.rule);
            }
            Some(_) if !within_row && one_column && !failing_columns.contains(&column) => {
                failing_columns.push(column);
                column_rules.push(&identity.rule);
            }
            _ => return false,
        }
    }
    (1..=MIS_TOTALLED_COLUMNS).contains(&failing_columns.len())
        && (!total_fails || column_rules.iter().all(|rule| total_rules.contains(rule)))
}

/// Whether the identities reading `cells` confirm them but for at most `max` (one to three)
/// cells the report itself misprints: every one of them can be evaluated, and those that fail
/// are repaired by changing at most `max` cells, each read by two failing identities or more,
/// after which every evaluable identity reading a changed cell holds.
///
/// A report that breaks an identity prints a wrong cell far more often than placed rows are
/// another row's: one changed cell breaks its row's 总计 (R3) and its column's R1 or R2 by the
/// same amount, while rows of numbers misplaced, or not the gap's rows, keep their own 总计 and
/// break the column identities of every column they differ in (the 总计 column among them),
/// which no such change repairs. An identity that fails alone over a cell is no evidence of a
/// misprint: it would explain any failure of that identity. With a merged （六） row, a cell of
/// it is a candidate too: R2 reads it in the three rows' place, and the merged row's own R3 (its
/// 总计 the sum of its applicant columns, the first （六） row's R3 read over the merged cells) is
/// its second witness, as the row's R3 is for any other cell.
///
/// Two misprints also repair two cells of one column exchanged (each row's 总计 and the column's
/// R1 or R2 failing): only a reader that places whole rows may allow two.
pub(crate) fn misprints_explain(
    store: &CellStore,
    cells: &[String],
    merged: Option<&MergedOther>,
    max: usize,
) -> bool {
    misprints_explain_by(store, cells, merged, max, |_| true)
}

/// Whether a row of 表三 (`row`, its cells' pointers), as `store` reads it, may hold a page
/// number printed bare between two rows of a table printed a cell a line, where a cell the
/// publisher left blank prints no line: the rows' numbers and the page number then count as
/// many as their cells. So read, the cell `page_at` of the row holds a number that may be a
/// page number where it stands ([`BarePages::may_be`](crate::page_numbers::BarePages::may_be)),
/// and a cell of the row (that one, or one the blank put one cell off) breaks every identity
/// reading it that can be evaluated, one at least, as a misprinted cell would: which is printed
/// is not decided.
pub(crate) fn row_may_hold_page_number(
    store: &CellStore,
    (row, page_at): (&[String], &str),
    merged: Option<&MergedOther>,
    pages: &crate::page_numbers::BarePages,
) -> bool {
    let page_like = store
        .filled
        .get(page_at)
        .and_then(|f| Some(pages.may_be(f.pos.line, f.value.as_u64()?)))
        .unwrap_or(false);
    page_like && breaks_as_misprinted(store, row, merged)
}

/// Whether a cell of `row` (its cells' pointers), as `store` reads it, breaks every identity
/// reading it that can be evaluated, one at least: as a misprinted cell reads.
pub(crate) fn breaks_as_misprinted(
    store: &CellStore,
    row: &[String],
    merged: Option<&MergedOther>,
) -> bool {
    let all = crate::solve::identities();
    row.iter().any(|pointer| {
        let mut failing = false;
        for identity in all.iter().filter(|i| i.reads(pointer)) {
            match sides(store, identity, merged) {
                Some((l, r)) if l == r => return false,
                Some(_) => failing = true,
                None => {}
            }
        }
        failing
    })
}

/// [`misprints_explain`], with only the repairs whose changes (by how much each cell is changed)
/// `accept` takes.
pub(crate) fn misprints_explain_by(
    store: &CellStore,
    cells: &[String],
    merged: Option<&MergedOther>,
    max: usize,
    accept: impl Fn(&[i128]) -> bool,
) -> bool {
    misprints_explain_with(
        store,
        cells,
        merged,
        max,
        (
            |_: &[&str], changes: &[i128]| accept(changes),
            |_: &str| true,
        ),
    )
}

/// Whether `cell` is one of the misprinted cells of some explanation of the identities failing
/// over `cells` ([`misprints_explain`]): where none is, its figure as read is no misprint of
/// any explanation. False where nothing fails.
pub(crate) fn misprint_may_be(
    store: &CellStore,
    cells: &[String],
    merged: Option<&MergedOther>,
    max: usize,
    cell: &str,
) -> bool {
    // `accept` is asked only of repairs of identities that fail.
    let found = std::cell::Cell::new(false);
    let includes = |xs: &[&str], _: &[i128]| {
        found.set(xs.contains(&cell));
        found.get()
    };
    misprints_explain_with(store, cells, merged, max, (includes, |_: &str| true));
    found.get()
}

/// [`misprints_explain`], where only the cells `may_be_misprinted` takes are repaired.
fn misprints_explain_among(
    store: &CellStore,
    cells: &[String],
    merged: Option<&MergedOther>,
    max: usize,
    may_be_misprinted: impl Fn(&str) -> bool,
) -> bool {
    misprints_explain_with(
        store,
        cells,
        merged,
        max,
        (|_: &[&str], _: &[i128]| true, may_be_misprinted),
    )
}

/// [`misprints_explain`], with only the repairs `accept` takes (the cells repaired, and by how
/// much each is changed), of cells `may_be_misprinted` takes.
fn misprints_explain_with(
    store: &CellStore,
    cells: &[String],
    merged: Option<&MergedOther>,
    max: usize,
    (accept, may_be_misprinted): (
        impl Fn(&[&'static str], &[i128]) -> bool,
        impl Fn(&str) -> bool,
    ),
) -> bool {
    let all = crate::solve::identities();
    let mut failing: Vec<usize> = Vec::new();
    for (k, identity) in reading(&all, cells) {
        match sides(store, identity, merged) {
            Some((l, r)) if l == r => {}
            Some(_) => failing.push(k),
            None => return false,
        }
    }
    // A misprint breaks at most three identities (R3, R1 and R2). Placements the identities
    // confirm (most) end here, before every identity is evaluated below.
    if failing.is_empty() || failing.len() > 3 * max {
        return failing.is_empty();
    }
    // Both sides of every identity, where it can be evaluated.
    let evaluated: Vec<Option<(i128, i128)>> = all
        .iter()
        .map(|i| {
            sides(store, i, merged)
                .and_then(|(l, r)| Some((i128::try_from(l).ok()?, i128::try_from(r).ok()?)))
        })
        .collect();
    let mut candidates: Vec<&'static str> = failing
        .iter()
        .filter_map(|k| all.get(*k))
        .flat_map(|i| i.lhs.iter().chain(&i.rhs).copied())
        .filter(|c| match merged {
            // The merged row's cell of a column, once, where it was read.
            Some(_) if other_column(c).is_some() => {
                is_merged_stand_in(c) && value(store, c, merged).is_some()
            }
            _ => store.filled.contains_key(*c),
        })
        .filter(|c| may_be_misprinted(c))
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    let misprints = Misprints {
        store,
        merged,
        all: &all,
        evaluated: &evaluated,
        failing: &failing,
    };
    // A cell that fewer than two failing identities read repairs nothing (`repair` refuses it):
    // leaving it out first keeps the search over three cells small.
    candidates.retain(|x| misprints.witnesses(x) >= 2);
    let repaired = |xs: &[&'static str]| misprints.repair(xs).is_some_and(|d| accept(xs, &d));
    any_subset(&candidates, max, &mut Vec::new(), &repaired)
}

/// Whether some set of one to `max` cells of `candidates` (taken in order, after those in
/// `chosen`) satisfies `repaired`.
fn any_subset(
    candidates: &[&'static str],
    max: usize,
    chosen: &mut Vec<&'static str>,
    repaired: &impl Fn(&[&'static str]) -> bool,
) -> bool {
    candidates.iter().enumerate().any(|(k, x)| {
        chosen.push(x);
        let found = repaired(chosen)
            || (chosen.len() < max
                && any_subset(
                    candidates.get(k + 1..).unwrap_or_default(),
                    max,
                    chosen,
                    repaired,
                ));
        chosen.pop();
        found
    })
}

/// The identities evaluated over a placement, for [`misprints_explain`].
struct Misprints<'a> {
    store: &'a CellStore,
    merged: Option<&'a MergedOther>,
    all: &'a [Identity],
    /// Both sides of every identity of `all`, where it can be evaluated.
    evaluated: &'a [Option<(i128, i128)>],
    /// The identities over the placement that fail, by index into `all`.
    failing: &'a [usize],
}

impl Misprints<'_> {
    /// How many identities reading cell `x` fail.
    fn witnesses(&self, x: &str) -> usize {
        (0..self.all.len())
            .filter(|k| self.all.get(*k).is_some_and(|i| i.reads(x)))
            .filter(|k| matches!(self.evaluated.get(*k), Some(Some((l, r))) if l != r))
            .count()
    }

    /// The changes of the cells `xs` (each by the amount an evaluable identity reading it and
    /// no other of them needs) when they repair every failing identity and leave every
    /// evaluable identity reading them holding, each cell read by two identities or more that
    /// fail; `None` when they do not.
    fn repair(&self, xs: &[&'static str]) -> Option<Vec<i128>> {
        let reads = |k: usize, x: &str| self.all.get(k).is_some_and(|i| i.reads(x));
        if !self.failing.iter().all(|k| xs.iter().any(|x| reads(*k, x))) {
            return None;
        }
        let mut changes: Vec<(&str, i128)> = Vec::new();
        for x in xs {
            let value = value(self.store, x, self.merged);
            let own = (0..self.all.len())
                .filter(|k| reads(*k, x) && !xs.iter().any(|y| y != x && reads(*k, y)));
            let needed = own
                .filter_map(|k| Some((self.all.get(k)?, self.evaluated.get(k).copied()??)))
                .map(|(i, (l, r))| if i.lhs.contains(x) { r - l } else { l - r })
                .next();
            let witnesses = self.witnesses(x);
            match (value, needed) {
                (Some(value), Some(d))
                    if d != 0 && i128::from(value) + d >= 0 && witnesses >= 2 =>
                {
                    changes.push((x, d));
                }
                _ => return None,
            }
        }
        let holds = (0..self.all.len())
            .filter(|k| xs.iter().any(|x| reads(*k, x)))
            .all(|k| {
                let (Some(identity), Some(Some((mut l, mut r)))) =
                    (self.all.get(k), self.evaluated.get(k).copied())
                else {
                    return true;
                };
                for (x, d) in &changes {
                    if identity.lhs.contains(x) {
                        l += d;
                    }
                    if identity.rhs.contains(x) {
                        r += d;
                    }
                }
                l == r
            });
        holds.then(|| changes.iter().map(|(_, d)| *d).collect())
    }
}
/// An unlabelled row of numbers in the text: where it stood and its cells.
#[derive(Clone)]
pub(crate) struct Unlabelled {
    pub at: usize,
    pub segment: Segment,
    /// Numbers wrapped in narrow cells that no joining reads (`assemble::join_unlabelled_wrapped`):
    /// a row of the table all the same, so its gap is not filled by order without it.
    pub unread: bool,
    /// Where those numbers break the row's 总计 however joined: the joinings that look like a
    /// wrap, for the identities across rows to weigh once the row is placed by order.
    pub breaking: Vec<Joined>,
    /// Which of its numbers were joined from pieces wrapped in narrow cells (none when empty):
    /// a cell the reader made is never taken for one the report misprints.
    pub joined: Vec<bool>,
}

/// Unlabelled rows assigned to the rows of one gap, to be confirmed.
#[derive(Clone)]
pub(crate) struct Assignment {
    pub rows: Vec<(AppRow, Vec<ValueCell>)>,
    /// Whether each row is a line of seven numbers as printed, not numbers of several lines cut
    /// into rows (which may be a column dump's, no row at all).
    pub whole_lines: bool,
    /// Whether the row is one read by its label, a number short, with a blank placed where its
    /// spacing shows one ([`crate::align::blank_in_wide_gap`]): confirmed as rows placed by
    /// order are, its columns being what the identities check.
    pub labelled: bool,
    /// The cells (row, column index) whose numbers were joined from pieces wrapped in narrow
    /// cells ([`Unlabelled::joined`]).
    pub joined: Vec<(AppRow, usize)>,
}

/// The cells of `row` whose numbers `member`, fitted as `values`, joined from wrapped pieces.
fn joined_cells_of(row: AppRow, member: &Unlabelled, values: &[ValueCell]) -> Vec<(AppRow, usize)> {
    if member.joined.len() != values.len() {
        return Vec::new();
    }
    (0..values.len())
        .filter(|c| member.joined.get(*c) == Some(&true))
        .map(|c| (row, c))
        .collect()
}

/// Rows of a gap that could not be assigned, and why.
pub(crate) struct Unassigned {
    pub rows: Vec<AppRow>,
    pub orphans: Vec<Unlabelled>,
    pub why: String,
}

/// Unlabelled rows placed in the gaps of the template, for [`assign`].
pub(crate) struct Assigned {
    pub assigned: Vec<Assignment>,
    pub unassigned: Vec<Unassigned>,
    /// Rows whose numbers wrapped in narrow cells break their 总计 however joined
    /// ([`Unlabelled::breaking`]), each placed by order in a gap that holds as many rows as the
    /// template leaves there, the others placed beside it.
    pub broken: Vec<BrokenJoinings>,
}

/// Assigns the unlabelled rows to the gaps the labelled rows leave in `template` (the 表三 rows
/// in order). `rows` are the labelled rows read, in any order. With `place_broken`, a row whose
/// wrapped numbers break its 总计 however joined is placed by order with the rest of its gap,
/// its joinings left for the identities across rows to weigh; without, its gap is unassigned.
pub(crate) fn assign(
    rows: &[RowRead<AppRow>],
    orphans: Vec<Unlabelled>,
    template: &[AppRow],
    place_broken: bool,
) -> Assigned {
    let has_numbers = |r: &RowRead<AppRow>| r.values.iter().any(|v| !v.is_blank());
    let index_of = |row: AppRow| template.iter().position(|t| *t == row);
    let mut anchors: Vec<(usize, usize)> = rows
        .iter()
        .filter(|r| has_numbers(r))
        .filter_map(|r| index_of(r.row).map(|k| (r.at, k)))
        .collect();
    anchors.sort_unstable();
    let anchored: Vec<usize> = anchors.iter().map(|(_, k)| *k).collect();
    // Group the unlabelled rows by the labelled rows around them.
    let mut groups: Vec<(Option<usize>, Option<usize>, Vec<Unlabelled>)> = Vec::new();
    for orphan in orphans
        .into_iter()
        .filter(|o| !is_torn_numbering(&o.segment))
    {
        let before = anchors.iter().rposition(|(at, _)| *at < orphan.at);
        let after = anchors.iter().position(|(at, _)| *at > orphan.at);
        match groups.last_mut() {
            Some((b, a, members)) if *b == before && *a == after => members.push(orphan),
            _ => groups.push((before, after, vec![orphan])),
        }
    }
    let mut assigned = Vec::new();
    let mut unassigned = Vec::new();
    let mut broken = Vec::new();
    for (before, after, members) in groups {
        let low = before.and_then(|b| anchors.get(b)).map(|(_, k)| *k);
        let high = after
            .and_then(|a| anchors.get(a))
            .map_or(template.len(), |(_, k)| *k);
        let start = low.map_or(0, |l| l + 1);
        let gap: Vec<AppRow> = if start <= high {
            (start..high)
                .filter(|k| !anchored.contains(k))
                .filter_map(|k| template.get(k).copied())
                .collect()
        } else {
            Vec::new()
        };
        let fitted: Vec<Option<Vec<ValueCell>>> = members
            .iter()
            .map(|m| {
                if m.unread {
                    return None;
                }
                let numbers = row_numbers(&m.segment);
                match fit(numbers.clone(), 7, m.segment.padded_at_end) {
                    // A blank mark printed among the numbers (`461 0 0 0 — 644648 645109`)
                    // stands in its column: the row has seven cells.
                    Fit::Exact(values) if values.iter().any(|v| !v.is_blank()) => Some(values),
                    // A blank printed as spaces alone, where the row's spacing shows it.
                    Fit::Mismatch(_) => {
                        crate::align::blank_in_wide_gap(&numbers, 7, m.segment.label.is_none())
                    }
                    _ => None,
                }
            })
            .collect();
        let unread = members.iter().any(|m| m.unread);
        if place_broken
            && unread
            && gap.len() == members.len()
            && members
                .iter()
                .zip(&fitted)
                .all(|(m, fitted)| m.breaking.is_empty() == fitted.is_some())
        {
            // Each row in its place; those breaking their 总计 are joined, if at all, once the
            // others are placed beside them.
            let mut rows = Vec::new();
            let mut joined = Vec::new();
            for ((row, member), fitted) in gap.into_iter().zip(members).zip(fitted) {
                match fitted {
                    Some(values) => {
                        joined.extend(joined_cells_of(row, &member, &values));
                        rows.push((row, values));
                    }
                    None => broken.push(BrokenJoinings {
                        row,
                        joinings: member.breaking,
                    }),
                }
            }
            if !rows.is_empty() {
                assigned.push(Assignment {
                    rows,
                    whole_lines: true,
                    labelled: false,
                    joined,
                });
            }
            continue;
        }
        if !gap.is_empty()
            && !unread
            && fitted.iter().any(Option::is_none)
            && let Some(rows) = cells_in_rows(&members, gap.len())
        {
            // The row's cells one or two to a line (a PDF's reading order): as many cells as
            // the gap's rows hold, taken in order.
            assigned.push(Assignment {
                rows: gap.into_iter().zip(rows).collect(),
                whole_lines: false,
                labelled: false,
                joined: Vec::new(),
            });
            continue;
        }
        let why = if gap.is_empty() {
            "the labelled rows around them leave no row of the template between them".to_owned()
        } else if unread {
            "one of them is numbers wrapped in narrow cells that no joining reads".to_owned()
        } else if gap.len() != members.len() {
            format!(
                "{} unlabelled row(s) of numbers stand where the template has {} row(s) without a label",
                members.len(),
                gap.len()
            )
        } else if fitted.iter().any(Option::is_none) {
            "an unlabelled row does not have exactly seven cells".to_owned()
        } else {
            let rows: Vec<(AppRow, Vec<ValueCell>)> =
                gap.into_iter().zip(fitted.into_iter().flatten()).collect();
            let joined = rows
                .iter()
                .zip(&members)
                .flat_map(|((row, values), member)| joined_cells_of(*row, member, values))
                .collect();
            assigned.push(Assignment {
                rows,
                whole_lines: true,
                labelled: false,
                joined,
            });
            continue;
        };
        unassigned.push(Unassigned {
            rows: gap,
            orphans: members,
            why,
        });
    }
    Assigned {
        assigned,
        unassigned,
        broken,
    }
}

/// Whether a segment is a group label with the numbering of the leaf label beside it, the rest of
/// which a converter cut off or moved (`（六）其他处理 2` for `2.申请人逾期…`): a lone number of
/// one or two digits after a label is no row of seven cells, so it is no unlabelled row either.
fn is_torn_numbering(segment: &Segment) -> bool {
    segment.label.is_some()
        && matches!(
            segment.values.as_slice(),
            [ValueCell::Token { text, .. }]
                if (1..=2).contains(&text.len()) && text.chars().all(|c| c.is_ascii_digit())
        )
}

/// The numbers of an unlabelled row. Beside a group label (`（六）其他处理 3   0   25   0   9   8
/// 0   42`), eight numbers the first of which is one of the group's leaf numbers are that leaf's
/// numbering, its label cut off after it by the converter, and the row's seven cells: a row
/// has seven, and a group label's leaf stands right after it.
fn row_numbers(segment: &Segment) -> Vec<ValueCell> {
    let leaves = segment
        .label
        .as_ref()
        .and_then(|l| crate::truncated::group_leaves(&l.joined()));
    match (leaves, segment.values.split_first()) {
        (Some(leaves), Some((ValueCell::Token { text, .. }, cells)))
            if cells.len() == 7
                && text.len() == 1
                && text.parse::<u32>().is_ok_and(|n| (1..=leaves).contains(&n)) =>
        {
            cells.to_vec()
        }
        _ => segment.values.clone(),
    }
}

/// The numbers of unlabelled lines cut into `rows` rows of seven, when they hold exactly that
/// many numbers and no blank.
fn cells_in_rows(members: &[Unlabelled], rows: usize) -> Option<Vec<Vec<ValueCell>>> {
    let cells: Vec<ValueCell> = members
        .iter()
        .flat_map(|m| row_numbers(&m.segment))
        .collect();
    (cells.len() == rows * 7 && cells.iter().all(|c| !c.is_blank()))
        .then(|| cells.chunks(7).map(<[ValueCell]>::to_vec).collect())
}

/// Writes the assignments into the store and keeps those the identities confirm; the others are
/// taken out again and explained.
pub(crate) fn confirm(
    assignments: Vec<Assignment>,
    spec_of: impl Fn(AppRow) -> Option<RowSpec>,
    store: &mut CellStore,
    merged: Option<&MergedOther>,
) {
    write(&assignments, &spec_of, store);
    drop_unconfirmed(
        &assignments,
        &spec_of,
        store,
        "rows of numbers without a label stand where the template has them",
        merged,
    );
}

/// Writes the assignments' rows into the store.
fn write(
    assignments: &[Assignment],
    spec_of: &impl Fn(AppRow) -> Option<RowSpec>,
    store: &mut CellStore,
) {
    for assignment in assignments {
        for (row, values) in &assignment.rows {
            if let Some(spec) = spec_of(*row) {
                // The placed row is now the reading of these cells: a blank mark among its
                // numbers is the publisher's blank, whatever an earlier look at the row's label
                // said of the cell (its label alone, with no numbers, is no count of its cells).
                for column in spec.columns {
                    store
                        .missing
                        .remove(&format!("{}/{}", spec.path, column.name));
                }
                let rule = if assignment.labelled {
                    ReadingRule::PlacedByColumnPosition
                } else {
                    ReadingRule::UnlabelledRowPlacedByTemplateOrder
                };
                let cells: Vec<(ValueCell, bool)> = values
                    .iter()
                    .enumerate()
                    .map(|(c, v)| (v.clone(), assignment.joined.contains(&(*row, c))))
                    .collect();
                store.put_joined(&spec, &cells, &[rule]);
            }
        }
    }
}

/// Cells of 表三 a report may misprint, at most, for rows placed by the template's order to be
/// kept all together ([`misprints_explain`]).
const PLACED_ROWS_MISPRINTS: usize = 3;

/// Takes out the assignments the identities do not confirm, with a problem saying why; an
/// assignment taken out may leave another unevaluable, so the check repeats until nothing changes.
/// Assignments placed by the template's order, each row a line of seven numbers, are first kept
/// all together when the identities fail over them only as cells the report misprints break
/// them ([`misprints_explain`]); not numbers paired with a label by the identities alone, nor
/// numbers of several lines cut into rows (a column dump's cells, or a table printed a cell a
/// line): a misprint explains a lone number wherever a reading puts it.
fn drop_unconfirmed(
    assignments: &[Assignment],
    spec_of: &impl Fn(AppRow) -> Option<RowSpec>,
    store: &mut CellStore,
    situation: &str,
    merged: Option<&MergedOther>,
) {
    let cells_of = |assignment: &Assignment| -> Vec<String> {
        assignment
            .rows
            .iter()
            .filter_map(|(row, _)| spec_of(*row))
            .flat_map(|spec| {
                spec.columns
                    .iter()
                    .map(move |c| format!("{}/{}", spec.path, c.name))
            })
            .collect()
    };
    let mut pending: Vec<&Assignment> = assignments.iter().collect();
    // All the assignments together, confirmed but for the cells the report itself misprints.
    let every_cell: Vec<String> = assignments.iter().flat_map(&cells_of).collect();
    let whole_lines = assignments.iter().all(|a| a.whole_lines);
    // A number the reader joined from wrapped pieces is its reading, not the report's print: it
    // is never the misprint, and a column not adding up is one where the 总计 column fails too
    // (as rows joined by their 总计 are kept, [`confirm_wrapped`]).
    if whole_lines {
        let joined = joined_cells(store, &every_cell);
        if misprints_explain_among(store, &every_cell, merged, PLACED_ROWS_MISPRINTS, |c| {
            !joined.iter().any(|j| j == c)
        }) || columns_mis_totalled(store, &every_cell, merged, !joined.is_empty())
        {
            return;
        }
    }
    loop {
        let failing: Vec<(usize, String)> = pending
            .iter()
            .enumerate()
            .filter_map(|(k, a)| {
                unconfirmed_with(store, &cells_of(a), merged, a.whole_lines).map(|why| (k, why))
            })
            .collect();
        if failing.is_empty() {
            break;
        }
        for (k, why) in failing.iter().rev() {
            let Some(assignment) = pending.get(*k) else {
                continue;
            };
            let labels: Vec<&str> = assignment
                .rows
                .iter()
                .filter_map(|(r, _)| spec_of(*r).map(|s| s.label))
                .collect();
            let problem = if assignment.labelled {
                Problem::new(
                    ProblemCode::CellCountMismatch,
                    format!(
                        "row {}: found 6 cells where the table has 7; with a blank where the row's spacing leaves a wide gap they are not confirmed ({why}), so they are left missing",
                        labels.join(", ")
                    ),
                )
            } else {
                Problem::new(
                    ProblemCode::UnlabelledRowsUnconfirmed,
                    format!(
                        "{}: {situation}; placed so they are not confirmed ({why}), so they are left missing",
                        labels.join(", ")
                    ),
                )
            };
            if assignment.whole_lines && !assignment.labelled {
                record_column_sums(assignment, spec_of, store);
            }
            for cell in cells_of(assignment) {
                store.filled.remove(&cell);
                store.explain(cell, problem.clone());
            }
            pending.remove(*k);
        }
    }
    for assignment in pending.iter().filter(|a| a.whole_lines) {
        for cell in unchecked(store, &cells_of(assignment), merged) {
            let placed = if assignment.labelled {
                "its row is a number short, a blank placed where the row's spacing leaves a wide gap"
            } else {
                situation
            };
            let problem = Problem::new(
                ProblemCode::UnlabelledRowsUnconfirmed,
                format!(
                    "{cell}: {placed}, and the identities confirm its row where it is put, but every identity reading this cell also reads a cell printed blank, so nothing checks it: it is left missing"
                ),
            );
            store.filled.remove(&cell);
            store.explain(cell, problem);
        }
    }
}

/// Keeps, for each column, the sum of the cells an assignment taken out placed in it
/// ([`crate::PrintedSum`], of unlabelled rows): rows printed whole, each a line of seven
/// numbers, where the template has exactly as many rows to match, are those rows in some order,
/// and whatever the order a column's cells of them sum to the column's numbers printed. An
/// identity whose only unread cells those are (R2 of the column, when the rows are results) is
/// then evaluated, so a report that breaks it is told so though the rows stay unread. Not for
/// rows with a merged （六） row among them: its cells are no cells of the standard.
fn record_column_sums(
    assignment: &Assignment,
    spec_of: &impl Fn(AppRow) -> Option<RowSpec>,
    store: &mut CellStore,
) {
    if assignment
        .rows
        .iter()
        .any(|(row, _)| *row == AppRow::OtherMerged)
    {
        return;
    }
    let specs: Vec<RowSpec> = assignment
        .rows
        .iter()
        .filter_map(|(row, _)| spec_of(*row))
        .collect();
    if specs.len() != assignment.rows.len() {
        return;
    }
    for column in APPLICANT_COLUMNS.iter() {
        let cells: Vec<String> = specs
            .iter()
            .map(|spec| format!("{}/{}", spec.path, column.name))
            .collect();
        let read: Option<Vec<&crate::cells::Filled>> =
            cells.iter().map(|c| store.filled.get(c)).collect();
        let Some(read) = read else {
            continue;
        };
        let value = read
            .iter()
            .try_fold(0u64, |sum, f| sum.checked_add(f.value.as_u64()?));
        let (Some(value), Some(first)) = (value, read.first()) else {
            continue;
        };
        let (line, column, raw) = (first.pos.line, first.pos.column, first.raw.clone());
        store.sums.retain(|sum| sum.cells != cells);
        store.sums.push(crate::PrintedSum {
            cells,
            value,
            line,
            column,
            raw,
            printed_as: crate::PrintedAs::UnlabelledRows,
        });
    }
}

/// Rows whose numbers were gathered from several lines after their label (labels and numbers
/// printed apart, as a column dump prints them): kept only when the identities confirm them,
/// each row on its own and then again until nothing changes.
pub(crate) fn confirm_apart(
    rows: &[AppRow],
    situation: &str,
    spec_of: impl Fn(AppRow) -> Option<RowSpec>,
    store: &mut CellStore,
    merged: Option<&MergedOther>,
) {
    let assignments: Vec<Assignment> = rows
        .iter()
        .map(|row| Assignment {
            rows: vec![(*row, Vec::new())],
            whole_lines: false,
            labelled: false,
            joined: Vec::new(),
        })
        .collect();
    drop_unconfirmed(&assignments, &spec_of, store, situation, merged);
}

/// A row of 表三 whose numbers wrapped in narrow cells break its 总计 however they are joined: a
/// report misprinting a cell of it, or numbers that are not the row's.
pub(crate) struct BrokenJoinings {
    pub row: AppRow,
    /// Each joining of its pieces that looks like a wrap, distinct in its values.
    pub joinings: Vec<Joined>,
}

/// Cells of 表三 a report may misprint, at most, for rows read from numbers wrapped in narrow
/// cells to be kept though identities reading them fail.
const WRAPPED_MISPRINTS: usize = 2;

/// Most combinations of the joinings of rows breaking their 总计 that are weighed together.
const BROKEN_JOININGS: usize = 64;

/// Reads the rows of 表三 whose numbers wrapped in narrow cells break their 总计 however joined
/// (`broken`), by the identities across rows, before the rows placed by the template's order
/// (`assigned`) are confirmed, which read them. Each combination of their joinings
/// ([`BROKEN_JOININGS`] at most) is weighed with every row read so far, the assigned rows among
/// them: kept where every identity across rows reading a joined cell (its column's R1 or R2)
/// can be evaluated and holds, and every identity failing over these rows and the rows joined
/// as their 总计 confirms (`wrapped`) is explained by cells the report misprints
/// ([`explained_but_joined`]). With exactly one kept, those rows are written as it joins them,
/// their 总计 reported broken as printed, and returned; otherwise they stay missing, their
/// problem (recorded when they were read) saying why.
pub(crate) fn choose_broken_joinings(
    (broken, wrapped): (&[BrokenJoinings], &[AppRow]),
    assigned: &[Assignment],
    spec_of: impl Fn(AppRow) -> Option<RowSpec>,
    store: &mut CellStore,
    merged: Option<&MergedOther>,
) -> Vec<AppRow> {
    let combinations = broken
        .iter()
        .try_fold(1usize, |n, b| n.checked_mul(b.joinings.len()))
        .filter(|n| (1..=BROKEN_JOININGS).contains(n));
    let Some(combinations) = combinations.filter(|_| !broken.is_empty()) else {
        return Vec::new();
    };
    let broken_rows: Vec<AppRow> = broken.iter().map(|b| b.row).collect();
    let broken_cells = cells_of_rows(&broken_rows, &spec_of);
    let every_cell = [cells_of_rows(wrapped, &spec_of), broken_cells.clone()].concat();
    let mut with_assigned = store.clone();
    write(assigned, &spec_of, &mut with_assigned);
    // The one combination kept: for each broken row, the index of its joining.
    let mut kept: Vec<Vec<usize>> = Vec::new();
    for combination in 0..combinations {
        let mut trial = with_assigned.clone();
        let mut index = combination;
        let mut chosen = Vec::new();
        for row in broken {
            let count = row.joinings.len().max(1);
            chosen.push(index % count);
            if let (Some(spec), Some(joining)) = (spec_of(row.row), row.joinings.get(index % count))
            {
                trial.put_joined(&spec, joining, &[]);
            }
            index /= count;
        }
        let confirmed = joined_cells(&trial, &broken_cells)
            .iter()
            .all(|cell| held_across_rows(&trial, cell, merged));
        if confirmed && explained_but_joined(&trial, &every_cell, merged) {
            kept.push(chosen);
            if kept.len() > 1 {
                return Vec::new();
            }
        }
    }
    let Some(chosen) = kept.pop() else {
        return Vec::new();
    };
    for (row, k) in broken.iter().zip(chosen) {
        if let (Some(spec), Some(joining)) = (spec_of(row.row), row.joinings.get(k)) {
            store.put_joined(&spec, joining, &[]);
        }
    }
    broken_rows
}

/// Confirms the rows of 表三 read from numbers wrapped in narrow cells (`wrapped`), all together.
/// They are kept where every identity reading them can be evaluated and those that fail are
/// the few cells a report misprints, none of them a joined cell ([`explained_but_joined`]), or
/// where every row adds up and one or two columns do not, the 总计 column failing with them
/// ([`mis_totalled`]): each row's joining is then the one its 总计 confirms, of the numbers it
/// prints. Otherwise each is kept only where every identity reading it holds
/// ([`confirm_apart`]).
pub(crate) fn confirm_wrapped(
    wrapped: &[AppRow],
    spec_of: impl Fn(AppRow) -> Option<RowSpec>,
    store: &mut CellStore,
    merged: Option<&MergedOther>,
) {
    let cells = cells_of_rows(wrapped, &spec_of);
    if wrapped.is_empty()
        || explained_but_joined(store, &cells, merged)
        || columns_mis_totalled(store, &cells, merged, true)
    {
        return;
    }
    confirm_apart(
        wrapped,
        "its numbers wrapped in narrow cells were joined as the row's 总计 alone confirms, which a row misprinting a cell does not show",
        spec_of,
        store,
        merged,
    );
}

/// The pointers of the cells of `rows`.
fn cells_of_rows(rows: &[AppRow], spec_of: &impl Fn(AppRow) -> Option<RowSpec>) -> Vec<String> {
    rows.iter()
        .filter_map(|row| spec_of(*row))
        .flat_map(|spec| {
            spec.columns
                .iter()
                .map(move |c| format!("{}/{}", spec.path, c.name))
        })
        .collect()
}

/// The cells of `cells` read by joining pieces of a number wrapped in a narrow cell.
fn joined_cells(store: &CellStore, cells: &[String]) -> Vec<String> {
    cells
        .iter()
        .filter(|c| {
            store.filled.get(c.as_str()).is_some_and(|f| {
                f.rules
                    .contains(&ReadingRule::WrappedDigitsJoinedByIdentities)
            })
        })
        .cloned()
        .collect()
}

/// Whether every identity reading `cells` can be evaluated and those that fail are explained by
/// [`WRAPPED_MISPRINTS`] cells the report misprints at most ([`misprints_explain`]), none of
/// them a joined cell: which pieces make a cell is the reading's, not the report's. A joining
/// moving a piece from one cell to another changes two cells, one of them joined, and breaks
/// its column's identity, which no misprint then explains.
fn explained_but_joined(store: &CellStore, cells: &[String], merged: Option<&MergedOther>) -> bool {
    let fixed = joined_cells(store, cells);
    misprints_explain_among(store, cells, merged, WRAPPED_MISPRINTS, |c| {
        !fixed.iter().any(|f| f == c)
    })
}

/// Whether the identities across rows reading `cell` (its column's R1 or R2) confirm it: there
/// is one, and every one can be evaluated and holds.
fn held_across_rows(store: &CellStore, cell: &str, merged: Option<&MergedOther>) -> bool {
    let all = crate::solve::identities();
    let mut across = all.iter().filter(|identity| {
        let mut terms = identity.lhs.iter().chain(&identity.rhs);
        terms.clone().any(|t| *t == cell) && terms.any(|t| row_of(t) != row_of(cell))
    });
    let mut any = false;
    across.all(|identity| {
        any = true;
        matches!(sides(store, identity, merged), Some((l, r)) if l == r)
    }) && any
}

/// How a report prints （六）其他处理, for [`short_rows`].
#[derive(Clone, Copy)]
pub(crate) enum OtherRows<'a> {
    /// Its three 2021 rows.
    Three,
    /// One merged row, read with these counts.
    Merged(&'a MergedOther),
    /// One merged row, which is the row one number short.
    MergedShort,
}

impl OtherRows<'_> {
    fn merged(self) -> bool {
        !matches!(self, Self::Three)
    }
}

/// A row of 表三 printed a cell a line one number short: its cells (a merged （六） row's are those
/// of the first of its three rows, which stand for it) and the numbers printed for them.
pub(crate) struct ShortRow<'a> {
    pub cells: Vec<String>,
    pub printed: &'a [ValueCell],
    /// A blank mark alone on a line among its numbers (`—`), and how many stand before it: the
    /// blank is there, printed so.
    pub mark: Option<&'a (usize, ValueCell)>,
}

/// Most rows one number short whose blanks are searched together: 7³ placings.
const SHORT_ROWS: usize = 4;

/// Rows of 表三 printed a cell a line, each one number short, in a table whose every other row
/// is read: a cell the publisher left blank prints no line of its own, so which cell it is does
/// not show (but where a blank mark stands alone among its numbers: there). Each placing of one
/// blank in each row (its numbers the other cells, in order) is kept where the identities value every blank (an identity reading one unvalued cell requires
/// its count, and the blanks so valued value others) and every identity of 表三 then holds, the
/// other rows as read. A cell is what every placing kept makes it: the number printed for it,
/// the blank, or `None` where placings differ (a blank among equal cells, `0 0 0`). `None` when
/// no placing is kept (a row misprinting a cell, another row unread, too many rows short).
/// With a merged （六） row, an identity reads the merged row's cell of a column once for the
/// three rows it stands for, as R2 reads their sum.
pub(crate) fn short_rows(
    rows: &[ShortRow<'_>],
    store: &CellStore,
    other_rows: OtherRows<'_>,
) -> Option<Vec<Vec<Option<ValueCell>>>> {
    if rows.is_empty() || rows.len() > SHORT_ROWS {
        return None;
    }
    let numbers: Vec<Vec<u64>> = rows
        .iter()
        .map(|row| {
            if row.printed.len() + 1 != row.cells.len() {
                return None;
            }
            row.printed
                .iter()
                .map(|v| match v {
                    ValueCell::Token { text, raw, .. } => {
                        crate::number::read_count(text, raw).ok().map(|(n, _)| n)
                    }
                    ValueCell::Blank { .. } => None,
                })
                .collect()
        })
        .collect::<Option<_>>()?;
    let catalogue = crate::solve::identities();
    let merged: Vec<Identity> = if other_rows.merged() {
        catalogue.iter().filter_map(merged_view).collect()
    } else {
        Vec::new()
    };
    let identities: Vec<&Identity> = if other_rows.merged() {
        merged.iter().collect::<Vec<_>>()
    } else {
        catalogue.iter().collect()
    }
    .into_iter()
    .filter(|i| {
        i.lhs
            .iter()
            .chain(&i.rhs)
            .any(|c| c.starts_with("/applications/"))
    })
    .collect();
    let read = |pointer: &str| match other_rows {
        OtherRows::Merged(counts) => value(store, pointer, Some(counts)),
        _ => store.filled.get(pointer).and_then(|f| f.value.as_u64()),
    };
    // The printed number a cell takes with the blank at `blank`, `None` for the blank itself.
    let source = |k: usize, blank: usize| match k.cmp(&blank) {
        std::cmp::Ordering::Less => Some(k),
        std::cmp::Ordering::Equal => None,
        std::cmp::Ordering::Greater => Some(k - 1),
    };
    // Where each row's blank may be.
    let places: Vec<Vec<usize>> = rows
        .iter()
        .map(|row| match row.mark {
            Some((at, _)) => vec![*at],
            None => (0..row.cells.len()).collect(),
        })
        .collect();
    let placings: usize = places.iter().map(Vec::len).product();
    let mut kept: Vec<Vec<usize>> = Vec::new();
    for placing in 0..placings {
        let mut rest = placing;
        let blanks: Vec<usize> = places
            .iter()
            .map(|places| {
                let blank = places.get(rest % places.len()).copied().unwrap_or_default();
                rest /= places.len();
                blank
            })
            .collect();
        let mut values: HashMap<&str, Option<u64>> = HashMap::new();
        for ((row, numbers), &blank) in rows.iter().zip(&numbers).zip(&blanks) {
            for (k, cell) in row.cells.iter().enumerate() {
                let value = source(k, blank).and_then(|at| numbers.get(at).copied());
                values.insert(cell.as_str(), value);
            }
        }
        if blanks_valued_and_holding(&identities, &mut values, &read) {
            kept.push(blanks);
        }
    }
    let first = kept.first()?.clone();
    Some(
        rows.iter()
            .enumerate()
            .map(|(r, row)| {
                (0..row.cells.len())
                    .map(|k| {
                        let at = source(k, first[r]);
                        if !kept.iter().all(|blanks| source(k, blanks[r]) == at) {
                            return None;
                        }
                        Some(match (at, row.mark) {
                            (Some(at), _) => row.printed.get(at)?.clone(),
                            (None, Some((_, mark))) => mark.clone(),
                            (None, None) => ValueCell::Blank {
                                pos: None,
                                raw: String::new(),
                                spanned: false,
                                off_grid: false,
                            },
                        })
                    })
                    .collect()
            })
            .collect(),
    )
}

/// Values the blanks of `values` (`None`) by the identities: one reading a single unvalued cell
/// that is a blank requires its count, until none does. Whether every blank is then valued and
/// every identity holds, each cell not in `values` as `read` gives it.
fn blanks_valued_and_holding(
    identities: &[&Identity],
    values: &mut HashMap<&str, Option<u64>>,
    read: &impl Fn(&str) -> Option<u64>,
) -> bool {
    let value = |values: &HashMap<&str, Option<u64>>, pointer: &str| match values.get(pointer) {
        Some(value) => *value,
        None => read(pointer),
    };
    loop {
        let mut valued = false;
        for identity in identities {
            let mut unvalued = identity
                .lhs
                .iter()
                .chain(&identity.rhs)
                .filter(|c| value(values, c).is_none());
            let (Some(cell), None) = (unvalued.next(), unvalued.next()) else {
                continue;
            };
            if values.get(cell) != Some(&None) {
                continue;
            }
            match identity.required(cell, |p| value(values, p)) {
                Some(Some(count)) => {
                    values.insert(*cell, Some(count));
                    valued = true;
                }
                Some(None) => return false,
                None => {}
            }
        }
        if !valued {
            break;
        }
    }
    values.values().all(Option::is_some)
        && identities
            .iter()
            .all(|i| i.holds(|p| value(values, p)) == Some(true))
}

/// `identity` as a report merging （六） into one row reads it: each cell of the three （六） rows
/// the merged row's cell of its column ([`is_merged_stand_in`]), once per side, as R2 reads
/// their sum; `None` where that leaves a cell on both sides.
fn merged_view(identity: &Identity) -> Option<Identity> {
    let side = |cells: &[&'static str]| -> Option<Vec<&'static str>> {
        let mut out: Vec<&'static str> = Vec::with_capacity(cells.len());
        for cell in cells {
            let cell = match other_column(cell) {
                Some(column) => crate::solve::intern(&format!(
                    "{}/no_correction/{column}",
                    other_merged().path
                ))?,
                None => cell,
            };
            if !out.contains(&cell) {
                out.push(cell);
            }
        }
        Some(out)
    };
    let (lhs, rhs) = (side(&identity.lhs)?, side(&identity.rhs)?);
    if lhs.iter().any(|c| rhs.contains(c)) {
        return None;
    }
    Some(Identity {
        rule: identity.rule.clone(),
        lhs,
        rhs,
    })
}

/// Unlabelled rows a problem quotes, at most.
const SHOWN_ORPHANS: usize = 8;

/// Explains the rows of gaps whose unlabelled rows could not be assigned.
pub(crate) fn explain_unassigned(
    unassigned: &[Unassigned],
    spec_of: impl Fn(AppRow) -> Option<RowSpec>,
    store: &mut CellStore,
    problems: &mut Vec<Problem>,
) {
    for gap in unassigned {
        let numbers: Vec<String> = gap
            .orphans
            .iter()
            .map(|o| {
                o.segment
                    .values
                    .iter()
                    .map(ValueCell::raw)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let pos = gap
            .orphans
            .iter()
            .find_map(|o| o.segment.values.iter().find_map(ValueCell::pos));
        // A dump may leave a whole table's numbers unlabelled: the message names the first
        // few, every cell of the gap repeating it.
        let shown = numbers.len().min(SHOWN_ORPHANS);
        let more = match numbers.len() - shown {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        let problem = Problem::new(
            ProblemCode::UnlabelledRowsUnconfirmed,
            format!(
                "rows of numbers without a recognised label (`{}`{more}) could not be placed: {}",
                numbers[..shown].join("` `"),
                gap.why
            ),
        )
        // The text at the position: the first of them.
        .at(pos, numbers.first().cloned().unwrap_or_default());
        if gap.rows.is_empty() {
            problems.push(problem);
            continue;
        }
        for row in &gap.rows {
            if let Some(spec) = spec_of(*row) {
                for column in spec.columns {
                    let cell = format!("{}/{}", spec.path, column.name);
                    if !store.filled.contains_key(&cell) {
                        store.explain(cell, problem.clone());
                    }
                }
            }
        }
    }
}

/// What stands at a place of a table, for [`pair_in_order`].
pub(crate) enum Mark {
    /// A heading, or a row read with its numbers beside its label: no row's numbers cross it.
    Barrier,
    /// Something that makes the count of its stretch unknown (numbers gathered from several
    /// lines): nothing in the stretch is paired.
    Unpairable,
    /// A label standing apart from its numbers (by the caller's index).
    Label(usize),
    /// A line of numbers without a label (by the caller's index).
    Numbers(usize),
}

/// Labels alone paired with lines of numbers alone by [`pair_in_order`].
pub(crate) struct Pairing {
    /// A label and the line of numbers that holds its cells.
    pub pairs: Vec<(usize, usize)>,
    /// Labels that stand among lines of numbers alone they could not be paired with: their
    /// numbers are probably printed, only not placed, so they are not blank.
    pub unpaired: Vec<usize>,
}

/// Pairs the labels standing apart from their numbers with the lines of numbers alone, in
/// document order (`marks`, sorted by place; ties keep their order).
///
/// The barriers cut the table into stretches; no row's numbers cross one. Within a stretch,
/// when the labels are as many as the lines of numbers and each line fits its label's row
/// (`fits`), the k-th line is the k-th label's, whether the labels stand
/// above their numbers, below, or some of each: the order of the rows is the only reading the
/// labels leave. Any other count, or an unpairable mark, leaves the whole stretch unpaired.
pub(crate) fn pair_in_order(
    mut marks: Vec<(usize, Mark)>,
    fits: impl Fn(usize, usize) -> bool,
) -> Pairing {
    marks.sort_by_key(|(at, _)| *at);
    marks.push((usize::MAX, Mark::Barrier));
    let mut pairing = Pairing {
        pairs: Vec::new(),
        unpaired: Vec::new(),
    };
    let (mut labels, mut numbers): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut pairable = true;
    for (_, mark) in marks {
        match mark {
            Mark::Label(k) => labels.push(k),
            Mark::Numbers(k) => numbers.push(k),
            Mark::Unpairable => pairable = false,
            Mark::Barrier => {
                let paired = pairable
                    && labels.len() == numbers.len()
                    && labels.iter().zip(&numbers).all(|(l, n)| fits(*l, *n));
                if paired {
                    pairing
                        .pairs
                        .extend(labels.iter().copied().zip(numbers.iter().copied()));
                } else if !numbers.is_empty() || !pairable {
                    pairing.unpaired.extend(labels.iter().copied());
                }
                labels.clear();
                numbers.clear();
                pairable = true;
            }
        }
    }
    pairing
}

/// Whether `values` hold exactly `columns` cells once padding is dropped, a number in one at
/// least: a line of numbers alone that a label alone may be paired with. A blank among them is
/// taken for a cell printed blank (or the place of a cell pulled out below the row, which
/// [`crate::pulled`] places) only when the line prints the label's columns too
/// ([`label_columns_printed`]), so that no column is in doubt.
pub(crate) fn fills_columns(values: &[ValueCell], padded_at_end: bool, columns: usize) -> bool {
    let anchored = label_columns_printed(values, padded_at_end, columns);
    matches!(
        fit(values.to_vec(), columns, padded_at_end),
        Fit::Exact(cells) if cells.iter().any(|v| !v.is_blank())
            && (anchored || cells.iter().all(|v| !v.is_blank()))
    )
}

/// Whether a positional line prints more fields than the row has columns, the surplus its label
/// columns, so that its last `columns` fields are the row's columns. Tab-separated text pads a
/// line with empty fields at its end and trims them too (`\t7\t0` may be the cells 7 and 0 of a
/// row whose last is trimmed or pulled out, or a blank and 7 and 0): there the last field must
/// be a figure, and one field more than the columns is then the label's.
pub(crate) fn label_columns_printed(
    values: &[ValueCell],
    padded_at_end: bool,
    columns: usize,
) -> bool {
    values.len() > columns && (!padded_at_end || values.last().is_some_and(|v| !v.is_blank()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Labels (`L`), lines of numbers (`N`), barriers (`|`) and unpairable marks (`?`) in order,
    /// every line fitting every label.
    fn pairs(marks: &str) -> (Vec<(usize, usize)>, Vec<usize>) {
        let (mut labels, mut lines) = (0, 0);
        let marks: Vec<(usize, Mark)> = marks
            .chars()
            .enumerate()
            .map(|(at, c)| {
                let mark = match c {
                    'L' => {
                        labels += 1;
                        Mark::Label(labels - 1)
                    }
                    'N' => {
                        lines += 1;
                        Mark::Numbers(lines - 1)
                    }
                    '?' => Mark::Unpairable,
                    _ => Mark::Barrier,
                };
                (at, mark)
            })
            .collect();
        let pairing = pair_in_order(marks, |_, _| true);
        (pairing.pairs, pairing.unpaired)
    }

    /// A store holding 表三 with every row zero but those of `rows` (by index into the
    /// template's 25 rows), each `n` in the natural-person and 总计 columns.
    fn table(rows: &[(usize, u64)]) -> CellStore {
        let mut store = CellStore::default();
        for (k, (_, path, _)) in crate::template::APP_ROWS.iter().enumerate() {
            let n = rows.iter().find(|(r, _)| *r == k).map_or(0, |(_, n)| *n);
            for (c, column) in APPLICANT_COLUMNS.iter().enumerate() {
                let value = if c == 0 || c == 6 { n } else { 0 };
                store.fill(
                    format!("{path}/{}", column.name),
                    crate::cells::Filled {
                        value: value.into(),
                        pos: crate::normalize::SourcePos::default(),
                        raw: value.to_string(),
                        rules: Vec::new(),
                    },
                );
            }
        }
        store
    }

    fn set(store: &mut CellStore, pointer: &str, n: u64) {
        if let Some(filled) = store.filled.get_mut(pointer) {
            filled.value = n.into();
        }
    }

    /// A row's cells as printed, space-separated, `/` a blank.
    fn value_cells(numbers: &str) -> Vec<ValueCell> {
        numbers
            .split(' ')
            .map(|n| match n {
                "/" => ValueCell::Blank {
                    pos: None,
                    raw: n.to_owned(),
                    spanned: false,
                    off_grid: false,
                },
                _ => ValueCell::Token {
                    text: n.to_owned(),
                    raw: n.to_owned(),
                    pos: crate::normalize::SourcePos::default(),
                },
            })
            .collect()
    }

    #[test]
    fn failures_are_explained_only_by_cells_the_report_misprints() {
        // 一 3 = （一） 3 = （七） 3; every cell of the table placed.
        let consistent = table(&[(0, 3), (2, 3), (23, 3)]);
        let cells: Vec<String> = consistent.filled.keys().cloned().collect();
        assert!(misprints_explain(&consistent, &cells, None, 2));
        // （一） printed 5 for 3: its R3 and R2 over the natural-person column fail by 2.
        let mut one = consistent.clone();
        set(&mut one, "/applications/results/granted/natural_person", 5);
        assert!(misprints_explain(&one, &cells, None, 1));
        // And 二 printed 4 for 0 besides: a second misprint, elsewhere.
        let mut two = one.clone();
        set(
            &mut two,
            "/applications/carried_over/commercial_enterprise",
            4,
        );
        assert!(misprints_explain(&two, &cells, None, 2));
        // Not with one misprint only, and a third is too many.
        assert!(!misprints_explain(&two, &cells, None, 1));
        let mut three = two.clone();
        set(&mut three, "/applications/carried_forward/other_org", 1);
        assert!(!misprints_explain(&three, &cells, None, 2));
        // Rows placed by order are kept with three (`PLACED_ROWS_MISPRINTS`), each cell still
        // witnessed by its row's 总计 and its column's R1 or R2.
        assert!(misprints_explain(&three, &cells, None, 3));
        let mut four = three.clone();
        set(
            &mut four,
            "/applications/results/unable/not_held/legal_service_org",
            2,
        );
        assert!(!misprints_explain(&four, &cells, None, 3));
        // 一 and （二） swapped: every row holds its own 总计, R1 and R2 fail in two columns,
        // which no change of one or two cells repairs.
        let swapped = table(&[(3, 3), (2, 3), (23, 3)]);
        assert!(!misprints_explain(&swapped, &cells, None, 2));
        assert!(!misprints_explain(&swapped, &cells, None, 3));
        // 一 5 = （一） 3 + （二） 2 = （七） 5, with 一 and （二） read in each other's place: each
        // row holds its own 总计, R1 and R2 fail by 3 in the natural-person and 总计 columns, of
        // whose cells only （七）总计's read both, and a change of one mends R1 and breaks R2 the
        // more. No three cells explain it.
        let exchanged = table(&[(0, 2), (2, 3), (3, 5), (23, 5)]);
        assert!(!misprints_explain(&exchanged, &cells, None, 3));
        // Two changes that cancel out, as numbers read in each other's place look: （一） 5 for 3
        // and 一's 总计 1 for 3, a repair of -2 and +2. Taken only where the caller allows.
        let mut moved = one.clone();
        set(&mut moved, "/applications/new_received/total", 1);
        let apart = |changes: &[i128]| changes.len() < 2 || changes.iter().sum::<i128>() != 0;
        assert!(misprints_explain(&moved, &cells, None, 2));
        assert!(!misprints_explain_by(&moved, &cells, None, 2, apart));
        assert!(misprints_explain_by(&two, &cells, None, 2, apart));
        // An identity over the cells that cannot be evaluated confirms nothing.
        let mut unread = one.clone();
        unread
            .filled
            .remove("/applications/results/total/natural_person");
        assert!(!misprints_explain(&unread, &cells, None, 2));
    }

    /// Rows placed whole beside a cell the report prints blank: the blank leaves its column's
    /// sum and its row's 总计 unevaluable; the rows are confirmed by the identities of their other
    /// columns, but not where a cell is unread (not blank) or an identity fails; a cell that no
    /// identity able to be evaluated reads is left out alone.
    #[test]
    fn rows_placed_beside_a_blank_are_confirmed_by_their_other_columns() {
        // 一 3 = （一） 3 = （七） 3, （三）1's 科研机构 printed blank.
        let mut store = table(&[(0, 3), (2, 3), (23, 3)]);
        let blank = "/applications/results/withheld/state_secret/research_institution";
        store.filled.remove(blank);
        store.miss(
            blank.to_owned(),
            Problem::new(ProblemCode::CellBlank, "blank in the report"),
        );
        let placed: Vec<String> = ["granted", "partially_granted"]
            .iter()
            .flat_map(|row| {
                APPLICANT_COLUMNS
                    .iter()
                    .map(move |c| format!("/applications/results/{row}/{}", c.name))
            })
            .collect();
        assert!(unconfirmed(&store, &placed, None).is_some());
        assert_eq!(unconfirmed_with(&store, &placed, None, true), None);
        // A cell of theirs wrong: an evaluable identity fails.
        let mut wrong = store.clone();
        set(
            &mut wrong,
            "/applications/results/granted/natural_person",
            4,
        );
        assert!(unconfirmed_with(&wrong, &placed, None, true).is_some());
        // A cell unread rather than blank: nothing says the column adds up.
        let mut unread = store.clone();
        unread.explain(
            blank.to_owned(),
            Problem::new(ProblemCode::CellUnreadable, "not read"),
        );
        assert!(unconfirmed_with(&unread, &placed, None, true).is_some());
        // A placed cell whose every identity the blanks leave unevaluable: （一）'s 科研机构 read,
        // its column's R2 lacking the blank above, its row's R3 the blank （一）商业企业.
        let mut alone = store.clone();
        let row_blank = "/applications/results/granted/commercial_enterprise";
        alone.filled.remove(row_blank);
        alone.miss(
            row_blank.to_owned(),
            Problem::new(ProblemCode::CellBlank, "blank in the report"),
        );
        // The rows stand confirmed by their other cells; that one cell alone is checked by
        // nothing, and left out.
        assert_eq!(unconfirmed_with(&alone, &placed, None, true), None);
        assert_eq!(
            unchecked(&alone, &placed, None),
            ["/applications/results/granted/research_institution"]
        );
        assert!(unchecked(&store, &placed, None).is_empty());
        // Every column's R2 unevaluable (a row of blanks, as a label whose numbers stand apart
        // reads until they are placed): the rows' own R3 holds wherever they are put, so nothing
        // confirms where they stand.
        let mut columns_blank = table(&[(0, 3), (2, 3), (23, 3)]);
        for column in APPLICANT_COLUMNS.iter() {
            let cell = format!(
                "/applications/results/withheld/state_secret/{}",
                column.name
            );
            columns_blank.filled.remove(&cell);
            columns_blank.miss(cell, Problem::new(ProblemCode::CellBlank, "blank"));
        }
        assert!(
            unconfirmed_with(&columns_blank, &placed, None, true)
                .is_some_and(|why| why.contains("no identity across rows"))
        );
    }

    /// A report whose rows add up and one or two columns do not: placed rows kept; not where a
    /// row does not add up, three columns fail, or one column fails in two identities (a row
    /// read in another's place across R1's rows and R2's).
    #[test]
    fn columns_not_adding_up_with_rows_that_do_are_the_reports() {
        // 一 3 = （一） 3 = （七） 3 in the natural-person and 总计 columns.
        let consistent = table(&[(0, 3), (2, 3), (23, 3)]);
        let cells: Vec<String> = consistent.filled.keys().cloned().collect();
        assert!(!columns_mis_totalled(&consistent, &cells, None, false));
        let add = |store: &mut CellStore, row: &str, column: &str, n: u64| {
            for cell in [format!("{row}/{column}"), format!("{row}/total")] {
                let value = store
                    .filled
                    .get(&cell)
                    .and_then(|f| f.value.as_u64())
                    .unwrap_or_default();
                set(store, &cell, value + n);
            }
        };
        // （二） gains 2 under 商业企业, its 总计 alike: R2 of that column and of 总计 fail.
        let mut one = consistent.clone();
        add(
            &mut one,
            "/applications/results/partially_granted",
            "commercial_enterprise",
            2,
        );
        assert!(columns_mis_totalled(&one, &cells, None, false));
        // And 一 gains 5 under 其他: R1 of that column fails too, and R1 and R2 of 总计.
        let mut two = one.clone();
        add(&mut two, "/applications/new_received", "other_org", 5);
        assert!(columns_mis_totalled(&two, &cells, None, false));
        // A third column: more than a report's misprinted totals.
        let mut three = two.clone();
        add(
            &mut three,
            "/applications/results/granted",
            "legal_service_org",
            1,
        );
        assert!(!columns_mis_totalled(&three, &cells, None, false));
        // A cell changed alone: its row's 总计 fails.
        let mut row = consistent.clone();
        set(&mut row, "/applications/results/granted/natural_person", 4);
        assert!(!columns_mis_totalled(&row, &cells, None, false));
        // （七）总计's cell changed with its 总计: R1 and R2 of one column both fail.
        let mut both = consistent.clone();
        add(
            &mut both,
            "/applications/results/total",
            "commercial_enterprise",
            2,
        );
        assert!(!columns_mis_totalled(&both, &cells, None, false));
        // An identity over the cells that cannot be evaluated.
        let mut unread = one.clone();
        unread
            .filled
            .remove("/applications/results/granted/other_org");
        assert!(!columns_mis_totalled(&unread, &cells, None, false));
    }

    /// Rows placed by order beside blanks in a row and a column: the rows stay, the one cell at
    /// that row and column (read by no identity that can be evaluated) is left out alone, with a
    /// problem that is the reader's, and the blanks stay the publisher's.
    #[test]
    fn a_placed_cell_between_a_blank_row_and_a_blank_column_alone_is_left_out() {
        let mut store = table(&[(0, 3), (2, 3), (23, 3)]);
        let row_blank = "/applications/results/granted/commercial_enterprise";
        let column_blank = "/applications/results/withheld/state_secret/research_institution";
        store.filled.remove(column_blank);
        store.miss(
            column_blank.to_owned(),
            Problem::new(ProblemCode::CellBlank, "blank in the report"),
        );
        store
            .filled
            .retain(|p, _| !p.starts_with("/applications/results/granted/"));
        let assignment = Assignment {
            rows: vec![(AppRow::Granted, value_cells("3 / 0 0 0 0 3"))],
            whole_lines: true,
            labelled: false,
            joined: Vec::new(),
        };
        confirm(
            vec![assignment],
            crate::template::app_row_spec,
            &mut store,
            None,
        );
        let code = |p: &str| store.missing.get(p).map(|p| p.code);
        assert_eq!(
            code("/applications/results/granted/research_institution"),
            Some(ProblemCode::UnlabelledRowsUnconfirmed)
        );
        assert_eq!(code(row_blank), Some(ProblemCode::CellBlank));
        assert_eq!(code(column_blank), Some(ProblemCode::CellBlank));
        for column in ["natural_person", "social_welfare_org", "other_org", "total"] {
            let cell = format!("/applications/results/granted/{column}");
            assert!(store.filled.contains_key(&cell), "{cell} left out");
        }
    }

    /// 表三 with 一, （一） and （七） `n` in the natural-person and 总计 columns, 0 elsewhere, and
    /// （一） placed by order as `granted` (its numbers, the cells of `joined` joined from
    /// wrapped pieces), then confirmed.
    fn granted_placed_by_order(n: u64, granted: &str, joined: Vec<(AppRow, usize)>) -> CellStore {
        let mut store = table(&[(0, n), (2, n), (23, n)]);
        store
            .filled
            .retain(|p, _| !p.starts_with("/applications/results/granted/"));
        let assignment = Assignment {
            rows: vec![(AppRow::Granted, value_cells(granted))],
            whole_lines: true,
            labelled: false,
            joined,
        };
        confirm(
            vec![assignment],
            crate::template::app_row_spec,
            &mut store,
            None,
        );
        store
    }

    /// （一） placed by order as `5 0 0 0 0 0 3` where 一 and （七） leave 3: its R3 and its
    /// column's R2 fail as a misprinted 自然人 breaks them, and the row is kept, the break the
    /// report's. Where the reader joined that 5 from pieces wrapped in a narrow cell, it is its
    /// reading, not the report's print, and no other cell explains the failures: the row is
    /// left missing.
    #[test]
    fn a_number_the_reader_joined_is_never_the_misprint_of_a_row_placed_by_order() {
        let printed = granted_placed_by_order(3, "5 0 0 0 0 0 3", Vec::new());
        let read = printed
            .filled
            .get("/applications/results/granted/natural_person")
            .map(|f| &f.rules);
        assert_eq!(
            read,
            Some(&vec![ReadingRule::UnlabelledRowPlacedByTemplateOrder])
        );
        let joined = granted_placed_by_order(3, "5 0 0 0 0 0 3", vec![(AppRow::Granted, 0)]);
        for column in APPLICANT_COLUMNS.iter() {
            let cell = format!("/applications/results/granted/{}", column.name);
            assert_eq!(
                joined.missing.get(&cell).map(|p| p.code),
                Some(ProblemCode::UnlabelledRowsUnconfirmed),
                "{cell}"
            );
        }
    }

    /// A row placed by order keeps, on each cell whose number the reader joined from wrapped
    /// pieces, the rule that joined it, beside the rule that placed it.
    #[test]
    fn a_joined_number_placed_by_order_says_how_it_was_read() {
        let store = granted_placed_by_order(13, "13 0 0 0 0 0 13", vec![(AppRow::Granted, 0)]);
        let rules = |cell: &str| store.filled.get(cell).map(|f| f.rules.clone());
        assert_eq!(
            rules("/applications/results/granted/natural_person"),
            Some(vec![
                ReadingRule::UnlabelledRowPlacedByTemplateOrder,
                ReadingRule::WrappedDigitsJoinedByIdentities
            ])
        );
        assert_eq!(
            rules("/applications/results/granted/total"),
            Some(vec![ReadingRule::UnlabelledRowPlacedByTemplateOrder])
        );
    }

    #[test]
    fn a_misprint_in_a_merged_other_row_is_witnessed_by_its_own_total() {
        // 一 3 = （一） 1 + （六） 2 = （七） 3, （六） printed as one merged row: its three 2021
        // rows are not cells, R2 reads the merged row's cells in their place.
        let mut store = table(&[(0, 3), (2, 1), (23, 3)]);
        store
            .filled
            .retain(|p, _| !p.starts_with("/applications/results/other/"));
        let cells: Vec<String> = store.filled.keys().cloned().collect();
        let merged = |natural_person: u64, total: u64| -> MergedOther {
            [
                Some(natural_person),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(0),
                Some(total),
            ]
        };
        assert!(misprints_explain(&store, &cells, Some(&merged(2, 2)), 1));
        // The merged row printed 7 for 2 under natural persons: R2 over that column and the
        // merged row's 总计 fail by 5, the change of that one cell repairs both.
        assert!(misprints_explain(&store, &cells, Some(&merged(7, 2)), 1));
        // And its 总计 printed 9 for 2 besides: two misprints.
        assert!(!misprints_explain(&store, &cells, Some(&merged(7, 9)), 1));
        assert!(misprints_explain(&store, &cells, Some(&merged(7, 9)), 2));
        // A merged row that holds its own 总计 but not R2 in two columns: no cell of it has a
        // second witness (another row's numbers would look so), nor does any other.
        assert!(!misprints_explain(&store, &cells, Some(&merged(7, 7)), 2));
        // A merged cell unread leaves R2 unevaluable: nothing is confirmed.
        let unread = [Some(7), Some(0), Some(0), Some(0), Some(0), None, Some(2)];
        assert!(!misprints_explain(&store, &cells, Some(&unread), 2));
    }

    #[test]
    fn a_leaf_numbering_beside_its_group_label_is_no_cell() {
        let segment = |label: &str, numbers: &str| Segment {
            label: Some(crate::table::Label {
                cells: vec![label.to_owned()],
                ..Default::default()
            }),
            values: numbers
                .split(' ')
                .map(|n| ValueCell::Token {
                    text: n.to_owned(),
                    raw: n.to_owned(),
                    pos: crate::normalize::SourcePos::default(),
                })
                .collect(),
            positional: false,
            padded_at_end: false,
        };
        let numbers = |s: &Segment| -> Vec<String> {
            row_numbers(s).iter().map(|v| v.raw().to_owned()).collect()
        };
        let cells = ["0", "25", "0", "9", "8", "0", "42"];
        assert_eq!(
            numbers(&segment("(六)其他处理", "3 0 25 0 9 8 0 42")),
            cells
        );
        assert_eq!(
            numbers(&segment(
                "三、本年度办理结果(三)不予公开",
                "8 0 25 0 9 8 0 42"
            )),
            cells
        );
        // (六) has three leaves; other labels have no leaves; seven numbers are the row's.
        assert_eq!(
            numbers(&segment("(六)其他处理", "4 0 25 0 9 8 0 42")).len(),
            8
        );
        assert_eq!(
            numbers(&segment("(二)部分公开", "3 0 25 0 9 8 0 42")).len(),
            8
        );
        assert_eq!(numbers(&segment("(六)其他处理", "3 0 25 0 9 8 0")).len(), 7);
    }

    #[test]
    fn labels_pair_in_order_within_their_stretch() {
        // Below, above, or some of each: the k-th line is the k-th label's.
        assert_eq!(pairs("|NLNL|").0, vec![(0, 0), (1, 1)]);
        assert_eq!(pairs("|LNNL|").0, vec![(0, 0), (1, 1)]);
        // A stretch with a line too many or too few pairs nothing and says so.
        assert_eq!(pairs("|NLNNL|"), (vec![], vec![0, 1]));
        assert_eq!(pairs("|NLL|"), (vec![], vec![0, 1]));
        // Stretches are apart: one that counts right pairs whatever the other does.
        assert_eq!(pairs("|NL|NNL|"), (vec![(0, 0)], vec![1]));
        // A label with no line of numbers anywhere near is left alone (a blank row).
        assert_eq!(pairs("|L|"), (vec![], vec![]));
        // Numbers gathered from several lines make the count unknown.
        assert_eq!(pairs("|NL?NL|"), (vec![], vec![0, 1]));
    }
}
