//! Tall rows of 表三 read by stacking their numbers' pieces. A narrow cell wraps a wide number
//! over lines, centred in its row or hung from its top, so `pdftotext -layout` prints the row's
//! line with some numbers whole and pieces of the others on the lines around it (`30` above and
//! `01` below the line `53 0 0 61 4`, for 3001 53 0 0 61 4 3119). Such a row, left unread as
//! printed, is read here where one stacking of the lines around it, shared with the tall rows
//! next to it, makes each of its columns one number and its 总计 holds: every line of numbers
//! between two rows taken by one of them, each column's pieces on lines in a run around the
//! row's line, each but the last as wide as the column. The identities across rows then
//! confirm it as they do every joined row (`gaps::confirm_wrapped`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::align::DisplayColumns;
use crate::table::{RowRead, ValueCell};
use crate::wrapped::Joined;

/// Lines of pieces looked at on each side of a row's line: a count of real reports wraps over a
/// few at most.
const MOST_LINES_A_SIDE: usize = 8;
/// Joint readings of a run of tall rows weighed before the run is left unread.
const MOST_READINGS: usize = 64;
/// Search steps over one run of tall rows, so that no input makes the search explode.
const STEP_BUDGET: usize = 20_000;

/// A tall row read by stacking.
pub(crate) struct Stacked {
    /// Its index among the rows.
    pub index: usize,
    /// Its cells, a cell of several pieces marked joined.
    pub cells: Joined,
    /// The lines of pieces it took (their segment indexes).
    pub taken: Vec<usize>,
}

/// One way a row's line takes the lines of pieces around it.
#[derive(Clone)]
struct Reading {
    /// Lines taken above and below, nearest first.
    above: usize,
    below: usize,
    cells: Joined,
}

