//! Placing the numbers of a space-aligned row that has blank cells. `pdftotext -layout` leaves no
//! trace of an empty cell but the gap where it stood, so the numbers are placed in the columns of
//! the complete rows next to it — only when those rows agree on the columns and every number
//! stands squarely in one of them, and (in 表三) when the row's 总计 confirms the placement.
//! Columns are counted in characters, as `pdftotext -layout` lines them up, or else in display
//! columns, two to a CJK character, as text laid out for a terminal (`w3m -dump`, tabulating
//! tools) lines them up ([`DisplayColumns`]); the numbers of a column line up by their
//! centres, or else their first characters (Word's left-aligned cells), or else their last.
//! A converter that separates a row's cells by one run of spaces (pdfplumber's text) leaves an
//! empty cell as a gap two runs wide or more: a 表三 row a number short has its blank placed
//! there ([`blank_in_wide_gap`]), and is kept only where the identities of its other columns
//! confirm it (`gaps`).

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use unicode_width::UnicodeWidthChar as _;

use crate::normalize::{PosText, SourcePos};
use crate::table::{RowRead, ValueCell};

/// The columns a layout lines its cells up by, two to a wide character: a position counts
/// characters, and the labels before a row's numbers hold as many CJK characters as they
/// happen to, so columns counted in characters differ from row to row. Worked out on first
/// use: most reports have no row that needs it.
pub(crate) struct DisplayColumns<'a> {
    lines: Vec<&'a PosText>,
    /// Per source line, the character columns of its wide characters, in order.
    wide: OnceCell<HashMap<u32, Vec<u32>>>,
    /// Where each number starts whose digits run over a line end the text joined.
    joined_numbers: OnceCell<HashSet<SourcePos>>,
    /// For a line the text joined from several source lines (a hard wrap undone), each of
    /// them mapped to its first.
    joined_lines: OnceCell<HashMap<u32, u32>>,
}

impl<'a> DisplayColumns<'a> {
    /// The display columns of the characters of `lines`.
    pub(crate) fn of(lines: Vec<&'a PosText>) -> Self {
        Self {
            lines,
            wide: OnceCell::new(),
            joined_numbers: OnceCell::new(),
            joined_lines: OnceCell::new(),
        }
    }

    /// Whether the number starting at `pos` runs over a line end that the text joined (a hard
    /// wrap cut it, `1160720` at a line's end and `4` on the next): it is printed as two
    /// pieces, not whole in one line.
    pub(crate) fn joined_over_lines(&self, pos: SourcePos) -> bool {
        self.joined_numbers
            .get_or_init(|| {
                let mut joined = HashSet::new();
                // A line's glyphs stand on one source line unless the text joined it: most
                // reports join none, and only their ends are looked at.
                let spans_lines = |line: &&&PosText| match (line.glyphs.first(), line.glyphs.last())
                {
                    (Some(first), Some(last)) => first.pos.line != last.pos.line,
                    _ => false,
                };
                for line in self.lines.iter().filter(spans_lines) {
                    let mut start: Option<SourcePos> = None;
                    let mut before: Option<SourcePos> = None;
                    for glyph in &line.glyphs {
                        if !glyph.ch.is_ascii_digit() {
                            (start, before) = (None, None);
                            continue;
                        }
                        let first = *start.get_or_insert(glyph.pos);
                        if before.is_some_and(|b| b.line != glyph.pos.line) {
                            joined.insert(first);
                        }
                        before = Some(glyph.pos);
                    }
                }
                joined
            })
            .contains(&pos)
    }

    /// Whether source line `line` prints a note in brackets under `number` (`（其中修订 16 件）`,
    /// or its first piece `（其中修订`): the note a 表二 cell of two lines prints centred under
    /// its number, so the note's span, from its opening bracket to its closing one or the line's
    /// end, covers the number's centre (in display columns, a character's width either side).
    pub(crate) fn note_under(&self, line: u32, number: &ValueCell) -> bool {
        let ValueCell::Token { raw, pos, .. } = number else {
            return false;
        };
        let width = u64::try_from(raw.chars().count()).unwrap_or(u64::MAX / 4);
        let centre = 2 * self.column(*pos) + width.saturating_sub(1);
        let mut glyphs: Vec<SourcePos> = Vec::new();
        let mut closed = false;
        for glyph in self.lines.iter().flat_map(|text| &text.glyphs) {
            if glyph.pos.line != line || closed {
                continue;
            }
            if glyph.ch == '(' || !glyphs.is_empty() {
                glyphs.push(glyph.pos);
                closed = glyph.ch == ')';
            }
        }
        let (Some(first), Some(last)) = (glyphs.first(), glyphs.last()) else {
            return false;
        };
        let (start, end) = (2 * self.column(*first), 2 * self.column(*last) + 2);
        (start.saturating_sub(2)..=end + 2).contains(&centre)
    }

