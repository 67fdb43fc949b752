//! Problems met while extracting: plain data with a stable kebab-case code.

use serde::Serialize;

use crate::normalize::SourcePos;

/// The kind of a problem. The serialized names are stable and kebab-case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProblemCode {
    /// A heading of the template was not found; the section's content is missing.
    SectionMissing,
    /// A table section was found but no row of the table was recognised in it.
    TableNotFound,
    /// The cell's row was not found.
    RowNotFound,
    /// The cell is empty, or holds a blank mark (`/`, `-`, `—`, `无`): missing, not 0.
    CellBlank,
    /// The cell holds something that is not a readable number of its kind.
    CellUnreadable,
    /// The row's label was found but its number of cells does not fit the columns; its cells are
    /// missing rather than assigned by guess.
    CellCountMismatch,
    /// Cells ran together with no separator and more than one split satisfies the identities.
    AmbiguousSplit,
    /// Cells ran together and no split satisfies the identities that read them (or the digits
    /// are too few, or admit no split without a leading zero).
    UnsplittableRun,
    /// Cells ran together and the search for their split stopped at its bound.
    SplitSearchBounded,
    /// The report has a single （六）其他处理 row where the 2021 format has three; the three cells
    /// are missing and the merged figure is quoted.
    MergedOtherRow,
    /// The same row was read more than once; the first complete reading is kept.
    DuplicateRow,
    /// A line with numbers inside a table whose label matches no row of the table.
    UnrecognisedRow,
    /// The report follows the 2019 format; its fields without a 2021 counterpart are listed.
    #[serde(rename = "edition-2019-not-mapped")]
    Edition2019NotMapped,
    /// A required metadata field (organ name, report year) could not be read.
    MetadataMissing,
    /// Rows of numbers without a label stand in a gap of the template; they could not be placed
    /// by the template's order, or so placed the identities do not confirm them.
    UnlabelledRowsUnconfirmed,
    /// A 表二 row's numbers stand on lines apart from its label (labels and numbers printed in
    /// separate blocks); without an identity to confirm them they are left missing.
    ValuesApartFromLabel,
    /// A multi-line cell of 表二 stands on a line of its own below its row (`22（其中修订 16
    /// 件）`); the row's blank cells may well be printed there, so they are unread, not blank.
    MultiLineCellUnplaced,
}

impl ProblemCode {
    /// The stable kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SectionMissing => "section-missing",
            Self::TableNotFound => "table-not-found",
            Self::RowNotFound => "row-not-found",
            Self::CellBlank => "cell-blank",
            Self::CellUnreadable => "cell-unreadable",
            Self::CellCountMismatch => "cell-count-mismatch",
            Self::AmbiguousSplit => "ambiguous-split",
            Self::UnsplittableRun => "unsplittable-run",
            Self::SplitSearchBounded => "split-search-bounded",
            Self::MergedOtherRow => "merged-other-row",
            Self::DuplicateRow => "duplicate-row",
            Self::UnrecognisedRow => "unrecognised-row",
            Self::Edition2019NotMapped => "edition-2019-not-mapped",
            Self::MetadataMissing => "metadata-missing",
            Self::UnlabelledRowsUnconfirmed => "unlabelled-rows-unconfirmed",
            Self::ValuesApartFromLabel => "values-apart-from-label",
            Self::MultiLineCellUnplaced => "multi-line-cell-unplaced",
        }
    }
}

impl std::fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A problem met while extracting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// What kind of problem.
    pub code: ProblemCode,
    /// The JSON Pointer of the cell or node concerned, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// A plain explanation (English, quoting the Chinese labels).
    pub message: String,
    /// Where in the decoded source the problem was seen, when it was seen somewhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<SourcePos>,
    /// The source text concerned, as published.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
}

impl Problem {
    pub(crate) fn new(code: ProblemCode, message: impl Into<String>) -> Self {
        Self {
            code,
            pointer: None,
            message: message.into(),
            position: None,
            raw: None,
        }
    }

    pub(crate) fn at_pointer(mut self, pointer: impl Into<String>) -> Self {
        self.pointer = Some(pointer.into());
        self
    }

    pub(crate) fn at(mut self, position: Option<SourcePos>, raw: impl Into<String>) -> Self {
        self.position = position;
        let raw = raw.into();
        self.raw = (!raw.is_empty()).then_some(raw);
        self
    }
}