/// Reads the rows of `tall` (indexes in `rows`, each left unread as printed, its numbers on one
/// line) by stacking the pieces of `lines` (the numbers of lines no row labels, by segment index)
/// around their lines, in `columns` columns: each read where every joint reading of the run of
/// tall rows it stands in (no row's line between them) that takes every line of pieces between
/// its neighbours gives it the same cells, and `holds` (a row's 总计) holds for them.
pub(crate) fn stack<R>(
    rows: &[RowRead<R>],
    tall: &[usize],
    lines: &[(usize, Vec<ValueCell>)],
    columns: usize,
    display: &DisplayColumns,
    holds: impl Fn(&[ValueCell]) -> bool,
) -> Vec<Stacked> {
    // A line with no label holding as many numbers as a row, its 总计 holding, is a row of its
    // own, whose label the converter tore off; one breaking it may be a tall row's pieces.
    let a_row =
        |values: &[ValueCell]| values.len() > columns || (values.len() == columns && holds(values));
    // Lines of pieces by source line; a line of numbers that are not all runs of digits, or
    // not on one line, stands in the way of every row around it.
    let mut pieces: BTreeMap<u32, (usize, &[ValueCell])> = BTreeMap::new();
    let mut blocking: BTreeSet<u32> = BTreeSet::new();
    for (at, values) in lines.iter().filter(|(_, v)| !a_row(v)) {
        let mut on = values.iter().map(|v| v.pos().map(|p| p.line));
        let Some(Some(line)) = on.next() else {
            continue;
        };
        if all_digits(values) && on.all(|l| l == Some(line)) && !pieces.contains_key(&line) {
            pieces.insert(line, (*at, values));
        } else {
            blocking.extend(values.iter().filter_map(|v| v.pos().map(|p| p.line)));
        }
    }
    if pieces.is_empty() {
        return Vec::new();
    }
    // Each tall row's line, worked out before any reading: a line of pieces that is a row's
    // line is no line of pieces for the rows around it.
    let next_at = |index: usize| {
        let at = rows.get(index)?.at;
        rows.iter().map(|r| r.at).filter(|a| *a > at).min()
    };
    let row_lines_of: BTreeMap<usize, RowLine> = tall
        .iter()
        .filter_map(|&index| {
            let row = rows.get(index)?;
            let zone = pieces
                .iter()
                .filter(|(_, (at, _))| *at > row.at && next_at(index).is_none_or(|n| *at < n))
                .map(|(line, (at, values))| (*line, *at, *values));
            Some((index, row_line(&row.values, zone)?))
        })
        .collect();
    for row_line in row_lines_of.values() {
        if let Some((line, _)) = row_line.from_pieces {
            pieces.remove(&line);
        }
    }
    // The lines of rows' numbers: a tall row's its line alone, its other numbers its pieces.
    let row_lines: BTreeSet<u32> = rows
        .iter()
        .enumerate()
        .filter(|(index, _)| !row_lines_of.contains_key(index))
        .flat_map(|(_, r)| &r.values)
        .chain(lines.iter().filter(|(_, v)| a_row(v)).flat_map(|(_, v)| v))
        .filter_map(|v| v.pos().map(|p| p.line))
        .chain(row_lines_of.values().map(|r| r.line))
        .collect();
    // Each tall row's line and its readings, in the order of the lines.
    let mut candidates: Vec<(u32, usize, Vec<Reading>)> = Vec::new();
    for (&index, row_line) in &row_lines_of {
        let line = row_line.line;
        let before = row_lines.range(..line).next_back().copied();
        let after = row_lines.range(line + 1..).next().copied();
        let within = |l: &u32| before.is_none_or(|b| *l > b) && after.is_none_or(|a| *l < a);
        if blocking.iter().any(within) {
            continue;
        }
        let above: Vec<u32> = pieces
            .range(..line)
            .rev()
            .map(|(l, _)| *l)
            .filter(within)
            .collect();
        let below: Vec<u32> = pieces
            .range(line + 1..)
            .map(|(l, _)| *l)
            .filter(within)
            .collect();
        if above.len() > MOST_LINES_A_SIDE || below.len() > MOST_LINES_A_SIDE {
            continue;
        }
        let mut readings: Vec<Reading> = Vec::new();
        for a in 0..=above.len() {
            for b in 0..=below.len() {
                let taken = above.iter().take(a).chain(below.iter().take(b));
                let taken: Vec<&[ValueCell]> = taken
                    .filter_map(|l| pieces.get(l).map(|(_, values)| *values))
                    .chain(row_line.own.iter().map(Vec::as_slice))
                    .collect();
                for measure in [Measure::Characters, Measure::Display] {
                    let Some(cells) =
                        stacked(&row_line.values, line, &taken, columns, measure, display)
                    else {
                        continue;
                    };
                    let values: Vec<ValueCell> = cells.iter().map(|(c, _)| c.clone()).collect();
                    let known = readings.iter().any(|r| {
                        (r.above, r.below) == (a, b)
                            && r.cells
                                .iter()
                                .map(|(c, _)| c.raw())
                                .eq(values.iter().map(ValueCell::raw))
                    });
                    if holds(&values) && !known {
                        readings.push(Reading {
                            above: a,
                            below: b,
                            cells,
                        });
                    }
                }
            }
        }
        candidates.push((line, index, readings));
    }
    candidates.sort_by_key(|(line, _, _)| *line);
    // The lines of rows left unread: lines of pieces beside them may be theirs.
    let unsettled: BTreeSet<u32> = tall
        .iter()
        .filter_map(|&index| rows.get(index))
        .flat_map(|r| &r.values)
        .filter_map(|v| v.pos().map(|p| p.line))
        .chain(row_lines_of.values().map(|r| r.line))
        .collect();
    // Runs of tall rows no other row's line stands between.
    let mut stacked_rows = Vec::new();
    let mut start = 0;
    while start < candidates.len() {
        let mut end = start + 1;
        while let (Some((previous, _, _)), Some((next, _, _))) =
            (candidates.get(end - 1), candidates.get(end))
            && row_lines.range(previous + 1..*next).next().is_none()
        {
            end += 1;
        }
        if let Some(run) = candidates.get(start..end) {
            stacked_rows.extend(
                read_run(run, &pieces, &row_lines, &unsettled)
                    .into_iter()
                    .map(|mut row| {
                        let line_of_pieces =
                            row_lines_of.get(&row.index).and_then(|r| r.from_pieces);
                        row.taken.extend(line_of_pieces.map(|(_, at)| at));
                        row
                    }),
            );
        }
        start = end;
    }
    stacked_rows
}

