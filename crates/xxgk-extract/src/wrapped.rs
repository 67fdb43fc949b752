//! Numbers wrapped inside narrow cells. A Word table exported to PDF breaks a number wider than
//! its column over lines (淮安 2024's 表四 prints 178 as `17` over `8`), and converters print the
//! pieces in one of two orders: a cell's lines one after the other (`pdftotext -raw`, PDFium,
//! MuPDF: `17`, `8`, `37`), or the row's first lines, then its further lines (pdfplumber,
//! `pdftotext -layout`: `72 64 17 37 35 …`, then `8 1`; `pdftotext` without flags prints every
//! piece on a line of its own, so the further lines are also tried as one). Either way the row
//! prints more numbers than it has cells, and which pieces belong together is not printed.
//!
//! A joining of the pieces is kept only when it is the one joining, of both orders, that makes
//! every identity of the catalogue reading a joined cell hold, and also the one joining that
//! breaks the fewest identities over the whole row; the cells not joined are then read as
//! printed, so an identity the report breaks among them is still reported. The second condition
//! matters on a report that breaks an identity: joining the tails of `11`s to the wrong cells
//! (`11 0 0 0 11` for 复议后起诉) can make the identities reading them hold while breaking two
//! others, where the report's own joining breaks one. A joining must
//! also look like a wrap: a cell's pieces stand on successive lines, its first piece does not
//! start with `0`, every piece but its last is as wide as the column (one width for the table:
//! its narrow columns are alike), and no number printed whole is wider than that or starts with
//! `0` (`00` is two zeros run together). 表四 is read so, its 15 columns the narrowest of the
//! template, and a 表三 row whose numbers of five digits and more wrap
//! (`assemble::join_wrapped`, its identities R3 and then the columns'; no number the table
//! prints whole may be wider than its column; a row breaking R3 however joined is read by the
//! identities across rows where they confirm every joined cell of one joining,
//! `gaps::choose_broken_joinings`). A report whose own numbers break
//! an identity over a wrapped cell is thus left unread rather than joined wrongly, unless another
//! joining happens to satisfy it alone, which nothing printed tells: a random sweep found
//! 120 11 0 0 122 (复议 breaking R4) printed `12 0 11 0 0 12 2` in columns two digits wide, which
//! 12 0 110 0 122 satisfies. So the one joining is also refused where another joining would be
//! the report's with one cell misprinted, of its width and less than a tenth of it off (122 for
//! 131): the two are then as likely, and a consistent report printing the second's cells
//! (120 11 0 0 131) is left unread too. This also refuses an earlier find, 纠正 13 misprinted for
//! 4 and 其他 140 with 总计 144 in columns one digit wide (tails `3 4 4` then `0 4`, also joined
//! 130 and 14). A wrong joining satisfying R4 where the report's own is off by more than a
//! misprint remains possible; the round trips in `tests/roundtrip.rs` measure it.

use crate::solve::{self, Identity};
use crate::split::digit_count;
use crate::table::ValueCell;

/// Most pieces beyond the row's cells that are tried: the joinings grow as a binomial.
const MAX_EXTRA_PIECES: usize = 8;

/// A number as printed: its digits and the line it stands on.
struct Piece<'a> {
    digits: &'a str,
    line: u32,
}

/// A joining: for each cell, the indices of its pieces in the printed order.
type Joining = Vec<Vec<usize>>;

/// The table a wrapped row stands in, as far as joining its pieces goes.
#[derive(Clone, Copy)]
pub(crate) enum WrappedIn {
    /// 表四: its one row is the table, each group's R4 all that reads a joined cell.
    Review,
    /// A row of 表三, read one by one: no number the table prints is wider than its column
    /// (`widest`, so a wrapped number's first piece is that wide), and a joining is kept only
    /// where the columns' identities (R1, R2) confirm it afterwards, which a joining moving a
    /// piece from one cell to another breaks: no other joining is weighed as the report's with
    /// a cell misprinted (the row's 总计 is five digits or more, and a tenth of it spans joinings).
    ApplicationRow { widest: usize },
}

/// A row's cells as joined: each cell, marked `true` where its pieces were made one number.
pub(crate) type Joined = Vec<(ValueCell, bool)>;

