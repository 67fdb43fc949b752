//! Identities a run of digits breaks however it is split: the report's own error, found though
//! none of the run's cells can be placed.
//!
//! A report on one line prints a table's cells run together (表四's fifteen as
//! `1010000000050000`). When no split into its cells satisfies an identity whose every cell the
//! run holds, the report breaks that identity, or prints one of its cells blank (a blank leaves
//! no digit): either way the publisher's error, and never a guess at the cells. The splits are
//! not listed (a 表三 row of 25 digits has 108,255, 表四's run of 22 has 39,706): whether an
//! identity `x = y₁ + … + yₖ` holds in some split is decided over where `x` may stand. For each
//! place, the parts before it and those after it split their digits independently, so it holds
//! there exactly when a sum of the `y` among the parts before (over some split of the digits
//! before) and one among the parts after make `x`'s value; each side's reachable sums are built
//! part by part over the digit positions, none above the largest value `x` may take (every part
//! is a count). A 表四 group's five cells are so decided inside the whole run, their boundaries
//! unknown. The search is exact and bounded: past its budget of additions nothing is claimed.
//!
//! An identity across rows (表三's R1 and R2, one column each) is found broken the same way
//! ([`broken_across_rows`]): each of its cells may hold only the values that some split of its
//! row's digits gives it (one, for a cell read), and the rows split independently of one another,
//! so when no choice of one value per cell satisfies it, the published rows break it. The split
//! that was printed is one of those enumerated, unless a cell of those rows is printed blank (its
//! row then has a digit group fewer): the report's error either way, as for a single run. The
//! rows' own identities (R3) are not used to narrow the values: the report may break them too.
//! When one side's sums are too many to list (R2 over twenty rows), that side is cut in two
//! halves whose sums are only met with the other side's, never added up
//! ([`meet_in_halves`]): the same decision, within the same budget.

use std::collections::{BTreeSet, HashMap};

/// The identities of the catalogue whose every cell is one of `pointers` (the run's cells, in
/// order) and that no split of `digits` into those cells satisfies: the cell their left side is,
/// and every cell they read. Empty when the digits admit no split at all (then they are not the
/// run the reader took them for); an identity whose decision was bounded is not named.
pub(crate) fn broken_in_every_split(
    digits: &str,
    pointers: &[&'static str],
) -> Vec<(&'static str, Vec<&'static str>)> {
    let unknown = vec![None; pointers.len()];
    let Some(lattice) = Lattice::new(digits, &unknown) else {
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
            let cells = identity.lhs.iter().chain(&identity.rhs).copied().collect();
            (lattice.holds_in_some_split(lhs, &rhs) == Some(false)).then_some((*anchor, cells))
        })
        .collect()
}

/// Longest number a cell may hold: counts beyond 10^18 do not occur.
const MAX_PART_DIGITS: usize = 18;
/// Additions made at most to find the sums one side of an identity can reach: past it nothing
/// is claimed. The sums are at most as many. A generated sample of 3,600 one-line reports
/// needed 250,000 for no identity found broken, and 2,000,000 bounded 52 of 41,000 searches.
const MAX_ADDITIONS: usize = 250_000;

/// Where each part of a split of a run of digits may stand: the splits of the digits into
/// `parts` numbers (no leading zero, at most 18 digits) that give the parts known (`Some`) their
/// values, as two reachability tables rather than a list (a row of twenty digits has tens of
/// thousands of splits).
struct Lattice<'a> {
    digits: &'a str,
    known: &'a [Option<u64>],
    /// `before[t][i]`: digits `0..i` are parts `0..t` of some split.
    before: Vec<Vec<bool>>,
    /// `after[t][j]`: digits `j..` are parts `t..` of some split.
    after: Vec<Vec<bool>>,
}

