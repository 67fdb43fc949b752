//! Deciding how runs of digits that stand for several cells split, by the identities of the rule
//! catalogue (`xxgk_model::RULES_JSON`, expanded by `xxgk-catalogue`), never by hand-coded sums.
//!
//! A run's split is placed only when it is the same in every split of the whole table that
//! satisfies the identities reading its cells, and at least one such split exists; a run whose
//! digits admit exactly one split at all (`0000000`) is placed by that alone. An identity that
//! reads a cell no run stands for (a row not found) cannot be evaluated and decides nothing. An
//! identity local to one run that no split of it satisfies is broken by the report itself
//! (`801000080` has no split with 总计 the sum of the others): that run is then read by the
//! other identities only. A table no split of which satisfies all its identities breaks some
//! across rows too: it is read by those it does not break ([`broken_reading`]), and what that
//! leaves unread of 表三 as printed with one misprinted cell ([`misprint_reading`]). Every
//! search is bounded, and says so when the bound stopped it.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

use xxgk_catalogue::CatalogueError;

use crate::cells::{CellStore, Filled};
use crate::gaps::misprints_explain_by;
use crate::normalize::SourcePos;
use crate::problem::{ProblemCode, ReadingRule};
use crate::split::{
    Budget, Linear, Segment, Splits, all_splits, digit_count, paired_splits, pinned_splits,
    ranged_splits, segment_splits,
};

/// Most candidate splits kept for one run.
const MAX_CANDIDATES: usize = 512;
/// Readings with a cell printed blank weighed against a run placed where several splits agree.
const BLANK_READINGS: usize = 512;
/// Most readings of a 表三 row one number short weighed, and splits of its digits listed for
/// them: a blank 总计 leaves the others free, as many as the splits (3,003 for 16 digits).
const SHORT_READINGS: usize = 4096;
/// Steps of the candidate search of one run.
pub(crate) const RUN_STEPS: u32 = 200_000;
/// Nodes of one joint search.
const JOINT_NODES: u32 = 100_000;
/// Most breaks (groups of identities, a column's, counted as [`Breaks`] does) that the
/// fewest-breaking reading of a broken table may leave out; a table breaking more stays
/// unread. One: where the fewest are two, rows that several changed cells misprint can make up
/// for each other, and a split satisfying the others was measured wrong (2 cells of a report
/// with three cells changed, drawn among the first few tens of thousands).
const MAX_BROKEN_GROUPS: usize = 1;
/// Most readings of a broken table searched, each leaving out other groups of identities.
const MAX_READINGS: usize = 128;
/// Splits of one row enumerated when checking it against the rows around it.
const ROW_CHECK_SPLITS: usize = 64;

/// Digits that stand for consecutive cells of a table.
#[derive(Debug)]
pub(crate) struct Run {
    /// The cells, in order.
    pub pointers: Vec<&'static str>,
    /// ASCII digits only.
    pub digits: String,
    /// The page prints the digits as one count per cell, whitespace between them: a cell
    /// printed blank would leave a gap, not hide in the run.
    pub printed_apart: bool,
}

/// What became of a run.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Decision {
    /// Split into these values (one per cell), by this rule.
    Placed(Vec<u64>, ReadingRule),
    /// A run of several segments (表四's three groups) split into these values, of which only
    /// the cells marked `true` (those every leave-one-out split confirms) are placed; why the
    /// others are not.
    Partly(Vec<u64>, Vec<bool>, ReadingRule, String),
    /// A 表三 row whose digits are one number short, split into these values with the cell at
    /// this index printed blank (a blank leaves no trace where cells run together), by this
    /// rule: every other cell placed, the blank's value the count the row's 总计 requires,
    /// with which every identity reading it holds; the blank is no count of the report.
    WithBlank(Vec<u64>, usize, ReadingRule),
    /// Left missing, with the reason.
    Missing(ProblemCode, String),
}

/// One identity of the catalogue: its id and the cells of both sides.
pub(crate) struct Identity {
    pub rule: String,
    pub lhs: Vec<&'static str>,
    pub rhs: Vec<&'static str>,
}

impl Identity {
    /// Whether the identity reads `cell`.
    pub fn reads(&self, cell: &str) -> bool {
        self.lhs.iter().chain(&self.rhs).any(|c| *c == cell)
    }

    /// Whether the identity holds under `value`; `None` when a cell has no value.
    pub fn holds(&self, value: impl Fn(&str) -> Option<u64>) -> Option<bool> {
        let side = |cells: &[&'static str]| -> Option<u128> {
            cells.iter().map(|c| value(c).map(u128::from)).sum()
        };
        Some(side(&self.lhs)? == side(&self.rhs)?)
    }

    /// The count `cell` must hold for the identity to hold, every other cell valued by `value`:
    /// `Some(None)` when no count makes it hold, `None` when another cell has no value or the
    /// identity does not read `cell` exactly once.
    pub fn required(&self, cell: &str, value: impl Fn(&str) -> Option<u64>) -> Option<Option<u64>> {
        required(&self.lhs, &self.rhs, &cell, |c: &&str| value(c))
    }
}

/// The count the cell `at` must hold for `lhs = rhs` to hold, every other cell valued by
/// `value`: `Some(None)` when no count makes it hold, `None` when another cell has no value or
/// `at` is not read exactly once.
fn required<C: PartialEq + ?Sized, T: std::borrow::Borrow<C>>(
    lhs: &[T],
    rhs: &[T],
    at: &C,
    value: impl Fn(&C) -> Option<u64>,
) -> Option<Option<u64>> {
    let mut own_side: Option<bool> = None;
    let (mut lhs_sum, mut rhs_sum) = (0u128, 0u128);
    for (is_lhs, cells) in [(true, lhs), (false, rhs)] {
        for cell in cells {
            let cell = cell.borrow();
            if cell == at {
                if own_side.is_some() {
                    return None;
                }
                own_side = Some(is_lhs);
                continue;
            }
            let count = u128::from(value(cell)?);
            if is_lhs {
                lhs_sum += count;
            } else {
                rhs_sum += count;
            }
        }
    }
    let (mine, other) = if own_side? {
        (lhs_sum, rhs_sum)
    } else {
        (rhs_sum, lhs_sum)
    };
    Some(other.checked_sub(mine).and_then(|v| u64::try_from(v).ok()))
}

/// The pointer of a cell of the model's cell table, as a `'static` string.
pub(crate) fn intern(pointer: &str) -> Option<&'static str> {
    static POINTERS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    POINTERS
        .get_or_init(|| xxgk_model::CELLS.iter().map(|c| c.pointer).collect())
        .get(pointer)
        .copied()
}

/// The identities of a catalogue, with pointers interned in the model's cell table; an identity
/// reading a pointer that is no cell of the model is refused.
fn expand(catalogue: &xxgk_catalogue::Catalogue) -> Result<Arc<[Identity]>, CatalogueError> {
    let intern_all = |cells: &[String]| -> Result<Vec<&'static str>, CatalogueError> {
        cells
            .iter()
            .map(|p| {
                intern(p).ok_or_else(|| {
                    CatalogueError::new(format!("{p} is not a cell of the report model"))
                })
            })
            .collect()
    };
    catalogue
        .identities()?
        .iter()
        .map(|identity| {
            Ok(Identity {
                rule: identity.rule.id.clone(),
                lhs: intern_all(&identity.lhs)?,
                rhs: intern_all(&identity.rhs)?,
            })
        })
        .collect()
}

thread_local! {
    /// The identities of the catalogue [`with_catalogue`] put in place on this thread.
    static IN_PLACE: RefCell<Option<Arc<[Identity]>>> = const { RefCell::new(None) };
}

/// The expanded identities of the catalogue in use: the embedded one, unless [`with_catalogue`]
/// put another in place; none when the embedded one does not expand (then only unique splits
/// are placed and nothing is confirmed).
pub(crate) fn identities() -> Arc<[Identity]> {
    static EMBEDDED: OnceLock<Arc<[Identity]>> = OnceLock::new();
    IN_PLACE.with_borrow(Clone::clone).unwrap_or_else(|| {
        EMBEDDED
            .get_or_init(|| {
                xxgk_catalogue::Catalogue::from_json(xxgk_model::RULES_JSON)
                    .and_then(|c| expand(&c))
                    .unwrap_or_else(|_| Arc::from(Vec::new()))
            })
            .clone()
    })
}

/// Runs `extract` (any extraction of this crate) with the identities of `catalogue` in place
/// of the embedded catalogue's, on this thread: every split, placement and confirmation then
/// follows the given rules. For a catalogue under development (a new summation rule) and its
/// tests; fails when the catalogue does not expand or reads a pointer that is no cell of the
/// model.
pub fn with_catalogue<T>(
    catalogue: &xxgk_catalogue::Catalogue,
    extract: impl FnOnce() -> T,
) -> Result<T, CatalogueError> {
    /// Puts the previous identities back, even when `extract` unwinds.
    struct Restore(Option<Arc<[Identity]>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let previous = self.0.take();
            IN_PLACE.with_borrow_mut(|in_place| *in_place = previous);
        }
    }
    let table = expand(catalogue)?;
    let _restore = Restore(IN_PLACE.with_borrow_mut(|in_place| in_place.replace(table)));
    Ok(extract())
}

/// The consecutive segments, each totalled by its last cell, that the identities reading only
/// `cells` describe when they cover them all (表三's row: one segment of seven; 表四: three of
/// five); `None` when those identities have another shape.
pub(crate) fn local_segments(identities: &[Identity], cells: &[&str]) -> Option<Vec<usize>> {
    let at = |side: &[&'static str]| -> Option<Vec<(usize, usize)>> {
        side.iter()
            .map(|p| cells.iter().position(|c| c == p).map(|k| (0, k)))
            .collect()
    };
    let equations: Vec<Equation<'_>> = identities
        .iter()
        .filter_map(|identity| {
            Some(Equation {
                identity,
                lhs: at(&identity.lhs)?,
                rhs: at(&identity.rhs)?,
            })
        })
        .collect();
    total_segments(&equations.iter().collect::<Vec<_>>(), cells.len())
}

/// An identity over (run, part) positions.
struct Equation<'a> {
    identity: &'a Identity,
    lhs: Vec<(usize, usize)>,
    rhs: Vec<(usize, usize)>,
}

impl Equation<'_> {
    fn runs(&self) -> impl Iterator<Item = usize> + '_ {
        self.lhs.iter().chain(&self.rhs).map(|(run, _)| *run)
    }

    /// Whether the identity holds under a choice of values per run.
    fn holds(&self, value: impl Fn(usize, usize) -> Option<u64>) -> bool {
        let side = |cells: &[(usize, usize)]| -> Option<u128> {
            cells
                .iter()
                .map(|(run, part)| value(*run, *part).map(u128::from))
                .sum()
        };
        matches!((side(&self.lhs), side(&self.rhs)), (Some(l), Some(r)) if l == r)
    }

    /// Whether the identity may still hold once every cell has a value: no side whose cells
    /// with values already sum to more than the other side, every cell of which has one.
    fn may_hold(&self, value: impl Fn(usize, usize) -> Option<u64>) -> bool {
        let sums = |cells: &[(usize, usize)]| -> (u128, bool) {
            cells.iter().fold((0, true), |(sum, whole), (run, part)| {
                match value(*run, *part) {
                    Some(v) => (sum + u128::from(v), whole),
                    None => (sum, false),
                }
            })
        };
        let ((lhs, lhs_whole), (rhs, rhs_whole)) = (sums(&self.lhs), sums(&self.rhs));
        !(lhs_whole && rhs > lhs || rhs_whole && lhs > rhs)
    }
}