/// Why the pieces of a wrapped row were not joined.
#[derive(Debug)]
pub(crate) struct Unjoined {
    pub why: String,
    /// For a row of 表三 whose every joining breaks its own 总计 (the report misprints a cell of
    /// it, or its numbers are not the row's): each joining that looks like a wrap, distinct in
    /// its values, for the identities across rows to choose among
    /// (`gaps::choose_broken_joinings`). Empty otherwise.
    pub breaking: Vec<Joined>,
}

impl Unjoined {
    pub(crate) fn because(why: String) -> Self {
        Self {
            why,
            breaking: Vec::new(),
        }
    }
}

/// Reads `printed` (more numbers than `cells`) as the cells' wrapped numbers: `None` when the
/// row is not a wrapped one (a blank or non-digit piece, too many pieces, or no joining looks
/// like a wrap); otherwise the cells, a joined cell's pieces made one number (marked `true`), or
/// why not.
pub(crate) fn unwrap_cells(
    printed: &[ValueCell],
    cells: &[&str],
    identities: &[Identity],
    table: WrappedIn,
) -> Option<Result<Joined, Unjoined>> {
    let widest_elsewhere = match table {
        WrappedIn::Review => 0,
        WrappedIn::ApplicationRow { widest } => widest,
    };
    let extra = printed.len().checked_sub(cells.len())?;
    if extra == 0 || extra > MAX_EXTRA_PIECES {
        return None;
    }
    let pieces: Vec<Piece<'_>> = printed
        .iter()
        .map(|cell| {
            Some(Piece {
                digits: cell.digit_run()?,
                line: cell.pos()?.line,
            })
        })
        .collect::<Option<_>>()?;
    let mut joinings = in_turn(&pieces, cells.len());
    joinings.extend(tails_after_row(&pieces, cells.len()));
    joinings.retain(|joining| wrap_width(&pieces, joining).is_some_and(|w| w >= widest_elsewhere));
    if joinings.is_empty() {
        return None;
    }
    let local: Vec<&Identity> = identities
        .iter()
        .filter(|identity| {
            identity
                .lhs
                .iter()
                .chain(&identity.rhs)
                .all(|c| cells.contains(c))
        })
        .collect();
    let mut readings: Vec<Reading<'_>> = Vec::new();
    for joining in &joinings {
        let Some(values) = joining
            .iter()
            .map(|parts| {
                parts
                    .iter()
                    .filter_map(|&k| pieces.get(k).map(|p| p.digits))
                    .collect::<String>()
                    .parse::<u64>()
                    .ok()
            })
            .collect::<Option<Vec<u64>>>()
        else {
            continue;
        };
        if readings.iter().any(|r| r.values == values) {
            continue;
        }
        let value = |cell: &str| {
            cells
                .iter()
                .position(|c| *c == cell)
                .and_then(|k| values.get(k).copied())
        };
        let joined = |k: &usize| joining.get(*k).is_some_and(|parts| parts.len() > 1);
        // Every joined cell read by an identity, and every identity reading one holding.
        let confirmed = (0..cells.len()).filter(joined).all(|k| {
            let reading: Vec<&&Identity> = local
                .iter()
                .filter(|identity| cells.get(k).is_some_and(|c| identity.reads(c)))
                .collect();
            !reading.is_empty()
                && reading
                    .iter()
                    .all(|identity| identity.holds(value) == Some(true))
        });
        let failing: Vec<usize> = local
            .iter()
            .enumerate()
            .filter(|(_, identity)| identity.holds(value) != Some(true))
            .map(|(k, _)| k)
            .collect();
        readings.push(Reading {
            values,
            joining,
            confirmed,
            failing,
        });
    }
    let fewest = readings.iter().map(|r| r.failing.len()).min().unwrap_or(0);
    let with_fewest = readings
        .iter()
        .filter(|r| r.failing.len() == fewest)
        .count();
    let kept: Vec<&Reading<'_>> = readings.iter().filter(|r| r.confirmed).collect();
    let misprint_reading = |one: &Reading<'_>| {
        readings.iter().find(|other| {
            other.values != one.values && one_misprint_explains(other, one, &local, cells)
        })
    };
    Some(match kept.as_slice() {
        // On a report breaking an identity, a wrong joining can make the identities reading its
        // joined cells hold while breaking others the report's own joining keeps: the one
        // confirmed joining must also be the one breaking the fewest identities.
        [one] if one.failing.len() == fewest && with_fewest == 1 => {
            match matches!(table, WrappedIn::Review)
                .then(|| misprint_reading(one))
                .flatten()
            {
                None => Ok(joined_cells(printed, one.joining)),
                Some(other) => Err(Unjoined::because(format!(
                    "its {} numbers are {extra} more than its {} cells, as numbers wrapped in narrow cells print, and the one joining the identities confirm ({}) is one of two: were a cell misprinted, the joining {} would be the report's",
                    printed.len(),
                    cells.len(),
                    solve::shown(&[&one.values]),
                    solve::shown(&[&other.values])
                ))),
            }
        }
        [one] => Err(Unjoined::because(format!(
            "its {} numbers are {extra} more than its {} cells, as numbers wrapped in narrow cells print, and the one joining whose joined cells the identities confirm breaks {} of them over other cells, and another joining breaks no more ({fewest})",
            printed.len(),
            cells.len(),
            one.failing.len()
        ))),
        [] => Err(Unjoined {
            why: format!(
                "its {} numbers are {extra} more than its {} cells, as numbers wrapped in narrow cells print, and no joining of them satisfies the identities reading the joined cells",
                printed.len(),
                cells.len()
            ),
            breaking: match table {
                WrappedIn::Review => Vec::new(),
                WrappedIn::ApplicationRow { .. } => readings
                    .iter()
                    .map(|r| joined_cells(printed, r.joining))
                    .collect(),
            },
        }),
        several => Err(Unjoined::because(format!(
            "its {} numbers are {extra} more than its {} cells, as numbers wrapped in narrow cells print, and {} joinings of them satisfy the identities",
            printed.len(),
            cells.len(),
            several.len()
        ))),
    })
}

