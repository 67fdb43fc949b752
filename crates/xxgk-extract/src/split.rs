//! Splitting cells that ran together (`801000081`) into numbers: every split, or only those
//! under which each segment's last number (its total) is the sum of the others, or those that
//! satisfy every identity of the catalogue reading only the row's cells. No number has a leading
//! zero (`05` is not a count), and every search is bounded so that no input can make it explode.

/// Longest part considered: counts beyond 10^18 do not occur and would overflow.
const MAX_PART_DIGITS: usize = 18;
/// Bound on the search of [`row_splits`] so that pathological input stays fast.
const STEP_BUDGET: u32 = 50_000;
/// Splits enumerated before filtering when the row's identities are not all segment totals.
const UNFILTERED: usize = 4096;

/// Work left to a search, shared by the searches of one table.
#[derive(Debug)]
pub(crate) struct Budget {
    steps_left: u32,
}

impl Budget {
    /// A budget of `steps` search steps.
    pub fn new(steps: u32) -> Self {
        Self { steps_left: steps }
    }

    /// Takes one step; false when the budget is spent.
    pub fn take(&mut self) -> bool {
        match self.steps_left.checked_sub(1) {
            Some(left) => {
                self.steps_left = left;
                true
            }
            None => false,
        }
    }
}

/// The outcome of a split search.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Splits {
    /// Every split found (up to the limit).
    pub candidates: Vec<Vec<u64>>,
    /// True when the search stopped early (too many candidates or steps): more may exist.
    pub truncated: bool,
}

/// Cuts `digits` into one number per cell of `cells` (a row), keeping the splits under which
/// every identity of the catalogue reading only those cells holds (today R3: 总计 is the sum of
/// the six applicant columns). Identities that each total a consecutive segment are searched
/// for directly; others filter every split.
pub(crate) fn row_splits(cells: &[&str], digits: &str, limit: usize) -> Splits {
    let identities = crate::solve::identities();
    let mut budget = Budget::new(STEP_BUDGET);
    if let Some(sizes) = crate::solve::local_segments(&identities, cells) {
        let segments: Vec<Segment> = sizes
            .into_iter()
            .map(|size| Segment { size, total: true })
            .collect();
        return segment_splits(digits, &segments, limit, &mut budget);
    }
    let local: Vec<&crate::solve::Identity> = identities
        .iter()
        .filter(|i| i.lhs.iter().chain(&i.rhs).all(|c| cells.contains(c)))
        .collect();
    let every = all_splits(digits, cells.len(), UNFILTERED, &mut budget);
    let mut out = Splits {
        candidates: Vec::new(),
        truncated: every.truncated,
    };
    for candidate in every.candidates {
        let value = |cell: &str| {
            let at = cells.iter().position(|c| *c == cell)?;
            candidate.get(at).copied()
        };
        if local.iter().all(|i| i.holds(value) == Some(true)) {
            if out.candidates.len() >= limit {
                out.truncated = true;
                break;
            }
            out.candidates.push(candidate);
        }
    }
    out
}

/// A segment of consecutive numbers of a split.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Segment {
    /// How many numbers.
    pub size: usize,
    /// Whether its last number must be the sum of the others.
    pub total: bool,
}

/// Cuts `digits` into consecutive segments, the last number of each segment with `total` equal
/// to the sum of the others in it (表三's 总计 column, 表四's three 总计).
pub(crate) fn segment_splits(
    digits: &str,
    segments: &[Segment],
    limit: usize,
    budget: &mut Budget,
) -> Splits {
    let mut search = Search::new(digits, limit, budget);
    let well_formed = segments.iter().all(|s| s.size >= 2 || !s.total);
    if search.bytes.iter().all(u8::is_ascii_digit) && well_formed {
        search.segments(0, segments);
    }
    search.out
}

/// Cuts `digits` into `parts` numbers, with no identity to satisfy.
pub(crate) fn all_splits(digits: &str, parts: usize, limit: usize, budget: &mut Budget) -> Splits {
    let mut search = Search::new(digits, limit, budget);
    if search.bytes.iter().all(u8::is_ascii_digit) {
        search.free(0, search.bytes.len(), parts, &[]);
    }
    search.out
}