/// The segments of a run when its local identities are each "the last cell of a consecutive
/// segment is the sum of the others" and together cover the run: 表三's rows, 表四.
fn total_segments(equations: &[&Equation<'_>], parts: usize) -> Option<Vec<usize>> {
    let mut segments: Vec<(usize, usize)> = Vec::new();
    for equation in equations {
        let [(_, total)] = equation.lhs.as_slice() else {
            return None;
        };
        let mut summed: Vec<usize> = equation.rhs.iter().map(|(_, part)| *part).collect();
        summed.sort_unstable();
        let first = *summed.first()?;
        let consecutive = summed
            .iter()
            .enumerate()
            .all(|(k, part)| *part == first + k);
        if !consecutive || first + summed.len() != *total {
            return None;
        }
        segments.push((first, *total + 1));
    }
    segments.sort_unstable();
    let mut at = 0;
    let mut sizes = Vec::new();
    for (start, end) in segments {
        if start != at {
            return None;
        }
        sizes.push(end - start);
        at = end;
    }
    (at == parts && !sizes.is_empty()).then_some(sizes)
}

/// How one run may split.
#[derive(Clone)]
enum Candidates {
    /// These splits (each satisfying the run's local identities unless they are broken).
    Some(Vec<Vec<u64>>),
    /// More than could be enumerated within the bound.
    Bounded,
}

/// Decides every run of one table.
pub(crate) fn decide(runs: &[Run]) -> Vec<Decision> {
    let position: HashMap<&str, (usize, usize)> = runs
        .iter()
        .enumerate()
        .flat_map(|(r, run)| {
            run.pointers
                .iter()
                .enumerate()
                .map(move |(part, p)| (*p, (r, part)))
        })
        .collect();
    // Identities whose every cell some run stands for; the others cannot be evaluated.
    let identities = identities();
    let equations: Vec<Equation<'_>> = identities
        .iter()
        .filter_map(|identity| {
            let at = |cells: &[&str]| -> Option<Vec<(usize, usize)>> {
                cells.iter().map(|p| position.get(p).copied()).collect()
            };
            Some(Equation {
                identity,
                lhs: at(&identity.lhs)?,
                rhs: at(&identity.rhs)?,
            })
        })
        .collect();

    let Candidacy {
        mut single,
        mut candidates,
        mut joint,
        mut broken_local,
        mut variants,
        mut totalled,
        mut run_segments,
        mut unlisted_misprinted,
    } = Candidacy::with_capacity(runs.len());
    // Per run whose digits no split satisfies its 总计, its readings one number short.
    let mut one_short: Vec<Option<Vec<ShortReading>>> = vec![None; runs.len()];
    for (r, run) in runs.iter().enumerate() {
        let parts = run.pointers.len();
        // Each run its own budget: a long run must not starve the others.
        let mut budget = Budget::new(RUN_STEPS);
        let mut small = Budget::new(10_000);
        let at_most_two = all_splits(&run.digits, parts, 2, &mut small);
        single.push(match at_most_two.candidates.as_slice() {
            [only] if !at_most_two.truncated => Some(only.clone()),
            _ => None,
        });
        let local: Vec<&Equation<'_>> = equations
            .iter()
            .filter(|e| e.runs().all(|x| x == r))
            .collect();
        let segments = total_segments(&local, parts);
        let enumerated = match &segments {
            Some(sizes) => {
                let all_totalled: Vec<Segment> = sizes
                    .iter()
                    .map(|&size| Segment { size, total: true })
                    .collect();
                let with_totals =
                    segment_splits(&run.digits, &all_totalled, MAX_CANDIDATES, &mut budget);
                if with_totals.candidates.is_empty() && !with_totals.truncated {
                    // No split satisfies them: the report breaks them (for one identity) or
                    // one of them (for several); the run is read without them.
                    broken_local[r] = local.iter().map(|e| e.identity.rule.as_str()).collect();
                    // Or a cell printed blank left no trace in a 表三 row's digits.
                    if !run.printed_apart && sizes.as_slice() == [parts] {
                        one_short[r] = short_readings(&run.digits, parts);
                    }
                    all_splits(&run.digits, parts, MAX_CANDIDATES, &mut budget)
                } else {
                    with_totals
                }
            }
            None => {
                joint.extend(local.iter().copied());
                all_splits(&run.digits, parts, MAX_CANDIDATES, &mut budget)
            }
        };
        // A 表三 row no split of which satisfies its 总计 and whose splits are too many to list
        // (a misprinted cell among long counts): the misprint reading splits it by its columns.
        unlisted_misprinted.push(
            enumerated.truncated
                && broken_local.get(r).is_some_and(|b| !b.is_empty())
                && segments.as_deref() == Some(&[parts][..]),
        );
        run_segments.push(segments.clone());
        totalled.push(match segments.as_deref() {
            Some([whole]) if broken_local.get(r).is_some_and(Vec::is_empty) => whole.checked_sub(1),
            _ => None,
        });
        // Leave one out within the run: each segment's identity dropped in turn.
        variants.push(match &segments {
            Some(sizes) if sizes.len() > 1 && broken_local.get(r).is_some_and(Vec::is_empty) => {
                Some(local_variants(&run.digits, sizes))
            }
            _ => None,
        });
        candidates.push(match enumerated {
            Splits {
                truncated: true, ..
            } => Candidates::Bounded,
            Splits { candidates, .. } => Candidates::Some(candidates),
        });
    }
    let candidacy = Candidacy {
        single,
        candidates,
        joint,
        broken_local,
        variants,
        totalled,
        run_segments,
        unlisted_misprinted,
    };
    let (decisions, _) = read_table(runs, &equations, &candidacy);
    if one_short.iter().all(Option::is_none) {
        return decisions;
    }
    // Read again with each such row one number short, its readings those with a blank: where
    // the table then satisfies every identity, the cells it reads join those read as printed.
    let mut with_blanks = candidacy;
    for (r, readings) in one_short.iter().enumerate() {
        if let (Some(readings), Some(run)) = (readings, runs.get(r)) {
            with_blanks.read_one_short(r, readings, run.pointers.len());
        }
    }
    let (mut read_so, mut outcomes) = read_table(runs, &equations, &with_blanks);
    // A second blank in a row whose digits cut into seven numbers satisfying its 总计 all the
    // same (`0 13 45 8 0 · 66` also cuts 0 1 3 4 58 0 66) leaves the table so read unsatisfied.
    if let Some((trial, s, readings)) =
        second_blank(runs, &equations, &with_blanks, &one_short, &outcomes)
    {
        (read_so, outcomes) = read_table(runs, &equations, &trial);
        if let Some(slot) = one_short.get_mut(s) {
            *slot = Some(readings);
        }
    }
    decisions
        .into_iter()
        .zip(read_so)
        .zip(outcomes)
        .zip(&one_short)
        .map(|(((printed, with_blank), outcome), readings)| {
            if !matches!(outcome, Outcome::Done { solutions: 1.., .. }) {
                return printed;
            }
            let with_blank = match readings {
                Some(readings) => match blank_placed(with_blank, readings) {
                    Some(decision) => decision,
                    None => return printed,
                },
                None => with_blank,
            };
            joined(printed, with_blank)
        })
        .collect()
}

/// A reading of a 表三 row whose digits are one number short: a cell printed blank.
#[derive(Clone, Debug)]
struct ShortReading {
    /// Per cell its count, the blank's what the row's 总计 requires.
    values: Vec<u64>,
    /// The cells the blank may be: a blank among cells of one same count reads the same digits
    /// wherever it stands.
    blanks: Vec<usize>,
}

/// The readings of the digits of a row of `cells` totalled by its last (表三's R3) as one
/// number short, a cell printed blank that leaves no trace: each split into one number fewer,
/// the blank put in each cell in turn and valued as the 总计 requires (the publisher's total
/// counts what the blank leaves out; a blank 总计 is the sum of the others), readings of one
/// same count per cell joined. `None` when they are more than can be weighed.
fn short_readings(digits: &str, cells: usize) -> Option<Vec<ShortReading>> {
    let total = cells.checked_sub(1)?;
    let mut budget = Budget::new(RUN_STEPS);
    let splits = all_splits(digits, total, SHORT_READINGS, &mut budget);
    if splits.truncated {
        return None;
    }
    let mut readings: Vec<ShortReading> = Vec::new();
    let mut at: HashMap<Vec<u64>, usize> = HashMap::new();
    for split in &splits.candidates {
        let sum = |counts: &[u64]| -> u128 { counts.iter().map(|c| u128::from(*c)).sum() };
        for blank in 0..cells {
            let (before, after) = split.split_at(blank.min(split.len()));
            let count = if blank == total {
                sum(split)
            } else {
                let (others, printed_total) = match split.split_last() {
                    Some((printed_total, others)) => (sum(others), u128::from(*printed_total)),
                    None => (0, 0),
                };
                match printed_total.checked_sub(others) {
                    Some(count) => count,
                    None => continue,
                }
            };
            let Ok(count) = u64::try_from(count) else {
                continue;
            };
            let values: Vec<u64> = before
                .iter()
                .copied()
                .chain([count])
                .chain(after.iter().copied())
                .collect();
            match at.get(&values).and_then(|&k| readings.get_mut(k)) {
                Some(reading) => reading.blanks.push(blank),
                None => {
                    at.insert(values.clone(), readings.len());
                    readings.push(ShortReading {
                        values,
                        blanks: vec![blank],
                    });
                }
            }
            if readings.len() > SHORT_READINGS {
                return None;
            }
        }
    }
    Some(readings)
}

/// The decision of a row read one number short (`decision`, among its `readings`): its blank
/// said where the reading placed stands alone, or its cells but those it may be; `None` when
/// no one reading is placed.
fn blank_placed(decision: Decision, readings: &[ShortReading]) -> Option<Decision> {
    let Decision::Placed(values, _) = decision else {
        return None;
    };
    let reading = readings.iter().find(|reading| reading.values == values)?;
    let rule = ReadingRule::RunTogetherOneShortBlankPlaced;
    Some(match reading.blanks.as_slice() {
        [blank] => Decision::WithBlank(values, *blank, rule),
        blanks => Decision::Partly(
            values.clone(),
            (0..values.len()).map(|k| !blanks.contains(&k)).collect(),
            rule,
            "its digits are one number short (a cell printed blank leaves no trace where cells run together), and the blank may be any of these cells, which read one same count, every identity holding: they are not taken".to_owned(),
        ),
    })
}

/// Where the table read with its rows one number short (`with_blanks`) satisfies its identities
/// in no way, the one other 表三 row that, read one number short too, lets it: a cell printed
/// blank whose row's digits also cut into seven numbers satisfying its 总计. The candidacy
/// with that row one number short, the row and its readings; `None` where no row or more than
/// one would.
fn second_blank<'e>(
    runs: &[Run],
    equations: &'e [Equation<'e>],
    with_blanks: &Candidacy<'e>,
    one_short: &[Option<Vec<ShortReading>>],
    outcomes: &[Outcome],
) -> Option<(Candidacy<'e>, usize, Vec<ShortReading>)> {
    let unsatisfied = one_short
        .iter()
        .zip(outcomes)
        .any(|(readings, outcome)| readings.is_some() && matches!(outcome, Outcome::Broken { .. }));
    if !unsatisfied {
        return None;
    }
    let mut found = None;
    for (s, run) in runs.iter().enumerate() {
        let cells = run.pointers.len();
        let row_of_table_three =
            with_blanks.run_segments.get(s).and_then(Option::as_deref) == Some(&[cells][..]);
        if !row_of_table_three || run.printed_apart || one_short.get(s).is_some_and(Option::is_some)
        {
            continue;
        }
        // A row too long to list one number short (large counts, 一, （七）总计) is not
        // weighed: as the second blank its cells would be those the identities across rows
        // value from the other rows, which the reading found satisfies already.
        let Some(readings) = short_readings(&run.digits, cells).filter(|r| !r.is_empty()) else {
            continue;
        };
        let mut trial = with_blanks.clone();
        trial.read_one_short(s, &readings, cells);
        if trial.satisfiable(equations) {
            if found.is_some() {
                return None;
            }
            found = Some((trial, s, readings));
        }
    }
    found
}

/// Joins a run's reading as printed (`printed`, every cell a number) with its reading where
/// rows of the table one number short print a cell blank (`with_blank`, every identity
/// holding): each is sound under its own account of the digits, so the cells one of them
/// places, the other agreeing or placing nothing, are read; a cell they read otherwise (two
/// counts, or a count and the blank) leaves the run missing.
fn joined(printed: Decision, with_blank: Decision) -> Decision {
    if printed == with_blank || matches!(with_blank, Decision::Missing(..)) {
        return printed;
    }
    let Some(before) = placed_cells(&printed) else {
        return with_blank;
    };
    let now = placed_cells(&with_blank).unwrap_or_default();
    let blank = match &with_blank {
        Decision::WithBlank(_, blank, _) => Some(*blank),
        _ => None,
    };
    let disagree = before
        .iter()
        .zip(&now)
        .enumerate()
        .any(|(k, cells)| match cells {
            (Some(_), _) if Some(k) == blank => true,
            (Some(was), Some(now)) => was != now,
            _ => false,
        });
    if disagree {
        return Decision::Missing(
            ProblemCode::AmbiguousSplit,
            format!(
                "read as printed, a number in every cell, it splits `{}`, and read with a cell of the table printed blank (which leaves no trace where cells run together), `{}`, every identity holding: one of the two is wrong, so none is taken",
                shown_cells(&before, None),
                shown_cells(&now, blank)
            ),
        );
    }
    let (values, rule, why) = match with_blank {
        // It places every cell but the blank, which the reading as printed leaves.
        Decision::WithBlank(..) => return with_blank,
        Decision::Placed(values, rule) => (values, rule, None),
        Decision::Partly(values, _, rule, why) => (values, rule, Some(why)),
        Decision::Missing(..) => return printed,
    };
    let cells: Vec<Option<u64>> = before.iter().zip(&now).map(|(a, b)| a.or(*b)).collect();
    match cells.iter().copied().collect::<Option<Vec<u64>>>() {
        Some(values) => Decision::Placed(values, rule),
        None => Decision::Partly(
            cells
                .iter()
                .zip(values)
                .map(|(cell, value)| cell.unwrap_or(value))
                .collect(),
            cells.iter().map(Option::is_some).collect(),
            rule,
            why.or_else(|| match &printed {
                Decision::Partly(_, _, _, why) => Some(why.clone()),
                _ => None,
            })
            .unwrap_or_default(),
        ),
    }
}

/// Per run of a table, how it may split on its own, for the search across runs.
#[derive(Clone)]
struct Candidacy<'e> {
    /// The run's only split into its cells at all, where it has one.
    single: Vec<Option<Vec<u64>>>,
    candidates: Vec<Candidates>,
    /// Equations checked by the joint search besides those across runs: local ones of a shape
    /// the enumeration does not apply itself.
    joint: Vec<&'e Equation<'e>>,
    /// The run's own identities no split satisfies: it is read without them.
    broken_local: Vec<Vec<&'e str>>,
    /// Leave one out within the run: its splits with each segment's identity dropped in turn.
    variants: Vec<Option<Option<Vec<Vec<u64>>>>>,
    /// The part the run's candidates all make the sum of the others (a 表三 row's 总计).
    totalled: Vec<Option<usize>>,
    /// The totalled segments the run's own identities describe (表三's row, 表四).
    run_segments: Vec<Option<Vec<usize>>>,
    /// A 表三 row no split of which satisfies its 总计, its splits too many to list.
    unlisted_misprinted: Vec<bool>,
}

impl<'e> Candidacy<'e> {
    /// Run `r`, a 表三 row of `cells`, read one number short: its `readings` its candidates,
    /// each satisfying its 总计 (the blank valued so), none its only split.
    fn read_one_short(&mut self, r: usize, readings: &[ShortReading], cells: usize) {
        self.single[r] = None;
        self.candidates[r] =
            Candidates::Some(readings.iter().map(|one| one.values.clone()).collect());
        self.broken_local[r] = Vec::new();
        self.totalled[r] = cells.checked_sub(1);
        self.unlisted_misprinted[r] = false;
    }

    /// Per run, the splits the joint search weighs (none for a run too long to list).
    fn lists(&self) -> Vec<&[Vec<u64>]> {
        self.candidates
            .iter()
            .map(|c| match c {
                Candidates::Some(list) => list.as_slice(),
                Candidates::Bounded => &[],
            })
            .collect()
    }

    /// The equations the joint search checks: the local ones it applies and those across
    /// runs every run of which is listed.
    fn joint(&self, equations: &'e [Equation<'e>]) -> Vec<&'e Equation<'e>> {
        let enumerable =
            |r: usize| matches!(self.candidates.get(r), Some(Candidates::Some(c)) if !c.is_empty());
        let mut joint = self.joint.clone();
        joint.extend(
            equations
                .iter()
                .filter(|e| e.runs().any(|x| Some(x) != e.runs().next()))
                .filter(|e| e.runs().all(enumerable)),
        );
        joint
    }

    /// Whether some split of every listed run satisfies every equation the joint search
    /// checks, the search complete.
    fn satisfiable(&self, equations: &'e [Equation<'e>]) -> bool {
        let lists = self.lists();
        let members: Vec<usize> = (0..lists.len()).collect();
        matches!(
            joint_search(&lists, &self.joint(equations), &[], &members),
            Found::Done { solutions: 1.., .. }
        )
    }

    fn with_capacity(runs: usize) -> Self {
        Self {
            single: Vec::with_capacity(runs),
            candidates: Vec::with_capacity(runs),
            joint: Vec::new(),
            broken_local: vec![Vec::new(); runs],
            variants: Vec::with_capacity(runs),
            totalled: Vec::with_capacity(runs),
            run_segments: Vec::with_capacity(runs),
            unlisted_misprinted: Vec::with_capacity(runs),
        }
    }
}

/// Decides every run of a table from how each may split ([`Candidacy`]): the decisions, and per
/// run the outcome of the search across runs.
fn read_table<'e>(
    runs: &[Run],
    equations: &'e [Equation<'e>],
    candidacy: &Candidacy<'e>,
) -> (Vec<Decision>, Vec<Outcome>) {
    let Candidacy {
        single,
        candidates,
        broken_local,
        variants,
        totalled,
        run_segments,
        unlisted_misprinted,
        ..
    } = candidacy;
    let joint = candidacy.joint(equations);
    let enumerable =
        |r: usize| matches!(candidates.get(r), Some(Candidates::Some(c)) if !c.is_empty());
    let unlisted = |r: usize| unlisted_misprinted.get(r).copied().unwrap_or(false);
    let across: Vec<&Equation<'_>> = equations
        .iter()
        .filter(|e| e.runs().any(|x| Some(x) != e.runs().next()))
        .collect();
    // With the identities across rows that read a row too long to list as well: searched
    // apart, so that a misprint reading that reads nothing leaves the rest read as without them.
    let with_unlisted: Vec<&Equation<'_>> =
        joint
            .iter()
            .copied()
            .chain(across.iter().copied().filter(|e| {
                e.runs().any(unlisted) && e.runs().all(|x| enumerable(x) || unlisted(x))
            }))
            .collect();

    let lists = candidacy.lists();
    let decisions_by = |joint: &[&Equation<'_>]| -> (Vec<Decision>, Vec<Outcome>) {
        let outcomes = components_search(runs, &lists, joint, totalled);
        let decisions = runs
            .iter()
            .enumerate()
            .map(|(r, run)| {
                let list = lists.get(r).copied().unwrap_or_default();
                let broken = broken_local.get(r).map_or(&[][..], Vec::as_slice);
                let reads: Vec<&str> = joint
                    .iter()
                    .copied()
                    .filter(|e| e.runs().any(|x| x == r) && !e.runs().all(|x| x == r))
                    .chain(equations.iter().filter(|e| e.runs().all(|x| x == r)))
                    .map(|e| e.identity.rule.as_str())
                    .collect();
                // The identities that constrain the run's split (a broken local one does not).
                let confirming = reads.len() - if broken.is_empty() { 0 } else { broken.len() };
                let variant = variants.get(r).and_then(|v| v.as_ref());
                let decision = decide_run(
                    run,
                    single.get(r).cloned().flatten(),
                    matches!(candidates.get(r), Some(Candidates::Bounded)),
                    list,
                    outcomes.get(r).unwrap_or(&Outcome::Bounded),
                    &reads,
                    confirming,
                    broken,
                    variant.and_then(Option::as_deref),
                );
                match (decision, variant) {
                    (Decision::Placed(values, rule), Some(variant)) => {
                        by_cell(values, rule, variant.as_deref())
                    }
                    (decision, _) => decision,
                }
            })
            .collect();
        (decisions, outcomes)
    };
    let (mut decisions, outcomes) = decisions_by(&joint);
    if with_unlisted.len() > joint.len() {
        for (decision, misprinted) in decisions.iter_mut().zip(decisions_by(&with_unlisted).0) {
            take_misprint_reading(decision, misprinted);
        }
    }
    let placed = placed_parts(runs, &decisions);
    let table = Table {
        runs,
        equations,
        placed: &placed,
    };
    let suspects: Vec<Option<Suspect>> = decisions
        .iter()
        .enumerate()
        .map(|(r, decision)| table.suspect(r, decision, broken_local.get(r)))
        .collect();
    (
        table.without_blank_alternatives(decisions, &suspects, run_segments),
        outcomes,
    )
}

/// Adds to a run's `decision` the cells the misprint reading of its table with a row too long
/// to list (`misprinted`) places: each reading is sound alone, so their cells are read together;
/// a cell they read otherwise leaves the whole run missing, as one of them would misread it.
fn take_misprint_reading(decision: &mut Decision, misprinted: Decision) {
    let Some(now) = placed_cells(&misprinted) else {
        return;
    };
    let before = placed_cells(decision).unwrap_or_else(|| vec![None; now.len()]);
    let disagree = before
        .iter()
        .zip(&now)
        .any(|(was, now)| matches!((was, now), (Some(was), Some(now)) if was != now));
    if disagree {
        *decision = Decision::Missing(
            ProblemCode::AmbiguousSplit,
            format!(
                "the table read without the identities across a row too long to list splits it {}, and read with them, a cell misprinted, {}: one of the two is wrong, so none is taken",
                shown_cells(&before, None),
                shown_cells(&now, None)
            ),
        );
        return;
    }
    let joined: Vec<Option<u64>> = before.iter().zip(&now).map(|(a, b)| a.or(*b)).collect();
    *decision = match (
        joined.iter().copied().collect::<Option<Vec<u64>>>(),
        misprinted,
    ) {
        (Some(values), Decision::Placed(_, rule) | Decision::Partly(_, _, rule, _)) => {
            Decision::Placed(values, rule)
        }
        (None, Decision::Partly(_, _, rule, why)) => Decision::Partly(
            joined.iter().map(|cell| cell.unwrap_or(0)).collect(),
            joined.iter().map(Option::is_some).collect(),
            rule,
            why,
        ),
        // Not met: a misprint reading placing every cell leaves none of the joined unread; it
        // agrees with the first reading's cells, so it stands for both.
        (_, other) => other,
    };
}