/// A distinct reading of the pieces: its values, its joining, whether the identities reading its
/// joined cells all hold, and which of the row's identities it breaks.
struct Reading<'a> {
    values: Vec<u64>,
    joining: &'a Joining,
    confirmed: bool,
    failing: Vec<usize>,
}

/// Whether `other` is the reading of a report that misprints one cell where `one` is read: it
/// breaks every identity `one` breaks and one more, which one of its cells, mended to a count
/// near the one it prints ([`near`]: a digit mistyped, a total a little mis-added), would make
/// hold. Each group of 表四 is read by its R4 alone, so a report breaking it can print
/// pieces that another joining makes hold (120 11 0 0 122 wrapped as `12 0 11 0 0 12 2` is
/// also 12 0 110 0 122): the confirmed joining is then no more likely than the report's own.
fn one_misprint_explains(
    other: &Reading<'_>,
    one: &Reading<'_>,
    local: &[&Identity],
    cells: &[&str],
) -> bool {
    let mut extra = other.failing.iter().filter(|k| !one.failing.contains(k));
    let (Some(&broken), None) = (extra.next(), extra.next()) else {
        return false;
    };
    if !one.failing.iter().all(|k| other.failing.contains(k)) {
        return false;
    }
    let value = |cell: &str| {
        cells
            .iter()
            .position(|c| *c == cell)
            .and_then(|k| other.values.get(k).copied())
    };
    local.get(broken).is_some_and(|identity| {
        identity.lhs.iter().chain(&identity.rhs).any(|cell| {
            let (Some(Some(mended)), Some(printed)) = (identity.required(cell, value), value(cell))
            else {
                return false;
            };
            near(mended, printed)
        })
    })
}

/// Whether a report printing `printed` where `mended` holds is a misprint of it: of its width,
/// and less than a tenth of it away (within 9 for a count below 100). A difference as wide as
/// the count itself (淮安's 351 for 846, were `17` and `8` not joined; 1192 for 1984) is a
/// joining, not a misprint.
fn near(mended: u64, printed: u64) -> bool {
    digit_count(mended) == digit_count(printed) && mended.abs_diff(printed) < (printed / 10).max(10)
}

/// The cells of a joining: a cell of one piece as printed, a joined one (marked `true`) its
/// pieces' digits as one number, at its first piece.
fn joined_cells(printed: &[ValueCell], joining: &Joining) -> Vec<(ValueCell, bool)> {
    joining
        .iter()
        .filter_map(|parts| {
            let first = printed.get(*parts.first()?)?;
            if parts.len() == 1 {
                return Some((first.clone(), false));
            }
            let mut text = String::new();
            let mut raw = String::new();
            for piece in parts.iter().filter_map(|&k| printed.get(k)) {
                if let ValueCell::Token {
                    text: t, raw: r, ..
                } = piece
                {
                    text.push_str(t);
                    raw.push_str(r);
                }
            }
            let pos = first.pos()?;
            Some((ValueCell::Token { text, raw, pos }, true))
        })
        .collect()
}