/// Cuts `digits` into one number per pin, each pinned number equal to its pin and the others
/// free: the splits of a row some of whose cells the other rows already determine.
pub(crate) fn pinned_splits(
    digits: &str,
    pins: &[Option<u64>],
    limit: usize,
    budget: &mut Budget,
) -> Splits {
    let mut search = Search::new(digits, limit, budget);
    if search.bytes.iter().all(u8::is_ascii_digit) {
        search.pinned(0, pins);
    }
    search.out
}

/// Cuts `digits` into one number per range, each number within its range (both ends
/// included) but for at most `outside` of them: the splits of a row that the other rows bound,
/// a cell by its column's total, up to `outside` columns failing.
pub(crate) fn ranged_splits(
    digits: &str,
    ranges: &[(u64, u64)],
    outside: usize,
    limit: usize,
    budget: &mut Budget,
) -> Splits {
    let mut search = Search::new(digits, limit, budget);
    if search.bytes.iter().all(u8::is_ascii_digit) {
        // A cut found to lead to no split is not tried again: a long row whose ranges are wide
        // reaches the same dead ends millions of times.
        let mut dead = Dead {
            marks: vec![false; (ranges.len() + 1) * (search.bytes.len() + 1) * (outside + 1)],
            ranges: ranges.len() + 1,
            offsets: search.bytes.len() + 1,
        };
        search.ranged(0, ranges, outside, &mut dead);
    }
    search.out
}

/// The cuts of a ranged search after which no split was found, per count of ranges left, offset
/// and count of numbers still allowed out of their range.
struct Dead {
    marks: Vec<bool>,
    /// Counts of ranges left there can be (the ranges and none).
    ranges: usize,
    /// Offsets there can be (the digits and the end).
    offsets: usize,
}

impl Dead {
    fn slot(&mut self, ranges_left: usize, offset: usize, outside: usize) -> Option<&mut bool> {
        let at = (outside * self.ranges + ranges_left) * self.offsets + offset;
        self.marks.get_mut(at)
    }
}

/// An identity binding one part of two rows cut together, the other rows' cells known:
/// `x·x_cell + y·y_cell + known = 0`, each sign +1 (left side), −1 (right side) or 0 (not read).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Linear {
    pub x: i8,
    pub y: i8,
    pub known: i128,
}

impl Linear {
    fn holds(self, x: u64, y: u64) -> bool {
        i128::from(self.x) * i128::from(x) + i128::from(self.y) * i128::from(y) + self.known == 0
    }

    /// The one count the row-`y` cell must be, given the row-`x` cell, when the identity reads
    /// it (`None` when it reads no row-`y` cell; `Some(None)` when no count satisfies it).
    fn y_for(self, x: u64) -> Option<Option<u64>> {
        if self.y == 0 {
            return None;
        }
        let rest = i128::from(self.x) * i128::from(x) + self.known;
        Some(u64::try_from(-rest * i128::from(self.y)).ok())
    }
}

/// Two rows' splits found by [`paired_splits`].
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct PairSplits {
    pub candidates: Vec<(Vec<u64>, Vec<u64>)>,
    /// True when the search stopped early: more may exist.
    pub truncated: bool,
}

/// Cuts `x` and `y` (two rows' digits) into one number per part each, the two numbers of every
/// part satisfying each identity of `parts` on it but in at most `outside` parts: the splits of
/// two rows a misprint search leaves for last, whose columns' identities read both (a 表三
/// leaf row and row 一 in one column). Cut together, part by part, a bound part of `y` is the
/// one count its identity leaves once `x`'s is cut, so a wrong cut of either ends at once where
/// cutting each row under the other's ranges lists millions of splits.
pub(crate) fn paired_splits(
    x: &str,
    y: &str,
    parts: &[Vec<Linear>],
    outside: usize,
    limit: usize,
    budget: &mut Budget,
) -> PairSplits {
    let (x, y) = (x.as_bytes(), y.as_bytes());
    let mut search = PairSearch {
        x,
        y,
        parts,
        limit,
        budget,
        acc: (Vec::new(), Vec::new()),
        out: PairSplits::default(),
        dead: vec![false; (parts.len() + 1) * (x.len() + 1) * (y.len() + 1) * (outside + 1)],
    };
    let longest = parts.len() * MAX_PART_DIGITS;
    let digits = |row: &[u8]| row.iter().all(u8::is_ascii_digit) && row.len() <= longest;
    if digits(x) && digits(y) {
        search.part(0, (0, 0), outside);
    }
    search.out
}