/// Per cell, the count a decision places; `None` for a decision placing none.
fn placed_cells(decision: &Decision) -> Option<Vec<Option<u64>>> {
    match decision {
        Decision::Placed(values, _) => Some(values.iter().copied().map(Some).collect()),
        Decision::Partly(values, kept, _, _) => Some(
            values
                .iter()
                .zip(kept)
                .map(|(value, kept)| kept.then_some(*value))
                .collect(),
        ),
        Decision::WithBlank(values, blank, _) => Some(
            values
                .iter()
                .enumerate()
                .map(|(k, value)| (k != *blank).then_some(*value))
                .collect(),
        ),
        Decision::Missing(..) => None,
    }
}

/// Cells as a reading places them, for messages (`0 0 3 ? 1 (blank) 12`): `?` where it places
/// none, `(blank)` at `blank`.
fn shown_cells(cells: &[Option<u64>], blank: Option<usize>) -> String {
    let shown: Vec<String> = cells
        .iter()
        .enumerate()
        .map(|(k, cell)| match cell {
            _ if Some(k) == blank => "(blank)".to_owned(),
            Some(value) => value.to_string(),
            None => "?".to_owned(),
        })
        .collect();
    shown.join(" ")
}

/// The values the decisions place, per run and cell: `None` for a cell not placed; a blank
/// stands for the count the identities value it as.
fn placed_parts(runs: &[Run], decisions: &[Decision]) -> Vec<Vec<Option<u64>>> {
    runs.iter()
        .zip(decisions)
        .map(|(run, decision)| {
            let (values, kept): (&[u64], Option<&[bool]>) = match decision {
                Decision::Placed(values, _) | Decision::WithBlank(values, _, _) => (values, None),
                Decision::Partly(values, kept, _, _) => (values, Some(kept)),
                Decision::Missing(..) => (&[], None),
            };
            (0..run.pointers.len())
                .map(|k| {
                    values
                        .get(k)
                        .copied()
                        .filter(|_| kept.is_none_or(|kept| kept.get(k) == Some(&true)))
                })
                .collect()
        })
        .collect()
}

/// What a cell printed blank stands for in the identities reading it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum StandsFor {
    /// Whatever count the publisher left out.
    AnyCount,
    /// 0, as publishers print it blank (the spec's §4 counts a blank cell among the zeros of
    /// 2019-era reports): a run placed where several splits agree is weighed against these
    /// only, as against every count nearly every glued 表四 reads otherwise somewhere (47.87% →
    /// 33.20% of its cells read on consistent one-line reports).
    Zero,
}

/// Why a run's split may be a row with a cell printed blank read as one with none.
enum Suspect {
    /// No identity reads it (表二's): its digits cut into one number a cell only one way.
    NoIdentity,
    /// The split breaks these identities reading the run's cells (a row's 总计, a column's sum):
    /// no split satisfies them, or the table's reading explains the break by misprinted cells.
    Breaks(String),
    /// Its one cut into one number a cell (one digit each, as a 表四 of small counts prints)
    /// breaks these identities of the run's own, two or more (表四's R4 of several groups): two
    /// cells printed blank, which leave no trace, explain that as well as misprints in as many
    /// groups, and a report printing blanks in 表四 is the likelier (`00006191 6085013` is
    /// 0 · 0 0 0 | 6 · 1 9 16 | 0 8 5 0 13, and its fifteen digits cut into fifteen cells break
    /// every group).
    OwnBroken(usize, String),
    /// Only some cells are placed, those that several readings of the digits read alike: the
    /// report's own reading is among them only where it prints no cell blank (a 表四
    /// `… 12630701270 0101` whose `0 1 · 0 1` group, a blank among it, also splits as
    /// `… 1 26 30 70 127 0 0 1 0 1`, every 总计 holding).
    Several,
}

/// A table's runs as decided, for the check of their splits against a cell printed blank.
struct Table<'a, 'e> {
    runs: &'a [Run],
    /// The identities every cell of which some run stands for, by (run, cell) positions.
    equations: &'a [Equation<'e>],
    /// Per run and cell, the value decided ([`placed_parts`]).
    placed: &'a [Vec<Option<u64>>],
}

impl Table<'_, '_> {
    /// The placed value of a run's cell.
    fn placed(&self, run: usize, part: usize) -> Option<u64> {
        self.placed.get(run)?.get(part).copied().flatten()
    }

    /// The identities reading a cell of run `r`.
    fn reading(&self, r: usize) -> Vec<&Equation<'_>> {
        self.equations
            .iter()
            .filter(|e| e.runs().any(|x| x == r))
            .collect()
    }

    /// Whether the split `decision` places of run `r` is one a cell printed blank could
    /// explain instead ([`Suspect`]).
    fn suspect(
        &self,
        r: usize,
        decision: &Decision,
        broken_local: Option<&Vec<&str>>,
    ) -> Option<Suspect> {
        if matches!(decision, Decision::Missing(..))
            || self.runs.get(r).is_none_or(|run| run.printed_apart)
        {
            return None;
        }
        let reading = self.reading(r);
        if reading.is_empty()
            && matches!(
                decision,
                Decision::Placed(_, ReadingRule::RunTogetherSingleSplit)
            )
        {
            return Some(Suspect::NoIdentity);
        }
        if matches!(
            decision,
            Decision::Placed(_, ReadingRule::RunTogetherSingleSplit)
        ) {
            let own_broken: Vec<&str> = reading
                .iter()
                .filter(|e| {
                    e.runs().all(|x| x == r)
                        && evaluate(e, |x, part| self.placed(x, part)) == Some(false)
                })
                .map(|e| e.identity.rule.as_str())
                .collect();
            if own_broken.len() > 1 {
                return Some(Suspect::OwnBroken(own_broken.len(), ids(&own_broken)));
            }
        }
        let mut broken: Vec<&str> = broken_local.cloned().unwrap_or_default();
        broken.extend(
            reading
                .iter()
                .filter(|e| evaluate(e, |x, part| self.placed(x, part)) == Some(false))
                .map(|e| e.identity.rule.as_str()),
        );
        if !broken.is_empty() {
            return Some(Suspect::Breaks(ids(&broken)));
        }
        matches!(decision, Decision::Partly(..)).then_some(Suspect::Several)
    }

    /// Takes back the split of each suspect run ([`Suspect`]) that a cell printed blank would
    /// explain as well. Where a row's cells run together, a blank cell leaves no trace (an
    /// empty `<td>` of a page whose text lost its breaks): the row's digits are then one number
    /// short, and cut into one number a cell they break the row's 总计 and the columns of the
    /// cells shifted, which a reading explaining breaks by misprinted cells takes for
    /// misprints (`0 0 3 8 1 · 12` read `0 0 3 8 1 1 2`); 表二, which no identity reads, would
    /// be read so unchecked (`0 · 29` read `0 2 9`). A run of one digit a cell whose identities
    /// hold, or cannot be evaluated, is still taken: a blank there would need its row's 总计 to
    /// hold by chance with a digit shifted into the blank's column and that column's sums
    /// unevaluable (`0 0 1 0 · 0 89` read `0 0 1 0 0 8 9`), and checking every such run for a
    /// blank took back 2% of the cells of consistent one-line reports (a 表四 group
    /// `1 0 0 0 1` is `10 0 0 1` and a blank 总计 as well). When some cut of the digits into
    /// one number fewer, with a blank in one of the cells, satisfies every identity that can
    /// then be evaluated (the other runs as decided), the text does not say which the report
    /// printed, and the run is left missing. Where a break is explained so, both are the
    /// report's errors (a misprint breaks an identity, a blank is not 0), but which cells they
    /// are is not known. A run placed only in the cells several splits read alike
    /// ([`Suspect::Several`]) keeps those that every reading with a 0 printed blank reads alike
    /// too.
    fn without_blank_alternatives(
        &self,
        mut decisions: Vec<Decision>,
        suspects: &[Option<Suspect>],
        segments: &[Option<Vec<usize>>],
    ) -> Vec<Decision> {
        for (r, (suspect, decision)) in suspects.iter().zip(decisions.iter_mut()).enumerate() {
            let (Some(suspect), Some(run)) = (suspect, self.runs.get(r)) else {
                continue;
            };
            let sizes = segments.get(r).and_then(Option::as_deref);
            if let (Suspect::Several, Decision::Partly(values, kept, rule, why)) =
                (suspect, &*decision)
                && let Some(readings) = self
                    .blank_readings(r, sizes, StandsFor::Zero, BLANK_READINGS + 1)
                    .filter(|readings| readings.len() <= BLANK_READINGS)
            {
                // The cells every reading with a blank reads alike stay placed.
                let alike: Vec<bool> = values
                    .iter()
                    .zip(kept)
                    .enumerate()
                    .map(|(k, (value, kept))| {
                        *kept
                            && readings
                                .iter()
                                .all(|reading| reading.get(k) == Some(&Some(*value)))
                    })
                    .collect();
                if alike == *kept {
                    continue;
                }
                if alike.contains(&true) {
                    *decision = Decision::Partly(
                        values.clone(),
                        alike,
                        *rule,
                        format!(
                            "{why}; were a cell printed blank (which leaves no trace where cells run together), its digits would read these cells otherwise too, every identity that can be evaluated holding"
                        ),
                    );
                    continue;
                }
            }
            // A split breaking several groups of its own is taken back without one.
            let alternative = match suspect {
                Suspect::OwnBroken(..) => None,
                _ => self.blank_alternative(r, sizes),
            };
            let Some(placed) = placed_cells(decision) else {
                continue;
            };
            let read = placed
                .iter()
                .map(|cell| cell.map_or_else(|| "?".to_owned(), |value| value.to_string()))
                .collect::<Vec<_>>()
                .join(" ");
            let why = match (suspect, alternative) {
                (Suspect::OwnBroken(count, rules), _) => format!(
                    "its digits cut into {} numbers one way, `{read}`, which breaks {count} of its own identities ({rules}): cells printed blank (which leave no trace where cells run together) would explain that as well as a misprint in each, so none is taken",
                    run.pointers.len()
                ),
                // No reading with a blank satisfies the identities: the split stands.
                (_, None) => continue,
                (Suspect::NoIdentity, Some(alternative)) => format!(
                    "its digits cut into {} numbers one way, `{read}`, but were a cell printed blank (which leaves no trace where cells run together) they would read {alternative}, and no identity tells the two apart, so none is taken",
                    run.pointers.len()
                ),
                (Suspect::Several, Some(alternative)) => format!(
                    "its digits split several ways satisfying the identities that read them, which read `{read}` alike, and were a cell printed blank (which leaves no trace where cells run together) they would read {alternative} with every identity that can be evaluated holding; the text does not say which, so none is taken"
                ),
                (Suspect::Breaks(rules), Some(alternative)) => format!(
                    "cut into {} numbers, `{read}`, it breaks {rules}, and were a cell printed blank (which leaves no trace where cells run together) it would read {alternative} with every identity that can be evaluated holding; the text does not say which, so none is taken",
                    run.pointers.len()
                ),
            };
            *decision = Decision::Missing(ProblemCode::AmbiguousSplit, why);
        }
        decisions
    }

    /// A reading of run `r` with one cell blank ([`Self::blank_readings`]), shown
    /// (`0 0 3 8 1 (blank) 12`); `Some` too when the search for one stopped at its bound.
    fn blank_alternative(&self, r: usize, sizes: Option<&[usize]>) -> Option<String> {
        let Some(readings) = self.blank_readings(r, sizes, StandsFor::AnyCount, 1) else {
            return Some("in more ways than could be searched".to_owned());
        };
        let first = readings.first()?;
        let shown: Vec<String> = first
            .iter()
            .map(|cell| cell.map_or_else(|| "(blank)".to_owned(), |value| value.to_string()))
            .collect();
        Some(format!("`{}`", shown.join(" ")))
    }

    /// Every reading of run `r` with one cell blank and its digits cut into one number fewer
    /// that breaks no identity reading its cells, the other runs as placed (an identity reading
    /// a cell not placed cannot be evaluated; those reading the blank must hold with one same
    /// count in it, what the blank `stands_for`), per cell its count (`None` at the blank), at
    /// most `limit` of them; `None` when the search stopped at its bound. `sizes`: the run's
    /// totalled segments.
    fn blank_readings(
        &self,
        r: usize,
        sizes: Option<&[usize]>,
        stands_for: StandsFor,
        limit: usize,
    ) -> Option<Vec<Vec<Option<u64>>>> {
        let mut readings = Vec::new();
        let Some(run) = self.runs.get(r) else {
            return Some(readings);
        };
        let cells = run.pointers.len();
        if cells < 2 {
            return Some(readings);
        }
        let reading = self.reading(r);
        for blank in 0..cells {
            // A cell the other runs determine through an identity reading no other cell of
            // the run.
            let mut pins: Vec<Option<u64>> = Vec::with_capacity(cells - 1);
            let mut impossible = false;
            for k in (0..cells).filter(|&k| k != blank) {
                let pin = reading.iter().find_map(|e| {
                    let apart = e
                        .lhs
                        .iter()
                        .chain(&e.rhs)
                        .all(|&(x, part)| x != r || part == k);
                    if !apart {
                        return None;
                    }
                    determined(e, (r, k), |x, part| self.placed(x, part))
                });
                match pin {
                    Some(Some(value)) => pins.push(Some(value)),
                    // The identity cannot hold with any count in the cell.
                    Some(None) => impossible = true,
                    None => pins.push(None),
                }
            }
            if impossible {
                continue;
            }
            let mut budget = Budget::new(RUN_STEPS);
            let splits = if pins.iter().any(Option::is_some) {
                pinned_splits(&run.digits, &pins, MAX_CANDIDATES, &mut budget)
            } else if let Some(sizes) = sizes {
                // The blank's segment loses a cell and its 总计 identity; the others keep theirs.
                let mut start = 0;
                let shape: Vec<Segment> = sizes
                    .iter()
                    .map(|&size| {
                        let holds_blank = (start..start + size).contains(&blank);
                        start += size;
                        Segment {
                            size: size - usize::from(holds_blank),
                            total: !holds_blank,
                        }
                    })
                    .filter(|segment| segment.size > 0)
                    .collect();
                segment_splits(&run.digits, &shape, MAX_CANDIDATES, &mut budget)
            } else {
                all_splits(&run.digits, cells - 1, MAX_CANDIDATES, &mut budget)
            };
            if splits.truncated {
                return None;
            }
            for split in &splits.candidates {
                let value = |x: usize, part: usize| {
                    if x != r {
                        return self.placed(x, part);
                    }
                    match part.cmp(&blank) {
                        std::cmp::Ordering::Less => split.get(part).copied(),
                        std::cmp::Ordering::Equal => None,
                        std::cmp::Ordering::Greater => split.get(part - 1).copied(),
                    }
                };
                // The blank stands for a count the publisher left out: every identity reading
                // it and nothing else unknown must hold with one same count in it.
                let mut hidden: Option<u64> = None;
                let holds = reading.iter().all(|e| {
                    let reads_blank = e.lhs.iter().chain(&e.rhs).any(|&c| c == (r, blank));
                    if !reads_blank {
                        return evaluate(e, value) != Some(false);
                    }
                    match determined(e, (r, blank), value) {
                        None => true,
                        Some(None) => false,
                        Some(Some(count)) => {
                            (stands_for == StandsFor::AnyCount || count == 0)
                                && *hidden.get_or_insert(count) == count
                        }
                    }
                });
                if holds {
                    let mut parts = split.iter().copied();
                    readings.push(
                        (0..cells)
                            .map(|k| if k == blank { None } else { parts.next() })
                            .collect(),
                    );
                    if readings.len() >= limit {
                        return Some(readings);
                    }
                }
            }
        }
        Some(readings)
    }
}

/// Whether an identity holds under `value`; `None` when a cell of it has no value.
fn evaluate(equation: &Equation<'_>, value: impl Fn(usize, usize) -> Option<u64>) -> Option<bool> {
    let side = |cells: &[(usize, usize)]| -> Option<u128> {
        cells
            .iter()
            .map(|&(run, part)| value(run, part).map(u128::from))
            .sum()
    };
    Some(side(&equation.lhs)? == side(&equation.rhs)?)
}

/// The count the cell at `at` must hold for `equation` to hold, every other cell of it valued
/// by `value`: `Some(None)` when no count makes it hold, `None` when another cell has no value
/// or the cell is read twice.
fn determined(
    equation: &Equation<'_>,
    at: (usize, usize),
    value: impl Fn(usize, usize) -> Option<u64>,
) -> Option<Option<u64>> {
    required(&equation.lhs, &equation.rhs, &at, |&(run, part)| {
        value(run, part)
    })
}

/// The splits of a run of several totalled segments with one segment's identity dropped, each
/// in turn, all together; `None` when one enumeration was bounded.
fn local_variants(digits: &str, sizes: &[usize]) -> Option<Vec<Vec<u64>>> {
    let mut all = Vec::new();
    for dropped in 0..sizes.len() {
        let segments: Vec<Segment> = sizes
            .iter()
            .enumerate()
            .map(|(k, &size)| Segment {
                size,
                total: k != dropped,
            })
            .collect();
        let mut budget = Budget::new(RUN_STEPS);
        let splits = segment_splits(digits, &segments, MAX_CANDIDATES, &mut budget);
        if splits.truncated {
            return None;
        }
        all.extend(splits.candidates);
    }
    Some(all)
}

