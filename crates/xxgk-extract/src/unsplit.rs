//! Identities a run of digits breaks however it is split: the report's own error, found though
//! none of the run's cells can be placed.
//!
//! A report on one line prints a table's cells run together (表四's fifteen as
//! `1010000000050000`). When no split into its cells satisfies an identity whose every cell the
//! run holds, the report breaks that identity, or prints one of its cells blank (a blank leaves
//! no digit): either way the publisher's error, and never a guess at the cells. The search is
//! exact and bounded; a run too long to search whole proves nothing.

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
    let mut budget = Budget::new(MAX_STEPS);
    let splits = all_splits(digits, pointers.len(), MAX_SPLITS, &mut budget);
    if splits.truncated || splits.candidates.is_empty() {
        return Vec::new();
    }
    let at = |cell: &str| pointers.iter().position(|p| *p == cell);
    crate::solve::identities()
        .iter()
        .filter_map(|identity| {
            let [anchor] = identity.lhs.as_slice() else {
                return None;
            };
            let lhs = at(anchor)?;
            let rhs: Vec<usize> = identity.rhs.iter().map(|c| at(c)).collect::<Option<_>>()?;
            let holds_in_some = splits.candidates.iter().any(|values| {
                let value = |k: usize| u128::from(values.get(k).copied().unwrap_or_default());
                value(lhs) == rhs.iter().map(|&k| value(k)).sum::<u128>()
            });
            let cells = identity.lhs.iter().chain(&identity.rhs).copied().collect();
            (!holds_in_some).then_some((*anchor, cells))
        })
        .collect()
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
}