    /// Whether `values`, in reading order over several lines, stand around each other out of
    /// their columns' order: numbers on a later line both left of the first number of an earlier
    /// line and right of its last, in characters (as `pdftotext -layout` lines cells up) or in
    /// display columns. A tall row prints so, its cells' lines centred around its own line (`5`
    /// above, `0 0 0 0 0` on it, `0` below, for 50 0 0 0 0 0 50: read in order, a cell's lower
    /// line would be taken for a cell of its own). A row continued at the start of the next
    /// line, a line a hard wrap cut and the text joined again, or a cell a line in one column,
    /// is not.
    pub(crate) fn out_of_column_order(&self, values: &[ValueCell]) -> bool {
        // Most rows stand on one line: nothing to compare, and no columns worked out.
        let mut lines = values.iter().filter_map(ValueCell::pos).map(|p| p.line);
        let first_line = lines.next();
        if lines.all(|line| Some(line) == first_line) {
            return false;
        }
        let joined = self.joined_lines.get_or_init(|| {
            let mut joined = HashMap::new();
            for text in &self.lines {
                let Some(first) = text.glyphs.first().map(|g| g.pos.line) else {
                    continue;
                };
                for glyph in text.glyphs.iter().filter(|g| g.pos.line != first) {
                    joined.insert(glyph.pos.line, first);
                }
            }
            joined
        });
        // The line of text a number stands on: a hard wrap's pieces, joined, are one line.
        let line_of = |pos: SourcePos| joined.get(&pos.line).copied().unwrap_or(pos.line);
        let around = |column: &dyn Fn(SourcePos) -> u64| {
            let mut lines: Vec<(u32, u64, u64)> = Vec::new();
            for pos in values.iter().filter_map(ValueCell::pos) {
                let at = column(pos);
                match lines.last_mut() {
                    Some((line, _, last)) if *line == line_of(pos) => *last = at,
                    _ => lines.push((line_of(pos), at, at)),
                }
            }
            lines.iter().enumerate().any(|(k, &(_, first, last))| {
                let later = lines.get(k + 1..).unwrap_or_default();
                later.iter().any(|&(_, f, _)| f < first) && later.iter().any(|&(_, _, l)| l > last)
            })
        };
        around(&|pos| u64::from(pos.column)) || around(&|pos| self.column(pos))
    }