/// The rows of a run of tall rows that every joint reading gives the same cells: each line of
/// pieces between two rows of the run taken by one of them, those above the first and below the
/// last by it, or, next to a row left unread too (its line among `unsettled`), some of them.
fn read_run(
    run: &[(u32, usize, Vec<Reading>)],
    pieces: &BTreeMap<u32, (usize, &[ValueCell])>,
    row_lines: &BTreeSet<u32>,
    unsettled: &BTreeSet<u32>,
) -> Vec<Stacked> {
    let count_between = |from: Option<u32>, to: Option<u32>| {
        pieces
            .keys()
            .filter(|l| from.is_none_or(|f| **l > f) && to.is_none_or(|t| **l < t))
            .count()
    };
    let Some(((first, _, _), (last, _, _))) = run.first().zip(run.last()) else {
        return Vec::new();
    };
    let before = row_lines.range(..first).next_back().copied();
    let after = row_lines.range(last + 1..).next().copied();
    // Lines of pieces between each row of the run and the next, and around the run.
    let gaps: Vec<usize> = run
        .windows(2)
        .filter_map(|w| Some(count_between(Some(w.first()?.0), Some(w.get(1)?.0))))
        .collect();
    let end = |line: Option<u32>, count: usize| Around {
        count,
        all: line.is_none_or(|l| !unsettled.contains(&l)),
    };
    let (above_run, below_run) = (
        end(before, count_between(before, Some(*first))),
        end(after, count_between(Some(*last), after)),
    );
    let mut found: Vec<Vec<usize>> = Vec::new();
    let mut steps = 0usize;
    let mut chosen: Vec<usize> = Vec::new();
    if !joint_readings(
        run,
        &gaps,
        (above_run, below_run),
        &mut chosen,
        &mut found,
        &mut steps,
    ) || found.is_empty()
    {
        return Vec::new();
    }
    // Lines of pieces in document order with their segment indexes.
    let lines: Vec<(u32, usize)> = pieces.iter().map(|(l, (at, _))| (*l, *at)).collect();
    run.iter()
        .enumerate()
        .filter_map(|(k, (line, index, readings))| {
            let mut picks = found.iter().filter_map(|f| readings.get(*f.get(k)?));
            let reading = picks.next()?;
            let same = |r: &Reading| {
                r.cells
                    .iter()
                    .map(|(c, _)| c.raw())
                    .eq(reading.cells.iter().map(|(c, _)| c.raw()))
            };
            if !picks.all(same) {
                return None;
            }
            // Every joint reading gives the row its cells; the lines it takes are those of the
            // first (another takes the same numbers, so the same lines' pieces, or a row beside
            // it reads differently).
            let above = lines
                .iter()
                .filter(|(l, _)| l < line)
                .rev()
                .take(reading.above);
            let below = lines.iter().filter(|(l, _)| l > line).take(reading.below);
            Some(Stacked {
                index: *index,
                cells: reading.cells.clone(),
                taken: above.chain(below).map(|(_, at)| *at).collect(),
            })
        })
        .collect()
}

/// The lines of pieces beyond one end of a run of tall rows.
#[derive(Clone, Copy)]
struct Around {
    count: usize,
    /// Whether the row at the end takes them all (the row beyond, if any, is read), or the
    /// nearest of them only.
    all: bool,
}

impl Around {
    fn fits(self, taken: usize) -> bool {
        taken == self.count || (!self.all && taken < self.count)
    }
}