/// Whether `parts` (indices of `pieces`, in order) look like one number wrapped in a column
/// `width` digits wide: the first piece not starting with `0`, every piece but the last exactly
/// `width` digits and the last at most, each on a line after the one before.
fn wraps(pieces: &[Piece<'_>], parts: &[usize], width: usize) -> bool {
    let Some((&last, heads)) = parts.split_last() else {
        return false;
    };
    let piece = |k: usize| pieces.get(k);
    heads
        .first()
        .and_then(|&k| piece(k))
        .is_some_and(|p| !p.digits.starts_with('0'))
        && heads
            .iter()
            .all(|&k| piece(k).is_some_and(|p| p.digits.len() == width))
        && piece(last).is_some_and(|p| p.digits.len() <= width)
        && parts.windows(2).all(|w| match (piece(w[0]), piece(w[1])) {
            (Some(a), Some(b)) => a.line < b.line,
            _ => false,
        })
}

/// The joinings that print each cell's pieces one after the other: the pieces cut into
/// `cells` consecutive runs, each run of two or more pieces on successive lines.
fn in_turn(pieces: &[Piece<'_>], cells: usize) -> Vec<Joining> {
    let mut out = Vec::new();
    cut_in_turn(pieces, cells, 0, &mut Vec::new(), &mut out);
    out.retain(|joining| looks_wrapped(pieces, joining));
    out
}

fn cut_in_turn(
    pieces: &[Piece<'_>],
    cells: usize,
    from: usize,
    current: &mut Joining,
    out: &mut Vec<Joining>,
) {
    let left = cells - current.len().min(cells);
    if left == 0 {
        if from == pieces.len() {
            out.push(current.clone());
        }
        return;
    }
    // The cells after this one need a piece each.
    let most = pieces.len().saturating_sub(from + left - 1);
    for size in 1..=most {
        let on_successive_lines =
            (from..from + size).collect::<Vec<_>>().windows(2).all(|w| {
                match (pieces.get(w[0]), pieces.get(w[1])) {
                    (Some(a), Some(b)) => a.line < b.line,
                    _ => false,
                }
            });
        if !on_successive_lines {
            break;
        }
        current.push((from..from + size).collect());
        cut_in_turn(pieces, cells, from + size, current, out);
        current.pop();
    }
}

/// The joinings that print the row's first lines, then its further lines: the first `cells`
/// pieces the cells' first pieces, each later line the next pieces of as many of the cells that
/// reached the line before, in the cells' order.
fn tails_after_row(pieces: &[Piece<'_>], cells: usize) -> Vec<Joining> {
    let (Some(last_head), Some(first_tail)) =
        (pieces.get(cells.wrapping_sub(1)), pieces.get(cells))
    else {
        return Vec::new();
    };
    if last_head.line >= first_tail.line {
        return Vec::new();
    }
    // The later pieces' lines, each the indices of its pieces.
    let mut levels: Vec<Vec<usize>> = Vec::new();
    for (k, piece) in pieces.iter().enumerate().skip(cells) {
        match levels.last_mut() {
            Some(level)
                if level
                    .first()
                    .and_then(|&f| pieces.get(f))
                    .is_some_and(|f| f.line == piece.line) =>
            {
                level.push(k);
            }
            _ => levels.push(vec![k]),
        }
    }
    let mut out = tails_in_levels(pieces, cells, &levels);
    // A block dump prints every number on a line of its own (`pdftotext` without flags on
    // LibreOffice's PDF of 淮安 2024: `72`, `64`, `17`, … `20`, then `8`, `1`): the row's second
    // lines are not told apart by their lines, so they are also tried as one level.
    let one_a_line = pieces.windows(2).all(|w| w[0].line < w[1].line);
    if one_a_line && levels.len() > 1 {
        let tails: Vec<usize> = levels.concat();
        out.extend(tails_in_levels(pieces, cells, &[tails]));
    }
    out
}

/// The joinings of [`tails_after_row`] for the later pieces cut into `levels` (each a line of
/// the row below its first).
fn tails_in_levels(pieces: &[Piece<'_>], cells: usize, levels: &[Vec<usize>]) -> Vec<Joining> {
    let mut joinings: Vec<Joining> = vec![(0..cells).map(|cell| vec![cell]).collect()];
    // The cells still wrapping at each level, starting with every cell.
    for level in levels {
        let mut next = Vec::new();
        for joining in &joinings {
            let reaching: Vec<usize> = (0..cells)
                .filter(|&c| {
                    joining.get(c).is_some_and(|parts| {
                        parts.len() == joining.iter().map(Vec::len).max().unwrap_or(1)
                    })
                })
                .collect();
            for chosen in solve::combinations(reaching.len(), level.len(), usize::MAX) {
                let mut extended = joining.clone();
                for (&which, &piece) in chosen.iter().zip(level) {
                    if let Some(parts) = reaching.get(which).and_then(|&c| extended.get_mut(c)) {
                        parts.push(piece);
                    }
                }
                next.push(extended);
            }
        }
        joinings = next;
    }
    joinings
        .into_iter()
        .filter(|joining| looks_wrapped(pieces, joining))
        .collect()
}

/// The width of the column `joining` wraps its numbers at: its first joined cell's first piece's.
fn wrap_width(pieces: &[Piece<'_>], joining: &Joining) -> Option<usize> {
    joining
        .iter()
        .find(|parts| parts.len() > 1)
        .and_then(|parts| pieces.get(*parts.first()?))
        .map(|p| p.digits.len())
}

/// Whether every joined cell of `joining` wraps at one width, and no cell printed whole is
/// wider than that (a table's narrow columns are alike).
fn looks_wrapped(pieces: &[Piece<'_>], joining: &Joining) -> bool {
    let Some(width) = wrap_width(pieces, joining) else {
        return false;
    };
    joining.iter().all(|parts| match parts.as_slice() {
        // A number printed whole never starts with `0` (`00` is two cells run together).
        [single] => pieces.get(*single).is_some_and(|p| {
            p.digits.len() <= width && (p.digits == "0" || !p.digits.starts_with('0'))
        }),
        parts => wraps(pieces, parts, width),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::SourcePos;

    /// 表四's cells, and its identities from the embedded catalogue.
    fn review() -> (Vec<&'static str>, std::sync::Arc<[Identity]>) {
        let identities = solve::identities();
        let cells: Vec<&'static str> = crate::template::REVIEW_GROUPS
            .iter()
            .flat_map(|spec| {
                spec.columns
                    .iter()
                    .filter_map(move |c| solve::intern(&format!("{}/{}", spec.path, c.name)))
            })
            .collect();
        (cells, identities)
    }

    /// Printed numbers, each line's numbers apart by spaces.
    fn printed(lines: &[&str]) -> Vec<ValueCell> {
        lines
            .iter()
            .zip(1..)
            .flat_map(|(line, n)| {
                line.split_whitespace().map(move |t| ValueCell::Token {
                    text: t.to_owned(),
                    raw: t.to_owned(),
                    pos: SourcePos { line: n, column: 1 },
                })
            })
            .collect()
    }

    fn read(lines: &[&str]) -> Option<Result<Vec<String>, String>> {
        let (cells, identities) = review();
        unwrap_cells(&printed(lines), &cells, &identities, WrappedIn::Review).map(|r| {
            r.map_err(|u| u.why).map(|cells| {
                cells
                    .iter()
                    .map(|(c, _)| match c {
                        ValueCell::Token { text, .. } => text.clone(),
                        ValueCell::Blank { .. } => String::new(),
                    })
                    .collect()
            })
        })
    }

    const HUAIAN: &str = "72 64 178 37 351 13 4 8 1 26 12 1 1 6 20";

    #[test]
    fn wrapped_pieces_after_the_row_are_joined_by_r4() {
        let read = read(&["72 64 17 37 35 13 4 8 1 26 12 1 1 6 20", "8 1"]);
        assert_eq!(
            read,
            Some(Ok(HUAIAN.split(' ').map(str::to_owned).collect()))
        );
    }

    #[test]
    fn wrapped_pieces_after_the_row_each_on_a_line_of_its_own_are_joined_by_r4() {
        // `pdftotext` without flags on LibreOffice's PDF of 淮安 2024: every number on a line.
        let lines: Vec<&str> = "72 64 17 37 35 13 4 8 1 26 12 1 1 6 20 8 1"
            .split(' ')
            .collect();
        assert_eq!(
            read(&lines),
            Some(Ok(HUAIAN.split(' ').map(str::to_owned).collect()))
        );
        // 复议's 总计 misprinted 352: still no joining.
        let mut misprinted = lines.clone();
        misprinted[16] = "2";
        assert!(matches!(read(&misprinted), Some(Err(_))));
    }

    #[test]
    fn wrapped_pieces_in_turn_are_joined_by_r4() {
        let read = read(&["72 64 17", "8", "37 35", "1", "13 4 8 1 26 12 1 1 6 20"]);
        assert_eq!(
            read,
            Some(Ok(HUAIAN.split(' ').map(str::to_owned).collect()))
        );
    }

    #[test]
    fn pieces_on_one_line_are_never_joined() {
        // `17 8` on one line are two cells, not one wrapped: no joining looks like a wrap.
        assert_eq!(read(&["72 64 17 8 37 35 1 13 4 8 1 26 12 1 1 6 20"]), None);
    }

    #[test]
    fn a_report_breaking_r4_over_the_wrapped_cell_is_left_unread() {
        // 复议's 总计 misprinted 352: no joining satisfies R4 there.
        let read = read(&["72 64 17 37 35 13 4 8 1 26 12 1 1 6 20", "8 2"]);
        assert!(matches!(read, Some(Err(_))), "{read:?}");
    }

    #[test]
    fn a_break_elsewhere_is_read_as_printed() {
        // 复议后起诉's 总计 misprinted 21: the joined group holds, the other is read as printed
        // and its break left for the check to report.
        let read = read(&["72 64 17 37 35 13 4 8 1 26 12 1 1 6 21", "8 1"]);
        let mut expected: Vec<String> = HUAIAN.split(' ').map(str::to_owned).collect();
        expected[14] = "21".to_owned();
        assert_eq!(read, Some(Ok(expected)));
    }

    #[test]
    fn a_joining_confirmed_only_where_it_joined_is_not_taken_over_one_breaking_less() {
        // Published 3 0 0 8 11 | 3 0 5 0 11 | 1 0 0 0 1, 未经复议直接起诉 breaking R4 (3 + 5 is
        // not 11): joining the tails to 复议后起诉 (11 0 0 0 11) makes that group hold but
        // breaks the other two, while the report's own joining breaks one.
        let read = read(&["3 0 0 8 1 3 0 5 0 1 1 0 0 0 1", "1 1"]);
        assert!(
            matches!(read, Some(Err(ref why)) if why.contains("breaks 2")),
            "{read:?}"
        );
    }

    #[test]
    fn a_joining_that_one_misprint_makes_the_report_s_own_is_not_taken() {
        // Published 120 11 0 0 122 (复议 breaking R4: 131), a cell a line in columns two digits
        // wide: 12 0 110 0 122 is the one joining that satisfies R4, but one misprinted 总计
        // (122 for 131) makes 120 11 0 0 122 the report's as well.
        let lines: Vec<&str> = "12 0 11 0 0 12 2 0 0 0 0 0 0 0 0 0 0".split(' ').collect();
        let broken = read(&lines);
        assert!(
            matches!(broken, Some(Err(ref why)) if why.contains("120 11 0 0 122")),
            "{broken:?}"
        );
        // Published consistent, 120 11 0 0 131: the same doubt, and no joining is taken either.
        let lines: Vec<&str> = "12 0 11 0 0 13 1 0 0 0 0 0 0 0 0 0 0".split(' ').collect();
        assert!(matches!(read(&lines), Some(Err(_))));
        // 维持 35 and 总计 105: the other joinings break R4 by far more than a misprint would.
        let lines: Vec<&str> = "35 70 0 0 10 5 0 0 0 0 0 0 0 0 0 0".split(' ').collect();
        assert_eq!(
            read(&lines),
            Some(Ok("35 70 0 0 105 0 0 0 0 0 0 0 0 0 0"
                .split(' ')
                .map(str::to_owned)
                .collect()))
        );
    }

    #[test]
    fn several_joinings_satisfying_r4_are_left_unread() {
        // 1 1 0 0 | 2 0 ... with a tail `0`: 10 1 0 0 11? or 1 10 0 0 11? Both hold.
        let read = read(&["1 1 0 0 1 0 0 0 0 0 0 0 0 0 0", "0 1"]);
        assert!(
            matches!(read, Some(Err(ref why)) if why.contains("joinings")),
            "{read:?}"
        );
    }

    #[test]
    fn a_piece_with_a_leading_zero_is_never_a_whole_number() {
        // `00` is two zeros run together, not a cell: the row is not read as wrapped.
        assert_eq!(
            read(&["72 64 17 37 35 13 4 8 1 26 12 1 00 6 20", "8 1"]),
            None
        );
    }
}