    /// Whether one of `around` (the numbers of lines no row took) holds pieces of the numbers
    /// of the row `values` stand on, all on one line: it stands on the line just above or below,
    /// holds two numbers at least and no more than the row, and each stands over or under a
    /// number of its own of the row, in the row's order (their spans overlap, in characters as
    /// `pdftotext -layout` mostly lines cells up, or in display columns), that it may continue
    /// (no piece goes on below a number's first piece 0, and none above starts with 0). As many
    /// as the row, they are pieces only where they, or the row, break the row's 总计 (`holds`):
    /// else they may be a row of its own. Pieces that the numbers of another of `rows` on their
    /// other side leave room for (none over or under them) are that row's.
    ///
    /// A tall row prints so where narrow cells wrap their numbers, each cell's lines centred
    /// around the row's line or hung from its top (`1` above, `0` on it, `9` below, for 109;
    /// `1` on it, `2`, `8`, `8` below, for 1288): read as printed, the row takes a number's
    /// piece for the number, its 总计 wrapped alike and as likely to hold. Two pieces at least,
    /// as a number wrapped wraps its 总计, at least as wide, with it: a number alone beside a
    /// row may be a page's.
    pub(crate) fn pieces_beside<'v>(
        &self,
        values: &[ValueCell],
        around: impl Iterator<Item = &'v [ValueCell]>,
        rows: impl Iterator<Item = &'v [ValueCell]>,
        holds: impl Fn(&[ValueCell]) -> bool,
    ) -> bool {
        let mut lines = values.iter().filter_map(|v| v.pos().map(|p| p.line));
        let Some(row_line) = lines.next() else {
            return false;
        };
        if lines.any(|line| line != row_line) {
            return false;
        }
        // The lines around, each one line's numbers, all digits: most tables have none, and no
        // columns are worked out for them.
        let around: Vec<(u32, &[ValueCell])> = around
            .filter(|pieces| pieces.iter().all(|p| p.digit_run() == Some(p.raw())))
            .filter_map(|pieces| {
                let line = pieces.first()?.pos()?.line;
                pieces
                    .iter()
                    .all(|p| p.pos().is_some_and(|p| p.line == line))
                    .then_some((line, pieces))
            })
            .collect();
        let beside = |line: u32| line.abs_diff(row_line) == 1;
        if !around.iter().any(|&(line, _)| beside(line)) {
            return false;
        }
        // Each number's spans in characters and in display columns.
        let spans = |pos: SourcePos, raw: &str| {
            let (start, display) = (u64::from(pos.column), self.column(pos));
            let characters = u64::try_from(raw.chars().count()).unwrap_or(u64::MAX / 4);
            [
                (start, start + characters),
                (display, display + width_of(raw)),
            ]
        };
        let row: Vec<(&str, [Span; 2])> = values
            .iter()
            .filter_map(|v| Some((v.raw(), spans(v.pos()?, v.raw()))))
            .collect();
        let apart = |(s, e): Span, (start, end): Span| start >= e || s >= end;
        // `pdftotext -layout` places text by its position on the page, so a piece lines up with
        // its number in characters or in display columns, not always alike in one line.
        let overlap = |[c, d]: [Span; 2], [characters, columns]: [Span; 2]| {
            !apart(c, characters) || !apart(d, columns)
        };
        // Whether a piece stands on `line` over or under the spans `at`.
        let piece_at = |line: Option<u32>, at: [Span; 2]| {
            around
                .iter()
                .filter(|&&(l, _)| Some(l) == line)
                .flat_map(|(_, pieces)| pieces.iter())
                .filter_map(|p| Some(spans(p.pos()?, p.raw())))
                .any(|piece| overlap(piece, at))
        };
        // The numbers of other rows that stand two lines off.
        let rows: Vec<&ValueCell> = rows
            .flatten()
            .filter(|v| v.pos().is_some_and(|p| p.line.abs_diff(row_line) == 2))
            .collect();
        // Whether a row's numbers stand on `line`, none of them over or under any of `pieces`:
        // that line is short of the numbers they are pieces of, a tall row's on its other side.
        let room_on = |line: Option<u32>, pieces: &[ValueCell]| {
            let numbers: Vec<ValueCell> = rows
                .iter()
                .filter(|v| v.pos().is_some_and(|pos| Some(pos.line) == line))
                .map(|v| (*v).clone())
                .collect();
            !numbers.is_empty() && self.clear_of(&numbers, pieces)
        };
        around.iter().any(|&(line, pieces)| {
            let below = row_line.checked_add(1) == Some(line);
            let beyond = if below {
                line.checked_add(1)
            } else {
                line.checked_sub(1)
            };
            if !beside(line)
                || pieces.len() < 2
                || pieces.len() > row.len()
                || (pieces.len() == row.len() && holds(pieces) && holds(values))
                || room_on(beyond, pieces)
            {
                return false;
            }
            // Each piece over or under a number of its own, in the row's order; and a number's
            // first piece starts with no 0 unless it is 0 (pieces under a row's 0 with no piece
            // over it are another row's: the top of a tall row below).
            let candidates: Vec<Vec<usize>> = pieces
                .iter()
                .map(|piece| {
                    let Some(at) = piece.pos().map(|pos| spans(pos, piece.raw())) else {
                        return Vec::new();
                    };
                    row.iter()
                        .enumerate()
                        .filter(|&(_, &(number, number_at))| {
                            let first_piece_led_by_0 = if below {
                                number.starts_with('0')
                                    && !piece_at(row_line.checked_sub(1), number_at)
                            } else {
                                piece.raw().starts_with('0') && !piece_at(line.checked_sub(1), at)
                            };
                            overlap(number_at, at) && !first_piece_led_by_0
                        })
                        .map(|(k, _)| k)
                        .collect()
                })
                .collect();
            in_increasing_order(&candidates, 0)
        })
    }

    /// Whether none of `numbers` stands over or under any of `pieces`, counted in characters (as
    /// `pdftotext -layout` mostly lines cells up) nor in display columns: a piece over a number
    /// in either is over it, as [`Self::pieces_beside`] lines pieces up with their numbers.
    pub(crate) fn clear_of(&self, numbers: &[ValueCell], pieces: &[ValueCell]) -> bool {
        let spans = |values: &[ValueCell], display: bool| -> Vec<Span> {
            values
                .iter()
                .filter_map(|v| {
                    let pos = v.pos()?;
                    Some(if display {
                        self.span_of(pos, v.raw())
                    } else {
                        let start = u64::from(pos.column);
                        (start, start + u64::try_from(v.raw().chars().count()).ok()?)
                    })
                })
                .collect()
        };
        [false, true].into_iter().all(|display| {
            let pieces = spans(pieces, display);
            spans(numbers, display)
                .iter()
                .all(|&(s, e)| pieces.iter().all(|&(start, end)| start >= e || s >= end))
        })
    }

    /// The display columns a number `raw` printed at `pos` spans, half-open.
    pub(crate) fn span_of(&self, pos: SourcePos, raw: &str) -> (u64, u64) {
        let start = self.column(pos);
        (start, start + width_of(raw))
    }

    /// The display column of `pos`: its column and one more for each wide character before it.
    fn column(&self, pos: SourcePos) -> u64 {
        let wide = self.wide.get_or_init(|| {
            let mut wide: HashMap<u32, Vec<u32>> = HashMap::new();
            for glyph in self.lines.iter().flat_map(|line| &line.glyphs) {
                if glyph.raw.width().is_some_and(|w| w >= 2) {
                    wide.entry(glyph.pos.line)
                        .or_default()
                        .push(glyph.pos.column);
                }
            }
            for columns in wide.values_mut() {
                columns.sort_unstable();
            }
            wide
        });
        let before = wide
            .get(&pos.line)
            .map_or(0, |w| w.partition_point(|c| *c < pos.column));
        u64::from(pos.column) + u64::try_from(before).unwrap_or(u64::MAX / 4)
    }
}