/// The state of [`paired_splits`].
struct PairSearch<'a, 'b> {
    x: &'a [u8],
    y: &'a [u8],
    parts: &'a [Vec<Linear>],
    limit: usize,
    budget: &'b mut Budget,
    acc: (Vec<u64>, Vec<u64>),
    out: PairSplits,
    /// Per part, offsets in `x` and `y` and numbers still allowed outside: no split follows.
    dead: Vec<bool>,
}

impl PairSearch<'_, '_> {
    fn dead_slot(&mut self, part: usize, at: (usize, usize), outside: usize) -> Option<&mut bool> {
        let index = ((outside * (self.parts.len() + 1) + part) * (self.x.len() + 1) + at.0)
            * (self.y.len() + 1)
            + at.1;
        self.dead.get_mut(index)
    }

    /// The cuts of `row` from `start` for a number with `left` more to follow it.
    fn cuts(row: &[u8], start: usize, left: usize) -> impl Iterator<Item = (usize, u64)> + '_ {
        let room = row.len().saturating_sub(start).saturating_sub(left);
        (1..=MAX_PART_DIGITS.min(room))
            .map_while(move |len| Some((len, number_at(row, start, len)?)))
    }

    /// Cuts part `part` on of both rows from offsets `at`, up to `outside` parts failing their
    /// identities; whether a split was found.
    fn part(&mut self, part: usize, at: (usize, usize), outside: usize) -> bool {
        if self.dead_slot(part, at, outside).is_some_and(|d| *d) || !self.step() {
            return false;
        }
        let Some(linears) = self.parts.get(part) else {
            if at == (self.x.len(), self.y.len()) {
                if self.out.candidates.len() >= self.limit {
                    self.out.truncated = true;
                } else {
                    self.out.candidates.push(self.acc.clone());
                }
                return true;
            }
            return false;
        };
        let left = self.parts.len() - part - 1;
        let mut any = false;
        let x_cuts: Vec<(usize, u64)> = Self::cuts(self.x, at.0, left).collect();
        for (x_len, x_value) in x_cuts {
            // The identities reading row x alone hold; those reading row y leave its cell one
            // count (`None` when none reads it, `Some(None)` when they leave none or disagree).
            let x_holds = linears.iter().all(|l| l.y != 0 || l.holds(x_value, 0));
            let mut required = linears.iter().filter_map(|l| l.y_for(x_value));
            let fixed = required
                .next()
                .map(|first| first.filter(|v| required.all(|r| r == Some(*v))));
            let y_cuts: Vec<(usize, u64)> = Self::cuts(self.y, at.1, left).collect();
            for (y_len, y_value) in y_cuts {
                let within = x_holds && fixed.is_none_or(|v| v == Some(y_value));
                if !within && outside == 0 {
                    continue;
                }
                let still = if within { outside } else { outside - 1 };
                self.acc.0.push(x_value);
                self.acc.1.push(y_value);
                any |= self.part(part + 1, (at.0 + x_len, at.1 + y_len), still);
                self.acc.0.pop();
                self.acc.1.pop();
                if self.out.truncated {
                    return any;
                }
            }
        }
        if !any && let Some(slot) = self.dead_slot(part, at, outside) {
            *slot = true;
        }
        any
    }

    /// Whether the search may go on; marks it truncated when it may not.
    fn step(&mut self) -> bool {
        if self.out.truncated {
            return false;
        }
        if !self.budget.take() {
            self.out.truncated = true;
            return false;
        }
        true
    }
}

struct Search<'a, 'b> {
    bytes: &'a [u8],
    limit: usize,
    budget: &'b mut Budget,
    acc: Vec<u64>,
    out: Splits,
}

impl<'a, 'b> Search<'a, 'b> {
    fn new(digits: &'a str, limit: usize, budget: &'b mut Budget) -> Self {
        Self {
            bytes: digits.as_bytes(),
            limit,
            budget,
            acc: Vec::new(),
            out: Splits::default(),
        }
    }