/// Keeps the cells of a placed split that every leave-one-out split reads alike, the same digits
/// as the same value: a cell another split reads otherwise, once one identity is dropped, would
/// be misread in a report that breaks that identity. Leading zeros often fix a segment's zeros
/// while its other cells stay open.
fn by_cell(values: Vec<u64>, rule: ReadingRule, variants: Option<&[Vec<u64>]>) -> Decision {
    let digit_spans = |split: &[u64]| -> Vec<(usize, u64)> {
        let mut offset = 0;
        split
            .iter()
            .map(|&value| {
                let span = (offset, value);
                offset += digit_count(value);
                span
            })
            .collect()
    };
    let placed = digit_spans(&values);
    let mut kept = vec![variants.is_some(); values.len()];
    for variant in variants.unwrap_or_default() {
        for (keep, (placed, other)) in kept.iter_mut().zip(placed.iter().zip(digit_spans(variant)))
        {
            *keep &= *placed == other;
        }
    }
    if kept.iter().all(|k| *k) {
        return Decision::Placed(values, rule);
    }
    Decision::Partly(
        values,
        kept,
        rule,
        "the split of these cells satisfies their 总计 identity, but without it another split of the run reads them otherwise, so a report that breaks it would be misread: they are not taken".to_owned(),
    )
}

/// A run of several totalled segments (表四's three groups) that several splits satisfying its
/// identities read: the cells every one of them, and every split with one segment's identity
/// dropped (`variants`), reads alike are placed, the others left open. The report's own
/// reading is among those splits wherever taking a run's only split is sound, so the cells
/// they agree on are as confirmed as that split (`1 10 3 4 18 …` and `11 0 3 4 18 …` differ in
/// their first two cells alone). A run with no such variants (one segment, or a bound reached)
/// is left missing.
fn agreed_by_every_split(
    first: &[u64],
    seen: &[&Vec<u64>],
    variants: Option<&[Vec<u64>]>,
    reads: &[&str],
    digits: &str,
) -> Decision {
    let why = format!(
        "{} splits of `{digits}` satisfy the identities that read it ({}) (e.g. {}) and read these cells otherwise, so they are not taken",
        seen.len(),
        ids(reads),
        shown(seen)
    );
    let Some(variants) = variants else {
        return Decision::Missing(ProblemCode::AmbiguousSplit, why);
    };
    // `seen` satisfy every identity, so each is among the variants, which any one identity
    // dropped still admits.
    match by_cell(
        first.to_vec(),
        ReadingRule::RunTogetherSplitByIdentities,
        Some(variants),
    ) {
        Decision::Partly(values, kept, rule, _) if kept.iter().any(|k| *k) => {
            Decision::Partly(values, kept, rule, why)
        }
        _ => Decision::Missing(ProblemCode::AmbiguousSplit, why),
    }
}

/// The identity ids, deduplicated, for messages (`R1, R2, R3`).
fn ids(rules: &[&str]) -> String {
    let mut unique: Vec<&str> = rules.to_vec();
    unique.sort_unstable();
    unique.dedup();
    unique.join(", ")
}

/// A few of `splits`, for messages (`1 0 3 | 10 3 0`).
pub(crate) fn shown(splits: &[&Vec<u64>]) -> String {
    splits
        .iter()
        .take(3)
        .map(|s| s.iter().map(u64::to_string).collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(" | ")
}

#[allow(clippy::too_many_arguments)]
fn decide_run(
    run: &Run,
    single: Option<Vec<u64>>,
    bounded: bool,
    list: &[Vec<u64>],
    outcome: &Outcome,
    reads: &[&str],
    confirming: usize,
    broken: &[&str],
    variants: Option<&[Vec<u64>]>,
) -> Decision {
    let parts = run.pointers.len();
    if let Some(values) = single {
        return Decision::Placed(values, ReadingRule::RunTogetherSingleSplit);
    }
    // Fewer digits than cells split only read one number short, a cell printed blank.
    if run.digits.len() < parts && list.is_empty() {
        return Decision::Missing(
            ProblemCode::UnsplittableRun,
            format!("{} digit(s) for {parts} cells", run.digits.len()),
        );
    }
    if let Outcome::Broken {
        misprint: Misprint::Read(cells),
        read,
        ..
    } = outcome
    {
        let rule = ReadingRule::RunTogetherSplitByIdentities;
        if let Some(values) = cells.iter().copied().collect::<Option<Vec<u64>>>() {
            return Decision::Placed(values, rule);
        }
        // The split the identities not broken read, which those cells agree with.
        if let Some(chosen) = read.and_then(|k| list.get(k)) {
            return Decision::Placed(chosen.clone(), rule);
        }
        return Decision::Partly(
            cells.iter().map(|cell| cell.unwrap_or(0)).collect(),
            cells.iter().map(Option::is_some).collect(),
            rule,
            format!(
                "no split of the table's run-together cells satisfies all the identities that read them ({}); read as printed with cells the report misprints, the readings that one misprint explains, and those two explain, cut `{}` otherwise in these cells, so they are not taken",
                ids(reads),
                run.digits
            ),
        );
    }
    if bounded {
        return Decision::Missing(
            ProblemCode::SplitSearchBounded,
            format!(
                "the splits of `{}` into {parts} cells are too many to enumerate within the search bound",
                run.digits
            ),
        );
    }
    if list.is_empty() {
        return Decision::Missing(
            ProblemCode::UnsplittableRun,
            format!(
                "`{}` has no split into {parts} numbers without a leading zero",
                run.digits
            ),
        );
    }
    let broken_note = if broken.is_empty() {
        String::new()
    } else {
        format!(
            "; no split of it satisfies {}: the report's numbers break it, or its digits were misread",
            ids(broken)
        )
    };
    if reads.is_empty() {
        let all: Vec<&Vec<u64>> = list.iter().collect();
        return Decision::Missing(
            ProblemCode::AmbiguousSplit,
            format!(
                "no identity reads these cells and `{}` splits {}{} ways (e.g. {}), so none is taken",
                run.digits,
                list.len(),
                if list.len() >= MAX_CANDIDATES {
                    " or more"
                } else {
                    ""
                },
                shown(&all)
            ),
        );
    }
    match outcome {
        Outcome::Bounded => Decision::Missing(
            ProblemCode::SplitSearchBounded,
            format!(
                "the search for the split of the table's run-together cells that satisfies {} stopped at its bound{broken_note}",
                ids(reads)
            ),
        ),
        Outcome::Broken { read: Some(k), .. } if list.get(*k).is_some() => Decision::Placed(
            list.get(*k).cloned().unwrap_or_default(),
            ReadingRule::RunTogetherSplitByIdentities,
        ),
        Outcome::Broken {
            misprint: Misprint::Bounded,
            ..
        } => Decision::Missing(
            ProblemCode::SplitSearchBounded,
            format!(
                "no split of the table's run-together cells satisfies all the identities that read them ({}){broken_note}; the search for the readings that one or two cells the report misprints explain stopped at its bound",
                ids(reads)
            ),
        ),
        Outcome::Broken {
            left_out: Some(groups),
            ..
        } => Decision::Missing(
            ProblemCode::AmbiguousSplit,
            format!(
                "no split of the table's run-together cells satisfies all the identities that read them ({}){broken_note}; read by the identities the report does not break (each reading that leaves out the fewest groups of them that makes a split possible, {groups} (the 总计 column left out with other columns no break of its own), or one more), `{}` does not split the same one way in every reading, so none is taken",
                ids(reads),
                run.digits
            ),
        ),
        Outcome::Broken { .. } => Decision::Missing(
            ProblemCode::UnsplittableRun,
            format!(
                "no split of the table's run-together cells satisfies all the identities that read them ({}){broken_note}; the report's numbers break more of them than leaving out one group of them (a column's) mends, or the digits were misread, so the cells are left missing rather than read by the others",
                ids(reads)
            ),
        ),
        Outcome::Done { solutions: 0, .. } => Decision::Missing(
            ProblemCode::UnsplittableRun,
            format!(
                "no split of the table's run-together cells satisfies the identities that read them ({}){broken_note}; the report's numbers may break one of them, so the cells are left missing",
                ids(reads)
            ),
        ),
        Outcome::Done {
            supported, fragile, ..
        } => {
            let seen: Vec<&Vec<u64>> = list
                .iter()
                .zip(supported)
                .filter(|(_, ok)| **ok)
                .map(|(c, _)| c)
                .collect();
            match seen.as_slice() {
                [_] if confirming < 2 => Decision::Missing(
                    ProblemCode::AmbiguousSplit,
                    format!(
                        "only {} reads these cells (the other identities cannot be evaluated), and one identity, which the report may break, does not confirm a split of `{}` on its own",
                        ids(reads),
                        run.digits
                    ),
                ),
                [only] if let Some(fragile) = fragile => {
                    if fragile.unsure.iter().all(|unsure| *unsure) {
                        return Decision::Missing(
                            ProblemCode::AmbiguousSplit,
                            format!(
                                "one split of the table satisfies {}, but {}, so a report that breaks it would be misread: none is taken",
                                ids(reads),
                                fragile.because
                            ),
                        );
                    }
                    // The cells every such reading reads alike are read so whichever it is.
                    Decision::Partly(
                        (*only).clone(),
                        fragile.unsure.iter().map(|unsure| !unsure).collect(),
                        ReadingRule::RunTogetherSplitByIdentities,
                        format!(
                            "one split of the table satisfies {}, but {} and reads these cells otherwise, so a report that breaks it would be misread: they are not taken",
                            ids(reads),
                            fragile.because
                        ),
                    )
                }
                [only] => {
                    Decision::Placed((*only).clone(), ReadingRule::RunTogetherSplitByIdentities)
                }
                [first, ..]
                    if confirming >= 2
                        && fragile.is_none()
                        && broken.is_empty()
                        && variants.is_some() =>
                {
                    agreed_by_every_split(first, &seen, variants, reads, &run.digits)
                }
                _ => Decision::Missing(
                    ProblemCode::AmbiguousSplit,
                    format!(
                        "{} splits of `{}` satisfy the identities that read it ({}) in some split of the table (e.g. {}){broken_note}, so none is taken",
                        seen.len(),
                        run.digits,
                        ids(reads),
                        shown(&seen)
                    ),
                ),
            }
        }
    }
}

/// Why a run's one split may be another's, and which of its cells another reading would read
/// otherwise (the others read alike in every such reading).
#[derive(Clone, Debug)]
struct Fragile {
    /// A sentence of the problem's message.
    because: String,
    /// Per cell: some other reading gives it another value.
    unsure: Vec<bool>,
}

impl Fragile {
    /// Marks a run fragile for `because` in the cells where `other` differs from its one split
    /// `one` (every cell when `other` is `None`), keeping the first reason given.
    fn mark(
        slot: &mut Option<Self>,
        because: impl FnOnce() -> String,
        one: &[u64],
        other: Option<&[u64]>,
    ) {
        let fragile = slot.get_or_insert_with(|| Self {
            because: because(),
            unsure: vec![false; one.len()],
        });
        for (k, unsure) in fragile.unsure.iter_mut().enumerate() {
            *unsure |= other.is_none_or(|other| other.get(k) != one.get(k));
        }
    }

    /// [`Self::mark`] for each of `others` that is not `one` itself.
    fn mark_each<'s>(
        slot: &mut Option<Self>,
        because: impl Fn() -> String,
        one: &[u64],
        others: impl IntoIterator<Item = &'s Vec<u64>>,
    ) {
        for other in others {
            if other.as_slice() != one {
                Self::mark(slot, &because, one, Some(other));
            }
        }
    }
}

/// The splits of `list` that `flags` marks.
fn flagged<'l, T>(list: &'l [T], flags: &'l [bool]) -> impl Iterator<Item = &'l T> {
    list.iter().zip(flags).filter(|(_, f)| **f).map(|(x, _)| x)
}

/// The result of the joint search, for one run.
#[derive(Clone)]
enum Outcome {
    /// The node bound stopped it.
    Bounded,
    /// Complete: how many splits of the run's component satisfy its identities, and which of
    /// the run's candidates occur in at least one of them.
    Done {
        solutions: u64,
        supported: Vec<bool>,
        /// Why the run may split another way too: without an identity, or with a cell misprinted.
        fragile: Option<Fragile>,
    },
    /// No split of the run's component satisfies all its identities: the report breaks some
    /// ([`broken_reading`]).
    Broken {
        /// The run's candidate every reading by the identities not broken agrees on.
        read: Option<usize>,
        /// How many groups of identities those readings leave out at the fewest.
        left_out: Option<usize>,
        /// What the readings explained by cells the report misprints give the run.
        misprint: Misprint,
    },
}

/// What the readings explained by one or two misprinted cells ([`misprint_reading`]) give a run.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Misprint {
    /// Per cell, the count every one of them gives it (`None` where they differ), some cell
    /// read.
    Read(Vec<Option<u64>>),
    /// No cell read alike, or no reading explained.
    Unread,
    /// A split other than the one the readings by the identities not broken agree on.
    Disagrees,
    /// The search stopped at its bound.
    Bounded,
}

/// Searches each set of runs tied together by equations on its own: a table whose rows are not
/// all found falls apart into independent parts, and one without a solution says nothing of
/// another.
fn components_search(
    table: &[Run],
    lists: &[&[Vec<u64>]],
    equations: &[&Equation<'_>],
    totalled: &[Option<usize>],
) -> Vec<Outcome> {
    let runs = lists.len();
    let mut component: Vec<usize> = (0..runs).collect();
    fn root(component: &mut [usize], mut r: usize) -> usize {
        while let Some(&up) = component.get(r) {
            if up == r {
                break;
            }
            r = up;
        }
        r
    }
    for equation in equations {
        let mut members = equation.runs();
        if let Some(first) = members.next() {
            for other in members {
                let (a, b) = (root(&mut component, first), root(&mut component, other));
                if let Some(slot) = component.get_mut(a) {
                    *slot = b;
                }
            }
        }
    }
    let roots: Vec<usize> = (0..runs).map(|r| root(&mut component, r)).collect();
    let mut outcomes = vec![Outcome::Bounded; runs];
    let mut done = vec![false; runs];
    for r in 0..runs {
        if done.get(r).copied().unwrap_or(true) {
            continue;
        }
        let members: Vec<usize> = (0..runs)
            .filter(|x| roots.get(*x) == roots.get(r))
            .collect();
        let inside: Vec<&Equation<'_>> = equations
            .iter()
            .filter(|e| e.runs().all(|x| members.contains(&x)))
            .copied()
            .collect();
        let found = joint_search(lists, &inside, &[], &members);
        if matches!(&found, Found::Done { solutions: 0, .. }) {
            // The report breaks an identity here: read it by those it does not break.
            let reading = broken_reading(table, lists, &inside, &members, totalled);
            // Rows the report misprints a cell of may split otherwise than their 总计 says: the
            // runs left unread are read again by the cells misprints explain.
            let misprinted = if reading.reads.iter().any(Option::is_none) {
                misprint_reading(table, &inside, &members)
            } else {
                Misprinted::Unexplained
            };
            for (k, (m, read)) in members.iter().zip(reading.reads).enumerate() {
                let chosen = read.and_then(|k| lists.get(*m)?.get(k));
                let misprint = match &misprinted {
                    Misprinted::Read(cells) => match cells.get(k) {
                        Some(cells) if cells.iter().any(Option::is_some) => {
                            let alike = chosen.is_none_or(|c| {
                                c.iter().zip(cells).all(|(a, b)| b.is_none_or(|b| b == *a))
                            });
                            if alike {
                                Misprint::Read(cells.clone())
                            } else {
                                // Two readings that disagree: neither is taken.
                                Misprint::Disagrees
                            }
                        }
                        _ => Misprint::Unread,
                    },
                    Misprinted::Bounded => Misprint::Bounded,
                    Misprinted::Unexplained => Misprint::Unread,
                };
                let read = read.filter(|_| misprint != Misprint::Disagrees);
                if let (Some(slot), Some(flag)) = (outcomes.get_mut(*m), done.get_mut(*m)) {
                    *slot = Outcome::Broken {
                        read,
                        left_out: reading.left_out,
                        misprint,
                    };
                    *flag = true;
                }
            }
            continue;
        }
        // Leave one out: a split that only the full set of identities singles out would be
        // misread in a report that breaks one of them, so each identity is dropped in turn; the
        // cells every split then admitted reads as the one split does are read alike whichever
        // identity the report breaks. Per run, why its one split may be another's and where.
        let mut fragile: Vec<Option<Fragile>> = vec![None; runs];
        if let Found::Done {
            solutions: 1..,
            supported: full,
        } = &found
        {
            for (k, dropped) in inside.iter().enumerate() {
                let rest: Vec<&Equation<'_>> = inside
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| *j != k)
                    .map(|(_, e)| *e)
                    .collect();
                let reduced = joint_search(lists, &rest, &[], &members);
                for &m in &members {
                    let (Some(slot), Some(one)) = (fragile.get_mut(m), only_split(lists, full, m))
                    else {
                        continue;
                    };
                    let because = || format!("without {} another does", dropped.identity.rule);
                    match &reduced {
                        Found::Bounded => Fragile::mark(slot, because, one, None),
                        Found::Done { supported, .. } => {
                            let list = lists.get(m).copied().unwrap_or_default();
                            let flags = supported.get(m).map_or(&[][..], Vec::as_slice);
                            Fragile::mark_each(slot, because, one, flagged(list, flags));
                        }
                    }
                }
            }
        }
        if let Found::Done {
            solutions: 1..,
            supported,
        } = &found
        {
            misprint_fragile(
                table,
                lists,
                &inside,
                totalled,
                &members,
                supported,
                &mut fragile,
            );
        }
        for m in members {
            if let (Some(slot), Some(flag)) = (outcomes.get_mut(m), done.get_mut(m)) {
                *slot = found.for_run(m, fragile.get(m).cloned().flatten());
                *flag = true;
            }
        }
    }
    outcomes
}

