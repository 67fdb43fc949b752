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
    /// Not a missing cell: no split of a run of digits (the whole report on one line) into its
    /// cells satisfies the identity whose left side is the problem's cell; the report breaks it,
    /// or prints one of its cells blank.
    BrokenInEverySplit,
    /// The same row was read more than once; the first complete reading is kept.
    DuplicateRow,
    /// A line with numbers inside a table whose label matches no row of the table.
    UnrecognisedRow,
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
    /// A row's run of digits (the whole report on one line) is followed by text that is no row
    /// label and then more digits: the row's digits may go on after that text, so the run is not
    /// known to be the whole row and its cells are unread.
    RunInterrupted,
    /// Not a missing cell: an identity across rows of one column (表三's R1 or R2 on one line)
    /// that no choice of a split for each of its rows' runs of digits satisfies; the problem's
    /// cell is the first of its left side. The report breaks it, or prints a cell of those rows
    /// blank.
    ColumnBrokenInEverySplit,
}

/// A reading rule applied to a value, recorded in its provenance. The serialized names are
/// stable and kebab-case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ReadingRule {
    /// Full-width digits (`０１２`) were folded to ASCII.
    FullWidthDigitsFolded,
    /// Thousands separators (`1,032`) were removed.
    ThousandsSeparatorsRemoved,
    /// A unit after the number (`5件`) was stripped.
    UnitStripped,
    /// An amount printed in another unit of money than its cell's was converted exactly
    /// (`1200元` in a cell of 万元 read as 0.12).
    UnitConverted,
    /// Cells that ran together were split the only way the row identity allows (总计 = the six
    /// applicant columns).
    RunTogetherSplitByRowIdentity,
    /// Cells that ran together were split the only way the column identities allow
    /// (一 + 二 = （七） + 四 and （七） = Σ results).
    RunTogetherSplitByColumnIdentity,
    /// One-line layout: the digits admit exactly one split into the row's cells.
    RunTogetherSingleSplit,
    /// One-line layout: the only split of the table's runs that satisfies the catalogue
    /// identities reading them, robust to dropping any one of them.
    RunTogetherSplitByIdentities,
    /// One-line layout: a 表三 row whose digits no split satisfies its 总计 with, read one
    /// number short (a cell printed blank leaves no trace where cells run together), the blank
    /// where the only split of the table satisfying every identity puts it, valued as its row's
    /// 总计 requires.
    RunTogetherOneShortBlankPlaced,
    /// One-line layout: the page separates the cells of every row of the table by whitespace
    /// (HTML whitespace between its cells), each row as many counts as cells: read as printed.
    RunSeparatedBySpaces,
    /// A 表二 cell on a line of its own below its row, placed in the row's only empty column.
    PulledOutCellPlaced,
    /// A row with blank cells, its numbers placed by the columns of the complete rows around it.
    PlacedByColumnPosition,
    /// A 表二 cell of two lines centred in a tall row: its number alone on the line next to the
    /// row's numbers, placed in the blank column of the row it lines up with.
    TallCellNumberPlacedByColumn,
    /// A 表三 row printed a cell a line one number short (a cell left blank prints no line), of up
    /// to four such rows in a table whose other rows are all read from the lines after their
    /// labels: each cell as every placing of one blank in each row makes it where the
    /// identities value the blanks and every identity of 表三 then holds; the blank placed where
    /// every such placing puts it. The row may be a merged （六） row, whose cells R2 reads as the
    /// sums of its three rows.
    RowOneShortPlacedByIdentities,
    /// 表四 printed a cell a line with one number more than its cells, the first or the last a
    /// page number (a table's row does not break across pages, so a page ending inside the
    /// table prints its number at an end of the row): read without it where R4 then holds in
    /// every group it can be evaluated in.
    PageNumberBesideTableDropped,
    /// A row of numbers without a label, placed in the gap of the template it stands in and
    /// confirmed by the identities.
    UnlabelledRowPlacedByTemplateOrder,
    /// A label alone paired with a row of numbers alone, in a table that prints labels below
    /// their numbers: the headings and the rows read whole leave as many of one as of the other
    /// between them, so the order of the rows pairs them.
    LabelBelowNumbersPairedInOrder,
    /// 表二 printed as a block dump prints it, its numbers on lines apart from their labels,
    /// read where the count of numbers leaves one reading: a sub-table of one row holding
    /// exactly its cells, or every label of a sub-table followed by exactly as many numbers as
    /// its row has columns, every row of the table read once and no number left over.
    LabelThenItsNumbersCounted,
    /// 表二 printed as pdfminer dumps a sub-table: its labels as a block (two or more, of rows as
    /// wide), then exactly as many numbers as their cells; read where the numbers read row by
    /// row and down the columns give every row the same cells (rows of one column, or numbers
    /// that coincide), every row of the table read once and no number left over.
    LabelsThenNumbersEitherOrder,
    /// 表二 printed as a block dump of a PDF whose labels sit lower in their cells than the
    /// numbers (LibreOffice's, through `pdftotext` without flags): each label after its row's
    /// numbers, read where the table reads no other way and the count leaves one reading, every
    /// label of a sub-table preceded by exactly as many numbers as its row has columns since
    /// the label before, every row of the table read once and no number left over.
    LabelsBelowTheirNumbersCounted,
    /// A sub-table of 表二 read from a block dump as one of the three rules above reads it,
    /// where the table as a whole does not read so (another sub-table's numbers are not as many
    /// as its cells, or read otherwise by rows than by columns): its own count exact, exactly
    /// as many numbers before it as the sub-tables before it hold cells, every row of the
    /// table's labels found once, and none of its numbers taken by a cell read otherwise.
    SubTableCountedAlone,
    /// A row of a table printed cell by cell (Markdown) holding exactly as many blank cells too
    /// many as it holds blank cells, each a column a converter added (LibreOffice's HTML of a
    /// Word table spans 表四's 总计 over two grid columns, and html-to-Markdown converters print
    /// the span as a number and an empty cell): read without them, its numbers filling its
    /// cells exactly so that no blank can be the publisher's. A row gathered over lines of text
    /// (which may hold a stray number) is read so only where its identities hold (R3 for a 表三
    /// row, R4 in every group of 表四).
    SurplusBlankCellsDropped,
    /// A table printed cell by cell in blocks (a PDF text dump, rows across or runs of rows
    /// column by column), its numbers placed in the one reading of the blocks in the template's
    /// order that the identities confirm, or (a report that breaks some) the one reading that one
    /// or two misprinted cells explain, no other reading explained as well.
    BlockDumpPlacedByIdentities,
    /// A table printed cell by cell in blocks whose numbers no reading places alone: the cells
    /// on which every reading of the blocks satisfying every identity agrees (several do), or,
    /// none doing so (a report that breaks identities in up to three cells, none of its numbers
    /// inside a label and one beside a label at most), every reading with up to three rows
    /// failing their 总计 (R3); the report's own reading among them.
    BlockDumpAgreedByEveryReading,
    /// A 2021 report prints （六）其他处理 as one row (the 2019 table), and 0 in this column: each
    /// of the three rows the 2021 format splits it into is then 0, counts never being negative.
    MergedOtherZeroInEachRow,
    /// The figure was read from a sentence of section 六.
    FeeFigureFromProse,
    /// Section 六 says no fee was collected (`未收取…处理费`), read as 0.
    FeeNoneCollectedStated,
    /// Section 六 says the figures are all zero (`…均为0`).
    FeeAllZeroStated,
    /// The organ was read from the signature above the date at the end of the report.
    OrganFromSignature,
    /// The publication date is the date under the signature at the end of the report.
    DateFromSignature,
    /// A 表二 cell on a line of its own below a tab-separated row printed with its label and one
    /// field short: placed in the last column, whose empty field the line's end trimmed.
    PulledOutCellPlacedAtRowEnd,
    /// A 表二 cell on a line of its own below a row whose numbers stand in no printed column:
    /// read where inserting it anywhere among the row's numbers gives the column the same value.
    PulledOutCellSameInEveryReading,
    /// A 表二 row whose first numbers the converter printed inside its label's cell
    /// (`行政事业性 | 收费1032.60994 | `): the label without them is the row's whole label, and
    /// they, then the row's other numbers, fill its columns exactly.
    NumbersInsideLabelCell,
    /// 表四 printed in blocks out of the table's order (a PDF text dump): the value on which every
    /// order of the blocks a converter prints agrees, among the orders that satisfy R4 in every
    /// group or break it in one group only.
    ReviewBlocksOrderedByR4,
    /// 表四, or a row of 表三, printing more numbers than cells, as a number wrapped in a narrow
    /// cell prints (`17` over `8`): its pieces joined the one way, of the orders converters print
    /// them in, that makes every identity reading a joined cell hold (`wrapped`).
    WrappedDigitsJoinedByIdentities,
    /// One-line layout: 表四's digits split the one way, of those satisfying R4 in every group,
    /// that agrees with the figures the report's prose states of the table
    /// (`政府信息公开行政复议351件，其中结果维持72件…`); a cell placed only where every split
    /// breaking R4 in one group at most and agreeing with the prose reads it alike.
    RunTogetherConfirmedByProse,
    /// One-line layout: 表四 on a page whose cells stand apart but for one defect (two cells with
    /// no whitespace between them, or a space inside a number): the split that alone has the
    /// fewest such defects, one, of those breaking R4 in one group at most, and satisfies R4.
    RunSeparatedButForOneDefect,
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
            Self::BrokenInEverySplit => "broken-in-every-split",
            Self::DuplicateRow => "duplicate-row",
            Self::UnrecognisedRow => "unrecognised-row",
            Self::MetadataMissing => "metadata-missing",
            Self::UnlabelledRowsUnconfirmed => "unlabelled-rows-unconfirmed",
            Self::ValuesApartFromLabel => "values-apart-from-label",
            Self::MultiLineCellUnplaced => "multi-line-cell-unplaced",
            Self::RunInterrupted => "run-interrupted",
            Self::ColumnBrokenInEverySplit => "column-broken-in-every-split",
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

