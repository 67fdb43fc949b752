//! 表四 printed as a PDF text dump prints it out of order (poppler `pdftotext` without flags):
//! its 15 numbers stand in blocks between the outcome headings, the blocks in an order that is
//! not the table's, read by trying the orders of the blocks that such a converter prints and
//! placing a cell only where every order that R4 leaves gives it the same value.
//!
//! What a converter prints, from the real dumps (`tests/data/converted/`): each block (a run of
//! numbers between two labels) is a contiguous slice of the table's row, and the table's first
//! cell is printed first and its last cell last. The 淮安 dump prints `72 64 178 37 | 12 1 1 6 |
//! 351 | 13 4 8 1 26 | 20` (the row is `72 64 178 37 351 | 13 4 8 1 26 | 12 1 1 6 20`:
//! 复议后起诉's outcomes before 复议's 总计, each moved 总计 right after a 总计 heading); the same
//! report printed on letter paper gives `72 64 178 | 351 13 | 37 | 4 … 20` with no label
//! between, 复议's 尚未审结 one line late, after the line that holds 复议's 总计 and the next
//! group's first cell. So the orders tried ([`candidate_orders`]) are the blocks with the first
//! and the last in place and the others in every order (up to [`MAX_BLOCKS`] blocks, 120
//! orders), each as printed or with a line of two or more numbers exchanged with a lone number
//! just before or after it in its block; a lone number right after a 总计 heading (`总计 | 351`)
//! is taken only as a 总计 cell. The ends held in place and the lines kept whole matter: R4
//! reads each group alone, so a whole group moved elsewhere keeps it, and so do two outcomes of
//! a group exchanged. Outcome headings printed whole between the blocks out of the table's
//! order (pdfminer's outcomes swapped under their headings, where a group's outcomes are no
//! longer in order within a block) leave the table unread before this is tried (`assemble`).
//!
//! Which orders are kept, and why that is sound. An order is kept when its values satisfy R4 in
//! every group, and a cell is placed when every order that breaks R4 in at most one group gives
//! it the same value (at least one order keeping all three). A consistent report's own order T
//! is among those tried (the layouts above) and satisfies R4, so a cell placed has T's value.
//! A report that misprints cells of one group breaks R4 in that group only (a misprint breaks
//! the R4 of its group and no other), so T is among the orders breaking at most one group, and a
//! placed cell again has T's value: the misprint reading cannot be outvoted by another order
//! that happens to satisfy all three (a number moved into the misprinted group to make up the
//! difference, `a_misprint_in_one_group_is_not_outvoted_by_an_order_that_satisfies_r4`). A
//! report misprinting cells of two or three groups is outside this argument: an order moving a
//! number between the two broken groups can satisfy both (in a simulation of these layouts with
//! counts of 0–3, most such reports that some order satisfies). Measured on the block dumps of
//! 5,000 drawn reports with one to three cells of 表四 changed (`tests/review_blocks.rs`), no
//! cell is read wrong, and none is placed by this rule in any report that breaks R4 (8,209
//! readings breaking it in two or three groups); on the consistent ones it reads 表四 in 873 of
//! 5,022, the dumps that print it out of order. Where no order satisfies R4 in all three groups
//! (the 洪泽 2023 report breaks it in 复议 and 复议后起诉, printed in order), nothing is placed and
//! the problem says that no order of the blocks confirms them, not that the report breaks R4:
//! its own order may not be among those tried.

use crate::number::read_count;
use crate::table::ValueCell;

/// Blocks beyond which the orders are not tried (the middle ones' orders grow as a factorial):
/// the real dumps print five.
pub(crate) const MAX_BLOCKS: usize = 7;

/// Cells of 表四: three groups of four outcomes and their 总计.
const CELLS: usize = 15;

/// A run of 表四's numbers between two labels, as printed.
#[derive(Default)]
pub(crate) struct Block {
    pub cells: Vec<ValueCell>,
    /// The label text just before it ends with the heading 总计.
    pub after_total_heading: bool,
}