/// The split of run `m` that is the only one `supported` flags, if exactly one is.
fn only_split<'l>(
    lists: &[&'l [Vec<u64>]],
    supported: &[Vec<bool>],
    m: usize,
) -> Option<&'l Vec<u64>> {
    lists.get(m)?.get(only_set(supported.get(m)?)?)
}

/// Marks `fragile` the cells of each member run of a component whose one split would read them
/// otherwise in a reading that one misprinted cell explains (the misprinted row read as printed,
/// misprint and all): a split of a row totalled by its last cell (表三's R3) that
/// fails R3, with one cell mended to satisfy it, under which every identity holds. A report that
/// misprints that cell prints digits that such a reading fits: 信访举报投诉类 `034000043` (商业企业
/// 34 for 43) also splits 0 3 40 … 43, and with 三类内部事务 `044000044` split 0 44 0 … 44
/// instead of 0 4 40 … 44 every identity holds, so the consistent reading is one of two. A row
/// whose splits are too many to enumerate, or a search that hits its bound, is not weighed so.
fn misprint_fragile(
    table: &[Run],
    lists: &[&[Vec<u64>]],
    inside: &[&Equation<'_>],
    totalled: &[Option<usize>],
    members: &[usize],
    supported: &[Vec<bool>],
    fragile: &mut [Option<Fragile>],
) {
    for &r in members {
        let (Some(run), Some(Some(total))) = (table.get(r), totalled.get(r)) else {
            continue;
        };
        let mut budget = Budget::new(RUN_STEPS);
        let every = all_splits(&run.digits, run.pointers.len(), MAX_CANDIDATES, &mut budget);
        if every.truncated {
            continue;
        }
        // Each split failing R3 with one cell set to the count that satisfies it, and the
        // splits as printed that it mends.
        let mut mended: Vec<Vec<u64>> = Vec::new();
        let mut printed: Vec<Vec<&Vec<u64>>> = Vec::new();
        for split in &every.candidates {
            let sum_but = |skip: usize| -> u128 {
                split
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| *k != skip && *k != *total)
                    .map(|(_, v)| u128::from(*v))
                    .sum()
            };
            let printed_total = split.get(*total).map_or(0, |v| u128::from(*v));
            if sum_but(*total) == printed_total {
                continue;
            }
            for part in 0..split.len() {
                let count = if part == *total {
                    Some(sum_but(*total))
                } else {
                    printed_total.checked_sub(sum_but(part))
                };
                // A misprint keeps the cell's width (a digit mistyped or two exchanged): a
                // count of another width is no reading of these digits a publisher would print.
                let count = count.and_then(|c| u64::try_from(c).ok()).filter(|c| {
                    split
                        .get(part)
                        .is_some_and(|v| digit_count(*v) == digit_count(*c))
                });
                if let Some(count) = count {
                    let mut one = split.clone();
                    if let Some(slot) = one.get_mut(part) {
                        *slot = count;
                    }
                    match mended.iter().position(|m| *m == one) {
                        Some(k) => {
                            if let Some(splits) = printed.get_mut(k) {
                                splits.push(split);
                            }
                        }
                        None => {
                            mended.push(one);
                            printed.push(vec![split]);
                        }
                    }
                }
            }
        }
        if mended.is_empty() {
            continue;
        }
        let mut loose: Vec<&[Vec<u64>]> = lists.to_vec();
        if let Some(slot) = loose.get_mut(r) {
            *slot = mended.as_slice();
        }
        let Found::Done {
            solutions: 1..,
            supported: found,
        } = joint_search(&loose, inside, &[], members)
        else {
            continue;
        };
        for &m in members {
            let (Some(slot), Some(one)) = (fragile.get_mut(m), only_split(lists, supported, m))
            else {
                continue;
            };
            let because = || {
                format!(
                    "were a cell of `{}` misprinted, another reading of the table with that cell mended would satisfy every identity too",
                    run.digits
                )
            };
            let flags = found.get(m).map_or(&[][..], Vec::as_slice);
            if m == r {
                // Row `r` is read in such a reading as printed, its misprint and all: its cells
                // are those of the split it mends.
                let splits = flagged(&printed, flags).flatten().copied();
                Fragile::mark_each(slot, because, one, splits);
                continue;
            }
            let list = loose.get(m).copied().unwrap_or_default();
            Fragile::mark_each(slot, because, one, flagged(list, flags));
        }
    }
}

/// Rows a reading of a broken table may leave failing their own 总计 identity (R3): one per cell
/// the report misprints, of which [`misprints_explain_by`] repairs two at most.
const MISPRINTED_ROWS: usize = 2;
/// Column groups (a column's R1 and R2) two misprints can leave failing.
const FAILING_GROUPS: usize = 2;
/// Choices of the misprint search, then steps of the splits it enumerates, before it says it
/// was bounded.
const MISPRINT_NODES: u32 = 100_000;
const MISPRINT_STEPS: u32 = 4_000_000;
/// Splits of a row, or of two rows cut together, the misprint search lists.
const RANGED_CANDIDATES: usize = 65_536;
/// The range of a cell no identity bounds.
const FREE: (u64, u64) = (0, u64::MAX);
/// Distinct readings the misprint search weighs before it says it was bounded.
const MISPRINT_READINGS: usize = 1024;

/// What [`misprint_reading`] found for the members of a broken component.
enum Misprinted {
    /// Per member and cell, the count every reading explained by the fewest misprints or one
    /// more gives it (`None` where they differ).
    Read(Vec<Vec<Option<u64>>>),
    /// The search stopped at its bound.
    Bounded,
    /// No reading is explained, or one is only as well as by a cell printed blank.
    Unexplained,
}