/// Rows looked at above and below for complete neighbours (farther ones may sit on another page,
/// where the text is laid out afresh).
const REACH: usize = 4;
/// Largest distance from a column's anchor, in half characters.
const TOLERANCE: u64 = 3;

/// Where the numbers of a table's columns line up: their centres (a cell's text centred, as
/// most reports print them), their first characters (left-aligned, Word's default) or their
/// last (right-aligned).
#[derive(Clone, Copy)]
enum Alignment {
    Centre,
    Start,
    End,
}

/// Twice the column on its line at which a number lines up under `alignment` (doubled to stay
/// in whole numbers: a centre may fall between two characters), and its line.
fn anchor(
    cell: &ValueCell,
    alignment: Alignment,
    display: Option<&DisplayColumns>,
) -> Option<(u32, u64)> {
    let ValueCell::Token { raw, pos, .. } = cell else {
        return None;
    };
    let width = u64::try_from(raw.chars().count()).ok()?;
    let start = 2 * display.map_or(u64::from(pos.column), |d| d.column(*pos));
    let offset = match alignment {
        Alignment::Centre => width.checked_sub(1)?,
        Alignment::Start => 0,
        Alignment::End => 2 * width.checked_sub(1)?,
    };
    Some((pos.line, start + offset))
}

/// The anchors of the cells of a space-aligned row whose numbers stand on one line.
fn anchors<R>(
    row: &RowRead<R>,
    alignment: Alignment,
    display: Option<&DisplayColumns>,
) -> Option<Vec<u64>> {
    if row.positional {
        return None;
    }
    let placed: Vec<(u32, u64)> = row
        .values
        .iter()
        .map(|cell| anchor(cell, alignment, display))
        .collect::<Option<_>>()?;
    let line = placed.first()?.0;
    placed
        .iter()
        .all(|(l, _)| *l == line)
        .then(|| placed.iter().map(|(_, c)| *c).collect())
}