/// 表四's cells as the orders of the blocks read them: each cell's printed value where every
/// order kept agrees, or why not.
pub(crate) type Agreed = Vec<Result<ValueCell, String>>;

/// Reads 表四 from blocks printed out of order (see the module's documentation): `None` when the
/// blocks are more than [`MAX_BLOCKS`], some number is not a count, or they do not hold 15
/// numbers; otherwise every cell, agreed or with the reason it is not, or the reason no order
/// is kept.
pub(crate) fn read_blocks(blocks: &[Block]) -> Option<Result<Agreed, String>> {
    if blocks.len() > MAX_BLOCKS || blocks.iter().map(|b| b.cells.len()).sum::<usize>() != CELLS {
        return None;
    }
    let cells: Vec<&ValueCell> = blocks.iter().flat_map(|b| &b.cells).collect();
    let values: Vec<u64> = cells
        .iter()
        .map(|cell| match cell {
            ValueCell::Token { text, raw, .. } => read_count(text, raw).ok().map(|(v, _)| v),
            ValueCell::Blank { .. } => None,
        })
        .collect::<Option<_>>()?;
    let orders = candidate_orders(blocks);
    let failing = |order: &[usize]| -> usize {
        (0..3)
            .filter(|g| {
                let group: Vec<u64> = order
                    .iter()
                    .skip(g * 5)
                    .take(5)
                    .filter_map(|&k| values.get(k).copied())
                    .collect();
                group.iter().take(4).sum::<u64>() != group.get(4).copied().unwrap_or(u64::MAX)
            })
            .count()
    };
    let scored: Vec<(&Vec<usize>, usize)> = orders.iter().map(|o| (o, failing(o))).collect();
    if !scored.iter().any(|(_, f)| *f == 0) {
        return Some(Err(format!(
            "no order of its {} blocks that a converter prints (the first and last in place) satisfies R4 in all three groups",
            blocks.len()
        )));
    }
    let near: Vec<&Vec<usize>> = scored
        .iter()
        .filter(|(_, f)| *f <= 1)
        .map(|(o, _)| *o)
        .collect();
    let agreed = (0..CELLS)
        .map(|at| {
            let mut printed = near.iter().filter_map(|o| o.get(at).copied());
            let first = printed.next().unwrap_or(0);
            let value = values.get(first);
            if printed.all(|k| values.get(k) == value) {
                cells
                    .get(first)
                    .map(|c| (*c).clone())
                    .ok_or_else(String::new)
            } else {
                Err(format!(
                    "the orders of its {} blocks that satisfy R4, or break it in one group only, give this cell different values",
                    blocks.len()
                ))
            }
        })
        .collect();
    Some(Ok(agreed))
}