    /// Whether the search may go on; marks it truncated when it may not.
    fn step(&mut self) -> bool {
        if self.out.truncated {
            return false;
        }
        if self.out.candidates.len() >= self.limit || !self.budget.take() {
            self.out.truncated = true;
            return false;
        }
        true
    }

    fn found(&mut self) {
        if self.out.candidates.len() >= self.limit {
            self.out.truncated = true;
        } else {
            self.out.candidates.push(self.acc.clone());
        }
    }

    /// Splits `bytes[start..]` into `segments`.
    fn segments(&mut self, start: usize, segments: &[Segment]) {
        let Some((segment, rest)) = segments.split_first() else {
            if start == self.bytes.len() {
                self.found();
            }
            return;
        };
        let size = segment.size;
        let rest_min: usize = rest.iter().map(|s| s.size).sum();
        let Some(last_end) = self.bytes.len().checked_sub(rest_min) else {
            return;
        };
        // The last segment ends with the digits; an earlier one may end anywhere that leaves
        // at least one digit per number after it.
        let first_end = if rest.is_empty() {
            last_end
        } else {
            start + size
        };
        if !segment.total {
            for end in first_end..=last_end {
                self.free(start, end, size, rest);
                if self.out.truncated {
                    return;
                }
            }
            return;
        }
        for end in first_end..=last_end {
            let longest_total = MAX_PART_DIGITS.min((end - start).saturating_sub(size - 1));
            for total_len in 1..=longest_total {
                if !self.step() {
                    return;
                }
                let Some(total) = number_at(self.bytes, end - total_len, total_len) else {
                    continue;
                };
                let before = self.acc.len();
                self.sum_parts(start, end - total_len, size - 1, total, (total, end, rest));
                self.acc.truncate(before);
            }
        }
    }

    /// Splits `bytes[start..end]` into `parts` numbers summing to `sum`, then pushes the
    /// segment's total and goes on with the segments after `next_start`.
    fn sum_parts(
        &mut self,
        start: usize,
        end: usize,
        parts: usize,
        sum: u64,
        then: (u64, usize, &[Segment]),
    ) {
        if !self.step() {
            return;
        }
        let remaining = end - start;
        // Some part has at least ⌈remaining / parts⌉ digits, so the parts sum to at least
        // 10^(that − 1): a sum below it cannot be reached.
        let longest_part = remaining.div_ceil(parts.max(1));
        if longest_part > 1
            && u32::try_from(longest_part - 1)
                .ok()
                .and_then(|e| 10u64.checked_pow(e))
                .is_none_or(|least| least > sum)
        {
            return;
        }
        // At most one part is long: the parts sum to less than 10^(remaining − parts + 1) plus
        // nine for each other part, so a larger sum cannot be reached.
        let most = u32::try_from(remaining + 1 - parts.min(remaining + 1))
            .ok()
            .and_then(|e| 10u64.checked_pow(e))
            .map(|bound| bound.saturating_add(9 * parts as u64));
        if most.is_some_and(|most| sum > most) {
            return;
        }
        if parts == 1 {
            if remaining <= MAX_PART_DIGITS
                && let Some(value) = number_at(self.bytes, start, remaining)
                && value == sum
            {
                let (total, next_start, rest) = then;
                self.acc.push(value);
                self.acc.push(total);
                self.segments(next_start, rest);
                self.acc.truncate(self.acc.len() - 2);
            }
            return;
        }
        let longest = MAX_PART_DIGITS.min(remaining.saturating_sub(parts - 1));
        for len in 1..=longest {
            let Some(value) = number_at(self.bytes, start, len) else {
                // A leading zero: no longer part starting here is valid either.
                break;
            };
            if value > sum {
                break;
            }
            self.acc.push(value);
            self.sum_parts(start + len, end, parts - 1, sum - value, then);
            self.acc.pop();
            if self.out.truncated {
                return;
            }
        }
    }