impl<'a> Lattice<'a> {
    /// The lattice of `digits` split into `known.len()` parts; `None` when no split agrees.
    fn new(digits: &'a str, known: &'a [Option<u64>]) -> Option<Self> {
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (n, parts) = (digits.len(), known.len());
        let mut lattice = Self {
            digits,
            known,
            before: vec![vec![false; n + 1]; parts + 1],
            after: vec![vec![false; n + 1]; parts + 1],
        };
        lattice.before[0][0] = true;
        lattice.after[parts][n] = true;
        for t in 0..parts {
            let ends: Vec<usize> = (0..n)
                .filter(|&a| lattice.before[t][a])
                .flat_map(|a| (a + 1..=n.min(a + MAX_PART_DIGITS)).map(move |b| (a, b)))
                .filter(|&(a, b)| lattice.part(t, a, b).is_some())
                .map(|(_, b)| b)
                .collect();
            for b in ends {
                lattice.before[t + 1][b] = true;
            }
        }
        for t in (0..parts).rev() {
            let starts: Vec<usize> = (1..=n)
                .filter(|&b| lattice.after[t + 1][b])
                .flat_map(|b| (b.saturating_sub(MAX_PART_DIGITS)..b).map(move |a| (a, b)))
                .filter(|&(a, b)| lattice.part(t, a, b).is_some())
                .map(|(a, _)| a)
                .collect();
            for a in starts {
                lattice.after[t][a] = true;
            }
        }
        lattice.before[parts][n].then_some(lattice)
    }

    /// The value of digits `a..b` as part `t`, when they may be that part.
    fn part(&self, t: usize, a: usize, b: usize) -> Option<u64> {
        let text = self.digits.get(a..b)?;
        let fits = (1..=MAX_PART_DIGITS).contains(&text.len())
            && (text.len() == 1 || !text.starts_with('0'));
        let value: u64 = text.parse().ok().filter(|_| fits)?;
        self.known
            .get(t)?
            .is_none_or(|v| v == value)
            .then_some(value)
    }

    /// Every `(start, end, value)` part `t` takes in some split.
    fn spans(&self, t: usize) -> impl Iterator<Item = (usize, usize, u64)> + '_ {
        let n = self.digits.len();
        (0..n)
            .filter(move |&a| self.before[t][a])
            .flat_map(move |a| (a + 1..=n.min(a + MAX_PART_DIGITS)).map(move |b| (a, b)))
            .filter(move |&(_, b)| self.after[t + 1][b])
            .filter_map(move |(a, b)| Some((a, b, self.part(t, a, b)?)))
    }

    /// Whether some split makes part `lhs` the sum of parts `rhs` (each counted as often as it
    /// stands there), decided without listing the splits: for each place part `lhs` may take,
    /// whether a sum the parts before it can reach and one the parts after it can reach make
    /// its value. Only the parts of `rhs` add to the sums; no sum above the largest value part
    /// `lhs` may hold is kept, since every part is a count. `None` when `lhs` stands on both
    /// sides, or the sums would take more than [`MAX_ADDITIONS`] additions.
    fn holds_in_some_split(&self, lhs: usize, rhs: &[usize]) -> Option<bool> {
        let parts = self.known.len();
        if lhs >= parts || rhs.contains(&lhs) {
            return None;
        }
        let weight = |t: usize| rhs.iter().filter(|&&k| k == t).count() as u64;
        let totals: Vec<(usize, usize, u64)> = self.spans(lhs).collect();
        let bound = totals.iter().map(|&(_, _, value)| value).max()?;
        let n = self.digits.len();
        let mut additions = 0_usize;
        // prefix[i]: the sums parts 0..t can reach over digits 0..i, for t up to `lhs`.
        let mut prefix: Vec<Vec<u64>> = vec![Vec::new(); n + 1];
        prefix[0].push(0);
        for t in 0..lhs {
            let mut next: Vec<Vec<u64>> = vec![Vec::new(); n + 1];
            for (a, b, value) in self.spans(t) {
                additions = additions.saturating_add(prefix[a].len());
                if additions > MAX_ADDITIONS {
                    return None;
                }
                let added = value.checked_mul(weight(t))?;
                let reached = prefix[a].iter().filter_map(|sum| sum.checked_add(added));
                next[b].extend(reached.filter(|&sum| sum <= bound));
            }
            for sums in &mut next {
                sums.sort_unstable();
                sums.dedup();
            }
            prefix = next;
        }
        // suffix[j]: the sums parts t..parts can reach over digits j.., for t down to `lhs + 1`.
        let mut suffix: Vec<Vec<u64>> = vec![Vec::new(); n + 1];
        suffix[n].push(0);
        for t in (lhs + 1..parts).rev() {
            let mut next: Vec<Vec<u64>> = vec![Vec::new(); n + 1];
            for (a, b, value) in self.spans(t) {
                additions = additions.saturating_add(suffix[b].len());
                if additions > MAX_ADDITIONS {
                    return None;
                }
                let added = value.checked_mul(weight(t))?;
                let reached = suffix[b].iter().filter_map(|sum| sum.checked_add(added));
                next[a].extend(reached.filter(|&sum| sum <= bound));
            }
            for sums in &mut next {
                sums.sort_unstable();
                sums.dedup();
            }
            suffix = next;
        }
        let holds = totals.iter().any(|&(a, b, total)| {
            prefix[a].iter().any(|&before| {
                total
                    .checked_sub(before)
                    .is_some_and(|rest| suffix[b].binary_search(&rest).is_ok())
            })
        });
        Some(holds)
    }
}