#[cfg(test)]
mod tests {
    use super::ReadingRule::*;

    #[test]
    fn reading_rules_serialize_to_their_stable_names() {
        let names = [
            (FullWidthDigitsFolded, "full-width-digits-folded"),
            (ThousandsSeparatorsRemoved, "thousands-separators-removed"),
            (UnitStripped, "unit-stripped"),
            (UnitConverted, "unit-converted"),
            (
                RunTogetherSplitByRowIdentity,
                "run-together-split-by-row-identity",
            ),
            (
                RunTogetherSplitByColumnIdentity,
                "run-together-split-by-column-identity",
            ),
            (RunTogetherSingleSplit, "run-together-single-split"),
            (
                RunTogetherSplitByIdentities,
                "run-together-split-by-identities",
            ),
            (
                RunTogetherOneShortBlankPlaced,
                "run-together-one-short-blank-placed",
            ),
            (RunSeparatedBySpaces, "run-separated-by-spaces"),
            (PulledOutCellPlaced, "pulled-out-cell-placed"),
            (PlacedByColumnPosition, "placed-by-column-position"),
            (
                TallCellNumberPlacedByColumn,
                "tall-cell-number-placed-by-column",
            ),
            (
                RowOneShortPlacedByIdentities,
                "row-one-short-placed-by-identities",
            ),
            (
                PageNumberBesideTableDropped,
                "page-number-beside-table-dropped",
            ),
            (
                UnlabelledRowPlacedByTemplateOrder,
                "unlabelled-row-placed-by-template-order",
            ),
            (
                LabelBelowNumbersPairedInOrder,
                "label-below-numbers-paired-in-order",
            ),
            (LabelThenItsNumbersCounted, "label-then-its-numbers-counted"),
            (
                LabelsThenNumbersEitherOrder,
                "labels-then-numbers-either-order",
            ),
            (
                LabelsBelowTheirNumbersCounted,
                "labels-below-their-numbers-counted",
            ),
            (SubTableCountedAlone, "sub-table-counted-alone"),
            (SurplusBlankCellsDropped, "surplus-blank-cells-dropped"),
            (
                BlockDumpPlacedByIdentities,
                "block-dump-placed-by-identities",
            ),
            (
                BlockDumpAgreedByEveryReading,
                "block-dump-agreed-by-every-reading",
            ),
            (MergedOtherZeroInEachRow, "merged-other-zero-in-each-row"),
            (FeeFigureFromProse, "fee-figure-from-prose"),
            (FeeNoneCollectedStated, "fee-none-collected-stated"),
            (FeeAllZeroStated, "fee-all-zero-stated"),
            (OrganFromSignature, "organ-from-signature"),
            (DateFromSignature, "date-from-signature"),
            (
                PulledOutCellPlacedAtRowEnd,
                "pulled-out-cell-placed-at-row-end",
            ),
            (
                PulledOutCellSameInEveryReading,
                "pulled-out-cell-same-in-every-reading",
            ),
            (NumbersInsideLabelCell, "numbers-inside-label-cell"),
            (ReviewBlocksOrderedByR4, "review-blocks-ordered-by-r4"),
            (
                WrappedDigitsJoinedByIdentities,
                "wrapped-digits-joined-by-identities",
            ),
            (
                RunTogetherConfirmedByProse,
                "run-together-confirmed-by-prose",
            ),
            (
                RunSeparatedButForOneDefect,
                "run-separated-but-for-one-defect",
            ),
        ];
        for (rule, name) in names {
            assert_eq!(serde_json::to_value(rule).ok(), Some(name.into()));
        }
    }
}
