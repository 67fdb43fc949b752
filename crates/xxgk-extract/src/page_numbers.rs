//! Page numbers a report prints bare (`7`, no dashes), as PyMuPDF and pdf.js leave a PDF's
//! footer. Found alone on lines of the report's prose, they tell whether a number alone on a line
//! inside a table may be a page number rather than a cell, and which numbers may: page numbers go
//! up along the text, so one between two seen lies between their numbers (where those seen go
//! up as pages do, by at most [`MAX_STEP`]: figures of the prose alone on lines do not).

use crate::normalize::PosText;

/// The largest number taken for a page number: a report runs to tens of pages.
const MAX_PAGE: u64 = 999;

/// The most pages between two page numbers seen in the prose for them to be taken as a sequence:
/// more, and they are likely figures of the prose that a line holds alone.
const MAX_STEP: u64 = 10;

/// The page numbers a report prints bare on lines of its prose, by line.
#[derive(Debug, Default)]
pub(crate) struct BarePages {
    /// Whether a number stands alone on a line of the prose at all.
    any: bool,
    /// Each page number seen and the line it stands on, in the order of the text, where they go
    /// up as pages do (else empty: a figure of the prose among them would rule out true page
    /// numbers where they stand).
    seen: Vec<(u32, u64)>,
}

impl BarePages {
    /// The page numbers among `prose`, lines outside the tables (before the first heading, in
    /// sections 一, 五 and 六, where the last page's stands after the last line): each line that
    /// holds a number from 1 to [`MAX_PAGE`] alone, as printed, no leading zero.
    pub fn in_prose<'a>(prose: impl IntoIterator<Item = &'a PosText>) -> Self {
        let mut seen: Vec<(u32, u64)> = prose
            .into_iter()
            .filter_map(|line| {
                let text = line.normalized();
                let text = text.trim();
                let plain = !text.starts_with('0') && text.bytes().all(|b| b.is_ascii_digit());
                let value: u64 = text.parse().ok().filter(|_| plain)?;
                (1..=MAX_PAGE)
                    .contains(&value)
                    .then(|| Some((line.first_pos()?.line, value)))
                    .flatten()
            })
            .collect();
        seen.sort_unstable();
        let any = !seen.is_empty();
        let sequence = seen
            .windows(2)
            .all(|w| matches!(w, [(_, a), (_, b)] if a < b && b - a <= MAX_STEP));
        if !sequence {
            seen.clear();
        }
        Self { any, seen }
    }

    /// Whether the report prints its page numbers bare: one stands alone on a line of its prose.
    pub fn any(&self) -> bool {
        self.any
    }

    /// Whether `value`, printed alone on line `line`, may be a page number: from 1 to
    /// [`MAX_PAGE`], above every page number seen before that line and below every one after
    /// (where those seen go up as pages do).
    pub fn may_be(&self, line: u32, value: u64) -> bool {
        (1..=MAX_PAGE).contains(&value)
            && self.seen.iter().all(|&(at, page)| {
                if at < line {
                    value > page
                } else if at > line {
                    value < page
                } else {
                    value == page
                }
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::text_lines;

    #[test]
    fn a_page_number_lies_between_those_seen_around_it() {
        let lines = text_lines("一、总体情况\n正文\n3\n正文\n007\n2024\n");
        let pages = BarePages::in_prose(&lines);
        assert!(pages.any());
        // `007` has a leading zero and 2024 is a year: no page numbers.
        assert_eq!(pages.seen, vec![(3, 3)]);
        assert!(!pages.may_be(2, 3) && pages.may_be(2, 2) && !pages.may_be(2, 0));
        assert!(pages.may_be(9, 4) && !pages.may_be(9, 3) && !pages.may_be(9, 1000));
        let none = BarePages::in_prose(&text_lines("正文\n- 3 -\n"));
        assert!(!none.any() && none.may_be(1, 12));
        // Figures of the prose alone on lines, not going up as pages do: no sequence is taken
        // from them, so they rule out no page number.
        let figures = BarePages::in_prose(&text_lines("正文\n1\n12\n90\n1\n"));
        assert!(figures.any() && figures.may_be(3, 3) && figures.may_be(9, 2));
    }
}
