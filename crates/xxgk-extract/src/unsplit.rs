//! Identities a run of digits breaks however it is split: the report's own error, found though
//! none of the run's cells can be placed.
//!
//! A report on one line prints a table's cells run together (表四's fifteen as
//! `1010000000050000`). When no split into its cells satisfies an identity whose every cell the
//! run holds, the report breaks that identity, or prints one of its cells blank (a blank leaves
//! no digit): either way the publisher's error, and never a guess at the cells. The search is
//! exact and bounded; a run too long to search whole proves nothing.
//!
//! An identity across rows (表三's R1 and R2, one column each) is found broken the same way
//! ([`broken_across_rows`]): each of its cells may hold only the values that some split of its
//! row's digits gives it (one, for a cell read), and the rows split independently of one another,
//! so when no choice of one value per cell satisfies it, the published rows break it. The split
//! that was printed is one of those enumerated, unless a cell of those rows is printed blank (its
//! row then has a digit group fewer): the report's error either way, as for a single run. The
//! rows' own identities (R3) are not used to narrow the values: the report may break them too.

use std::collections::{BTreeSet, HashMap};

use crate::split::{Budget, all_splits};

/// Splits enumerated at most: a one-line 表四 of small counts has a few thousand.
const MAX_SPLITS: usize = 20_000;
/// Search steps at most.
const MAX_STEPS: u32 = 400_000;

