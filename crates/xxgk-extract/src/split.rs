//! Splitting cells that ran together (`801000081`) into the numbers of a 表三 row, keeping only
//! the splits under which the row's total equals the sum of its six applicant columns.

/// Longest part considered: counts beyond 10^18 do not occur and would overflow.
const MAX_PART_DIGITS: usize = 18;
/// Bound on the search so that pathological input stays fast.
const STEP_BUDGET: u32 = 50_000;

/// The outcome of a split search.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Splits {
    /// Every split found (up to `limit`), each `parts` numbers whose last is the sum of the others.
    pub candidates: Vec<Vec<u64>>,
    /// True when the search stopped early (too many candidates or steps): more may exist.
    pub truncated: bool,
}

/// Cuts `digits` into `parts` numbers, none with a leading zero, whose last equals the sum of the
/// others.
pub(crate) fn splits_with_total(digits: &str, parts: usize, limit: usize) -> Splits {
    let bytes = digits.as_bytes();
    let mut search = Search {
        bytes,
        limit,
        steps: 0,
        out: Splits {
            candidates: Vec::new(),
            truncated: false,
        },
    };
    if parts < 2 || bytes.len() < parts || !bytes.iter().all(u8::is_ascii_digit) {
        return search.out;
    }
    for total_len in 1..=MAX_PART_DIGITS.min(bytes.len() - (parts - 1)) {
        let prefix_len = bytes.len() - total_len;
        let Some(total) = number_at(bytes, prefix_len, total_len) else {
            continue;
        };
        let mut acc = Vec::with_capacity(parts);
        search.split_sum(0, prefix_len, parts - 1, total, &mut acc, total);
        if search.out.truncated {
            break;
        }
    }
    search.out
}

struct Search<'a> {
    bytes: &'a [u8],
    limit: usize,
    steps: u32,
    out: Splits,
}

impl Search<'_> {
    /// Splits `bytes[start..end]` into `parts` numbers summing to `sum`.
    fn split_sum(
        &mut self,
        start: usize,
        end: usize,
        parts: usize,
        sum: u64,
        acc: &mut Vec<u64>,
        total: u64,
    ) {
        self.steps += 1;
        if self.steps > STEP_BUDGET || self.out.candidates.len() >= self.limit {
            self.out.truncated = true;
            return;
        }
        let remaining = end - start;
        if parts == 1 {
            if remaining <= MAX_PART_DIGITS
                && let Some(value) = number_at(self.bytes, start, remaining)
                && value == sum
            {
                let mut found = acc.clone();
                found.push(value);
                found.push(total);
                self.out.candidates.push(found);
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
            acc.push(value);
            self.split_sum(start + len, end, parts - 1, sum - value, acc, total);
            acc.pop();
            if self.out.truncated {
                return;
            }
        }
    }
}

/// The number written by `len` digits at `start`, or `None` for a leading zero.
fn number_at(bytes: &[u8], start: usize, len: usize) -> Option<u64> {
    let slice = bytes.get(start..start.checked_add(len)?)?;
    if len > 1 && slice.first() == Some(&b'0') {
        return None;
    }
    std::str::from_utf8(slice).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_the_spec_example() {
        let s = splits_with_total("801000081", 7, 16);
        assert_eq!(s.candidates, vec![vec![80, 1, 0, 0, 0, 0, 81]]);
        assert!(!s.truncated);
    }

    #[test]
    fn zeros_split_one_way() {
        let s = splits_with_total("0000000", 7, 16);
        assert_eq!(s.candidates, vec![vec![0; 7]]);
    }

    #[test]
    fn ambiguous_rows_give_several() {
        let s = splits_with_total("110000011", 7, 16);
        assert_eq!(
            s.candidates,
            vec![vec![1, 10, 0, 0, 0, 0, 11], vec![11, 0, 0, 0, 0, 0, 11]]
        );
    }

    #[test]
    fn bounded_on_long_input() {
        let s = splits_with_total(&"1".repeat(60), 7, 16);
        assert!(s.candidates.len() <= 16);
    }
}