/// The orders tried, each the printed cells' indices in the table's order: the first and last
/// blocks in place, the others in every order, each as printed or with one line of two or more
/// numbers exchanged with a lone number next to it in its block; a lone number right after a 总计
/// heading only in a 总计 column.
fn candidate_orders(blocks: &[Block]) -> Vec<Vec<usize>> {
    // Each block's lines, each line the indices of its cells among all printed cells.
    let mut next = 0;
    let lines: Vec<Vec<Vec<usize>>> = blocks
        .iter()
        .map(|block| {
            let mut lines: Vec<Vec<usize>> = Vec::new();
            let mut last_line = None;
            for cell in &block.cells {
                let line = cell.pos().map(|p| p.line);
                match lines.last_mut() {
                    Some(current) if line.is_some() && line == last_line => current.push(next),
                    _ => lines.push(vec![next]),
                }
                last_line = line;
                next += 1;
            }
            lines
        })
        .collect();
    let total_only: Vec<usize> = blocks
        .iter()
        .zip(&lines)
        .skip(1)
        .filter(|(b, _)| b.after_total_heading && b.cells.len() == 1)
        .filter_map(|(_, l)| l.first().and_then(|line| line.first().copied()))
        .collect();
    let mut orders: Vec<Vec<usize>> = Vec::new();
    for blocks_order in block_orders(blocks.len()) {
        // The order's lines, each with the block it stands in.
        let placed: Vec<(usize, &Vec<usize>)> = blocks_order
            .iter()
            .flat_map(|&b| lines.get(b).into_iter().flatten().map(move |l| (b, l)))
            .collect();
        let mut variants = vec![placed.clone()];
        for at in 1..placed.len() {
            let (Some((b0, l0)), Some((b1, l1))) = (placed.get(at - 1), placed.get(at)) else {
                continue;
            };
            // A line of two or more numbers and a lone number: two lines of several numbers
            // each may be whole groups, which R4 cannot order.
            if b0 == b1 && (l0.len() > 1) != (l1.len() > 1) {
                let mut swapped = placed.clone();
                swapped.swap(at - 1, at);
                variants.push(swapped);
            }
        }
        for variant in variants {
            let order: Vec<usize> = variant
                .iter()
                .flat_map(|(_, l)| l.iter().copied())
                .collect();
            let totals_hold = total_only.iter().all(|k| {
                order
                    .iter()
                    .position(|c| c == k)
                    .is_some_and(|at| at % 5 == 4)
            });
            if totals_hold && !orders.contains(&order) {
                orders.push(order);
            }
        }
    }
    orders
}