/// The column anchors of the nearest complete row on each side of `index`, if they agree.
fn neighbour_columns<R>(
    rows: &[RowRead<R>],
    index: usize,
    expected: usize,
    alignment: Alignment,
    display: Option<&DisplayColumns>,
) -> Option<Vec<u64>> {
    let complete = |row: &RowRead<R>| {
        anchors(row, alignment, display)
            .filter(|c| c.len() == expected && row.values.len() == expected)
    };
    let above = (index.saturating_sub(REACH)..index)
        .rev()
        .find_map(|i| rows.get(i).and_then(complete));
    let below = (index + 1..=index + REACH).find_map(|i| rows.get(i).and_then(complete));
    let columns = match (above, below) {
        (Some(a), Some(b)) => {
            let agree = a.iter().zip(&b).all(|(x, y)| x.abs_diff(*y) <= 2);
            agree.then_some(a)?
        }
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => return None,
    };
    // Columns must be far enough apart for a number to belong to one of them only.
    let separated = columns.windows(2).all(|w| match w {
        [left, right] => *right >= left + 4 * TOLERANCE,
        _ => true,
    });
    separated.then_some(columns)
}

/// The cells of row `index` laid out in `expected` columns, blanks where no number stands, when
/// its numbers sit in the columns of its complete neighbours: their centres lined up, or else
/// their first characters, or else their last (the neighbours agreeing on them); counted in
/// characters, as `pdftotext -layout` lines them up, or else in display columns.
pub(crate) fn place_by_columns<R>(
    rows: &[RowRead<R>],
    index: usize,
    expected: usize,
    display: &DisplayColumns,
) -> Option<Vec<ValueCell>> {
    let measures = [None, Some(display)];
    let alignments = [Alignment::Centre, Alignment::Start, Alignment::End];
    measures.into_iter().find_map(|measure| {
        alignments
            .into_iter()
            .find_map(|alignment| place_aligned(rows, index, expected, alignment, measure))
    })
}

/// The column that `lone`, a number standing alone on a line next to row `index`, lines up
/// with in the columns that place the row's own numbers ([`place_by_columns`]): a cell of two
/// lines, centred in a tall row, prints its number on the line above the row's others (`731`
/// over `行政规范性文件      810      635054`, its note below). Every measure and alignment that
/// places the row is tried (a row of one-digit numbers lines up by centres and first characters
/// alike, a wider number beside it by one only); `None` where none lines `lone` up with a
/// column, or two line it up with different ones.
pub(crate) fn column_of_lone_number<R>(
    rows: &[RowRead<R>],
    index: usize,
    expected: usize,
    display: &DisplayColumns,
    lone: &ValueCell,
) -> Option<usize> {
    let measures = [None, Some(display)];
    let alignments = [Alignment::Centre, Alignment::Start, Alignment::End];
    let mut found: Option<usize> = None;
    for measure in measures {
        for alignment in alignments {
            if place_aligned(rows, index, expected, alignment, measure).is_none() {
                continue;
            }
            let Some(columns) = neighbour_columns(rows, index, expected, alignment, measure) else {
                continue;
            };
            let Some((_, at)) = anchor(lone, alignment, measure) else {
                continue;
            };
            let Some(column) = columns.iter().position(|c| c.abs_diff(at) <= TOLERANCE) else {
                continue;
            };
            if found.is_some_and(|f| f != column) {
                return None;
            }
            found = Some(column);
        }
    }
    found
}

/// [`place_by_columns`] with the columns' numbers lined up under `alignment`.
fn place_aligned<R>(
    rows: &[RowRead<R>],
    index: usize,
    expected: usize,
    alignment: Alignment,
    display: Option<&DisplayColumns>,
) -> Option<Vec<ValueCell>> {
    let row = rows.get(index)?;
    let own = anchors(row, alignment, display)?;
    if own.is_empty() || own.len() >= expected {
        return None;
    }
    let columns = neighbour_columns(rows, index, expected, alignment, display)?;
    let mut placed: Vec<Option<ValueCell>> = vec![None; expected];
    let mut last_column: Option<usize> = None;
    for (value, at) in row.values.iter().zip(own) {
        let (column, distance) = columns
            .iter()
            .enumerate()
            .map(|(k, c)| (k, c.abs_diff(at)))
            .min_by_key(|(_, d)| *d)?;
        if distance > TOLERANCE || last_column.is_some_and(|l| column <= l) {
            return None;
        }
        last_column = Some(column);
        *placed.get_mut(column)? = Some(value.clone());
    }
    Some(
        placed
            .into_iter()
            .map(|cell| {
                cell.unwrap_or(ValueCell::Blank {
                    pos: None,
                    raw: String::new(),
                    spanned: false,
                    off_grid: false,
                })
            })
            .collect(),
    )
}