/// The identities of the catalogue whose every cell is one of `pointers` (the run's cells, in
/// order) and that no split of `digits` into those cells satisfies: the cell their left side is,
/// and every cell they read. Empty when the search was bounded, or when the digits admit no
/// split at all (then they are not the run the reader took them for).
pub(crate) fn broken_in_every_split(
    digits: &str,
    pointers: &[&'static str],
) -> Vec<(&'static str, Vec<&'static str>)> {
    let Some(candidates) = every_split(digits, pointers.len()) else {
        return Vec::new();
    };
    let at = |cell: &str| pointers.iter().position(|p| *p == cell);
    crate::solve::identities()
        .iter()
        .filter_map(|identity| {
            let [anchor] = identity.lhs.as_slice() else {
                return None;
            };
            let lhs = at(anchor)?;
            let rhs: Vec<usize> = identity.rhs.iter().map(|c| at(c)).collect::<Option<_>>()?;
            let holds_in_some = candidates.iter().any(|values| {
                let value = |k: usize| u128::from(values.get(k).copied().unwrap_or_default());
                value(lhs) == rhs.iter().map(|&k| value(k)).sum::<u128>()
            });
            let cells = identity.lhs.iter().chain(&identity.rhs).copied().collect();
            (!holds_in_some).then_some((*anchor, cells))
        })
        .collect()
}

/// Longest number a cell may hold: counts beyond 10^18 do not occur.
const MAX_PART_DIGITS: usize = 18;
/// Additions made at most to find the sums one side of an identity can reach: past it nothing
/// is claimed. The sums are at most as many. A generated sample of 3,600 one-line reports
/// needed 250,000 for no identity found broken, and 2,000,000 bounded 52 of 41,000 searches.
const MAX_ADDITIONS: usize = 250_000;

/// Every split of `digits` into `cells` numbers (no leading zero), or `None` when the search
/// was bounded or the digits admit none.
fn every_split(digits: &str, cells: usize) -> Option<Vec<Vec<u64>>> {
    let mut budget = Budget::new(MAX_STEPS);
    let splits = all_splits(digits, cells, MAX_SPLITS, &mut budget);
    (!splits.truncated && !splits.candidates.is_empty()).then_some(splits.candidates)
}

/// Every value each cell of a row may hold under some split of `digits` into `known.len()`
/// numbers (no leading zero, at most 18 digits) that gives the cells read (`Some`) their
/// values: exactly what enumerating the splits would give, without enumerating them (a row
/// of twenty digits has tens of thousands). `None` when no split agrees.
pub(crate) fn cell_values(digits: &str, known: &[Option<u64>]) -> Option<Vec<BTreeSet<u64>>> {
    let bytes = digits.as_bytes();
    if !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let (n, parts) = (bytes.len(), known.len());
    // Whether digits a..b can be part `t`.
    let part = |t: usize, a: usize, b: usize| -> Option<u64> {
        let text = digits.get(a..b)?;
        let fits = (1..=MAX_PART_DIGITS).contains(&text.len())
            && (text.len() == 1 || !text.starts_with('0'));
        let value: u64 = text.parse().ok().filter(|_| fits)?;
        known.get(t)?.is_none_or(|v| v == value).then_some(value)
    };
    // before[t][i]: digits 0..i are parts 0..t; after[t][j]: digits j..n are parts t..parts.
    let mut before = vec![vec![false; n + 1]; parts + 1];
    let mut after = vec![vec![false; n + 1]; parts + 1];
    before[0][0] = true;
    after[parts][n] = true;
    for t in 0..parts {
        let ends: Vec<usize> = (0..n)
            .filter(|&a| before[t][a])
            .flat_map(|a| (a + 1..=n.min(a + MAX_PART_DIGITS)).map(move |b| (a, b)))
            .filter(|&(a, b)| part(t, a, b).is_some())
            .map(|(_, b)| b)
            .collect();
        for b in ends {
            before[t + 1][b] = true;
        }
    }
    for t in (0..parts).rev() {
        let starts: Vec<usize> = (1..=n)
            .filter(|&b| after[t + 1][b])
            .flat_map(|b| (b.saturating_sub(MAX_PART_DIGITS)..b).map(move |a| (a, b)))
            .filter(|&(a, b)| part(t, a, b).is_some())
            .map(|(a, _)| a)
            .collect();
        for a in starts {
            after[t][a] = true;
        }
    }
    if !before[parts][n] {
        return None;
    }
    let values = (0..parts)
        .map(|t| {
            (0..n)
                .filter(|&a| before[t][a])
                .flat_map(|a| (a + 1..=n.min(a + MAX_PART_DIGITS)).map(move |b| (a, b)))
                .filter(|&(_, b)| after[t + 1][b])
                .filter_map(|(a, b)| part(t, a, b))
                .collect()
        })
        .collect();
    Some(values)
}

/// The identities of the catalogue reading cells of more than one row, each of whose cells
/// `possible` gives every value it may hold, that no choice of one possible value per cell
/// satisfies: the first cell of their left side, and every cell they read. A cell stands in one
/// row, so the choices are independent: the identity holds for some choice exactly when the sums
/// its two sides can reach meet. An identity whose sides reach too many sums is not claimed.
pub(crate) fn broken_across_rows(
    possible: &HashMap<&'static str, BTreeSet<u64>>,
) -> Vec<(&'static str, Vec<&'static str>)> {
    let row = |cell: &str| cell.rsplit_once('/').map(|(row, _)| row.to_owned());
    crate::solve::identities()
        .iter()
        .filter_map(|identity| {
            let anchor = *identity.lhs.first()?;
            let cells: Vec<&'static str> =
                identity.lhs.iter().chain(&identity.rhs).copied().collect();
            let rows: BTreeSet<Option<String>> = cells.iter().map(|c| row(c)).collect();
            if rows.len() < 2 {
                return None;
            }
            // Every value is a count, never negative: a side's partial sum above the most the
            // other side can reach is no way to meet it.
            let most = |side: &[&'static str]| -> Option<u128> {
                side.iter()
                    .map(|c| possible.get(c)?.last().map(|&v| u128::from(v)))
                    .sum()
            };
            let least = |side: &[&'static str]| -> Option<u128> {
                side.iter()
                    .map(|c| possible.get(c)?.first().map(|&v| u128::from(v)))
                    .sum()
            };
            let (lhs_most, rhs_most) = (most(&identity.lhs)?, most(&identity.rhs)?);
            if least(&identity.lhs)? > rhs_most || least(&identity.rhs)? > lhs_most {
                return Some((anchor, cells));
            }
            let lhs = reachable_sums(&identity.lhs, possible, rhs_most)?;
            let rhs = reachable_sums(&identity.rhs, possible, lhs_most)?;
            (!meet(&lhs, &rhs)).then_some((anchor, cells))
        })
        .collect()
}

/// Every sum up to `bound` of one value per cell of `side`, ascending; `None` when a cell has
/// no possible value or the search would take more than [`MAX_ADDITIONS`] additions.
fn reachable_sums(
    side: &[&'static str],
    possible: &HashMap<&'static str, BTreeSet<u64>>,
    bound: u128,
) -> Option<Vec<u128>> {
    let mut cells: Vec<&BTreeSet<u64>> = side
        .iter()
        .map(|cell| possible.get(cell).filter(|values| !values.is_empty()))
        .collect::<Option<_>>()?;
    // Cells of few values first: the sums multiply late, and a search past the bound stops early.
    cells.sort_by_key(|values| values.len());
    let mut sums = vec![0_u128];
    let mut additions = 0_usize;
    for values in cells {
        additions = additions.saturating_add(sums.len().saturating_mul(values.len()));
        if additions > MAX_ADDITIONS {
            return None;
        }
        let mut next: Vec<u128> = values
            .iter()
            .flat_map(|&value| sums.iter().map(move |sum| sum + u128::from(value)))
            .filter(|&sum| sum <= bound)
            .collect();
        next.sort_unstable();
        next.dedup();
        sums = next;
    }
    Some(sums)
}

/// Whether two ascending lists share a value.
fn meet(left: &[u128], right: &[u128]) -> bool {
    let (mut l, mut r) = (0, 0);
    while let (Some(a), Some(b)) = (left.get(l), right.get(r)) {
        match a.cmp(b) {
            std::cmp::Ordering::Less => l += 1,
            std::cmp::Ordering::Greater => r += 1,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn review() -> Vec<&'static str> {
        ["review", "litigation_direct", "litigation_after_review"]
            .iter()
            .flat_map(|group| {
                ["upheld", "corrected", "other", "pending", "total"]
                    .iter()
                    .map(move |c| crate::solve::intern(&format!("/review_litigation/{group}/{c}")))
            })
            .collect::<Option<Vec<_>>>()
            .expect("表四's cells are the standard's")
    }

    #[test]
    fn a_group_broken_in_every_split_is_named_and_the_others_are_not() {
        // 洪泽区 2023 on one line: 行政复议 10 1 0 0 | 0, 复议后起诉 5 0 0 0 | 0.
        let broken = broken_in_every_split("1010000000050000", &review());
        let anchors: Vec<&str> = broken.iter().map(|(anchor, _)| *anchor).collect();
        assert_eq!(
            anchors,
            [
                "/review_litigation/review/total",
                "/review_litigation/litigation_after_review/total"
            ]
        );
        assert_eq!(broken.first().map(|(_, cells)| cells.len()), Some(5));
        // 洪泽区 2024, consistent: some split satisfies every group.
        assert!(broken_in_every_split("110021000120103", &review()).is_empty());
    }

    #[test]
    fn digits_that_admit_no_split_prove_nothing() {
        assert!(broken_in_every_split("1234", &review()).is_empty());
        assert!(broken_in_every_split("", &review()).is_empty());
    }

    #[test]
    fn cell_values_are_every_split_projected_onto_each_cell() {
        // `801000091` into seven: 8|0|1|0|0|0|91 among others; never a leading zero.
        let values = cell_values("801000091", &[None; 7]).expect("splits");
        let first: Vec<u64> = values[0].iter().copied().collect();
        assert_eq!(first, [8, 80, 801]);
        let last: Vec<u64> = values[6].iter().copied().collect();
        assert_eq!(last, [1, 91]);
        // Each cell's values are exactly those of the enumerated splits.
        let splits = every_split("801000091", 7).expect("enumerable");
        for (k, cell) in values.iter().enumerate() {
            let enumerated: BTreeSet<u64> = splits.iter().map(|s| s[k]).collect();
            assert_eq!(*cell, enumerated, "cell {k}");
        }
        // A cell read narrows the others: 80 first leaves 80|1|0|0|0|0|91 and 80|10|0|0|0|9|1.
        let known = [Some(80), None, None, None, None, None, None];
        let values = cell_values("801000091", &known).expect("splits");
        let sets: Vec<Vec<u64>> = values.iter().map(|v| v.iter().copied().collect()).collect();
        assert_eq!(
            sets,
            [
                vec![80],
                vec![1, 10],
                vec![0],
                vec![0],
                vec![0],
                vec![0, 9],
                vec![1, 91]
            ]
        );
        assert!(cell_values("801000091", &[Some(5), None]).is_none());
        // `0123` is no count; `0` and `123` are.
        assert!(cell_values("0123", &[None]).is_none());
        assert!(cell_values("0123", &[None, None]).is_some());
    }

    #[test]
    fn an_identity_across_rows_is_broken_only_when_no_choice_of_values_meets_it() {
        let cell = |row: &str, column: &str| {
            crate::solve::intern(&format!("/applications/{row}/{column}")).expect("a cell")
        };
        let r1 = |new: &[u64], over: &[u64], total: &[u64], forward: &[u64]| {
            let possible: HashMap<&'static str, BTreeSet<u64>> = [
                ("new_received", new),
                ("carried_over", over),
                ("results/total", total),
                ("carried_forward", forward),
            ]
            .into_iter()
            .map(|(row, values)| {
                (
                    cell(row, "natural_person"),
                    values.iter().copied().collect(),
                )
            })
            .collect();
            broken_across_rows(&possible)
        };
        // 8, 80 or 801 received, 2 carried over, 81 or 811 concluded, 5 carried forward.
        let broken = r1(&[8, 80, 801], &[2], &[81, 811], &[5]);
        assert_eq!(
            broken.first().map(|(anchor, cells)| (*anchor, cells.len())),
            Some((cell("new_received", "natural_person"), 4))
        );
        assert_eq!(broken.len(), 1);
        // 80 + 2 = 81 + 1: some choice meets it.
        assert!(r1(&[8, 80, 801], &[2], &[81, 811], &[1, 5]).is_empty());
        // A cell with no values known: not evaluated.
        assert!(r1(&[8, 80, 801], &[], &[81, 811], &[5]).is_empty());
        // The least the left side can reach is above the most of the right: broken, no search.
        assert_eq!(r1(&[900, 9001], &[2], &[81, 811], &[5]).len(), 1);
    }

    #[test]
    fn ascending_lists_meet_only_on_a_shared_value() {
        assert!(meet(&[1, 4, 9], &[2, 3, 9]));
        assert!(!meet(&[1, 4, 9], &[2, 3, 5, 10]));
        assert!(!meet(&[], &[0]));
    }
}