    /// Splits `bytes[start..end]` into `parts` numbers, then goes on with the segments `rest`
    /// after `end`.
    fn free(&mut self, start: usize, end: usize, parts: usize, rest: &[Segment]) {
        if !self.step() {
            return;
        }
        let remaining = end.saturating_sub(start);
        if parts == 0 {
            if remaining == 0 {
                self.segments(end, rest);
            }
            return;
        }
        if remaining < parts || remaining > parts * MAX_PART_DIGITS {
            return;
        }
        let longest = MAX_PART_DIGITS.min(remaining - (parts - 1));
        for len in 1..=longest {
            let Some(value) = number_at(self.bytes, start, len) else {
                break;
            };
            self.acc.push(value);
            self.free(start + len, end, parts - 1, rest);
            self.acc.pop();
            if self.out.truncated {
                return;
            }
        }
    }

    /// Splits `bytes[start..]` into one number per pin, each pinned number its pin.
    fn pinned(&mut self, start: usize, pins: &[Option<u64>]) {
        if !self.step() {
            return;
        }
        let Some((pin, rest)) = pins.split_first() else {
            if start == self.bytes.len() {
                self.found();
            }
            return;
        };
        let remaining = self.bytes.len().saturating_sub(start);
        if remaining < pins.len() {
            return;
        }
        let longest = MAX_PART_DIGITS.min(remaining - (pins.len() - 1));
        for len in 1..=longest {
            let Some(value) = number_at(self.bytes, start, len) else {
                break;
            };
            if pin.is_some_and(|pin| pin != value) {
                if pin.is_some_and(|pin| pin < value) {
                    // Longer numbers here only grow.
                    break;
                }
                continue;
            }
            self.acc.push(value);
            self.pinned(start + len, rest);
            self.acc.pop();
            if self.out.truncated {
                return;
            }
        }
    }
}

impl Search<'_, '_> {
    /// Splits `bytes[start..]` into one number per range, each within its range.
    /// Cuts `bytes[start..]` into `ranges`, up to `outside` numbers out of theirs, marking in
    /// `dead` each cut after which no split was found; whether one was found.
    fn ranged(
        &mut self,
        start: usize,
        ranges: &[(u64, u64)],
        outside: usize,
        dead: &mut Dead,
    ) -> bool {
        if dead.slot(ranges.len(), start, outside).is_some_and(|d| *d) || !self.step() {
            return false;
        }
        let Some((&(low, high), rest)) = ranges.split_first() else {
            if start == self.bytes.len() {
                self.found();
                return true;
            }
            return false;
        };
        let remaining = self.bytes.len().saturating_sub(start);
        let mut any = false;
        if remaining >= ranges.len() {
            let longest = MAX_PART_DIGITS.min(remaining - (ranges.len() - 1));
            for len in 1..=longest {
                let Some(value) = number_at(self.bytes, start, len) else {
                    break;
                };
                let within = (low..=high).contains(&value);
                if !within && (outside == 0 || (low, high) == (0, u64::MAX)) {
                    if value > high {
                        // Longer numbers here only grow.
                        break;
                    }
                    continue;
                }
                self.acc.push(value);
                let left = if within { outside } else { outside - 1 };
                any |= self.ranged(start + len, rest, left, dead);
                self.acc.pop();
                if self.out.truncated {
                    return any;
                }
            }
        }
        if !any && let Some(slot) = dead.slot(ranges.len(), start, outside) {
            *slot = true;
        }
        any
    }
}

/// How many decimal digits print `value` (a split has no leading zero, so this is its width).
pub(crate) fn digit_count(value: u64) -> usize {
    value.checked_ilog10().map_or(1, |log| log as usize + 1)
}