/// The cells of a row one number short of `expected` with its blank placed where the row's own
/// spacing shows it: a converter that puts the same run of spaces between a row's cells leaves
/// an empty cell as a gap of two runs or more (with the padding of the empty cell between them).
/// Only when the numbers stand on one line, every gap between them but one is the same run of
/// spaces and that one is at least twice as wide; or, for a row with no label (`leading`: the
/// numbers start the line), every gap is the same run and the line starts with at least two
/// runs of spaces before its first number. `None` otherwise: a row whose gaps vary (numbers
/// right-aligned in columns, [`place_by_columns`]) says nothing by its spacing alone.
pub(crate) fn blank_in_wide_gap(
    values: &[ValueCell],
    expected: usize,
    leading: bool,
) -> Option<Vec<ValueCell>> {
    if values.len() + 1 != expected || values.len() < 2 {
        return None;
    }
    // Each number's line, first column and width; its text all ASCII, so columns are widths.
    let spans: Vec<(u32, u32, u32)> = values
        .iter()
        .map(|cell| match cell {
            ValueCell::Token { raw, pos, .. } if raw.is_ascii() => {
                Some((pos.line, pos.column, u32::try_from(raw.len()).ok()?))
            }
            _ => None,
        })
        .collect::<Option<_>>()?;
    let line = spans.first()?.0;
    if spans.iter().any(|(l, _, _)| *l != line) {
        return None;
    }
    let gaps: Vec<u32> = spans
        .windows(2)
        .map(|w| match w {
            [(_, a, width), (_, b, _)] => b.checked_sub(a + width),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let run = *gaps.iter().min()?;
    if run == 0 {
        return None;
    }
    let wide: Vec<usize> = (0..gaps.len())
        .filter(|k| gaps.get(*k).is_some_and(|g| *g != run))
        .collect();
    let at = match wide.as_slice() {
        [k] if gaps.get(*k).is_some_and(|g| *g >= 2 * run) => k + 1,
        [] if leading
            && spans
                .first()
                .is_some_and(|(_, column, _)| *column > 2 * run) =>
        {
            0
        }
        _ => return None,
    };
    let mut cells = values.to_vec();
    cells.insert(
        at,
        ValueCell::Blank {
            pos: None,
            raw: String::new(),
            spanned: false,
            off_grid: false,
        },
    );
    Some(cells)
}

/// Whether a 表三 row placed by column position (one cell per pointer of `cells`) confirms its
/// placement: every identity of the catalogue reading only the row's cells holds (R3: 总计 is
/// the sum of the six applicant columns), with no side wholly blank, and there is one. A number
/// placed one column off would break it; the blanks are only left out of the sums, never read
/// as 0 in the report.
pub(crate) fn total_agrees<S: AsRef<str>>(cells: &[S], values: &[ValueCell]) -> bool {
    let count = |cell: &ValueCell| match cell {
        ValueCell::Token { text, raw, .. } => crate::number::read_count(text, raw)
            .ok()
            .map(|(v, _)| Some(v)),
        ValueCell::Blank { .. } => Some(None),
    };
    // Per cell: `Some(count)` printed, `None` blank; a token that is no count fails the row.
    let Some(read): Option<Vec<Option<u64>>> = values.iter().map(count).collect() else {
        return false;
    };
    let printed = |cell: &str| -> Option<Option<u64>> {
        cells
            .iter()
            .position(|c| c.as_ref() == cell)
            .and_then(|k| read.get(k).copied())
    };
    let identities = crate::solve::identities();
    let local: Vec<&crate::solve::Identity> = identities
        .iter()
        .filter(|i| {
            i.lhs
                .iter()
                .chain(&i.rhs)
                .all(|c| cells.iter().any(|k| k.as_ref() == *c))
        })
        .collect();
    let side_printed = |side: &[&'static str]| side.iter().any(|c| printed(c).flatten().is_some());
    !local.is_empty()
        && local.iter().all(|i| {
            side_printed(&i.lhs)
                && side_printed(&i.rhs)
                && i.holds(|c| printed(c).map(|v| v.unwrap_or(0))) == Some(true)
        })
}

/// Whether one of each of `candidates` (indices) can be taken, each greater than the last,
/// the first at least `from`.
fn in_increasing_order(candidates: &[Vec<usize>], from: usize) -> bool {
    match candidates.split_first() {
        None => true,
        Some((first, rest)) => first
            .iter()
            .any(|&k| k >= from && in_increasing_order(rest, k + 1)),
    }
}

/// A half-open range of columns.
type Span = (u64, u64);

/// The display width of a published number: two columns to a wide character.
fn width_of(raw: &str) -> u64 {
    raw.chars()
        .map(|c| u64::try_from(c.width().unwrap_or(0)).unwrap_or(0))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::SourcePos;

    fn number(n: &str) -> ValueCell {
        ValueCell::Token {
            text: n.to_owned(),
            raw: n.to_owned(),
            pos: SourcePos::default(),
        }
    }

    fn blank() -> ValueCell {
        ValueCell::Blank {
            pos: None,
            raw: String::new(),
            spanned: false,
            off_grid: false,
        }
    }

    /// The numbers of `line` as tokens where they stand on it (line 1, 1-based columns).
    fn tokens(line: &str) -> Vec<ValueCell> {
        let mut cells = Vec::new();
        let mut start = None;
        for (k, c) in line.char_indices().chain([(line.len(), ' ')]) {
            match (c.is_whitespace(), start) {
                (false, None) => start = Some(k),
                (true, Some(from)) => {
                    let text = line.get(from..k).unwrap_or_default().to_owned();
                    cells.push(ValueCell::Token {
                        raw: text.clone(),
                        text,
                        pos: SourcePos {
                            line: 1,
                            column: u32::try_from(from + 1).unwrap_or(u32::MAX),
                        },
                    });
                    start = None;
                }
                _ => {}
            }
        }
        cells
    }

    /// The cells [`blank_in_wide_gap`] makes of `line`, a blank as `_`.
    fn spaced(line: &str, leading: bool) -> Option<Vec<String>> {
        blank_in_wide_gap(&tokens(line), 7, leading).map(|cells| {
            cells
                .iter()
                .map(|c| match c {
                    ValueCell::Token { raw, .. } => raw.clone(),
                    ValueCell::Blank { .. } => "_".to_owned(),
                })
                .collect()
        })
    }

    #[test]
    fn a_blank_printed_as_spaces_is_placed_only_where_even_spacing_shows_it() {
        // Three spaces between cells; a blank leaves its padding and a second run.
        assert_eq!(
            spaced("2   0   7               0   51   65", false).unwrap(),
            ["2", "0", "7", "_", "0", "51", "65"]
        );
        // An empty cell with no padding: two runs.
        assert_eq!(
            spaced("2   0   7      0   51   65", false).unwrap(),
            ["2", "0", "7", "_", "0", "51", "65"]
        );
        // A row with no label that starts with the gap: its first cell is the blank.
        assert_eq!(
            spaced("            4   0   535   0   0   539", true).unwrap(),
            ["_", "4", "0", "535", "0", "0", "539"]
        );
        // Not for a row read by its label (the gap after a label says nothing), nor a line
        // indented by one run only.
        assert_eq!(spaced("            4   0   535   0   0   539", false), None);
        assert_eq!(spaced("   4   0   535   0   0   539", true), None);
        // Gaps of varied widths (numbers right-aligned in columns), two wide gaps, a gap short
        // of two runs, a row not one short, or a row over two lines: nothing is placed.
        assert_eq!(spaced("2    0   7               0   51   65", false), None);
        assert_eq!(spaced("2   0         7         0   51   65", false), None);
        assert_eq!(spaced("2   0   7     0   51   65", false), None);
        assert_eq!(spaced("2   0   7         0   51", false), None);
        assert_eq!(spaced("2   0   7         0   51   65   9", false), None);
        let mut two_lines = tokens("2   0   7         0   51   65");
        if let Some(ValueCell::Token { pos, .. }) = two_lines.last_mut() {
            pos.line = 2;
        }
        assert!(blank_in_wide_gap(&two_lines, 7, false).is_none());
    }

    const GRANTED: [&str; 7] = [
        "/applications/results/granted/natural_person",
        "/applications/results/granted/commercial_enterprise",
        "/applications/results/granted/research_institution",
        "/applications/results/granted/social_welfare_org",
        "/applications/results/granted/legal_service_org",
        "/applications/results/granted/other_org",
        "/applications/results/granted/total",
    ];

    /// Rows of `pdftotext -layout` text: the numbers of each line as a row, and the lines.
    fn layout_rows(lines: &[&str]) -> (Vec<RowRead<()>>, Vec<PosText>) {
        let text: Vec<PosText> = lines
            .iter()
            .zip(1..)
            .map(|(line, n)| {
                let mut pos_text = PosText::default();
                for (c, column) in line.chars().zip(1..) {
                    pos_text.push_raw(c, SourcePos { line: n, column });
                }
                pos_text
            })
            .collect();
        let rows = lines
            .iter()
            .zip(1..)
            .map(|(line, n)| {
                let mut values = Vec::new();
                let mut start: Option<(u32, String)> = None;
                for (c, column) in line.chars().chain([' ']).zip(1..) {
                    match (c.is_ascii_digit(), &mut start) {
                        (true, Some((_, digits))) => digits.push(c),
                        (true, None) => start = Some((column, c.to_string())),
                        (false, Some(_)) => {
                            if let Some((at, digits)) = start.take() {
                                values.push(ValueCell::Token {
                                    text: digits.clone(),
                                    raw: digits,
                                    pos: SourcePos {
                                        line: n,
                                        column: at,
                                    },
                                });
                            }
                        }
                        (false, None) => {}
                    }
                }
                RowRead {
                    row: (),
                    label: crate::table::Label::default(),
                    values,
                    positional: false,
                    padded_at_end: false,
                    at: 0,
                    attached: 0,
                    below_bare_label: false,
                    marks: Vec::new(),
                }
            })
            .collect();
        (rows, text)
    }

    /// Numbers left-aligned in their columns after labels of different lengths in CJK
    /// characters, laid out in display columns (two to a CJK character): the blank row's
    /// numbers are placed by their first characters in the display columns.
    #[test]
    fn left_aligned_numbers_after_wide_labels_are_placed_by_display_columns() {
        let (rows, text) = layout_rows(&[
            "一、新收                                2463    15      5",
            "二、上年结转政府信息公开申请数量        5       0       7",
            "（一）予以公开                          9               1716",
            "（二）部分公开区分处理的                8       8       24",
        ]);
        let display = DisplayColumns::of(text.iter().collect());
        let placed = place_by_columns(&rows, 2, 3, &display)
            .map(|cells| cells.iter().map(|c| c.raw().to_owned()).collect::<Vec<_>>());
        assert_eq!(
            placed,
            Some(vec!["9".to_owned(), String::new(), "1716".to_owned()])
        );
        // Counted in characters alone, the labels' CJK characters put every row's columns
        // elsewhere.
        let by_characters = |alignment| place_aligned(&rows, 2, 3, alignment, None);
        assert!(by_characters(Alignment::Centre).is_none());
        assert!(by_characters(Alignment::Start).is_none());
        assert!(by_characters(Alignment::End).is_none());
    }

    /// A number a hard wrap cut at a line's end is known to be printed in two pieces once its
    /// lines are joined; a number printed whole, or one whose line the text did not join, is not.
    #[test]
    fn a_number_joined_over_a_line_end_is_known_as_such() {
        let text = "一、新收  3607846  1160720\n4\n二、上年结转  7  1903499\n";
        let joined = crate::normalize::text_lines_joined(text, &[true, false, false]);
        let display = DisplayColumns::of(joined.iter().collect());
        let at = |line, column| SourcePos { line, column };
        assert!(display.joined_over_lines(at(1, 16)), "1160720 + 4");
        assert!(!display.joined_over_lines(at(1, 7)), "3607846");
        assert!(!display.joined_over_lines(at(3, 12)), "1903499");
        let unjoined = crate::normalize::text_lines(text);
        let display = DisplayColumns::of(unjoined.iter().collect());
        assert!(!display.joined_over_lines(at(1, 16)));
    }

    #[test]
    fn the_total_confirms_a_placement() {
        let mut row = vec![number("2"), blank(), blank(), blank(), blank(), blank()];
        row.push(number("2"));
        assert!(total_agrees(&GRANTED, &row));
        // The 3 placed one column off, in 总计's place: the sum does not come out.
        let mut shifted = vec![number("2"), blank(), blank(), blank(), blank(), number("3")];
        shifted.push(blank());
        assert!(!total_agrees(&GRANTED, &shifted));
        // A row of no identity confirms nothing.
        assert!(!total_agrees(&GRANTED[..6], &row[..6]));
    }
}