/// The orders of `n` blocks with the first and the last in place.
fn block_orders(n: usize) -> Vec<Vec<usize>> {
    if n < 3 {
        return vec![(0..n).collect()];
    }
    let mut middles: Vec<Vec<usize>> = vec![Vec::new()];
    for b in 1..n - 1 {
        middles = middles
            .into_iter()
            .flat_map(|m| {
                (0..=m.len()).map(move |at| {
                    let mut m = m.clone();
                    m.insert(at, b);
                    m
                })
            })
            .collect();
    }
    middles
        .into_iter()
        .map(|m| {
            std::iter::once(0)
                .chain(m)
                .chain(std::iter::once(n - 1))
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::SourcePos;

    /// Blocks of numbers, each number on a line of its own unless joined by a space (`351 13`),
    /// `+` before a block printed right after a 总计 heading.
    fn blocks(printed: &str) -> Vec<Block> {
        let mut line = 0;
        printed
            .split('|')
            .map(|block| {
                let block = block.trim();
                let (after_total_heading, block) = match block.strip_prefix('+') {
                    Some(rest) => (true, rest),
                    None => (false, block),
                };
                let cells = block
                    .split(',')
                    .flat_map(|l| {
                        line += 1;
                        l.split_whitespace()
                            .enumerate()
                            .map(move |(k, n)| ValueCell::Token {
                                text: n.to_owned(),
                                raw: n.to_owned(),
                                pos: SourcePos {
                                    line,
                                    column: 1 + u32::try_from(k).unwrap_or(0) * 4,
                                },
                            })
                    })
                    .collect();
                Block {
                    cells,
                    after_total_heading,
                }
            })
            .collect()
    }

    /// The values read, `None` where unplaced.
    fn read(printed: &str) -> Option<Result<Vec<Option<String>>, String>> {
        read_blocks(&blocks(printed)).map(|r| {
            r.map(|cells| {
                cells
                    .into_iter()
                    .map(|c| c.ok().map(|v| v.raw().to_owned()))
                    .collect()
            })
        })
    }

    fn all(values: &str) -> Option<Result<Vec<Option<String>>, String>> {
        Some(Ok(values
            .split_whitespace()
            .map(|v| Some(v.to_owned()))
            .collect()))
    }

    #[test]
    fn blocks_out_of_order_are_read_in_the_one_order_r4_confirms() {
        // The 淮安 dump: 复议后起诉's outcomes before 复议's 总计.
        assert_eq!(
            read("72,64,178,37 | 12,1,1,6 | +351 | 13,4,8,1,26 | +20"),
            all("72 64 178 37 351 13 4 8 1 26 12 1 1 6 20")
        );
    }

    #[test]
    fn a_line_of_two_numbers_is_tried_one_line_earlier_or_later() {
        // The 淮安 report on letter paper: 37 printed after `351 13`.
        assert_eq!(
            read("72,64,178,351 13,37 | 4,8,1,26,12,1,1,6,20"),
            all("72 64 178 37 351 13 4 8 1 26 12 1 1 6 20")
        );
        // Two lines of several numbers are never exchanged: whole groups satisfy R4 anywhere.
        assert_eq!(
            read("1 2 3 4 10,5 0 0 0 5 | 0 1 1 1 3"),
            all("1 2 3 4 10 5 0 0 0 5 0 1 1 1 3")
        );
        // Lines of one number each are never exchanged: R4 cannot tell outcomes apart.
        assert!(matches!(
            read("72,64,178,351,13,37 | 4,8,1,26,12,1,1,6,20"),
            Some(Err(_))
        ));
    }

    #[test]
    fn the_first_and_last_blocks_stay_in_place() {
        // With the ends free, the three groups in any order would satisfy R4 alike.
        assert_eq!(
            read("1,2,3,4,10 | 5,0,0,0,5 | 0,1,1,1,3"),
            all("1 2 3 4 10 5 0 0 0 5 0 1 1 1 3")
        );
    }

    #[test]
    fn a_lone_number_after_a_total_heading_is_a_total() {
        // `3` before or after the block `3 0 0 0` satisfies R4 either way (`0 0 0 3 | 3` as
        // 未经复议直接起诉); after a 总计 heading it is 复议's 总计, and the group `3 0 0 0 | 3`.
        let free = read("0,1,1,1 | 3 | 3,0,0,0 | 3,0,0,0,0,0");
        let mut expected = all("0 1 1 1 3 3 0 0 0 3 0 0 0 0 0");
        assert_eq!(read("0,1,1,1 | +3 | 3,0,0,0 | 3,0,0,0,0,0"), expected);
        if let Some(Ok(cells)) = expected.as_mut() {
            for at in [5, 8] {
                if let Some(cell) = cells.get_mut(at) {
                    *cell = None;
                }
            }
        }
        assert_eq!(free, expected);
    }

    #[test]
    fn a_report_breaking_r4_in_two_groups_is_left_unread() {
        // The 洪泽 2023 report prints 复议 10 1 0 0 | 0 and 复议后起诉 5 0 0 0 | 0.
        let read = read("10,1,0,0,0,0,0,0,0,0,5,0,0,0 | +0");
        assert!(
            matches!(read, Some(Err(ref why)) if why.contains("no order")),
            "{read:?}"
        );
    }

    #[test]
    fn a_misprint_in_one_group_is_not_outvoted_by_an_order_that_satisfies_r4() {
        // The report prints 复议 `0 1 1 0 | 0` (a misprint: its outcomes sum to 2) and zeros
        // elsewhere, its blocks printed `0 | 0 0 | 1 1 0 | 0 …`. Read as printed, every group
        // satisfies R4 (`0 0 0 1 | 1`); the report's own order breaks it in 复议 only, so the
        // cells on which the two differ are left missing.
        let mut expected = all("0 1 1 0 0 0 0 0 0 0 0 0 0 0 0");
        if let Some(Ok(cells)) = expected.as_mut() {
            for at in 1..=4 {
                if let Some(cell) = cells.get_mut(at) {
                    *cell = None;
                }
            }
        }
        assert_eq!(read("0 | 0,0 | 1,1,0 | 0,0,0,0,0,0,0,0,0"), expected);
    }

    #[test]
    fn more_blocks_than_the_bound_are_not_tried() {
        assert_eq!(read("1|0|0|0|1|0|0|0|0|0|0|0|0|0|0"), None);
    }
}