/// The number written by `len` digits at `start`, or `None` for a leading zero.
fn number_at(bytes: &[u8], start: usize, len: usize) -> Option<u64> {
    let slice = bytes.get(start..start.checked_add(len)?)?;
    if len > 1 && slice.first() == Some(&b'0') {
        return None;
    }
    // Read digit by digit: every search calls this at each step (parsing a `str` showed in
    // profiles).
    slice.iter().try_fold(0u64, |value, byte| {
        let digit = byte.checked_sub(b'0').filter(|d| *d <= 9)?;
        value.checked_mul(10)?.checked_add(u64::from(digit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The ranged search, which does not cut again where no split followed, finds exactly
        /// the splits within the ranges but for at most `outside` of them.
        #[test]
        fn ranged_splits_are_every_split_within_the_ranges(
            digits in "[0-9]{1,13}",
            ranges in prop::collection::vec((0u64..300, 0u64..3_000), 1..7),
            outside in 0usize..3,
        ) {
            let ranges: Vec<(u64, u64)> = ranges
                .into_iter()
                .map(|(low, width)| (low, low.saturating_add(width)))
                .collect();
            let every = all_splits(&digits, ranges.len(), usize::MAX, &mut Budget::new(u32::MAX));
            let within: Vec<Vec<u64>> = every
                .candidates
                .into_iter()
                .filter(|split| {
                    let out = split.iter().zip(&ranges).filter(|(v, (low, high))| !(low..=high).contains(v));
                    out.count() <= outside
                })
                .collect();
            let budget = &mut Budget::new(u32::MAX);
            let ranged = ranged_splits(&digits, &ranges, outside, usize::MAX, budget);
            prop_assert!(!ranged.truncated);
            prop_assert_eq!(&ranged.candidates, &within);
        }
    }

    /// Two rows of `parts` numbers each (at most three digits), and per part up to two
    /// identities, each satisfied by the two rows' numbers in that part (signs drawn from
    /// −1, 0, +1) unless `shifted`, when its known term is off by the shift.
    fn paired_case() -> impl Strategy<Value = (String, String, Vec<Vec<Linear>>)> {
        (2usize..5).prop_flat_map(|parts| {
            (
                prop::collection::vec((0u64..400, 0u64..400), parts),
                prop::collection::vec(
                    prop::collection::vec((-1i8..=1, -1i8..=1, -2i128..=2), 0..3),
                    parts,
                ),
            )
                .prop_map(|(cells, bindings)| {
                    let x: String = cells.iter().map(|(x, _)| x.to_string()).collect();
                    let y: String = cells.iter().map(|(_, y)| y.to_string()).collect();
                    let linears = cells
                        .iter()
                        .zip(bindings)
                        .map(|((x, y), bindings)| {
                            bindings
                                .into_iter()
                                .map(|(sx, sy, shifted)| Linear {
                                    x: sx,
                                    y: sy,
                                    known: -(i128::from(sx) * i128::from(*x)
                                        + i128::from(sy) * i128::from(*y))
                                        + shifted,
                                })
                                .collect()
                        })
                        .collect();
                    (x, y, linears)
                })
        })
    }

    proptest! {
        /// Cutting two rows together finds exactly the pairs of splits, one of each row, whose
        /// parts satisfy their identities in all but at most `outside` parts.
        #[test]
        fn paired_splits_are_every_pair_failing_in_few_parts(
            (x, y, parts) in paired_case(),
            outside in 0usize..3,
        ) {
            let every = |digits: &str| {
                all_splits(digits, parts.len(), usize::MAX, &mut Budget::new(u32::MAX)).candidates
            };
            let mut pairs = Vec::new();
            for x_split in every(&x) {
                for y_split in every(&y) {
                    let failing = parts
                        .iter()
                        .zip(x_split.iter().zip(&y_split))
                        .filter(|(linears, (a, b))| !linears.iter().all(|l| l.holds(**a, **b)))
                        .count();
                    if failing <= outside {
                        pairs.push((x_split.clone(), y_split.clone()));
                    }
                }
            }
            let budget = &mut Budget::new(u32::MAX);
            let mut paired = paired_splits(&x, &y, &parts, outside, usize::MAX, budget);
            prop_assert!(!paired.truncated);
            paired.candidates.sort();
            pairs.sort();
            prop_assert_eq!(paired.candidates, pairs);
        }
    }

    #[test]
    fn digit_count_is_the_printed_width() {
        for value in [0, 9, 10, 99, 100, 4_000_000_000, u64::MAX] {
            assert_eq!(digit_count(value), value.to_string().len(), "{value}");
        }
    }

    /// The cells of 表三's row 一.
    const NEW: [&str; 7] = [
        "/applications/new_received/natural_person",
        "/applications/new_received/commercial_enterprise",
        "/applications/new_received/research_institution",
        "/applications/new_received/social_welfare_org",
        "/applications/new_received/legal_service_org",
        "/applications/new_received/other_org",
        "/applications/new_received/total",
    ];

    fn splits_with_total(digits: &str, limit: usize) -> Splits {
        row_splits(&NEW, digits, limit)
    }

    const TOTALLED: Segment = Segment {
        size: 5,
        total: true,
    };

    #[test]
    fn splits_the_spec_example() {
        let s = splits_with_total("801000081", 16);
        assert_eq!(s.candidates, vec![vec![80, 1, 0, 0, 0, 0, 81]]);
        assert!(!s.truncated);
    }

    #[test]
    fn zeros_split_one_way() {
        let s = splits_with_total("0000000", 16);
        assert_eq!(s.candidates, vec![vec![0; 7]]);
    }

    #[test]
    fn ambiguous_rows_give_several() {
        let s = splits_with_total("110000011", 16);
        assert_eq!(
            s.candidates,
            vec![vec![1, 10, 0, 0, 0, 0, 11], vec![11, 0, 0, 0, 0, 0, 11]]
        );
    }

    #[test]
    fn bounded_on_long_input() {
        let s = splits_with_total(&"1".repeat(60), 16);
        assert!(s.candidates.len() <= 16);
        let mut budget = Budget::new(10_000);
        let s = all_splits(&"1".repeat(60), 7, 1_000_000, &mut budget);
        assert!(s.truncated);
        let mut budget = Budget::new(10_000);
        let s = segment_splits(&"1".repeat(90), &[TOTALLED; 3], 1_000_000, &mut budget);
        assert!(s.truncated || s.candidates.is_empty());
    }

    #[test]
    fn segments_each_with_their_total() {
        let mut budget = Budget::new(100_000);
        // 行政复议 10 1 0 0 11, 未经复议直接起诉 0 0 0 0 0, 复议后起诉 2 0 0 1 3: 1 0 10 0 11
        // satisfies the identities as well.
        let s = segment_splits("10100110000020013", &[TOTALLED; 3], 16, &mut budget);
        assert_eq!(
            s.candidates,
            vec![
                vec![1, 0, 10, 0, 11, 0, 0, 0, 0, 0, 2, 0, 0, 1, 3],
                vec![10, 1, 0, 0, 11, 0, 0, 0, 0, 0, 2, 0, 0, 1, 3]
            ]
        );
        let s = segment_splits("312060000020013", &[TOTALLED; 3], 16, &mut budget);
        assert_eq!(
            s.candidates,
            vec![vec![3, 1, 2, 0, 6, 0, 0, 0, 0, 0, 2, 0, 0, 1, 3]]
        );
        // Without the third group's identity, its digits split many ways.
        let free_third = [
            TOTALLED,
            TOTALLED,
            Segment {
                size: 5,
                total: false,
            },
        ];
        let s = segment_splits("3120600000720013", &free_third, 16, &mut budget);
        assert!(s.candidates.len() > 1);
    }

    #[test]
    fn every_split_without_leading_zeros() {
        let mut budget = Budget::new(100_000);
        let s = all_splits("5012", 3, 16, &mut budget);
        assert_eq!(s.candidates, vec![vec![5, 0, 12], vec![50, 1, 2]]);
        assert_eq!(
            all_splits("1000", 3, 16, &mut budget).candidates,
            vec![vec![10, 0, 0]]
        );
        assert_eq!(all_splits("05", 1, 16, &mut budget).candidates.len(), 0);
        assert_eq!(
            all_splits("1234", 1, 16, &mut budget).candidates,
            vec![vec![1234]]
        );
    }

    #[test]
    fn pinned_numbers_keep_their_values() {
        let mut budget = Budget::new(100_000);
        // 5 | ? | ? | 3 of `51203`: the free middle splits two ways, the pins one.
        let s = pinned_splits("51203", &[Some(5), None, None, Some(3)], 16, &mut budget);
        assert_eq!(s.candidates, vec![vec![5, 1, 20, 3], vec![5, 12, 0, 3]]);
        let s = pinned_splits("51203", &[Some(5), Some(12), None, None], 16, &mut budget);
        assert_eq!(s.candidates, vec![vec![5, 12, 0, 3]]);
        let s = pinned_splits("51203", &[Some(51), None, None, Some(4)], 16, &mut budget);
        assert!(s.candidates.is_empty());
    }
}