/// Every value each cell of a row may hold under some split of `digits` into `known.len()`
/// numbers (no leading zero, at most 18 digits) that gives the cells read (`Some`) their
/// values: exactly what enumerating the splits would give, without enumerating them (a row
/// of twenty digits has tens of thousands). `None` when no split agrees.
pub(crate) fn cell_values(digits: &str, known: &[Option<u64>]) -> Option<Vec<BTreeSet<u64>>> {
    let lattice = Lattice::new(digits, known)?;
    let values = (0..known.len())
        .map(|t| lattice.spans(t).map(|(_, _, value)| value).collect())
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
            let whole = || {
                let lhs = reachable_sums(&identity.lhs, possible, rhs_most)?;
                let rhs = reachable_sums(&identity.rhs, possible, lhs_most)?;
                Some(meet(&lhs, &rhs))
            };
            let sides = [(&identity.lhs, lhs_most), (&identity.rhs, rhs_most)];
            let holds = whole().or_else(|| meet_in_halves(sides, possible))?;
            (!holds).then_some((anchor, cells))
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

/// Whether some choice of one possible value per cell gives the two `sides` (their cells, and
/// the most each can reach) equal sums, the wider side's sums built as two halves that are only
/// met, never added up (an identity of twenty rows whose sums together are too many to list):
/// it holds exactly when a sum of the narrow side less one of the first half is one of the
/// second. `None` when a cell has no possible value or the search would take more than
/// [`MAX_ADDITIONS`] additions or look-ups.
fn meet_in_halves(
    sides: [(&Vec<&'static str>, u128); 2],
    possible: &HashMap<&'static str, BTreeSet<u64>>,
) -> Option<bool> {
    let [(narrow, narrow_most), (wide, wide_most)] = if sides[0].0.len() > sides[1].0.len() {
        [sides[1], sides[0]]
    } else {
        sides
    };
    let mut cells: Vec<&'static str> = wide.clone();
    cells.sort_by_key(|cell| possible.get(cell).map_or(0, BTreeSet::len));
    // Alternate cells go to each half, so that the halves' many-valued cells are as few.
    let (mut first, mut second) = (Vec::new(), Vec::new());
    for (k, cell) in cells.into_iter().enumerate() {
        if k % 2 == 0 {
            first.push(cell)
        } else {
            second.push(cell)
        }
    }
    let targets = reachable_sums(narrow, possible, wide_most)?;
    let first = reachable_sums(&first, possible, narrow_most)?;
    let second = reachable_sums(&second, possible, narrow_most)?;
    if targets.len().saturating_mul(first.len()) > MAX_ADDITIONS {
        return None;
    }
    Some(targets.iter().any(|&target| {
        first
            .iter()
            .take_while(|&&sum| sum <= target)
            .any(|&sum| second.binary_search(&(target - sum)).is_ok())
    }))
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
    use crate::split::{Budget, all_splits};

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
        // 行政复议 3 0 7 0 | 10, 直接起诉 3 7 3 25 | 38, 复议后起诉 7 1 25 25 | 104 (58 the sum):
        // 39,706 splits, the 20,000 once listed at most; only the last group is broken in all.
        let broken = broken_in_every_split("3070103732538712525104", &review());
        let anchors: Vec<&str> = broken.iter().map(|(anchor, _)| *anchor).collect();
        assert_eq!(
            anchors,
            ["/review_litigation/litigation_after_review/total"]
        );
    }

    /// Every split of `digits` into `parts`, listed.
    fn enumerated(digits: &str, parts: usize) -> Vec<Vec<u64>> {
        let splits = all_splits(digits, parts, 1_000_000, &mut Budget::new(u32::MAX));
        assert!(!splits.truncated, "{digits} enumerated whole");
        splits.candidates
    }

    #[test]
    fn a_row_of_more_splits_than_could_be_listed_is_decided_whole() {
        let row: Vec<&'static str> = crate::template::APPLICANT_COLUMNS
            .iter()
            .map(|column| {
                crate::solve::intern(&format!("/applications/new_received/{}", column.name))
            })
            .collect::<Option<_>>()
            .expect("表三's cells are the standard's");
        // 15321 483 1306 275 96 647 | 18128 printed with 18129 as its total: 108,255 splits, the
        // 20,000 once listed at most; none makes the total the sum of the six.
        let broken = broken_in_every_split("1532148313062759664718129", &row);
        assert_eq!(
            broken
                .iter()
                .map(|(anchor, cells)| (*anchor, cells.len()))
                .collect::<Vec<_>>(),
            [(row[6], 7)]
        );
        assert!(broken_in_every_split("1532148313062759664718128", &row).is_empty());
    }

    #[test]
    fn the_decision_is_the_enumeration_s() {
        // Every run of up to nine digits drawn from a few, into three to five parts, each part
        // the sum of the others after it or of those before it.
        let mut checked = 0;
        for seed in 0_u64..3_000 {
            let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let mut next = |below: u64| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (state >> 33) % below
            };
            let parts = 3 + next(3) as usize;
            let length = parts + next(5) as usize;
            let digits: String = (0..length)
                .map(|_| char::from(b"0011123459"[next(10) as usize]))
                .collect();
            let lhs = next(parts as u64) as usize;
            let rhs: Vec<usize> = (0..parts).filter(|&k| k != lhs && next(3) > 0).collect();
            let known = vec![None; parts];
            let splits = enumerated(&digits, parts);
            let Some(lattice) = Lattice::new(&digits, &known) else {
                assert!(splits.is_empty(), "{digits}");
                continue;
            };
            let listed = splits
                .iter()
                .any(|s| s[lhs] == rhs.iter().map(|&k| s[k]).sum::<u64>());
            assert_eq!(
                lattice.holds_in_some_split(lhs, &rhs),
                Some(listed),
                "{digits} into {parts}, part {lhs} = {rhs:?}"
            );
            checked += 1;
        }
        assert!(checked > 2_000, "{checked} runs decided");
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
        let splits = enumerated("801000091", 7);
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
    fn halves_met_decide_as_every_choice_listed() {
        let cells: Vec<&'static str> = crate::template::APPLICANT_COLUMNS
            .iter()
            .map(|column| {
                crate::solve::intern(&format!("/applications/new_received/{}", column.name))
            })
            .collect::<Option<_>>()
            .expect("表三's cells are the standard's");
        for seed in 0_u64..400 {
            let mut state = seed.wrapping_add(7);
            let mut next = |below: u64| {
                state = state
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (state >> 33) % below
            };
            let wide = 2 + next(5) as usize;
            let possible: HashMap<&'static str, BTreeSet<u64>> = cells[..=wide]
                .iter()
                .map(|&cell| (cell, (0..1 + next(3)).map(|_| next(40)).collect()))
                .collect();
            let lhs = vec![cells[0]];
            let rhs: Vec<&'static str> = cells[1..=wide].to_vec();
            // Every choice, listed.
            let mut choices: Vec<u64> = vec![0];
            for cell in &rhs {
                choices = choices
                    .iter()
                    .flat_map(|sum| possible[cell].iter().map(move |v| sum + v))
                    .collect();
            }
            let listed = possible[&lhs[0]].iter().any(|v| choices.contains(v));
            let most = |side: &[&'static str]| -> u128 {
                side.iter()
                    .map(|c| u128::from(*possible[c].last().expect("a value")))
                    .sum()
            };
            let sides = [(&lhs, most(&lhs)), (&rhs, most(&rhs))];
            assert_eq!(
                meet_in_halves(sides, &possible),
                Some(listed),
                "{possible:?}"
            );
        }
    }

    #[test]
    fn ascending_lists_meet_only_on_a_shared_value() {
        assert!(meet(&[1, 4, 9], &[2, 3, 9]));
        assert!(!meet(&[1, 4, 9], &[2, 3, 5, 10]));
        assert!(!meet(&[], &[0]));
    }
}