/// Every joint reading of `run` (one reading a row, in `chosen` so far) that takes every line of
/// pieces `gaps` between its rows, and `around` above its first and below its last. False when
/// the search ran out of steps or readings.
fn joint_readings(
    run: &[(u32, usize, Vec<Reading>)],
    gaps: &[usize],
    around: (Around, Around),
    chosen: &mut Vec<usize>,
    found: &mut Vec<Vec<usize>>,
    steps: &mut usize,
) -> bool {
    let k = chosen.len();
    let Some((_, _, readings)) = run.get(k) else {
        found.push(chosen.clone());
        return found.len() <= MOST_READINGS;
    };
    for (r, reading) in readings.iter().enumerate() {
        *steps += 1;
        if *steps > STEP_BUDGET {
            return false;
        }
        // The lines above it are those the row before left, or all above the run.
        let fits_above = match k.checked_sub(1) {
            None => around.0.fits(reading.above),
            Some(p) => {
                let taken_below = chosen
                    .get(p)
                    .and_then(|&c| run.get(p)?.2.get(c))
                    .map_or(0, |prior| prior.below);
                reading.above + taken_below == gaps.get(p).copied().unwrap_or(0)
            }
        };
        let last = k + 1 == run.len();
        let fits_below = if last {
            around.1.fits(reading.below)
        } else {
            reading.below <= gaps.get(k).copied().unwrap_or(0)
        };
        if !(fits_above && fits_below) {
            continue;
        }
        chosen.push(r);
        let searched = joint_readings(run, gaps, around, chosen, found, steps);
        chosen.pop();
        if !searched {
            return false;
        }
    }
    true
}

/// How a line's columns are counted.
#[derive(Clone, Copy)]
enum Measure {
    /// In characters, as `pdftotext -layout` mostly lines cells up.
    Characters,
    /// In display columns, two to a wide character.
    Display,
}

/// Where a tall row's numbers stand: the line of most of them, which the pieces of the others
/// stack around.
struct RowLine {
    line: u32,
    /// Its numbers on that line.
    values: Vec<ValueCell>,
    /// Its other numbers, a line each: pieces every reading of it takes.
    own: Vec<Vec<ValueCell>>,
    /// The line of pieces (source line, segment index) that is its line, where one is.
    from_pieces: Option<(u32, usize)>,
}

/// The line of a tall row with `values`: where they stand on one line, that line, but where a
/// line of pieces after its label and before the next row's (`zone`: source line, segment
/// index, numbers) holds more numbers, at least three, and more than any other, that line: the
/// row's label printed over the middle of its cells with the tops of its wrapped numbers
/// (`8.属于行政查询事  10  10` over `0 0 0 0 0` over `项  5  5`). Where they stand on several
/// lines (the next line's label unrecognised, its pieces taken as the row's), the one of most
/// numbers among them and the zone's. `None` where no line holds more than any other.
fn row_line<'a>(
    values: &[ValueCell],
    zone: impl Iterator<Item = (u32, usize, &'a [ValueCell])>,
) -> Option<RowLine> {
    let mut own: BTreeMap<u32, Vec<ValueCell>> = BTreeMap::new();
    for value in values {
        let ValueCell::Token { pos, .. } = value else {
            return None;
        };
        own.entry(pos.line).or_default().push(value.clone());
    }
    let zone: Vec<(u32, usize, &[ValueCell])> = zone.collect();
    let most_in_zone = zone.iter().map(|(_, _, v)| v.len()).max().unwrap_or(0);
    if own.len() == 1
        && let Some((&line, values)) = own.iter().next()
        && (most_in_zone < 3 || most_in_zone <= values.len())
    {
        return Some(RowLine {
            line,
            values: values.clone(),
            own: Vec::new(),
            from_pieces: None,
        });
    }
    if own.values().any(|v| !all_digits(v)) {
        return None;
    }
    let most_own = own.values().map(Vec::len).max().unwrap_or(0);
    let most = most_own.max(most_in_zone);
    let lines_of_most = own.values().filter(|v| v.len() == most).count()
        + zone.iter().filter(|(_, _, v)| v.len() == most).count();
    if most < 3 || lines_of_most != 1 {
        return None;
    }
    if most_own == most {
        let (&line, _) = own.iter().find(|(_, v)| v.len() == most)?;
        let values = own.remove(&line)?;
        return Some(RowLine {
            line,
            values,
            own: own.into_values().collect(),
            from_pieces: None,
        });
    }
    let &(line, at, values) = zone.iter().find(|(_, _, v)| v.len() == most)?;
    Some(RowLine {
        line,
        values: values.to_vec(),
        own: own.into_values().collect(),
        from_pieces: Some((line, at)),
    })
}