/// Reads a component of rows each totalled by its last cell (表三: R3 per row, R1 and R2 per
/// column) that no split satisfies, as printed with one or two cells the report misprints.
///
/// The readings are every split of the table with at most [`MISPRINTED_ROWS`] rows failing their
/// own R3 (split any way; the others by R3) and at most [`FAILING_GROUPS`] columns failing. A
/// row failing R3 is split under the values its column identities give it, all but one or two
/// of them (the misprinted cells' columns) kept; two such rows are cut together, each part of
/// one bound to the other's by their column's identities. Each reading is weighed by
/// [`misprints_explain_by`] (one or two cells, each witnessed by its row's R3 and its column's
/// identity failing, every identity holding once they are changed; changes cancelling out are
/// numbers moved by the reading, not misprints), and a cell is read only when every reading
/// explained by the fewest misprints or one more gives it one count. A misprinted row whose
/// digits also split as six numbers satisfying R3, with which (a 0 printed blank among its
/// applicant columns) the whole table reads consistently, may be a row with a cell printed
/// blank (its digits lost), no misprint at all: nothing is then read. Any bound reached reads
/// nothing.
fn misprint_reading(table: &[Run], equations: &[&Equation<'_>], members: &[usize]) -> Misprinted {
    let identities = identities();
    let mut r3: Vec<Vec<Vec<u64>>> = vec![Vec::new(); table.len()];
    for &m in members {
        let Some(run) = table.get(m) else {
            return Misprinted::Unexplained;
        };
        let parts = run.pointers.len();
        if local_segments(&identities, &run.pointers) != Some(vec![parts]) {
            return Misprinted::Unexplained;
        }
        let mut budget = Budget::new(RUN_STEPS);
        let totalled = [Segment {
            size: parts,
            total: true,
        }];
        let splits = segment_splits(&run.digits, &totalled, MAX_CANDIDATES, &mut budget);
        if splits.truncated {
            return Misprinted::Bounded;
        }
        if let Some(slot) = r3.get_mut(m) {
            *slot = splits.candidates;
        }
    }
    let groups = groups(equations);
    let mut group_of = vec![0; equations.len()];
    for (g, members) in groups.iter().enumerate() {
        for k in members {
            if let Some(slot) = group_of.get_mut(*k) {
                *slot = g;
            }
        }
    }
    // Rows with the fewest R3 splits first; a row without any must be a misprinted one.
    let mut order = members.to_vec();
    order.sort_by_key(|m| r3.get(*m).map_or(0, Vec::len));
    let mut search = MisprintSearch {
        table,
        r3: &r3,
        equations,
        group_of,
        order: &order,
        members,
        current: vec![None; table.len()],
        readings: HashSet::new(),
        nodes: Budget::new(MISPRINT_NODES),
        steps: Budget::new(MISPRINT_STEPS),
        bounded: false,
    };
    search.visit(0, &mut Vec::new());
    if search.bounded {
        return Misprinted::Bounded;
    }
    let accept = |changes: &[i128]| changes.len() < 2 || changes.iter().sum::<i128>() != 0;
    let mut explained: Vec<(usize, Vec<Vec<u64>>)> = Vec::new();
    for reading in search.readings {
        let mut store = CellStore::default();
        let mut pointers = Vec::new();
        for (m, values) in members.iter().zip(&reading) {
            let Some(run) = table.get(*m) else {
                return Misprinted::Unexplained;
            };
            for (pointer, value) in run.pointers.iter().zip(values) {
                pointers.push((*pointer).to_owned());
                store.fill(
                    (*pointer).to_owned(),
                    Filled {
                        value: (*value).into(),
                        pos: SourcePos::default(),
                        raw: String::new(),
                        rules: Vec::new(),
                    },
                );
            }
        }
        let needed = (1..=MISPRINTED_ROWS)
            .find(|max| misprints_explain_by(&store, &pointers, None, *max, accept));
        if let Some(needed) = needed {
            explained.push((needed, reading));
        }
    }
    // One misprint at the fewest: every reading with one more was enumerated. Two would need
    // the readings with three weighed, which are not searched.
    let fewest = explained.iter().map(|(n, _)| *n).min();
    if fewest != Some(1) {
        return Misprinted::Unexplained;
    }
    let fewest = 1;
    let close: Vec<&Vec<Vec<u64>>> = explained
        .iter()
        .filter(|(n, _)| *n <= fewest + 1)
        .map(|(_, reading)| reading)
        .collect();
    // A row failing R3 whose digits are also six numbers satisfying it, with which, a 0 printed
    // blank among its applicant columns, the whole table reads consistently: a cell printed
    // blank (its digits lost on one line), no misprint.
    let blank = |m: usize| {
        let Some(run) = table.get(m) else {
            return true;
        };
        let mut budget = Budget::new(RUN_STEPS);
        let six = [Segment {
            size: run.pointers.len().saturating_sub(1),
            total: true,
        }];
        let splits = segment_splits(&run.digits, &six, MAX_CANDIDATES, &mut budget);
        splits.truncated
            || splits.candidates.iter().any(|printed| {
                (0..printed.len()).any(|at| {
                    let mut cells = printed.clone();
                    cells.insert(at, 0);
                    let cells = [cells];
                    let lists: Vec<&[Vec<u64>]> = (0..table.len())
                        .map(|k| match r3.get(k) {
                            _ if k == m => &cells[..],
                            Some(list) => list.as_slice(),
                            None => &[][..],
                        })
                        .collect();
                    !matches!(
                        joint_search(&lists, equations, &[], members),
                        Found::Done { solutions: 0, .. }
                    )
                })
            })
    };
    let misprinted_rows: BTreeSet<usize> = close
        .iter()
        .flat_map(|reading| {
            members
                .iter()
                .zip(reading.iter())
                .filter(|(_, values)| values.is_empty() || !holds_r3(values))
                .map(|(m, _)| *m)
        })
        .collect();
    if misprinted_rows.into_iter().any(blank) {
        return Misprinted::Unexplained;
    }
    // Per cell: where the readings split a row otherwise (two misprints in it explain its last
    // two cells cut elsewhere), the cells they all read alike are still read.
    let reads = (0..members.len())
        .map(|k| {
            let mut cells: Vec<Option<u64>> = close
                .first()
                .and_then(|reading| reading.get(k))
                .map(|split| split.iter().copied().map(Some).collect())
                .unwrap_or_default();
            for reading in close.iter().skip(1) {
                let split = reading.get(k).map_or(&[][..], Vec::as_slice);
                for (at, cell) in cells.iter_mut().enumerate() {
                    if split.get(at) != cell.as_ref() {
                        *cell = None;
                    }
                }
            }
            cells
        })
        .collect();
    Misprinted::Read(reads)
}

/// The state of [`misprint_reading`]'s search.
struct MisprintSearch<'a, 'e> {
    table: &'a [Run],
    /// Per run, its splits satisfying R3.
    r3: &'a [Vec<Vec<u64>>],
    equations: &'a [&'a Equation<'e>],
    /// Per equation, its group (column).
    group_of: Vec<usize>,
    order: &'a [usize],
    members: &'a [usize],
    /// Per run, its split so far.
    current: Vec<Option<Vec<u64>>>,
    /// The readings found, the members' splits in `members` order.
    readings: HashSet<Vec<Vec<u64>>>,
    nodes: Budget,
    steps: Budget,
    bounded: bool,
}

impl MisprintSearch<'_, '_> {
    fn value(&self, run: usize, part: usize) -> Option<u64> {
        self.current.get(run)?.as_ref()?.get(part).copied()
    }

    /// How many groups have an equation that can be evaluated and fails.
    fn failing_groups(&self) -> usize {
        let mut failing: Vec<usize> = self.failing().map(|(_, g)| *g).collect();
        failing.sort_unstable();
        failing.dedup();
        failing.len()
    }

    /// The equations that can be evaluated and fail, with their group.
    fn failing(&self) -> impl Iterator<Item = (&&Equation<'_>, &usize)> {
        self.equations.iter().zip(&self.group_of).filter(|(e, _)| {
            e.runs()
                .all(|r| self.current.get(r).is_some_and(Option::is_some))
                && !e.holds(|r, p| self.value(r, p))
        })
    }

    /// Chooses the split of the row at `depth`: one of its R3 splits, or left for later as a
    /// row the report misprints.
    fn visit(&mut self, depth: usize, deferred: &mut Vec<usize>) {
        if self.bounded {
            return;
        }
        let Some(&run) = self.order.get(depth) else {
            self.resolve(deferred);
            return;
        };
        let count = self.r3.get(run).map_or(0, Vec::len);
        for k in 0..count {
            if !self.nodes.take() {
                self.bounded = true;
                return;
            }
            let split = self.r3.get(run).and_then(|l| l.get(k)).cloned();
            if let Some(slot) = self.current.get_mut(run) {
                *slot = split;
            }
            // Only an equation whose last row is this one can start failing here.
            let closes = self.equations.iter().any(|e| {
                e.runs().any(|r| r == run)
                    && e.runs()
                        .all(|r| self.current.get(r).is_some_and(Option::is_some))
            });
            if !closes || self.failing_groups() <= FAILING_GROUPS {
                self.visit(depth + 1, deferred);
            }
            if self.bounded {
                return;
            }
        }
        if let Some(slot) = self.current.get_mut(run) {
            *slot = None;
        }
        if deferred.len() < MISPRINTED_ROWS {
            deferred.push(run);
            self.visit(depth + 1, deferred);
            deferred.pop();
        }
    }

    /// Splits the rows left for later (one alone under the values its columns give it, two
    /// together), each failing its own R3, and keeps the readings that leave at most
    /// [`FAILING_GROUPS`] failing.
    fn resolve(&mut self, deferred: &[usize]) {
        match *deferred {
            [] => self.keep(),
            [x] => self.split_row(x),
            [x, y] => self.split_pair(x, y),
            _ => {}
        }
    }

    /// Splits row `x` every way the values its columns give it allow with up to two of them
    /// failing, failing its own R3, and keeps each reading.
    fn split_row(&mut self, x: usize) {
        let Some(run) = self.table.get(x) else {
            return;
        };
        let (ranges, clashing) = self.ranges(x);
        // The columns that fail whatever the split: those failing already, and those whose
        // identities give the cell no count. The others may fail up to the allowance.
        let mut forced: Vec<usize> = self
            .failing()
            .flat_map(|(e, _)| e.lhs.iter().chain(&e.rhs).map(|(_, part)| *part))
            .chain(clashing)
            .collect();
        forced.sort_unstable();
        forced.dedup();
        let Some(allowance) = FAILING_GROUPS.checked_sub(forced.len()) else {
            return;
        };
        let mut ranges = ranges;
        for part in &forced {
            if let Some(slot) = ranges.get_mut(*part) {
                *slot = FREE;
            }
        }
        // Up to the allowance of the columns still bound may fail: their cells out of range.
        let splits = ranged_splits(
            &run.digits,
            &ranges,
            allowance,
            RANGED_CANDIDATES,
            &mut self.steps,
        );
        let readings = splits.candidates.into_iter().map(|split| vec![split]);
        self.keep_each(&[x], readings, splits.truncated);
    }

    /// Splits rows `x` and `y` together ([`paired_splits`]), their columns' identities binding
    /// each part of one to the other's, up to the columns not yet failing that may fail, each
    /// row failing its own R3, and keeps each reading.
    fn split_pair(&mut self, x: usize, y: usize) {
        let (Some(x_run), Some(y_run)) = (self.table.get(x), self.table.get(y)) else {
            return;
        };
        let Some(allowance) = FAILING_GROUPS.checked_sub(self.failing_groups()) else {
            return;
        };
        let Some(parts) = self.pair_parts(x, y) else {
            // Identities reading the two rows otherwise than in one column each: not searched.
            self.bounded = true;
            return;
        };
        let splits = paired_splits(
            &x_run.digits,
            &y_run.digits,
            &parts,
            allowance,
            RANGED_CANDIDATES,
            &mut self.steps,
        );
        let readings = splits.candidates.into_iter().map(|(a, b)| vec![a, b]);
        self.keep_each(&[x, y], readings, splits.truncated);
    }

    /// Keeps each reading of the rows `rows` left for last (their splits, in order) in which
    /// every one of them fails its own R3; a search `truncated` bounds the whole search.
    fn keep_each(
        &mut self,
        rows: &[usize],
        readings: impl Iterator<Item = Vec<Vec<u64>>>,
        truncated: bool,
    ) {
        if truncated {
            self.bounded = true;
            return;
        }
        for splits in readings {
            if splits.iter().any(|split| holds_r3(split)) {
                continue;
            }
            for (&run, split) in rows.iter().zip(splits) {
                if let Some(slot) = self.current.get_mut(run) {
                    *slot = Some(split);
                }
            }
            self.keep();
            if self.bounded {
                return;
            }
        }
        for &run in rows {
            if let Some(slot) = self.current.get_mut(run) {
                *slot = None;
            }
        }
    }

    /// Per part of rows `x` and `y`, the identities reading it in either row as constraints on
    /// the two cells, the other rows as chosen; a part whose column fails already is left
    /// unbound (its failing is counted). `None` where an identity reads the two rows in
    /// different parts or one of them twice, or reads a row not chosen (no 表三 identity does).
    fn pair_parts(&self, x: usize, y: usize) -> Option<Vec<Vec<Linear>>> {
        let parts = self.table.get(x)?.pointers.len();
        if self.table.get(y)?.pointers.len() != parts {
            return None;
        }
        let failing: Vec<usize> = self.failing().map(|(_, g)| *g).collect();
        let mut bound: Vec<Vec<Linear>> = vec![Vec::new(); parts];
        for (equation, group) in self.equations.iter().zip(&self.group_of) {
            let terms = || {
                let lhs = equation.lhs.iter().map(|cell| (1i8, cell));
                lhs.chain(equation.rhs.iter().map(|cell| (-1i8, cell)))
            };
            let read: Vec<(i8, usize, usize)> = terms()
                .filter(|(_, (run, _))| *run == x || *run == y)
                .map(|(sign, (run, part))| (sign, *run, *part))
                .collect();
            let Some(&(_, _, part)) = read.first() else {
                continue;
            };
            let sign_of = |row: usize| -> Option<i8> {
                let mut signs = read.iter().filter(|(_, run, _)| *run == row);
                let sign = signs.next().map_or(0, |(sign, _, _)| *sign);
                signs.next().is_none().then_some(sign)
            };
            if read.iter().any(|(_, _, p)| *p != part) {
                return None;
            }
            let (x_sign, y_sign) = (sign_of(x)?, sign_of(y)?);
            let known = terms()
                .filter(|(_, (run, _))| *run != x && *run != y)
                .map(|(sign, (run, part))| {
                    Some(i128::from(sign) * i128::from(self.value(*run, *part)?))
                })
                .sum::<Option<i128>>()?;
            if !failing.contains(group) {
                bound.get_mut(part)?.push(Linear {
                    x: x_sign,
                    y: y_sign,
                    known,
                });
            }
        }
        Some(bound)
    }

    /// The range each identity reading one cell of row `x` once gives that cell, the other rows
    /// as chosen: its value. A cell given two values, or none that is a count, is left free (its
    /// column fails).
    fn ranges(&self, x: usize) -> (Vec<(u64, u64)>, Vec<usize>) {
        let parts = self.table.get(x).map_or(0, |run| run.pointers.len());
        let mut ranges: Vec<(u64, u64)> = vec![FREE; parts];
        let mut clashing = vec![false; parts];
        for equation in self.equations.iter().filter(|e| e.runs().any(|r| r == x)) {
            let on_lhs: Vec<bool> = equation
                .lhs
                .iter()
                .map(|cell| (true, cell))
                .chain(equation.rhs.iter().map(|cell| (false, cell)))
                .filter(|(_, (r, _))| *r == x)
                .map(|(on_lhs, _)| on_lhs)
                .collect();
            let part = equation
                .lhs
                .iter()
                .chain(&equation.rhs)
                .find(|(r, _)| *r == x)
                .map(|(_, p)| *p);
            let (Some(part), [x_on_lhs]) = (part, on_lhs.as_slice()) else {
                continue;
            };
            let known = |side: &[(usize, usize)]| -> Option<u128> {
                side.iter()
                    .filter(|(r, _)| *r != x)
                    .map(|(r, p)| self.value(*r, *p).map(u128::from))
                    .sum()
            };
            let (Some(lhs), Some(rhs)) = (known(&equation.lhs), known(&equation.rhs)) else {
                continue;
            };
            // x's cell, what its side's other known cells leave of the other side.
            let (minuend, subtrahend) = if *x_on_lhs { (rhs, lhs) } else { (lhs, rhs) };
            // A value that is no count breaks the identity whatever the split.
            let range = minuend
                .checked_sub(subtrahend)
                .and_then(|gap| u64::try_from(gap).ok())
                .map(|gap| (gap, gap));
            if let (Some(slot), Some(clash)) = (ranges.get_mut(part), clashing.get_mut(part)) {
                match range {
                    Some((low, high)) if low.max(slot.0) <= high.min(slot.1) => {
                        *slot = (low.max(slot.0), high.min(slot.1));
                    }
                    _ => *clash = true,
                }
            }
        }
        let clashed = (0..parts)
            .filter(|p| clashing.get(*p).copied().unwrap_or(false))
            .collect();
        (ranges, clashed)
    }

    /// Keeps the current reading when it leaves at most [`FAILING_GROUPS`] failing.
    fn keep(&mut self) {
        if self.failing_groups() > FAILING_GROUPS {
            return;
        }
        let reading: Option<Vec<Vec<u64>>> = self
            .members
            .iter()
            .map(|m| self.current.get(*m).cloned().flatten())
            .collect();
        if let Some(reading) = reading {
            self.readings.insert(reading);
            if self.readings.len() > MISPRINT_READINGS {
                self.bounded = true;
            }
        }
    }
}

/// Whether a row's split satisfies its own 总计 identity (R3): its last count the sum of the
/// others.
fn holds_r3(split: &[u64]) -> bool {
    split.split_last().is_some_and(|(total, cells)| {
        cells.iter().map(|v| u128::from(*v)).sum::<u128>() == u128::from(*total)
    })
}

/// What the readings of a component that breaks an identity agree on.
struct BrokenReading {
    /// Per member run, the candidate every reading gives it.
    reads: Vec<Option<usize>>,
    /// How many breaks ([`Breaks`]) the readings that break the fewest leave out; `None` when
    /// no reading within the bounds has a split.
    left_out: Option<usize>,
}

/// Reads a component no split of which satisfies all its identities: the report breaks some.
///
/// The identities fall into groups by the cells they read (表三's R1 and R2 of one column).
/// A reading leaves out some groups and searches the split of the table that satisfies the
/// others. The fewest breaks a reading must leave out to find a split are found first; every
/// reading leaving out that many or one more is then searched (a report that breaks one more
/// than the fewest must not be misread), and a run is read only when each of them gives it one
/// split, the same, that its digits confirm with the other runs as read ([`row_holds_alone`]).
/// Any search stopped by its bound leaves every run unread.
///
/// A break is a group left out, but for the 总计 column ([`Breaks`]): while every row's 总计
/// holds, the 总计 column's identities are the sums of the applicant columns', so a report that
/// mis-totals one column (its （七）总计 says 290 where the rows sum to 299, the row's 总计
/// lowered alike) breaks that column and the 总计 column together, one break, not two.
fn broken_reading(
    table: &[Run],
    lists: &[&[Vec<u64>]],
    equations: &[&Equation<'_>],
    members: &[usize],
    totalled: &[Option<usize>],
) -> BrokenReading {
    let groups = groups(equations);
    let unread = BrokenReading {
        reads: vec![None; members.len()],
        left_out: None,
    };
    let all_groups: Vec<Vec<&Equation<'_>>> = groups
        .iter()
        .map(|g| {
            g.iter()
                .filter_map(|k| equations.get(*k).copied())
                .collect()
        })
        .collect();
    let breaks = Breaks::of(equations, &groups, members, totalled);
    let mut fewest: Option<usize> = None;
    let mut searched = 0;
    // Per member: unset, the candidate agreed so far, or `Some(None)` once not read.
    let mut agreed: Vec<Option<Option<usize>>> = vec![None; members.len()];
    for size in 1..=groups.len() {
        match fewest {
            Some(f) if size > f + 1 => break,
            None if size > MAX_BROKEN_GROUPS => break,
            _ => {}
        }
        // Every set of groups counting for `size` breaks.
        let Some(readings) = breaks.left_out(size) else {
            return unread;
        };
        for left_out in readings {
            searched += 1;
            if searched > MAX_READINGS {
                return unread;
            }
            let kept: Vec<&Equation<'_>> = equations
                .iter()
                .enumerate()
                .filter(|(k, _)| {
                    !left_out
                        .iter()
                        .any(|g| groups.get(*g).is_some_and(|g| g.contains(k)))
                })
                .map(|(_, e)| *e)
                .collect();
            // A reading that leaves out one group more than the fewest stands for a report
            // breaking each of them: one of its splits that satisfies a group left out is a
            // reading of fewer, searched already.
            let must_break: Vec<Vec<&Equation<'_>>> = if fewest.is_some_and(|f| size > f) {
                left_out
                    .iter()
                    .filter_map(|g| groups.get(*g))
                    .map(|g| {
                        g.iter()
                            .filter_map(|k| equations.get(*k).copied())
                            .collect()
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let supported = match joint_search(lists, &kept, &must_break, members) {
                Found::Bounded => return unread,
                Found::Done { solutions: 0, .. } => continue,
                Found::Done { supported, .. } => supported,
            };
            fewest.get_or_insert(size);
            // The cells this reading gives one value, as each run is checked against them.
            let known: Vec<Vec<Option<u64>>> = lists
                .iter()
                .zip(&supported)
                .map(|(list, flags)| agreed_parts(list, flags))
                .collect();
            let fewest_here = fewest == Some(size);
            for (slot, m) in agreed.iter_mut().zip(members) {
                let read = supported
                    .get(*m)
                    .and_then(|flags| only_set(flags))
                    .filter(|k| row_holds_alone(table, lists, &kept, &known, *m, *k))
                    .filter(|k| {
                        !fewest_here || explains_best(table, lists, &all_groups, &known, *m, *k)
                    });
                *slot = match (*slot, read) {
                    (None, read) => Some(read),
                    (Some(Some(before)), Some(now)) if before == now => Some(Some(now)),
                    _ => Some(None),
                };
            }
        }
    }
    if fewest.is_none() {
        return unread;
    }

    BrokenReading {
        reads: agreed.into_iter().map(Option::flatten).collect(),
        left_out: fewest,
    }
}

/// Whether the digits of run `r` split one way only, `k`, under the identities `kept` with the
/// other runs' cells as `known` (an identity reading a cell not known decides nothing): each
/// identity reading one of the run's cells once gives that cell's value, the others filter. The
/// run's own identities (its 总计) are not used: a report that breaks them could be misread by
/// them. Nor need a split break the groups a reading leaves out (as the search's do): a split
/// breaking R3 was no candidate of the search, so the reading's other cells cannot tell which
/// groups a report printing it breaks.
fn row_holds_alone(
    table: &[Run],
    lists: &[&[Vec<u64>]],
    kept: &[&Equation<'_>],
    known: &[Vec<Option<u64>>],
    r: usize,
    k: usize,
) -> bool {
    let (Some(run), Some(chosen)) = (table.get(r), lists.get(r).and_then(|l| l.get(k))) else {
        return false;
    };
    let value_of =
        |x: usize, part: usize| -> Option<u64> { known.get(x)?.get(part).copied().flatten() };
    let mut pins: Vec<Option<u64>> = vec![None; run.pointers.len()];
    let mut filters: Vec<&Equation<'_>> = Vec::new();
    for equation in kept.iter().filter(|e| e.runs().any(|x| x == r)) {
        if !equation
            .lhs
            .iter()
            .chain(&equation.rhs)
            .filter(|(x, _)| *x != r)
            .all(|(x, part)| value_of(*x, *part).is_some())
        {
            continue;
        }
        let own: Vec<(bool, usize)> = equation
            .lhs
            .iter()
            .map(|cell| (true, cell))
            .chain(equation.rhs.iter().map(|cell| (false, cell)))
            .filter(|(_, (x, _))| *x == r)
            .map(|(on_lhs, (_, part))| (on_lhs, *part))
            .collect();
        let [(on_lhs, part)] = own.as_slice() else {
            filters.push(equation);
            continue;
        };
        let others = |side: &[(usize, usize)]| -> Option<u128> {
            side.iter()
                .filter(|(x, _)| *x != r)
                .map(|(x, p)| value_of(*x, *p).map(u128::from))
                .sum()
        };
        let (Some(lhs), Some(rhs)) = (others(&equation.lhs), others(&equation.rhs)) else {
            return false;
        };
        let value = if *on_lhs {
            rhs.checked_sub(lhs)
        } else {
            lhs.checked_sub(rhs)
        };
        let Some(value) = value.and_then(|v| u64::try_from(v).ok()) else {
            return false;
        };
        match pins.get_mut(*part) {
            Some(Some(pinned)) if *pinned != value => return false,
            Some(slot) => *slot = Some(value),
            None => return false,
        }
    }
    let mut budget = Budget::new(RUN_STEPS);
    let splits = pinned_splits(&run.digits, &pins, ROW_CHECK_SPLITS, &mut budget);
    if splits.truncated {
        return false;
    }
    let mut holding = splits.candidates.iter().filter(|split| {
        let with = |x: usize, p: usize| {
            if x == r {
                split.get(p).copied()
            } else {
                value_of(x, p)
            }
        };
        filters.iter().all(|e| e.holds(with))
    });
    matches!((holding.next(), holding.next()), (Some(only), None) if only == chosen)
}

/// How many breaks a set of groups left out counts for. When every row's candidates satisfy
/// its 总计 identity (R3: the last part the sum of the others), the identities of the 总计
/// column are the sums of the other columns' ones: leaving out the 总计 column with other
/// columns counts one break fewer than groups. A table with a row breaking its R3, or whose
/// rows have no such 总计 (表四's three groups), counts each group.
struct Breaks {
    groups: usize,
    /// The groups of the 总计 column and of the columns it sums, when there is one.
    total_column: Option<TotalColumn>,
}

/// The column groups of a table whose rows each have a 总计 part, the last.
struct TotalColumn {
    total: usize,
    summed: Vec<usize>,
}

impl Breaks {
    /// The groups of `equations` over `members`, whose candidates `totalled` says have a 总计.
    fn of(
        equations: &[&Equation<'_>],
        groups: &[Vec<usize>],
        members: &[usize],
        totalled: &[Option<usize>],
    ) -> Self {
        let single = |g: &Vec<usize>| -> Option<usize> {
            let mut parts = g
                .iter()
                .filter_map(|k| equations.get(*k))
                .flat_map(|e| e.lhs.iter().chain(&e.rhs).map(|(_, part)| *part));
            let first = parts.next()?;
            parts.all(|p| p == first).then_some(first)
        };
        // Every member run's candidates make one same part the sum of the others.
        let mut totals = members.iter().map(|m| totalled.get(*m).copied().flatten());
        let total = totals
            .next()
            .flatten()
            .filter(|t| totals.all(|x| x == Some(*t)));
        let total_column = total.and_then(|total| {
            Some(TotalColumn {
                total: groups.iter().position(|g| single(g) == Some(total))?,
                summed: (0..groups.len())
                    .filter(|k| {
                        groups
                            .get(*k)
                            .and_then(single)
                            .is_some_and(|part| part < total)
                    })
                    .collect(),
            })
        });
        Self {
            groups: groups.len(),
            total_column,
        }
    }

    /// How many breaks leaving out `set` counts for: the 总计 column left out with columns it
    /// sums is no break of its own.
    fn count(&self, set: &[usize]) -> usize {
        match &self.total_column {
            Some(t) if set.contains(&t.total) && set.iter().any(|g| t.summed.contains(g)) => {
                set.len() - 1
            }
            _ => set.len(),
        }
    }

    /// Every set of groups that counts for `breaks` breaks; `None` when they are more than
    /// [`MAX_READINGS`].
    fn left_out(&self, breaks: usize) -> Option<Vec<Vec<usize>>> {
        let mut sets = Vec::new();
        for size in [breaks, breaks + 1] {
            let all = combinations(self.groups, size, MAX_READINGS);
            if all.len() > MAX_READINGS {
                return None;
            }
            sets.extend(all.into_iter().filter(|set| self.count(set) == breaks));
        }
        (sets.len() <= MAX_READINGS).then_some(sets)
    }
}

/// The equations in groups by the parts they read (表三: a column's R1 and R2), as indices.
fn groups(equations: &[&Equation<'_>]) -> Vec<Vec<usize>> {
    let mut keyed: Vec<(Vec<usize>, Vec<usize>)> = Vec::new();
    for (k, equation) in equations.iter().enumerate() {
        let mut parts: Vec<usize> = equation
            .lhs
            .iter()
            .chain(&equation.rhs)
            .map(|(_, part)| *part)
            .collect();
        parts.sort_unstable();
        parts.dedup();
        match keyed.iter_mut().find(|(key, _)| *key == parts) {
            Some((_, members)) => members.push(k),
            None => keyed.push((parts, vec![k])),
        }
    }
    keyed.into_iter().map(|(_, members)| members).collect()
}

/// The subsets of `size` of `0..n`, in lexicographic order, at most `limit` + 1 of them.
pub(crate) fn combinations(n: usize, size: usize, limit: usize) -> Vec<Vec<usize>> {
    fn extend(
        from: usize,
        n: usize,
        size: usize,
        acc: &mut Vec<usize>,
        out: &mut Vec<Vec<usize>>,
        limit: usize,
    ) {
        if out.len() > limit {
            return;
        }
        if acc.len() == size {
            out.push(acc.clone());
            return;
        }
        for next in from..n {
            acc.push(next);
            extend(next + 1, n, size, acc, out, limit);
            acc.pop();
        }
    }
    let mut out = Vec::new();
    extend(0, n, size, &mut Vec::with_capacity(size), &mut out, limit);
    out
}

/// Whether split `k` of run `r` breaks fewer groups of identities, the other runs' cells as
/// `known`, than any other split of its digits, its own R3 aside. The search takes a run's
/// splits satisfying its R3 when it has some; a report that breaks R3 may print digits that also
/// split that way, the true split then breaking fewer groups across rows (a 总计 changed to 93
/// prints `202879293`: 2 0 2 87 9 2 93 breaks only 总计's column, 2 0 2 8 79 2 93 satisfies R3
/// but breaks two more). An identity reading a cell not known decides nothing; every search is
/// bounded, and a bound reached answers no.
fn explains_best(
    table: &[Run],
    lists: &[&[Vec<u64>]],
    groups: &[Vec<&Equation<'_>>],
    known: &[Vec<Option<u64>>],
    r: usize,
    k: usize,
) -> bool {
    let (Some(run), Some(chosen)) = (table.get(r), lists.get(r).and_then(|l| l.get(k))) else {
        return false;
    };
    let value_of =
        |x: usize, part: usize| -> Option<u64> { known.get(x)?.get(part).copied().flatten() };
    let evaluable = |e: &Equation<'_>| {
        e.lhs
            .iter()
            .chain(&e.rhs)
            .all(|(x, part)| *x == r || value_of(*x, *part).is_some())
    };
    let broken = |split: &[u64]| {
        let with = |x: usize, p: usize| {
            if x == r {
                split.get(p).copied()
            } else {
                value_of(x, p)
            }
        };
        groups
            .iter()
            .filter(|g| g.iter().any(|e| evaluable(e) && !e.holds(with)))
            .count()
    };
    // The value each evaluable identity reading one cell of the run gives that cell; a cell
    // given two values is left free.
    let mut pins: Vec<Option<u64>> = vec![None; run.pointers.len()];
    let mut clashing = vec![false; run.pointers.len()];
    for equation in groups.iter().flatten().filter(|e| evaluable(e)) {
        let own: Vec<(bool, usize)> = equation
            .lhs
            .iter()
            .map(|cell| (true, cell))
            .chain(equation.rhs.iter().map(|cell| (false, cell)))
            .filter(|(_, (x, _))| *x == r)
            .map(|(on_lhs, (_, part))| (on_lhs, *part))
            .collect();
        let [(on_lhs, part)] = own.as_slice() else {
            continue;
        };
        let others = |side: &[(usize, usize)]| -> Option<u128> {
            side.iter()
                .filter(|(x, _)| *x != r)
                .map(|(x, p)| value_of(*x, *p).map(u128::from))
                .sum()
        };
        let (Some(lhs), Some(rhs)) = (others(&equation.lhs), others(&equation.rhs)) else {
            continue;
        };
        let value = if *on_lhs {
            rhs.checked_sub(lhs)
        } else {
            lhs.checked_sub(rhs)
        }
        .and_then(|v| u64::try_from(v).ok());
        match (pins.get_mut(*part), clashing.get_mut(*part)) {
            (Some(pin), Some(clash)) => {
                if value.is_none() || pin.is_some_and(|p| Some(p) != value) {
                    *clash = true;
                }
                *pin = value;
            }
            _ => return false,
        }
    }
    for (pin, clash) in pins.iter_mut().zip(&clashing) {
        if *clash {
            *pin = None;
        }
    }
    let fewest = broken(chosen);
    let pinned: Vec<usize> = (0..pins.len())
        .filter(|p| pins.get(*p).is_some_and(Option::is_some))
        .collect();
    // A split breaking no more groups than the chosen one differs from the pins in at most
    // that many cells: each such set of cells is freed in turn.
    for size in 0..=fewest.min(pinned.len()) {
        let freed_sets = combinations(pinned.len(), size, MAX_READINGS);
        if freed_sets.len() > MAX_READINGS {
            return false;
        }
        for freed in freed_sets {
            let mut loose = pins.clone();
            for f in &freed {
                if let Some(slot) = pinned.get(*f).and_then(|p| loose.get_mut(*p)) {
                    *slot = None;
                }
            }
            let mut budget = Budget::new(RUN_STEPS);
            let splits = pinned_splits(&run.digits, &loose, ROW_CHECK_SPLITS, &mut budget);
            if splits.truncated {
                return false;
            }
            if splits
                .candidates
                .iter()
                .any(|s| s != chosen && broken(s) <= fewest)
            {
                return false;
            }
        }
    }
    true
}

/// Per part, the value every candidate flagged gives it (none when they differ or none is).
fn agreed_parts(candidates: &[Vec<u64>], flags: &[bool]) -> Vec<Option<u64>> {
    let mut flagged = candidates
        .iter()
        .zip(flags)
        .filter(|(_, flag)| **flag)
        .map(|(c, _)| c);
    let Some(first) = flagged.next() else {
        return Vec::new();
    };
    let mut parts: Vec<Option<u64>> = first.iter().copied().map(Some).collect();
    for other in flagged {
        for (part, value) in parts.iter_mut().zip(other) {
            if *part != Some(*value) {
                *part = None;
            }
        }
    }
    parts
}

/// The index of the only flag set, if exactly one is.
fn only_set(flags: &[bool]) -> Option<usize> {
    let mut set = flags
        .iter()
        .enumerate()
        .filter(|(_, f)| **f)
        .map(|(k, _)| k);
    match (set.next(), set.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// The joint search's result for all runs of a component.
enum Found {
    Bounded,
    Done {
        solutions: u64,
        supported: Vec<Vec<bool>>,
    },
}

impl Found {
    fn for_run(&self, run: usize, fragile: Option<Fragile>) -> Outcome {
        match self {
            Self::Bounded => Outcome::Bounded,
            Self::Done {
                solutions,
                supported,
            } => Outcome::Done {
                solutions: *solutions,
                supported: supported.get(run).cloned().unwrap_or_default(),
                fragile,
            },
        }
    }
}

/// Enumerates the choices of one candidate per member run under which every equation holds
/// and each group of `broken` has an equation that does not.
fn joint_search(
    lists: &[&[Vec<u64>]],
    equations: &[&Equation<'_>],
    broken: &[Vec<&Equation<'_>>],
    members: &[usize],
) -> Found {
    let runs = lists.len();
    // Fewest candidates first, so that equations close early; a run without candidates is
    // read by no equation here.
    let mut order: Vec<usize> = members
        .iter()
        .copied()
        .filter(|r| lists.get(*r).is_some_and(|l| !l.is_empty()))
        .collect();
    order.sort_by_key(|r| lists.get(*r).map_or(0, |l| l.len()));
    let depth_of: HashMap<usize, usize> = order.iter().enumerate().map(|(d, r)| (*r, d)).collect();
    // Each equation is checked at the depth where its last run is chosen.
    let mut closing: Vec<Vec<&Equation<'_>>> = vec![Vec::new(); order.len()];
    for equation in equations {
        let last = equation
            .runs()
            .filter_map(|r| depth_of.get(&r).copied())
            .max();
        if let Some(slot) = last.and_then(|d| closing.get_mut(d)) {
            slot.push(equation);
        }
    }
    // Each equation still open at a depth that chooses one of its runs: counts are never
    // negative, so a side whose chosen cells already exceed the other side, chosen whole, can
    // no longer hold (R2's column sums close only at the last of twenty rows).
    let mut open: Vec<Vec<&Equation<'_>>> = vec![Vec::new(); order.len()];
    for equation in equations {
        let mut depths: Vec<usize> = equation
            .runs()
            .filter_map(|r| depth_of.get(&r).copied())
            .collect();
        depths.sort_unstable();
        depths.dedup();
        depths.pop();
        for depth in depths {
            if let Some(slot) = open.get_mut(depth) {
                slot.push(equation);
            }
        }
    }
    let mut state = Joint {
        lists,
        order: &order,
        closing: &closing,
        open: &open,
        broken,
        chosen: vec![None; runs],
        supported: lists.iter().map(|l| vec![false; l.len()]).collect(),
        solutions: 0,
        budget: Budget::new(JOINT_NODES),
        bounded: false,
    };
    state.visit(0);
    if state.bounded {
        Found::Bounded
    } else {
        Found::Done {
            solutions: state.solutions,
            supported: state.supported,
        }
    }
}

struct Joint<'a, 'e> {
    lists: &'a [&'a [Vec<u64>]],
    order: &'a [usize],
    closing: &'a [Vec<&'a Equation<'e>>],
    open: &'a [Vec<&'a Equation<'e>>],
    broken: &'a [Vec<&'a Equation<'e>>],
    chosen: Vec<Option<usize>>,
    supported: Vec<Vec<bool>>,
    solutions: u64,
    budget: Budget,
    bounded: bool,
}

impl Joint<'_, '_> {
    fn value(&self, run: usize, part: usize) -> Option<u64> {
        let k = self.chosen.get(run).copied().flatten()?;
        self.lists.get(run)?.get(k)?.get(part).copied()
    }

    fn visit(&mut self, depth: usize) {
        if self.bounded {
            return;
        }
        let Some(&run) = self.order.get(depth) else {
            let breaks = |group: &Vec<&Equation<'_>>| {
                group.iter().any(|e| !e.holds(|r, p| self.value(r, p)))
            };
            if !self.broken.iter().all(breaks) {
                return;
            }
            self.solutions += 1;
            for (r, k) in self.chosen.iter().enumerate() {
                if let Some(flag) = k.and_then(|k| self.supported.get_mut(r)?.get_mut(k)) {
                    *flag = true;
                }
            }
            return;
        };
        let count = self.lists.get(run).map_or(0, |l| l.len());
        for k in 0..count {
            if !self.budget.take() {
                self.bounded = true;
                return;
            }
            if let Some(slot) = self.chosen.get_mut(run) {
                *slot = Some(k);
            }
            let holds =
                self.closing.get(depth).is_none_or(|equations| {
                    equations.iter().all(|e| e.holds(|r, p| self.value(r, p)))
                }) && self.open.get(depth).is_none_or(|equations| {
                    equations
                        .iter()
                        .all(|e| e.may_hold(|r, p| self.value(r, p)))
                });
            if holds {
                self.visit(depth + 1);
            }
            if self.bounded {
                return;
            }
        }
        if let Some(slot) = self.chosen.get_mut(run) {
            *slot = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_expands_into_its_identities() {
        assert_eq!(identities().len(), 42);
    }

    fn row(path: &str, digits: &str) -> Run {
        let pointers = [
            "natural_person",
            "commercial_enterprise",
            "research_institution",
            "social_welfare_org",
            "legal_service_org",
            "other_org",
            "total",
        ]
        .iter()
        .map(|c| intern(&format!("{path}/{c}")).unwrap())
        .collect();
        Run {
            pointers,
            digits: digits.to_owned(),
            printed_apart: false,
        }
    }

    #[test]
    fn a_row_alone_is_not_confirmed_by_its_own_identity() {
        // R3 singles out 80 1 0 0 0 0 81, but no other identity can be evaluated: a report that
        // breaks R3 would be misread, so the split is not taken.
        let decisions = decide(&[row("/applications/new_received", "801000081")]);
        assert!(matches!(
            decisions.as_slice(),
            [Decision::Missing(ProblemCode::AmbiguousSplit, m)] if m.contains("only R3")
        ));
        // 80 + 1 ≠ 80: the report breaks R3 and no other identity reads the row.
        let decisions = decide(&[row("/applications/new_received", "801000080")]);
        assert!(matches!(
            decisions.as_slice(),
            [Decision::Missing(ProblemCode::AmbiguousSplit, m)] if m.contains("R3")
        ));
        let decisions = decide(&[row("/applications/new_received", "0000000")]);
        assert_eq!(
            decisions,
            vec![Decision::Placed(
                vec![0; 7],
                ReadingRule::RunTogetherSingleSplit
            )]
        );
    }

    #[test]
    fn a_column_identity_confirms_a_split() {
        // 一 + 二 = （七） + 四 in every column.
        let runs = [
            row("/applications/new_received", "801000081"),
            row("/applications/carried_over", "0000000"),
            row("/applications/results/total", "701000071"),
            row("/applications/carried_forward", "100000010"),
        ];
        let decisions = decide(&runs);
        assert_eq!(
            decisions[0],
            Decision::Placed(
                vec![80, 1, 0, 0, 0, 0, 81],
                ReadingRule::RunTogetherSplitByIdentities
            )
        );
        assert_eq!(
            decisions[2],
            Decision::Placed(
                vec![70, 1, 0, 0, 0, 0, 71],
                ReadingRule::RunTogetherSplitByIdentities
            )
        );
        assert_eq!(
            decisions[3],
            Decision::Placed(
                vec![10, 0, 0, 0, 0, 0, 10],
                ReadingRule::RunTogetherSplitByIdentities
            )
        );
    }

    #[test]
    fn a_table_that_breaks_an_identity_is_read_by_the_others() {
        // 80 + 1 ≠ 82: the report breaks R3 of row 一 and R1 of 总计 (82 + 0 ≠ 71 + 10). No
        // split of the table satisfies every identity; leaving out 总计's R1 (or it and any one
        // other column's), the other columns' R1 give 80 1 0 0 0 0 and the digits leave 82.
        let runs = [
            row("/applications/new_received", "801000082"),
            row("/applications/carried_over", "0000000"),
            row("/applications/results/total", "701000071"),
            row("/applications/carried_forward", "100000010"),
        ];
        let decisions = decide(&runs);
        assert_eq!(
            decisions[0],
            Decision::Placed(
                vec![80, 1, 0, 0, 0, 0, 82],
                ReadingRule::RunTogetherSplitByIdentities
            )
        );
        assert_eq!(
            decisions[2],
            Decision::Placed(
                vec![70, 1, 0, 0, 0, 0, 71],
                ReadingRule::RunTogetherSplitByIdentities
            )
        );
        // 一 printed `8110000082`, which no split makes satisfy R3 nor, leaving out one
        // column's R1, the table's others: the row stays missing, said to break R3 or be
        // misread; nothing is read wrong.
        let runs = [
            row("/applications/new_received", "8110000082"),
            row("/applications/carried_over", "0000000"),
            row("/applications/results/total", "701000071"),
            row("/applications/carried_forward", "100000010"),
        ];
        let decisions = decide(&runs);
        assert!(
            matches!(&decisions[0], Decision::Missing(ProblemCode::UnsplittableRun, m) if m.contains("no split of it satisfies R3")),
            "{:?}",
            decisions[0]
        );
        assert!(
            matches!(&decisions[2], Decision::Missing(..))
                || decisions[2]
                    == Decision::Placed(
                        vec![70, 1, 0, 0, 0, 0, 71],
                        ReadingRule::RunTogetherSplitByIdentities
                    ),
            "{:?}",
            decisions[2]
        );
    }

    /// The index of 表三's row `path` among [`table`]'s runs.
    fn row_at(path: &str) -> usize {
        crate::template::APP_ROWS
            .iter()
            .position(|(_, p, _)| *p == path)
            .expect("a row of 表三")
    }

    /// 表三 in full: each row's digits by its path, zeros elsewhere.
    fn table(printed: &[(&str, &str)]) -> Vec<Run> {
        crate::template::APP_ROWS
            .iter()
            .map(|(_, path, _)| {
                let digits = printed
                    .iter()
                    .find(|(p, _)| p == path)
                    .map_or("0000000", |(_, d)| d);
                row(path, digits)
            })
            .collect()
    }

    #[test]
    fn a_row_misprinting_one_cell_is_read_as_printed() {
        // 一 printed 2 4 2 87 9 2 102 for 2 0 2 87 9 2 102 (as （一） and （七）): no split of
        // `2428792102` satisfies R3. Read as printed, one misprinted cell (witnessed by R3 and its
        // column's R1) explains every failing identity, and no reading with one or two misprints
        // splits a row otherwise.
        let runs = table(&[
            ("/applications/new_received", "2428792102"),
            ("/applications/results/granted", "2028792102"),
            ("/applications/results/total", "2028792102"),
        ]);
        assert_eq!(
            decide(&runs)[0],
            Decision::Placed(
                vec![2, 4, 2, 87, 9, 2, 102],
                ReadingRule::RunTogetherSplitByIdentities
            )
        );
        // 一's 总计 printed 93 for 102 (`202879293`), which also splits 2 0 2 8 79 2 93 (R3
        // holds, three columns fail). One misprint explains 2 0 2 87 9 2 93, but two explain
        // 2 0 2 87 9 29 3 (its last two cells): within one misprint of the fewest, so only the
        // cells both read alike are read.
        let runs = table(&[
            ("/applications/new_received", "202879293"),
            ("/applications/results/granted", "2028792102"),
            ("/applications/results/total", "2028792102"),
        ]);
        assert_eq!(
            read_cells(&decide(&runs)[0]),
            [Some(2), Some(0), Some(2), Some(87), Some(9), None, None]
        );
    }

    #[test]
    fn a_row_one_number_short_is_read_with_its_blank_where_the_identities_place_it() {
        // 一 prints 3 5 · 7 0 4 19, its 商业企业 blank (`3570419`): no split into seven numbers
        // satisfies R3 (the only one, 3 5 7 0 4 1 9, sums to 20), and 一's columns (R1, its
        // other rows zero) read 3 5 0 7 0 4 19 with the blank where 科研机构 stands, valued 0
        // as 总计 requires. The blank is said blank, the other cells read, the rows read too.
        let printed = [
            ("/applications/new_received", "3570419"),
            ("/applications/results/granted", "35070419"),
            ("/applications/results/total", "35070419"),
        ];
        let decisions = decide(&table(&printed));
        assert_eq!(
            decisions[row_at("/applications/new_received")],
            read_with_blank(vec![3, 5, 0, 7, 0, 4, 19], 2)
        );
        assert_eq!(
            read_cells(&decisions[row_at("/applications/results/total")]),
            [3, 5, 0, 7, 0, 4, 19].map(Some)
        );
        // Where no blank lets the columns hold (二 carries 1 over in 自然人, so 一's 自然人
        // must be 2), no blank is said.
        let broken = decide(&table(&[
            ("/applications/new_received", "3570419"),
            ("/applications/carried_over", "1000001"),
            ("/applications/results/granted", "35070419"),
            ("/applications/results/total", "35070419"),
        ]));
        assert!(!matches!(
            broken[row_at("/applications/new_received")],
            Decision::WithBlank(..)
        ));
    }

    #[test]
    fn a_second_blank_whose_row_also_cuts_into_seven_numbers_is_read_too() {
        // 一 prints its 其他组织 blank (`920478993` for 9 20 47 8 9 · 93, no split into seven
        // numbers satisfying R3), and so does 6.属于四类过程性信息 (`013458066` for
        // 0 13 45 8 0 · 66), whose digits also cut 0 1 3 4 58 0 66, which satisfies R3: with
        // 一 alone one number short, no reading of the table satisfies R2; with that row one
        // number short too, one does.
        let decisions = decide(&table(&[
            ("/applications/new_received", "920478993"),
            ("/applications/results/granted", "97209027"),
            (
                "/applications/results/withheld/process_information",
                "013458066",
            ),
            ("/applications/results/total", "9204789093"),
        ]));
        assert_eq!(
            decisions[row_at("/applications/new_received")],
            read_with_blank(vec![9, 20, 47, 8, 9, 0, 93], 5)
        );
        // Its blank is 法律服务机构 or 其他组织, both 0: neither is read.
        assert_eq!(
            read_cells(&decisions[row_at("/applications/results/withheld/process_information")]),
            [Some(0), Some(13), Some(45), Some(8), None, None, Some(66)]
        );
    }

    #[test]
    fn a_blank_among_cells_of_one_count_is_said_nowhere() {
        // 一 prints 3 0 · 7 0 0 10 with a 0 beside the blank (`3070010`): the blank is 法人's
        // 商业企业 or 科研机构, and which one the digits do not say. Neither is read; the
        // cells apart from them are.
        let decisions = decide(&table(&[
            ("/applications/new_received", "3070010"),
            ("/applications/results/granted", "30070010"),
            ("/applications/results/total", "30070010"),
        ]));
        assert_eq!(
            read_cells(&decisions[row_at("/applications/new_received")]),
            [Some(3), None, None, Some(7), Some(0), Some(0), Some(10)]
        );
    }

    #[test]
    fn a_misprinted_row_too_long_to_list_is_read_with_its_columns() {
        // 危及“三安全一稳定” prints 社会公益组织 2444 for 1537, its 总计 as added right
        // (`1220627002444759424216863`): no split satisfies its R3, and its splits into seven
        // cells are far more than are listed. Without its columns' R2, 予以公开 was left to its
        // R3 alone; read with them, one misprint explains the table, and 予以公开 is read.
        let misprinted = "/applications/results/withheld/security_stability";
        let runs = table(&[
            ("/applications/new_received", "1255627801549759424516921"),
            ("/applications/results/granted", "3580120358"),
            (misprinted, "1220627002444759424216863"),
            ("/applications/results/total", "1255627801549759424516921"),
        ]);
        let decisions = decide(&runs);
        assert_eq!(
            decisions[row_at("/applications/results/granted")],
            Decision::Placed(
                vec![35, 8, 0, 12, 0, 3, 58],
                ReadingRule::RunTogetherSplitByIdentities
            )
        );
        // Of the row itself, the cells two misprints in it (`… 24447 594 …`) read alike.
        assert_eq!(
            read_cells(&decisions[row_at(misprinted)]),
            [
                Some(1220),
                Some(6270),
                Some(0),
                None,
                None,
                Some(242),
                Some(16863)
            ]
        );
    }

    /// The count a decision reads per cell.
    /// A 表三 row read one number short, its blank at `blank`.
    fn read_with_blank(values: Vec<u64>, blank: usize) -> Decision {
        Decision::WithBlank(values, blank, ReadingRule::RunTogetherOneShortBlankPlaced)
    }

    fn read_cells(decision: &Decision) -> Vec<Option<u64>> {
        placed_cells(decision).unwrap_or_default()
    }

    #[test]
    fn two_readings_join_where_they_agree_and_leave_a_run_they_read_otherwise() {
        let rule = ReadingRule::RunTogetherSplitByIdentities;
        let misprinted = || Decision::Placed(vec![1, 3, 4], rule);
        let mut missing = Decision::Missing(ProblemCode::AmbiguousSplit, String::new());
        take_misprint_reading(&mut missing, misprinted());
        assert_eq!(missing, misprinted());
        // The first reading left its second cell open: the other's reads it.
        let mut partly =
            Decision::Partly(vec![1, 2, 4], vec![true, false, true], rule, String::new());
        take_misprint_reading(&mut partly, misprinted());
        assert_eq!(partly, misprinted());
        // Both read the second cell, otherwise: neither is taken.
        let mut placed = Decision::Placed(vec![1, 2, 4], rule);
        take_misprint_reading(&mut placed, misprinted());
        assert!(matches!(
            placed,
            Decision::Missing(ProblemCode::AmbiguousSplit, _)
        ));
        // The misprint reading reads nothing: the first stands.
        let mut placed = Decision::Placed(vec![1, 2, 4], rule);
        let nothing = Decision::Missing(ProblemCode::SplitSearchBounded, String::new());
        take_misprint_reading(&mut placed, nothing);
        assert_eq!(placed, Decision::Placed(vec![1, 2, 4], rule));
    }

    #[test]
    fn a_consistent_split_that_one_misprint_also_explains_otherwise_is_read_only_where_alike() {
        // 信访举报投诉类 prints 商业企业 34 for 43 (`034000043`), 三类内部事务 0 4 40 … 44. As
        // printed, one misprint explains every failing identity; but `034000043` also splits
        // 0 3 40 … 43 and `044000044` 0 44 0 … 44, and with both every identity holds. Two
        // readings of the same digits, one consistent, one explained by one misprint: the two
        // rows are read only in the cells both readings give alike (0 and 0 0 0 43 as printed,
        // 0 and 0 0 0 44), the other rows wholly.
        let petition = "/applications/results/not_processed/petition_complaint";
        let internal = "/applications/results/withheld/internal_affairs";
        let runs = table(&[
            ("/applications/new_received", "0474000087"),
            (petition, "034000043"),
            (internal, "044000044"),
            ("/applications/results/total", "0474000087"),
        ]);
        let decisions = decide(&runs);
        let at = |path: &str| decisions.get(row_at(path));
        assert!(
            matches!(at(petition), Some(Decision::Partly(values, kept, _, why))
                if values == &[0, 3, 40, 0, 0, 0, 43]
                    && kept == &[true, false, false, true, true, true, true]
                    && why.contains("were a cell of `034000043` misprinted")),
            "{:?}",
            at(petition)
        );
        assert!(
            matches!(at(internal), Some(Decision::Partly(values, kept, _, why))
                if values == &[0, 44, 0, 0, 0, 0, 44]
                    && kept == &[true, false, false, true, true, true, true]
                    && why.contains("were a cell of `034000043` misprinted")),
            "{:?}",
            at(internal)
        );
        assert_eq!(
            at("/applications/new_received"),
            Some(&Decision::Placed(
                vec![0, 47, 40, 0, 0, 0, 87],
                ReadingRule::RunTogetherSplitByIdentities
            ))
        );
    }

    #[test]
    fn two_misprints_at_the_fewest_read_nothing() {
        // 一 misprints two cells (2 → 3 and 总计 102 → 93): no reading with one misprint, and
        // readings with three are not searched, so nothing of 一 is read.
        let runs = table(&[
            ("/applications/new_received", "203879293"),
            ("/applications/results/granted", "2028792102"),
            ("/applications/results/total", "2028792102"),
        ]);
        assert!(
            matches!(&decide(&runs)[0], Decision::Missing(..)),
            "{:?}",
            decide(&runs)[0]
        );
    }

    #[test]
    fn a_column_mis_totalled_is_read_and_breaks_where_printed() {
        // （七）总计 prints 1 for 自然人 where the rows sum to 2, its 总计 lowered alike (every
        // row satisfies R3): 自然人's R1 and R2 fail, and the 总计 column's with them. That is
        // one break, not two: the 总计 column's identities are the sums of the others'. Every
        // reading leaving out one break or two gives each row one split, that printed.
        let runs = table(&[
            ("/applications/new_received", "2028792102"),
            ("/applications/results/granted", "2028792102"),
            ("/applications/results/total", "1028792101"),
        ]);
        let decisions = decide(&runs);
        let total_row = row_at("/applications/results/total");
        assert_eq!(
            decisions[total_row],
            Decision::Placed(
                vec![1, 0, 2, 87, 9, 2, 101],
                ReadingRule::RunTogetherSplitByIdentities
            )
        );
        assert_eq!(
            decisions[0],
            Decision::Placed(
                vec![2, 0, 2, 87, 9, 2, 102],
                ReadingRule::RunTogetherSplitByIdentities
            )
        );
        // Two columns mis-totalled (自然人 and 商业企业 each 1 short) are two breaks: each
        // reading of one break fails, and nothing is read.
        let runs = table(&[
            ("/applications/new_received", "2128792103"),
            ("/applications/results/granted", "2128792103"),
            ("/applications/results/total", "1028792101"),
        ]);
        assert!(
            decide(&runs)
                .iter()
                .all(|d| matches!(d, Decision::Missing(..))
                    || *d == Decision::Placed(vec![0; 7], ReadingRule::RunTogetherSingleSplit)),
            "{:?}",
            decide(&runs)
        );
    }

    /// SplitMix64, for the measurement below.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }

        /// Counts as real reports print them: many zeros, small counts, some hundreds.
        fn count(&mut self) -> u64 {
            match self.below(13) {
                0..=5 => 0,
                6..=9 => self.below(10),
                10 | 11 => self.below(100),
                _ => self.below(3000),
            }
        }
    }

    /// 表四's fifteen cells, in the order a run of its digits prints them.
    fn review_pointers() -> Vec<&'static str> {
        ["review", "litigation_direct", "litigation_after_review"]
            .iter()
            .flat_map(|g| {
                ["upheld", "corrected", "other", "pending", "total"]
                    .map(|c| intern(&format!("/review_litigation/{g}/{c}")).unwrap())
            })
            .collect()
    }

    /// The risk of reading 表四 by R4 alone, measured: over broken 表四s (one cell changed by
    /// 1–20 or 1–1000), how often the digits still admit exactly one R4-consistent split (a
    /// wrong number and a hidden break if taken), and that the rule kept reads none wrong.
    #[test]
    #[allow(clippy::print_stdout)] // the figures are what the test reports
    fn table_four_is_never_misread_when_it_breaks_r4() {
        let pointers = review_pointers();
        let totalled = Segment {
            size: 5,
            total: true,
        };
        let mut rng = Rng(7);
        // `XXGK_TABLE_FOUR_SAMPLES=200000` for the figures of the crate docs (release build).
        let samples: usize = std::env::var("XXGK_TABLE_FOUR_SAMPLES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(2_000);
        let (mut unique_r4, mut read, mut read_consistent) = (0, 0, 0);
        let mut unique_consistent = 0;
        for i in 0..samples {
            let mut v: Vec<u64> = Vec::new();
            for _ in 0..3 {
                let group: Vec<u64> = (0..4).map(|_| rng.count()).collect();
                v.push(group.iter().sum());
                v.splice(v.len() - 1..v.len() - 1, group);
            }
            let digits = |v: &[u64]| v.iter().map(u64::to_string).collect::<String>();
            let run = Run {
                pointers: pointers.clone(),
                digits: digits(&v),
                printed_apart: false,
            };
            read_consistent += placed(&decide(std::slice::from_ref(&run))[0], &v);
            let mut budget = Budget::new(RUN_STEPS);
            let r4 = segment_splits(&run.digits, &[totalled; 3], 2, &mut budget);
            unique_consistent += usize::from(r4.candidates.len() == 1 && !r4.truncated);
            let pick = usize::try_from(rng.below(15)).unwrap();
            let delta = 1 + rng.below(if i % 2 == 0 { 20 } else { 1000 });
            v[pick] = if v[pick] >= delta && rng.below(2) == 0 {
                v[pick] - delta
            } else {
                v[pick] + delta
            };
            let run = Run {
                pointers: pointers.clone(),
                digits: digits(&v),
                printed_apart: false,
            };
            let mut budget = Budget::new(RUN_STEPS);
            let r4 = segment_splits(&run.digits, &[totalled; 3], 16, &mut budget);
            if r4.candidates.len() == 1 && r4.candidates[0] != v {
                unique_r4 += 1;
            }
            read += placed(&decide(std::slice::from_ref(&run))[0], &v);
        }
        println!(
            "表四 broken in {samples}: {unique_r4} admit one R4-consistent split (misread if taken), \
             against {unique_consistent} consistent ones; cells read: {read} of broken, \
             {read_consistent} of consistent (of {})",
            samples * 15
        );
        assert!(unique_r4 > 0, "the risk is real in this sample");
        assert!(read_consistent * 100 >= samples * 15 * 25);
    }

    /// 净月's 表四 run together: `1 10 3 4 18` and `11 0 3 4 18` both satisfy R4, so its first
    /// two cells stay open, while the cells every split, and every split with one group's R4
    /// dropped, reads alike are placed: the last group (the second moves with the first's R4
    /// dropped).
    #[test]
    fn a_table_four_two_splits_satisfy_reads_the_cells_they_agree_on() {
        let pointers = review_pointers();
        let run = Run {
            pointers,
            digits: "110341871301131105".to_owned(),
            printed_apart: false,
        };
        let decisions = decide(std::slice::from_ref(&run));
        let [Decision::Partly(values, kept, ReadingRule::RunTogetherSplitByIdentities, why)] =
            decisions.as_slice()
        else {
            panic!("{decisions:?}");
        };
        let published = [11, 0, 3, 4, 18, 7, 1, 3, 0, 11, 3, 1, 1, 0, 5];
        let agreed: Vec<Option<u64>> = values
            .iter()
            .zip(kept)
            .map(|(v, k)| k.then_some(*v))
            .collect();
        let expected: Vec<Option<u64>> = published
            .iter()
            .enumerate()
            .map(|(k, v)| (k >= 10).then_some(*v))
            .collect();
        assert_eq!(agreed, expected);
        assert!(why.contains("2 splits of `110341871301131105`"), "{why}");
    }

    /// A 表四 printing two cells blank, `0 · 0 0 0 | 6 · 1 9 16 | 0 8 5 0 13` run together as
    /// `000061916085013`: its fifteen digits cut one way into fifteen cells, breaking R4 in every
    /// group, and two blanks explain that as well as three misprints, so nothing is placed. A
    /// one-digit split breaking one group stands: a blank there needs a second break.
    #[test]
    fn a_table_four_cut_one_way_breaking_several_groups_is_not_read() {
        let pointers = review_pointers();
        let run = |digits: &str| Run {
            pointers: pointers.clone(),
            digits: digits.to_owned(),
            printed_apart: false,
        };
        let decisions = decide(&[run("000061916085013")]);
        let [Decision::Missing(ProblemCode::AmbiguousSplit, why)] = decisions.as_slice() else {
            panic!("{decisions:?}");
        };
        assert!(why.contains("breaks 3 of its own identities (R4)"), "{why}");
        // 复议 totalling 1 with no case beside it: the other groups hold, the split is taken.
        let decisions = decide(&[run("000010000000000")]);
        assert_eq!(
            decisions,
            [Decision::Placed(
                vec![0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                ReadingRule::RunTogetherSingleSplit
            )]
        );
    }

    /// The cells a decision placed, each checked against the published values.
    fn placed(decision: &Decision, published: &[u64]) -> usize {
        read_cells(decision)
            .iter()
            .zip(published)
            .filter_map(|(cell, published)| cell.map(|value| (value, published)))
            .map(|(value, published)| assert_eq!(value, *published, "misread {published:?}"))
            .count()
    }
}