/// Whether every one of `values` is a run of digits as printed.
fn all_digits(values: &[ValueCell]) -> bool {
    values.iter().all(|v| v.digit_run() == Some(v.raw()))
}

/// The row's `values` on `line` and the pieces of the lines `taken` made `columns` numbers:
/// the pieces that overlap one another, counted by `measure`, in a column each, and the columns
/// left to right; each column's pieces on the row's line or around it, on lines in a run among
/// the lines taken and the row's but for one line between two of them (a cell of an even number
/// of lines centred in the row leaves the line of the cells of one between its halves), its
/// first piece led by no 0 but a 0 alone, every piece but the last as wide as the first and the
/// last no wider. `None` where they do not.
fn stacked(
    values: &[ValueCell],
    line: u32,
    taken: &[&[ValueCell]],
    columns: usize,
    measure: Measure,
    display: &DisplayColumns,
) -> Option<Joined> {
    let mut items: Vec<(u64, u64, u32, &ValueCell)> = Vec::new();
    for value in values.iter().chain(taken.iter().flat_map(|t| t.iter())) {
        let ValueCell::Token { pos, raw, .. } = value else {
            return None;
        };
        let (start, end) = match measure {
            Measure::Characters => {
                let start = u64::from(pos.column);
                (start, start + u64::try_from(raw.chars().count()).ok()?)
            }
            Measure::Display => display.span_of(*pos, raw),
        };
        items.push((start, end, pos.line, value));
    }
    items.sort_by_key(|&(start, end, line, _)| (start, end, line));
    // Pieces overlapping one another, left to right.
    let mut groups: Vec<(u64, Vec<(u32, &ValueCell)>)> = Vec::new();
    for (start, end, on, value) in items {
        match groups.last_mut() {
            Some((reach, group)) if start < *reach => {
                *reach = (*reach).max(end);
                group.push((on, value));
            }
            _ => groups.push((end, vec![(on, value)])),
        }
    }
    if groups.len() != columns {
        return None;
    }
    // The lines in play, top to bottom, and where each stands.
    let mut order: Vec<u32> = taken
        .iter()
        .filter_map(|t| t.first()?.pos().map(|p| p.line))
        .chain([line])
        .collect();
    order.sort_unstable();
    let rank: HashMap<u32, usize> = order.iter().enumerate().map(|(k, l)| (*l, k)).collect();
    let row_rank = *rank.get(&line)?;
    groups
        .into_iter()
        .map(|(_, mut group)| {
            group.sort_by_key(|(on, _)| *on);
            let ranks: Vec<usize> = group
                .iter()
                .map(|(on, _)| rank.get(on).copied())
                .collect::<Option<_>>()?;
            let (first, last) = (*ranks.first()?, *ranks.last()?);
            let around_row_line = first <= row_rank && last >= row_rank;
            let in_a_run = ranks.windows(2).all(|w| w.first() < w.get(1))
                && (last - first + 1) - ranks.len() <= 1;
            if !in_a_run || !around_row_line {
                return None;
            }
            let widths: Vec<usize> = group.iter().map(|(_, v)| v.raw().len()).collect();
            let (&last_width, heads) = widths.split_last()?;
            let width = heads.first().copied().unwrap_or(last_width);
            if heads.iter().any(|w| *w != width) || last_width > width {
                return None;
            }
            let (_, head) = group.first()?;
            let joined: String = group.iter().map(|(_, v)| v.raw()).collect();
            if joined.starts_with('0') && joined != "0" {
                return None;
            }
            if group.len() == 1 {
                return Some(((*head).clone(), false));
            }
            let pos = head.pos()?;
            Some((
                ValueCell::Token {
                    text: joined.clone(),
                    raw: joined,
                    pos,
                },
                true,
            ))
        })
        .collect()
}
