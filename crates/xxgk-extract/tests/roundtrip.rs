//! Round trip: a random consistent report, rendered as a published report in every layout by
//! `xxgk_render`, extracts back to exactly its 200 table cells, with no problem on any cell. The
//! converters' torn layouts (`xxgk_render_noise`) and the whole report on one line
//! (`xxgk_render::one_line`, also with （六） as one row) are tested apart, on consistent reports and on reports with a
//! changed cell: no cell read is ever wrong, every cell not read is explained, and the shares
//! read are printed.

use proptest::prelude::*;
use serde_json::{Value, json};
use xxgk_catalogue::Catalogue;
use xxgk_extract::{Edition, Extraction, ProblemCode, ReadingRule, extract};
use xxgk_model::{AnnualReport, edition_2019};
use xxgk_render::{Layout, render};
use xxgk_render_noise::figures::{self, CaseProse, Figures, report, with_case_prose};
use xxgk_render_noise::{
    Torn, bare_page_numbers, break_markdown_rows, drawn_wrap, hard_wrap, render_torn,
    render_torn_merged_other, unindented_cells,
};

const TABLES: [&str; 3] = ["active_disclosure", "applications", "review_litigation"];

/// Mostly small counts, many zeros, now and then a large one.
fn count() -> impl Strategy<Value = u64> {
    prop_oneof![4 => Just(0u64), 4 => 0u64..10, 2 => 0u64..1_000, 1 => 0u64..2_000_000]
}

fn figures() -> impl Strategy<Value = Figures> {
    figures_of(count)
}

/// Counts as real reports print them: mostly zeros and small numbers, now and then hundreds or
/// thousands (a city's 表三 总计 row then runs to 20 digits and more).
fn real_count() -> impl Strategy<Value = u64> {
    prop_oneof![6 => Just(0u64), 4 => 0u64..10, 2 => 0u64..100, 1 => 0u64..3_000]
}

fn figures_of<S: Strategy<Value = u64>>(count: fn() -> S) -> impl Strategy<Value = Figures> {
    (
        prop::collection::vec(count(), 9),
        (0u64..200_000, "[0-9]{0,5}"),
        prop::collection::vec(prop::collection::vec(count(), 23), 6),
        prop::collection::vec(prop::collection::vec(count(), 4), 3),
    )
        .prop_map(|(active, fee, parties, cases)| Figures {
            active: sized(active),
            fee,
            parties: sized(parties.into_iter().map(sized).collect()),
            cases: sized(cases.into_iter().map(sized).collect()),
        })
}

/// A vector drawn to its array's length, as that array.
fn sized<T: std::fmt::Debug, const N: usize>(drawn: Vec<T>) -> [T; N] {
    drawn.try_into().expect("drawn to size")
}

/// The typed report the renderers take; every report drawn here is valid.
fn typed(report: &Value) -> AnnualReport {
    serde_json::from_value(report.clone()).expect("a valid report")
}

/// Renders, extracts and compares the three tables; problems on table cells fail too.
fn round_trip(layout: Layout, report: &Value) -> Result<(), TestCaseError> {
    reads_back(layout, &render(&typed(report), layout), report)
}

/// Extracts a page of `layout` printing `report` and compares the three tables; a missing
/// section or a problem on a table cell fails too.
fn reads_back(layout: Layout, published: &[u8], report: &Value) -> Result<(), TestCaseError> {
    let extraction = extract(published, Some(layout.file_name()))
        .map_err(|e| TestCaseError::fail(format!("{layout:?}: {e}")))?;
    prop_assert_eq!(extraction.edition, Edition::E2021);
    let cell_problems: Vec<_> = extraction
        .problems
        .iter()
        .filter(|p| {
            p.code == ProblemCode::SectionMissing
                || p.pointer
                    .as_deref()
                    .is_some_and(|at| TABLES.iter().any(|t| at.starts_with(&format!("/{t}"))))
        })
        .collect();
    prop_assert!(cell_problems.is_empty(), "{layout:?}: {cell_problems:#?}");
    for table in TABLES {
        prop_assert_eq!(
            &extraction.report[table],
            &report[table],
            "{:?}: table {}",
            layout,
            table
        );
    }
    Ok(())
}

/// [`round_trip`] of a page whose tables' section headings a converter dropped (trafilatura
/// keeps no `<h2>`): the headings of sections 二, 三 and 四 removed from the Markdown or HTML
/// page, each table is found by its own first row and read whole, and no section is missing.
fn round_trip_without_table_headings(layout: Layout, report: &Value) -> Result<(), TestCaseError> {
    let page = String::from_utf8(render(&typed(report), layout)).expect("UTF-8 layouts");
    let headings = [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ];
    let mut headless = page.clone();
    for heading in headings {
        for printed in [format!("<h2>{heading}</h2>"), format!("## {heading}")] {
            headless = headless.replace(&printed, "");
        }
    }
    prop_assert!(
        headings.iter().all(|h| !headless.contains(h)) && headless != page,
        "{layout:?}: the headings are printed otherwise"
    );
    reads_back(layout, headless.as_bytes(), report)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn tables_without_their_section_headings(f in figures()) {
        round_trip_without_table_headings(Layout::Markdown, &report(&f))?;
        round_trip_without_table_headings(Layout::Html, &report(&f))?;
    }

    #[test]
    fn one_cell_per_line(f in figures()) {
        round_trip(Layout::OneCellPerLine, &report(&f))?;
    }

    #[test]
    fn pipe_cells(f in figures()) {
        round_trip(Layout::PipeCells, &report(&f))?;
    }

    #[test]
    fn tab_rows(f in figures()) {
        round_trip(Layout::TabRows, &report(&f))?;
    }

    #[test]
    fn space_aligned(f in figures()) {
        round_trip(Layout::SpaceAligned, &report(&f))?;
    }

    #[test]
    fn markdown(f in figures()) {
        round_trip(Layout::Markdown, &report(&f))?;
    }

    #[test]
    fn html(f in figures()) {
        round_trip(Layout::Html, &report(&f))?;
    }

    #[test]
    fn docx(f in figures()) {
        round_trip(Layout::Docx, &report(&f))?;
    }

    #[test]
    fn gb18030(f in figures()) {
        round_trip(Layout::Gb18030, &report(&f))?;
    }
}

fn example() -> Value {
    serde_json::from_str(include_str!("../../../examples/jingyue-2024.json"))
        .expect("the example parses")
}

/// The renderer prints every layout differently, and the example report's own figures (the fee
/// `1032.60994` among them) survive every layout.
#[test]
fn the_example_round_trips_in_every_layout() {
    let report = example();
    let mut seen = std::collections::HashSet::new();
    for layout in Layout::ALL {
        assert!(
            seen.insert(render(&typed(&report), layout)),
            "{layout:?} repeats a layout"
        );
        assert_eq!(Layout::from_name(layout.name()), Some(layout));
        round_trip(layout, &report).unwrap_or_else(|e| panic!("{e}"));
    }
}

/// The minimal form of what the round trip of [`Layout::SpaceAligned`] found: a leaf label wrapped
/// over two lines around its numbers, with its group label centred on the numbers line, was read as
/// the single merged （六） row of the 2019 format (`merged-other-row`, `fee_unpaid` missing).
#[test]
fn wrapped_leaf_label_around_its_group_label() {
    let extraction = xxgk_extract::extract_text(
        "三、收到和处理政府信息公开申请情况\n\
         1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请   1   0   0   0   0   0   1\n\
         2.申请人逾期未按收费通知要求缴纳费用、\n\
         （六）其他处理                  0   0   0   0   0   0   0\n\
         行政机关不再处理其政府信息公开申请\n\
         3.其他                          2   0   0   0   0   0   2\n",
    );
    assert_eq!(
        extraction
            .report
            .pointer("/applications/results/other/fee_unpaid"),
        Some(&json!({
            "natural_person": 0, "commercial_enterprise": 0, "research_institution": 0,
            "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 0
        })),
        "{:#?}",
        extraction.problems
    );
}

/// A round-trip generator: the old layouts (their noise fixed), the torn layouts (noise from
/// a seed), and the torn layouts with （六）其他处理 printed as one row.
#[derive(Clone, Copy, Debug)]
enum Generator {
    Fixed(Layout),
    Torn(Torn),
    MergedOther(Torn),
    /// A text layout hard-wrapped at a width drawn from the seed ([`drawn_wrap`]).
    HardWrapped(Layout),
    /// A torn layout hard-wrapped so.
    HardWrappedTorn(Torn),
    /// A torn layout hard-wrapped so, after which a crawler put its source line, longer than any
    /// wrap width, before the title ([`with_source_line`]).
    WrappedUnderSourceLine(Torn),
    /// A Markdown layout with rows broken over lines ([`break_markdown_rows`], one in four).
    RowsBroken(Layout),
    /// A torn Markdown layout with rows broken so.
    RowsBrokenTorn(Torn),
    /// A text layout with page numbers printed bare between rows of its tables
    /// ([`bare_page_numbers`]).
    BarePageNumbers(Layout),
    /// Text a cell a line with no tab before a cell nor empty line between rows
    /// ([`unindented_cells`]), with bare page numbers between rows when `true`.
    Unindented(bool),
}

impl Generator {
    fn all() -> Vec<Self> {
        Layout::ALL
            .into_iter()
            .map(Self::Fixed)
            .chain(Torn::ALL.into_iter().map(Self::Torn))
            .collect()
    }

    fn name(self) -> &'static str {
        match self {
            Self::Fixed(layout)
            | Self::HardWrapped(layout)
            | Self::RowsBroken(layout)
            | Self::BarePageNumbers(layout) => layout.name(),
            Self::Unindented(_) => Layout::OneCellPerLine.name(),
            Self::Torn(layout)
            | Self::MergedOther(layout)
            | Self::HardWrappedTorn(layout)
            | Self::WrappedUnderSourceLine(layout)
            | Self::RowsBrokenTorn(layout) => layout.name(),
        }
    }

    /// The name, saying when （六） is merged or the text hard-wrapped.
    fn title(self) -> String {
        match self {
            Self::MergedOther(layout) => format!("{} （六） merged", layout.name()),
            Self::HardWrapped(_) | Self::HardWrappedTorn(_) => {
                format!("{} hard-wrapped", self.name())
            }
            Self::WrappedUnderSourceLine(_) => {
                format!("{} hard-wrapped under a source line", self.name())
            }
            Self::RowsBroken(_) | Self::RowsBrokenTorn(_) => {
                format!("{} rows broken", self.name())
            }
            Self::BarePageNumbers(_) => format!("{} bare page numbers", self.name()),
            Self::Unindented(false) => format!("{} unindented", self.name()),
            Self::Unindented(true) => format!("{} unindented, bare page numbers", self.name()),
            other => other.name().to_owned(),
        }
    }

    /// The published file of `report` for case `seed`, and the name it comes with.
    fn print(self, report: &Value, seed: u64) -> (Vec<u8>, &'static str) {
        self.print_edited(report, seed, Some)
            .unwrap_or_else(|| panic!("{}: printed without an edit", self.title()))
    }

    /// [`Self::print`], with `edit` made to the file as rendered, before a wrap or a broken row
    /// reshapes its lines as they would the file the publisher made; `None` where the edit
    /// cannot be made.
    fn print_edited(
        self,
        report: &Value,
        seed: u64,
        edit: impl Fn(Vec<u8>) -> Option<Vec<u8>>,
    ) -> Option<(Vec<u8>, &'static str)> {
        let report = typed(report);
        let wrap = |bytes: &[u8]| {
            let (width, measure) = drawn_wrap(seed);
            hard_wrap(bytes, width, measure)
        };
        let printed = match self {
            Self::Fixed(layout) => (edit(render(&report, layout))?, layout.file_name()),
            Self::Torn(layout) => (
                edit(render_torn(&report, layout, seed))?,
                layout.file_name(),
            ),
            Self::MergedOther(layout) => (
                edit(render_torn_merged_other(&report, layout, seed))?,
                layout.file_name(),
            ),
            Self::HardWrapped(layout) => {
                (wrap(&edit(render(&report, layout))?), layout.file_name())
            }
            Self::HardWrappedTorn(layout) => (
                wrap(&edit(render_torn(&report, layout, seed))?),
                layout.file_name(),
            ),
            Self::WrappedUnderSourceLine(layout) => (
                with_source_line(&wrap(&edit(render_torn(&report, layout, seed))?)),
                layout.file_name(),
            ),
            Self::RowsBroken(layout) => (
                break_markdown_rows(&edit(render(&report, layout))?, seed, 4),
                layout.file_name(),
            ),
            Self::RowsBrokenTorn(layout) => (
                break_markdown_rows(&edit(render_torn(&report, layout, seed))?, seed, 4),
                layout.file_name(),
            ),
            Self::BarePageNumbers(layout) => (
                bare_page_numbers(&edit(render(&report, layout))?, seed),
                layout.file_name(),
            ),
            Self::Unindented(pages) => {
                let layout = Layout::OneCellPerLine;
                let printed = edit(render(&report, layout))?;
                let printed = if pages {
                    bare_page_numbers(&printed, seed)
                } else {
                    printed
                };
                (unindented_cells(&printed), layout.file_name())
            }
        };
        Some(printed)
    }

    fn extract(self, report: &Value, seed: u64) -> Extraction {
        let (bytes, name) = self.print(report, seed);
        extract(&bytes, Some(name)).unwrap_or_else(|e| panic!("{self:?}: {e}"))
    }
}

/// The table cells of one extraction against the truth.
#[derive(Debug, Default)]
struct Score {
    cells: usize,
    right: usize,
    /// Cells read with a value other than the published one: invented or misplaced.
    wrong: Vec<String>,
    /// Cells missing without a problem that explains them.
    unexplained: Vec<String>,
    /// Cells the published file does not print: with （六） merged, the three （六） rows of a
    /// column whose merged cell is not 0 (a 0 there is a 0 in each of them).
    unprinted: usize,
    /// Identities the published report breaks whose cells it all prints.
    breaks: usize,
    /// Of those, the ones not reported because a cell of theirs went unread.
    unreported: usize,
}

fn score(extraction: &Extraction, truth: &Value) -> Score {
    let mut score = Score::default();
    for cell in cell_pointers() {
        score.cells += 1;
        match extraction.report.pointer(cell) {
            Some(value) if Some(value) == truth.pointer(cell) => score.right += 1,
            Some(value) => score.wrong.push(format!(
                "{cell}: read {value}, published {:?}",
                truth.pointer(cell)
            )),
            None => {
                let problems = extraction
                    .problems
                    .iter()
                    .filter(|p| p.pointer.as_deref() == Some(cell));
                let mut explained = false;
                for problem in problems {
                    explained = true;
                    // Every drawn cell is printed as a number: saying it is printed blank blames
                    // the publisher for the reader's failure.
                    if problem.code == ProblemCode::CellBlank {
                        score.wrong.push(format!(
                            "{cell}: said to be printed blank, published {:?}",
                            truth.pointer(cell)
                        ));
                    }
                }
                if !explained {
                    score.unexplained.push(cell.to_owned());
                }
            }
        }
    }
    // A sum kept of cells left missing is a statement about the report too: it must be theirs.
    for sum in &extraction.sums {
        let published: Option<u64> = sum
            .cells
            .iter()
            .map(|cell| truth.pointer(cell).and_then(Value::as_u64))
            .sum();
        if published != Some(sum.value) {
            score.wrong.push(format!(
                "sum over {:?} ({:?}): read {}, published {published:?}",
                sum.cells, sum.printed_as, sum.value
            ));
        }
    }
    score
}

/// The failing identities of a document: rule and the cells it reads, as a sorted list.
fn failing_identities(checker: &xxgk_check::Checker, doc: &Value) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = checker
        .check_value(doc)
        .diagnostics
        .iter()
        .filter(|d| d.kind == xxgk_check::Kind::Rule && d.severity == xxgk_check::Severity::Error)
        .map(|d| {
            let mut cells: Vec<String> = d.related.clone();
            cells.push(d.pointer.clone());
            cells.sort();
            cells.dedup();
            (d.rule.clone(), cells)
        })
        .collect();
    out.sort();
    out
}

fn checker() -> &'static xxgk_check::Checker {
    static CHECKER: std::sync::OnceLock<xxgk_check::Checker> = std::sync::OnceLock::new();
    CHECKER.get_or_init(|| xxgk_check::Checker::new().expect("the standard compiles"))
}

/// No invented or misplaced cell, every missing cell explained, and every identity the published
/// report breaks is reported on the extraction whenever all its cells were read.
fn sound(generator: Generator, report: &Value, seed: u64) -> Result<Score, TestCaseError> {
    let extraction = generator.extract(report, seed);
    let score = score(&extraction, report);
    prop_assert!(
        score.wrong.is_empty() && score.unexplained.is_empty(),
        "{} seed {seed}: wrong {:#?}, unexplained {:#?}",
        generator.name(),
        score.wrong,
        score.unexplained
    );
    let mut score = score;
    let merged = matches!(generator, Generator::MergedOther(_));
    let printed = |cell: &str| !merged || merged_other_prints(report, cell);
    score.unprinted = cell_pointers().filter(|c| !printed(c)).count();
    let found = failing_identities(checker(), &extraction.report);
    for (rule, cells) in failing_identities(checker(), report) {
        let read = cells.iter().all(|c| extraction.report.pointer(c).is_some());
        prop_assert!(
            !read || found.iter().any(|(r, c)| *r == rule && *c == cells),
            "{} seed {seed}: {rule} over {cells:?} is broken in the report but not reported",
            generator.name()
        );
        // With （六） merged, an identity reading a （六） cell the file does not print cannot be
        // reported from the cells.
        if cells.iter().all(|c| printed(c)) {
            score.breaks += 1;
            score.unreported += usize::from(!read);
        }
    }
    Ok(score)
}

/// Whether a file printing （六）其他处理 as one row prints `cell` of `report`: a cell of the three
/// 2021 （六） rows is printed when the merged row's cell of its column, their sum, is 0.
fn merged_other_prints(report: &Value, cell: &str) -> bool {
    let Some(column) = cell
        .strip_prefix("/applications/results/other/")
        .and_then(|rest| rest.split_once('/'))
        .map(|(_, column)| column)
    else {
        return true;
    };
    ["no_correction", "fee_unpaid", "other"].iter().all(|row| {
        report
            .pointer(&format!("/applications/results/other/{row}/{column}"))
            .and_then(Value::as_u64)
            == Some(0)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn markdown_from_pdf(f in figures(), seed in any::<u64>()) {
        sound(Generator::Torn(Torn::MarkdownFromPdf), &report(&f), seed)?;
    }

    #[test]
    fn torn_text(f in figures(), seed in any::<u64>()) {
        sound(Generator::Torn(Torn::TornText), &report(&f), seed)?;
    }

    #[test]
    fn labels_below_numbers(f in figures(), seed in any::<u64>()) {
        sound(Generator::Torn(Torn::LabelsBelowNumbers), &report(&f), seed)?;
    }

    #[test]
    fn block_dump(f in figures(), seed in any::<u64>()) {
        sound(Generator::Torn(Torn::BlockDump), &report(&f), seed)?;
    }

    #[test]
    fn markdown_spans_repeated(f in figures(), seed in any::<u64>()) {
        sound(Generator::Torn(Torn::MarkdownSpansRepeated), &report(&f), seed)?;
    }

    #[test]
    fn markdown_html_tables(f in figures(), seed in any::<u64>()) {
        sound(Generator::Torn(Torn::MarkdownHtmlTables), &report(&f), seed)?;
    }

    #[test]
    fn positioned_runs(f in figures(), seed in any::<u64>()) {
        sound(Generator::Torn(Torn::PositionedRuns), &report(&f), seed)?;
    }

    #[test]
    fn markdown_br_cells(f in figures(), seed in any::<u64>()) {
        sound(Generator::Torn(Torn::MarkdownBrCells), &report(&f), seed)?;
    }

    #[test]
    fn pdfjs_text(f in figures(), seed in any::<u64>()) {
        sound(Generator::Torn(Torn::PdfJsText), &report(&f), seed)?;
    }

    #[test]
    fn narrow_cells(f in figures(), seed in any::<u64>()) {
        sound(Generator::MergedOther(Torn::NarrowCells), &report(&f), seed)?;
    }

    #[test]
    fn markdown_word_grid(f in figures(), seed in any::<u64>()) {
        sound(Generator::Torn(Torn::MarkdownWordGrid), &report(&f), seed)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// （六）其他处理 printed as one row, in every torn layout, consistent or broken: its three
    /// 2021 rows are missing and explained, no cell is wrong.
    #[test]
    fn merged_other_row_in_torn_layouts(
        f in figures(), seed in any::<u64>(), which in any::<usize>(), delta in any::<u64>()
    ) {
        let consistent = report(&f);
        for layout in Torn::ALL {
            sound(Generator::MergedOther(layout), &consistent, seed)?;
            sound(Generator::MergedOther(layout), &with_one_cell_changed(&consistent, which, 1 + delta % 50, false), seed)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// One to three cells changed ([`with_drawn_cells_changed`]), in every torn layout, （六） merged
    /// or not.
    #[test]
    fn broken_reports_in_torn_layouts(
        f in figures(), seed in any::<u64>(), which in 0usize..1_000_000, changed in 1usize..=3
    ) {
        let report = with_drawn_cells_changed(&report(&f), which, changed);
        for layout in Torn::ALL {
            sound(Generator::Torn(layout), &report, seed)?;
            sound(Generator::MergedOther(layout), &report, seed)?;
        }
    }
}

/// A tall row of 7-digit counts in narrow cells, its label and numbers wrapped alike
/// (`一、本年新收政府信息公  213689 … 525183` over `开申请数量  0 6 0 4 2`), in a report broken
/// elsewhere in the row: joined, its numbers break R3 as the report does; the first pieces hold
/// it by chance (the carried last digits), and are no reading of the row. Found by
/// `broken_reports_in_torn_layouts`; the seeds wrap the label after `公`, after `数` and not.
#[test]
fn a_row_whose_pieces_go_on_with_its_label_is_not_read_as_its_first_pieces() {
    let mut parties = [[0; 23]; 6];
    parties[0] = [
        762, 0, 0, 36, 0, 0, 0, 0, 0, 653708, 0, 2, 2, 4, 0, 0, 1481546, 711, 0, 119, 0, 0, 0,
    ];
    parties[1] = [
        1, 0, 988841, 0, 3, 0, 298, 0, 3, 0, 270, 0, 734, 4, 747, 242, 3, 0, 0, 8148, 714, 2, 0,
    ];
    parties[2] = [
        6, 563, 0, 0, 0, 332, 5, 38376, 0, 488532, 2, 0, 1, 6, 585846, 0, 0, 0, 779, 0, 4, 0, 0,
    ];
    parties[5] = [
        0, 188178, 1, 0, 327, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 1, 811661, 8, 0, 0, 305, 1, 0,
    ];
    let figures = Figures {
        active: [0; 9],
        fee: (0, String::new()),
        parties,
        cases: [[0; 4]; 3],
    };
    let report = with_drawn_cells_changed(&report(&figures), 652786, 1);
    for seed in [
        2383890010790910382,
        4939142239989514821,
        4997863628500781631,
    ] {
        for generator in [
            Generator::Torn(Torn::NarrowCells),
            Generator::MergedOther(Torn::NarrowCells),
        ] {
            let (printed, _) = generator.print(&report, seed);
            assert!(
                String::from_utf8_lossy(&printed).contains("213689   100000"),
                "seed {seed}: the row no longer prints wrapped"
            );
            if let Err(failure) = sound(generator, &report, seed) {
                panic!("{failure}");
            }
        }
    }
}

/// `count` reports drawn from [`figures`] by proptest's deterministic runner: the same reports on
/// every run, so the printed shares can be compared between runs.
fn drawn_reports(count: usize) -> Vec<Value> {
    drawn_with(figures(), count)
}

/// `count` reports drawn deterministically whose counts are as real reports print them
/// ([`real_count`]).
fn drawn_real_reports(count: usize) -> Vec<Value> {
    drawn_with(figures_of(real_count), count)
}

/// `count` reports drawn deterministically from `strategy`.
fn drawn_with(strategy: impl Strategy<Value = Figures>, count: usize) -> Vec<Value> {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    (0..count)
        .map(|_| {
            strategy
                .new_tree(&mut runner)
                .map(|tree| report(&tree.current()))
                .expect("figures draw")
        })
        .collect()
}

/// `n` cells of 表三 or 表四 of the `k`-th drawn report changed (distinct cells, totals and the
/// 一/二 rows among them), by small or large deltas, lowered or raised: what real reports that
/// break identities print.
fn with_drawn_cells_changed(report: &Value, k: usize, n: usize) -> Value {
    (0..n).fold(report.clone(), |changed, j| {
        let delta = if (k + j).is_multiple_of(2) {
            1 + (k + j) as u64 % 9
        } else {
            10 + (k * 31 + j * 7) as u64 % 5_000
        };
        with_one_cell_changed(
            &changed,
            k * 7 + j * 53,
            delta,
            (k / 2 + j).is_multiple_of(2),
        )
    })
}

/// What a generator read over the drawn reports, consistent or broken.
#[derive(Default)]
struct Reading {
    /// Cells the report prints ([`Score::unprinted`] left out).
    printed: usize,
    right: usize,
    breaks: usize,
    unreported: usize,
}

impl Reading {
    /// The share right and the breaks unread, as the sweeps print them.
    fn summary(&self) -> String {
        format!(
            "{:.2}% right, {}/{} breaks unread",
            100.0 * self.share(),
            self.unreported,
            self.breaks
        )
    }

    fn add(&mut self, score: &Score) {
        self.printed += score.cells - score.unprinted;
        self.right += score.right;
        self.breaks += score.breaks;
        self.unreported += score.unreported;
    }

    fn share(&self) -> f64 {
        self.right as f64 / self.printed as f64
    }
}

/// A generator over the 200 drawn reports: consistent, with one cell changed and with two
/// changed ([`with_drawn_cells_changed`]), every reading [`sound`]; prints the share of printed cells
/// read right and the broken identities left unreported because a cell of theirs went unread.
#[expect(
    clippy::print_stdout,
    reason = "the per-layout shares are the figures of the note"
)]
fn readings(generator: Generator, reports: &[Value]) -> [Reading; 3] {
    let mut readings: [Reading; 3] = Default::default();
    for (k, truth) in reports.iter().enumerate() {
        for (changed, reading) in readings.iter_mut().enumerate() {
            let published = with_drawn_cells_changed(truth, k, changed);
            let score = sound(generator, &published, k as u64).unwrap_or_else(|e| panic!("{e}"));
            reading.add(&score);
        }
    }
    let [consistent, one, two] = &readings;
    println!(
        "{:<20} {}/{} cells right ({:.2}%); broken, 1 cell: {:.2}%, {}/{} breaks unread; 2 cells: {:.2}%, {}/{} breaks unread",
        generator.title(),
        consistent.right,
        consistent.printed,
        100.0 * consistent.share(),
        100.0 * one.share(),
        one.unreported,
        one.breaks,
        100.0 * two.share(),
        two.unreported,
        two.breaks,
    );
    readings
}

/// Asserts a torn generator's readings against [`share_floor`] and [`broken_floor`].
fn assert_floors(generator: Generator, layout: Torn, readings: &[Reading; 3]) {
    let merged_other = matches!(generator, Generator::MergedOther(_));
    let consistent = readings[0].share();
    assert!(
        consistent >= share_floor(layout, merged_other),
        "{}: {:.2}%",
        generator.name(),
        100.0 * consistent
    );
    for changed in [1, 2] {
        let reading = &readings[changed];
        let (floor, unread) = broken_floor(layout, merged_other, changed);
        assert!(
            reading.share() >= floor && reading.unreported <= unread,
            "{} with {changed} cell(s) changed: {:.2}%, {} of {} breaks unread",
            generator.name(),
            100.0 * reading.share(),
            reading.unreported,
            reading.breaks
        );
    }
}

/// Every round-trip generator, old and new, on consistent and broken reports: zero invented or
/// misplaced cells, every missing cell explained. Prints each layout's share of cells read right
/// on the consistent reports and on reports with one or two cells changed, and how many of the
/// identities those break go unreported for a cell unread (`cargo test -p xxgk-extract --test
/// roundtrip -- --nocapture every_generator`).
#[test]
fn every_generator_reads_no_wrong_cell() {
    let reports = drawn_reports(200);
    for generator in Generator::all() {
        let readings = readings(generator, &reports);
        if let Generator::Torn(layout) = generator {
            assert_floors(generator, layout, &readings);
        }
    }
}

/// Each generator's readings of `reports` ([`readings`]: every one sound), its share of cells
/// read right on the consistent reports at least its floor (in per cent).
fn assert_consistent_shares(generators: &[(Generator, f64)], reports: &[Value]) {
    for &(generator, floor) in generators {
        let readings = readings(generator, reports);
        let consistent = 100.0 * readings[0].share();
        assert!(
            consistent >= floor,
            "{}: {consistent:.2}% right",
            generator.title()
        );
    }
}

/// Text hard-wrapped at a fixed width (24 to 120 characters or display columns): every text
/// layout and every torn one printed as text, on consistent and broken reports, with zero
/// invented or misplaced cells, every missing cell explained and every break whose cells were
/// read reported. A line cut inside a number once read its first digits as the cell; in
/// Markdown holding HTML tables a cut tag or number shifted whole rows (the text is now joined
/// again before its tables are parsed); a row of cells without padding cut right after a pipe
/// was read apart (`|…|225632|` then `11441905|`); and the narrow-column layout, few of whose
/// lines reach the width, was not seen to be wrapped. Prints each share (`cargo test -p
/// xxgk-extract --test roundtrip -- --nocapture hard_wrapped`); the floors are a hair below
/// the shares measured (100% / 100% / 99.98% / 100% / 100% / 99.14% / 99.91% / 98.72% /
/// 99.22% / 97.92% (98.50% before 表三 was wrapped in narrow cells too, 97.30% before a label
/// recognised on its second line took the numbers of its first) / 99.97% / 100% /
/// 99.93% / 59.23% / 97.39% consistent, pdf.js text's being its own share unwrapped; Word's
/// grid in Markdown reads every cell unwrapped).
#[test]
fn hard_wrapped_text_reads_no_wrong_cell() {
    let reports = drawn_reports(200);
    let generators = [
        (Generator::HardWrapped(Layout::OneCellPerLine), 99.99),
        (Generator::HardWrapped(Layout::PipeCells), 99.99),
        (Generator::HardWrapped(Layout::TabRows), 99.97),
        (Generator::HardWrapped(Layout::SpaceAligned), 99.99),
        (Generator::HardWrapped(Layout::Markdown), 99.99),
        (Generator::HardWrappedTorn(Torn::TornText), 99.1),
        (Generator::HardWrappedTorn(Torn::MarkdownFromPdf), 99.9),
        (Generator::HardWrappedTorn(Torn::LabelsBelowNumbers), 98.7),
        (Generator::HardWrappedTorn(Torn::BlockDump), 99.2),
        (Generator::HardWrappedTorn(Torn::NarrowCells), 97.9),
        (
            Generator::HardWrappedTorn(Torn::MarkdownSpansRepeated),
            99.9,
        ),
        (Generator::HardWrappedTorn(Torn::MarkdownHtmlTables), 99.99),
        (Generator::HardWrappedTorn(Torn::MarkdownBrCells), 99.9),
        (Generator::HardWrappedTorn(Torn::PdfJsText), 58.9),
        (Generator::HardWrappedTorn(Torn::MarkdownWordGrid), 97.3),
    ];
    assert_consistent_shares(&generators, &reports);
}

/// Page numbers printed bare (`7`) between two rows of a table, one to three per report, and
/// one more in the prose (a report whose footers print so prints one on every page, and not
/// every page ends in a table), numbered up along the text: a PDF's footer as a converter leaves
/// it, in text printed a cell a line (PyMuPDF, pdf.js, a web page's cells a line) or a row a
/// line. On consistent reports and on those with one or two cells changed, with zero invented or
/// misplaced cells. In text printed a cell a line with no tab nor empty line (PyMuPDF's), a page
/// number standing where a blank cell printed no line keeps a count whole, and reads as a cell
/// (`page_numbers_beside_blank_cells_a_cell_a_line_read_no_wrong_cell`); in a report that prints
/// its page numbers bare in its prose, so that one may stand in a table, and only there:
///
/// - 表三's rows, each read from the lines right after its own label, stand as printed where
///   one or two cells the report misprints explain the identities failing (33.40% / 27.71% of
///   cells read with one / two cells changed before, the rows dropped; now 97.00% / 96.87%),
///   but for a row holding a cell no identity confirms and a last number that may be a page
///   number there (1 to 999, above the page numbers seen before it and below those after): a
///   misprinted 总计 and a page number after a blank 总计 print alike, so its cells are unread,
///   not a break;
/// - 表四 printed a cell a line with a number more than its cells is read without the first or
///   the last where R4 then holds (it was unread), and 15 numbers breaking R4 that a page
///   number at an end and a blank explain are read only where the readings agree;
/// - a sub-table of 表二, which no identity checks, holding a number alone before a label that
///   may be a page number there is unread (97.71% → 97.16% of cells of consistent reports).
///
/// Prints each share (`cargo test --release -p xxgk-extract --test roundtrip -- --nocapture
/// bare_page`); the floors are a hair below the shares measured (one-cell-per-line 99.55%
/// consistent and broken, tab rows 100% (99.97% and 99.95% broken), space-aligned 100%, unindented 100%, and 97.20% / 97.03%
/// / 96.89% with page numbers).
#[test]
fn bare_page_numbers_between_rows_read_no_wrong_cell() {
    let reports = drawn_reports(200);
    for (generator, floors) in [
        (
            Generator::BarePageNumbers(Layout::OneCellPerLine),
            [99.54; 3],
        ),
        // A page number alone below a row that breaks R3 may be the last piece of a number
        // wrapped in its narrow cell, which no joining reads: the row is unread (99.97% /
        // 99.95% with one / two cells changed, 100% before `assemble::join_wrapped`).
        (
            Generator::BarePageNumbers(Layout::TabRows),
            [99.99, 99.96, 99.94],
        ),
        (Generator::BarePageNumbers(Layout::SpaceAligned), [99.99; 3]),
        (Generator::Unindented(false), [99.99; 3]),
        (Generator::Unindented(true), [97.19, 97.02, 96.88]),
    ] {
        let readings = readings(generator, &reports);
        for ((changed, reading), floor) in readings.iter().enumerate().zip(floors) {
            assert!(
                100.0 * reading.share() >= floor,
                "{} with {changed} cell(s) changed: {}",
                generator.title(),
                reading.summary()
            );
        }
    }
}

/// Text printed a cell a line with no tab nor empty line (PyMuPDF's), with bare page numbers
/// (one to three between rows, one in the prose) and one to four cells printed blank (nothing,
/// which leaves no line, or a mark, `/`, `-`, `—`, `无`), over 1,500 reports: no blank is read
/// as a number and no printed cell is read wrong. A page number standing where a blank printed
/// no line keeps a count whole, and the code before this test read it as a cell: a page number
/// taken for 表四's first cell, for a row's misprinted 总计, for a 表二 cell (it fails at report
/// 70, a 表二 blank read as the page number after it; 19 of 1,500 reports read a wrong cell with
/// the page numbers of tables alone). Prints the shares (`cargo test --release -p xxgk-extract
/// --test roundtrip -- --nocapture page_numbers_beside_blank`: 84.56% of blank cells said blank,
/// 95.00% of printed cells read; 14.51% and 36.04% while only one 表三 row one number short was
/// placed, 71.76% and 94.72% before a blank mark placed its row's blank; the floors a hair
/// below).
#[test]
#[allow(clippy::print_stdout)] // the shares are what the test reports
fn page_numbers_beside_blank_cells_a_cell_a_line_read_no_wrong_cell() {
    let generator = Generator::Unindented(true);
    let mut reading = BlankReading::default();
    for (k, truth) in drawn_reports(1500).iter().enumerate() {
        let (printed, blank) = with_blank_cells(truth, k, 1 + k % 4);
        let marks = |bytes: Vec<u8>| {
            std::str::from_utf8(&bytes)
                .ok()
                .and_then(|text| blanked(text, blank.len(), k, false))
                .map(String::into_bytes)
        };
        let Some((published, name)) = generator.print_edited(&printed, k as u64, marks) else {
            reading.skipped += 1;
            continue;
        };
        let extraction = extract(&published, Some(name)).expect("extracts");
        for cell in cell_pointers() {
            let read = extraction.report.pointer(cell);
            let explained = extraction
                .problems
                .iter()
                .any(|p| p.pointer.as_deref() == Some(cell));
            if blank.iter().any(|b| b == cell) {
                reading.blank += 1;
                assert_eq!(read, None, "report {k}, {cell}: a blank read as a number");
                reading.said_blank += usize::from(extraction.problems.iter().any(|p| {
                    p.pointer.as_deref() == Some(cell) && p.code == ProblemCode::CellBlank
                }));
            } else {
                reading.printed += 1;
                match read {
                    Some(value) => {
                        assert_eq!(Some(value), truth.pointer(cell), "report {k}, {cell}");
                        reading.right += 1;
                    }
                    None => assert!(explained, "report {k}, {cell}: unexplained"),
                }
            }
        }
    }
    let said = 100.0 * reading.said_blank as f64 / reading.blank.max(1) as f64;
    let right = 100.0 * reading.right as f64 / reading.printed.max(1) as f64;
    println!(
        "{}: {said:.2}% of {} blank cells said blank, {right:.2}% of printed cells right",
        generator.title(),
        reading.blank
    );
    assert_eq!(reading.skipped, 0, "reports not printed whole");
    assert!(
        said >= 84.5 && right >= 94.9,
        "{said:.2}% said blank, {right:.2}% right"
    );
}

/// The example printed a cell a line with no tab nor empty line (as PyMuPDF prints a PDF's
/// table), row 一 printing its 3 (商业企业) blank, which leaves no line: the row is one number
/// short. R1 requires 298 3 0 0 1 0 302 of it, every identity of 表三 holds so, and only the
/// second cell leaves its six numbers in order: they are read, and the blank is said blank (the
/// publisher's), not read as the 3 the identities require. Before, the row was left unread and
/// with it every other row gathered from the lines after its label.
#[test]
fn a_row_one_number_short_a_cell_a_line_has_its_blank_placed_by_the_identities() {
    blank_said_and_table_read(
        "一、本年新收政府信息公开申请数量\n298\n3\n0\n",
        "一、本年新收政府信息公开申请数量\n298\n0\n",
        "/applications/new_received/commercial_enterprise",
    );
}

/// The same text, row （一）予以公开 printing its 109 (自然人) blank, and a page number printed bare
/// (`36`) just before the row's label: the row's six numbers leave its blank one place, said
/// blank, while the block-dump reading of the table's numbers in order, which takes the page
/// number for the row's first cell (the count of numbers is whole again) and explains it as a
/// cell the report misprints, is not taken: it puts a number in a cell said blank. Before, that
/// cell was read 36.
#[test]
fn a_page_number_is_not_read_into_a_cell_said_blank() {
    blank_said_and_table_read(
        "（一）予以公开\n109\n0\n",
        "36\n（一）予以公开\n0\n",
        "/applications/results/granted/natural_person",
    );
}

/// The example printed a cell a line with no tab nor empty line, rows 一 and （二）部分公开 each
/// printing its 3 (商业企业) blank, which leaves no line: two rows one number short, in one
/// column. R1 values the one blank and R2 the other, every identity of 表三 holds so, and only
/// one placing of the two blanks is kept: both are said blank, the rest read. Before, the table
/// was left unread (one row short only was placed).
#[test]
fn two_rows_one_number_short_a_cell_a_line_have_their_blanks_placed_together() {
    blanks_said_and_table_read(&[
        (
            "一、本年新收政府信息公开申请数量\n298\n3\n0\n",
            "一、本年新收政府信息公开申请数量\n298\n0\n",
            "/applications/new_received/commercial_enterprise",
        ),
        (
            "不计其他情形）\n37\n3\n0\n",
            "不计其他情形）\n37\n0\n",
            "/applications/results/partially_granted/commercial_enterprise",
        ),
    ]);
}

/// The example printed a cell a line with no tab nor empty line, its page numbers printed bare
/// (`1` in its prose): 表四 with one standing among its headings (`4`) and the next right before
/// its numbers (`5`), 未经复议直接起诉's 结果纠正 printed blank (no line), so that its run of
/// numbers is 15 again, a page number first. The number among the headings made a block of its
/// own, and the run of 15 was read as printed: every cell of 行政复议 and of 未经复议直接起诉 but
/// the last one cell off (found by a sweep of blank cells beside bare page numbers). It is now
/// taken for the page number it may be, and the run is read as such a run is (only the cells
/// the readings with and without a page number agree on): no cell is read wrong.
#[test]
fn page_numbers_among_review_headings_and_before_its_numbers_are_no_cells() {
    let truth = example();
    let mut text = String::from_utf8(unindented_cells(&render(
        &typed(&truth),
        Layout::OneCellPerLine,
    )))
    .expect("UTF-8");
    for (from, to) in [
        (
            "\n二、主动公开政府信息情况",
            "\n1\n二、主动公开政府信息情况",
        ),
        ("复议后起诉\n结果维持", "复议后起诉\n4\n结果维持"),
        (
            "总计\n11\n0\n3\n4\n18\n7\n1\n3\n0\n11\n",
            "总计\n5\n11\n0\n3\n4\n18\n7\n3\n0\n11\n",
        ),
    ] {
        assert_eq!(text.matches(from).count(), 1, "{from}: {text}");
        text = text.replace(from, to);
    }
    text.push_str("\n6\n");
    let extraction = extract(text.as_bytes(), Some("report.txt")).expect("extracts");
    let blank = "/review_litigation/litigation_direct/corrected";
    assert_eq!(extraction.report.pointer(blank), None, "{text}");
    for cell in cell_pointers().filter(|c| c.starts_with("/review_litigation/")) {
        if let Some(read) = extraction.report.pointer(cell) {
            assert_eq!(Some(read), truth.pointer(cell), "{cell}");
        }
    }
}

/// The example printed a cell a line with no tab nor empty line, its page numbers printed bare
/// (`1` in its prose), row 4.保护第三方合法权益 printing its 总计 blank with a mark (`无`) and
/// the page number `2` after it, which equals the 总计 the row's cells sum to: six numbers, the
/// mark (no cell of a 表三 row read so) and the page number made the row whole, R3 holding, and
/// the blank was read 2. The row is now read as one number short too, and only the cells both
/// readings agree on are taken: its 总计 is left unread, said why; the rest of 表三 is read.
#[test]
fn a_page_number_after_a_blank_mark_is_not_read_as_the_row_s_last_cell() {
    let truth = example();
    let mut text = String::from_utf8(unindented_cells(&render(
        &typed(&truth),
        Layout::OneCellPerLine,
    )))
    .expect("UTF-8");
    for (from, to) in [
        (
            "\n二、主动公开政府信息情况",
            "\n1\n二、主动公开政府信息情况",
        ),
        (
            "4.保护第三方合法权益\n2\n0\n0\n0\n0\n0\n2\n",
            "4.保护第三方合法权益\n2\n0\n0\n0\n0\n0\n无\n2\n",
        ),
    ] {
        assert_eq!(text.matches(from).count(), 1, "{from}: {text}");
        text = text.replace(from, to);
    }
    let extraction = extract(text.as_bytes(), Some("report.txt")).expect("extracts");
    let blank = "/applications/results/withheld/third_party_rights/total";
    assert_eq!(extraction.report.pointer(blank), None, "{text}");
    assert!(
        extraction
            .problems
            .iter()
            .any(|p| p.pointer.as_deref() == Some(blank)),
        "{blank} unexplained"
    );
    for cell in cell_pointers().filter(|c| c.starts_with("/applications/") && *c != blank) {
        assert_eq!(
            extraction.report.pointer(cell),
            truth.pointer(cell),
            "{cell}: {:#?}",
            extraction.problems
        );
    }
}

/// The example printed a cell a line with no tab nor empty line, row （一）予以公开 printing its
/// 科研机构 0 blank as a mark alone on its line (`—`), among four other 0s: the row's six numbers
/// leave its blank in any of five places, but the mark stands in one, and the blank is said
/// blank there; before, the five were left unread.
#[test]
fn a_blank_mark_among_equal_cells_places_its_row_s_blank_where_it_stands() {
    blank_said_and_table_read(
        "（一）予以公开\n109\n0\n0\n0\n0\n0\n109\n",
        "（一）予以公开\n109\n0\n—\n0\n0\n0\n109\n",
        "/applications/results/granted/research_institution",
    );
}

/// The example printed a cell a line with no tab nor empty line, `row` printed as `edited`
/// instead: `blank` is not read and is said blank (the publisher's), every other cell of 表三 is
/// read as in the example.
fn blank_said_and_table_read(row: &str, edited: &str, blank: &str) {
    blanks_said_and_table_read(&[(row, edited, blank)]);
}

/// [`blank_said_and_table_read`] with each of `edits` (row, edited, blank) made.
fn blanks_said_and_table_read(edits: &[(&str, &str, &str)]) {
    let truth = example();
    let mut text = String::from_utf8(unindented_cells(&render(
        &typed(&truth),
        Layout::OneCellPerLine,
    )))
    .expect("UTF-8");
    for (row, edited, _) in edits {
        assert_eq!(text.matches(row).count(), 1, "{row}: {text}");
        text = text.replace(row, edited);
    }
    let extraction = extract(text.as_bytes(), Some("report.txt")).expect("extracts");
    let blanks: Vec<&str> = edits.iter().map(|(_, _, blank)| *blank).collect();
    for blank in &blanks {
        assert_eq!(extraction.report.pointer(blank), None, "{text}");
        assert!(
            extraction
                .problems
                .iter()
                .any(|p| p.pointer.as_deref() == Some(*blank) && p.code == ProblemCode::CellBlank),
            "{blank}: {:#?}",
            extraction.problems
        );
    }
    for cell in cell_pointers().filter(|c| c.starts_with("/applications/") && !blanks.contains(c)) {
        assert_eq!(
            extraction.report.pointer(cell),
            truth.pointer(cell),
            "{cell}: {:#?}",
            extraction.problems
        );
    }
}

/// Reports printed a cell a line with no tab nor empty line (as PyMuPDF prints a PDF's table),
/// （六） merged into one row of sums as 洪泽's reports print it, with one number of 表三 printed
/// blank in turn (no line), with and without page numbers printed bare: the row one number
/// short is placed by the identities across rows, merged row or not, and no cell is read wrong;
/// a blank among equal cells leaves them unread, said why. Before, the whole table was left
/// unread (0.00%: rows read from the lines after their labels are kept only when the identities
/// confirm them). Prints the share of 表三's printed cells read (`cargo test --release -p
/// xxgk-extract --test roundtrip -- --nocapture merged_row_table_one_number_short`).
#[test]
#[allow(clippy::print_stdout)] // the figures are what the test reports
fn a_merged_row_table_one_number_short_a_cell_a_line_reads_no_wrong_cell() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    // 表三's cells as printed, （六） merged: the first （六） row's cells stand for the merged row.
    let printed_cells: Vec<&str> = cell_pointers()
        .filter(|c| c.starts_with("/applications/"))
        .filter(|c| !c.contains("/fee_unpaid/") && !c.contains("/other/other/"))
        .collect();
    assert_eq!(
        printed_cells.len(),
        23 * 7,
        "表三 printed with （六） merged"
    );
    let other_row = |c: &str| c.starts_with("/applications/results/other/");
    let samples = 300;
    let mut shares = [(0usize, 0usize); 2];
    for k in 0..samples {
        let truth = figures_of(real_count)
            .new_tree(&mut runner)
            .map(|tree| report(&tree.current()))
            .expect("figures draw");
        let tabbed =
            String::from_utf8(render(&typed(&truth), Layout::OneCellPerLine)).expect("UTF-8");
        let merged = with_other_rows_merged(&tabbed);
        let lines: Vec<&str> = merged.split('\n').collect();
        let start = lines
            .iter()
            .position(|l| l.starts_with("三、收到和处理"))
            .expect("表三");
        let numbers: Vec<usize> = (start..lines.len())
            .filter(|&n| lines[n].starts_with('\t') && lines[n][1..].parse::<u64>().is_ok())
            .take(printed_cells.len())
            .collect();
        for (pages, (right, printed)) in shares.iter_mut().enumerate() {
            let print = |text: &str| {
                let text = match pages {
                    0 => text.as_bytes().to_vec(),
                    _ => bare_page_numbers(text.as_bytes(), k as u64),
                };
                unindented_cells(&text)
            };
            let whole = extract(&print(&merged), Some("report.txt")).expect("extracts");
            let (read, cells) = blanks_unread_and_cells_right(
                &whole,
                &truth,
                cell_pointers().filter(|c| !other_row(c)),
                &[],
                &format!("report {k}, pages {pages}, whole"),
            );
            // Without page numbers, every cell but the merged row's is read.
            assert!(
                pages == 1 || read == cells,
                "report {k}: {read} of {cells} read"
            );
            // Three cells in turn: the blank (the merged row's: its three rows' cells of its
            // column) is never read; every other cell is read as published or said why not.
            for turn in 0..3 {
                let deleted = (k * 53 + turn * 59) % numbers.len();
                let edited: Vec<&str> = lines
                    .iter()
                    .enumerate()
                    .map(|(n, l)| if n == numbers[deleted] { "\t" } else { l })
                    .collect();
                let text = print(&edited.join("\n"));
                let blank = printed_cells[deleted];
                let blanks: Vec<String> = match blank.split_once("/no_correction/") {
                    Some((path, column)) => ["no_correction", "fee_unpaid", "other"]
                        .iter()
                        .map(|row| format!("{path}/{row}/{column}"))
                        .collect(),
                    None => vec![blank.to_owned()],
                };
                let blanks: Vec<&str> = blanks.iter().map(String::as_str).collect();
                let extraction = extract(&text, Some("report.txt")).expect("extracts");
                let context = format!("report {k}, pages {pages}, {blank} blank");
                blanks_unread_and_cells_right(
                    &extraction,
                    &truth,
                    cell_pointers().filter(|c| !c.starts_with("/applications/") || other_row(c)),
                    &blanks,
                    &context,
                );
                let (r, p) = blanks_unread_and_cells_right(
                    &extraction,
                    &truth,
                    cell_pointers().filter(|c| c.starts_with("/applications/") && !other_row(c)),
                    &blanks,
                    &context,
                );
                *right += r;
                *printed += p;
            }
        }
    }
    // Floored at what these draws read: 99.69% and 96.54% (over 3,000 reports, 99.66% and
    // 95.98%, none wrong).
    for ((pages, (right, printed)), floor) in shares.iter().enumerate().zip([99.6, 96.5]) {
        let share = 100.0 * *right as f64 / *printed as f64;
        println!(
            "cell a line, （六） merged, a 表三 cell blank{}: {share:.2}% of 表三's other printed cells read ({samples} reports, 3 each), 0 wrong",
            if pages == 1 {
                ", bare page numbers"
            } else {
                ""
            }
        );
        assert!(share >= floor, "{share:.2}%");
    }
}

/// `text` printed a cell a line with a tab before each cell (`Layout::OneCellPerLine`), its
/// three （六） rows printed as one, `（六）其他处理` and the sums of their cells, column by column.
fn with_other_rows_merged(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let Some(group) = lines.iter().position(|l| l.trim() == "（六）其他处理") else {
        return text.to_owned();
    };
    let mut sums = [0u64; 7];
    let mut at = group + 1;
    for _ in 0..3 {
        // The row's label, then its seven cells.
        while lines.get(at).is_some_and(|l| l.trim().is_empty()) {
            at += 1;
        }
        at += 1;
        for sum in &mut sums {
            *sum += lines
                .get(at)
                .and_then(|l| l.trim().parse::<u64>().ok())
                .expect("a count");
            at += 1;
        }
    }
    let mut out: Vec<String> = lines[..=group].iter().map(|l| (*l).to_owned()).collect();
    out.extend(sums.iter().map(|s| format!("\t{s}")));
    out.extend(lines[at..].iter().map(|l| (*l).to_owned()));
    out.join("\n")
}

/// `text` after a crawler's line naming its source, longer than any wrap width (250 characters).
fn with_source_line(text: &[u8]) -> Vec<u8> {
    let mut line = String::from("来源：https://www.example.gov.cn/xxgk/ndbg/");
    while line.chars().count() < 250 {
        line.push_str("t20220131_4312.html?source=crawler&page=1&");
    }
    let mut bytes = line.into_bytes();
    bytes.push(b'\n');
    bytes.extend_from_slice(text);
    bytes
}

/// Text hard-wrapped, a crawler's source line longer than any wrap width put before it after the
/// wrap: every torn layout printed as text, on consistent and broken reports, with zero invented
/// or misplaced cells and every missing cell explained. The wrap was once measured by the
/// longest line, so that one line longer hid it: each line was read unjoined, a row's cut line
/// with its last number shortened (`12234` for `1223487`, found by this test), and in Markdown
/// holding HTML tables a cut cell tag (`<` then `td>`) lost its cell and shifted the row's
/// numbers. The lines at either end are now not measured. Prints each share (`cargo test
/// --release -p xxgk-extract --test roundtrip -- --nocapture source_line`); the floors are
/// those of the wrapped layouts without the line ([`hard_wrapped_text_reads_no_wrong_cell`]).
#[test]
fn wrapped_text_under_a_source_line_reads_no_wrong_cell() {
    let reports = drawn_reports(200);
    let generators = [
        (Torn::TornText, 99.1),
        (Torn::MarkdownFromPdf, 99.9),
        (Torn::LabelsBelowNumbers, 98.7),
        (Torn::BlockDump, 99.2),
        (Torn::NarrowCells, 97.9),
        (Torn::MarkdownSpansRepeated, 99.9),
        (Torn::MarkdownHtmlTables, 99.99),
        (Torn::MarkdownBrCells, 99.9),
        (Torn::PdfJsText, 58.9),
        (Torn::MarkdownWordGrid, 97.3),
    ]
    .map(|(layout, floor)| (Generator::WrappedUnderSourceLine(layout), floor));
    assert_consistent_shares(&generators, &reports);
}

/// Markdown holding HTML tables (MinerU's) with a line break cut into one table tag in seven,
/// right after its `<` (`<` then `td>`, `<` then `/tr>`) or after its next character (`<t` then
/// `d>`), where nothing shows a hard wrap (each table a line longer than any wrap width): every
/// cell read as from the file uncut. Read as it stood, a cut `<td>` lost its cell and shifted the
/// row's numbers; a lost 0 kept R3 holding.
#[test]
fn html_table_tags_cut_by_line_breaks_read_as_uncut() {
    let reports = drawn_reports(100);
    let mut read = 0;
    for (k, truth) in reports.iter().enumerate() {
        let (bytes, name) = Generator::Torn(Torn::MarkdownHtmlTables).print(truth, k as u64);
        let text = String::from_utf8(bytes).expect("the generator writes UTF-8");
        let cut = with_table_tags_cut(&text, k);
        assert_ne!(cut, text, "report {k}: no tag cut");
        let whole = extract(text.as_bytes(), Some(name)).expect("readable");
        let broken = extract(cut.as_bytes(), Some(name)).expect("readable");
        for cell in cell_pointers() {
            assert_eq!(
                broken.report.pointer(cell),
                whole.report.pointer(cell),
                "report {k}, {cell}"
            );
            read += usize::from(whole.report.pointer(cell).is_some());
        }
    }
    assert!(read >= 100 * 199, "{read} cells read uncut");
}

/// `text` with a line break after the `<` of every seventh table tag (counted from `k`), or
/// after the character that follows it, every other time.
fn with_table_tags_cut(text: &str, k: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 64);
    let mut tags = k;
    let mut break_after_next = false;
    let mut chars = text.chars().peekable();
    while let Some(ch) = chars.next() {
        out.push(ch);
        if break_after_next {
            out.push('\n');
            break_after_next = false;
        }
        if ch == '<' && matches!(chars.peek(), Some('t' | '/')) {
            tags += 1;
            if tags.is_multiple_of(7) {
                if tags.is_multiple_of(2) {
                    out.push('\n');
                } else {
                    break_after_next = true;
                }
            }
        }
    }
    out
}

/// Markdown tables with one row in four broken over two lines, inside a cell's text or before a
/// cell ([`break_markdown_rows`]): zero invented or misplaced cells, none said to be printed
/// blank, every missing cell explained. Read apart, such a row kept a converter's unused
/// column and read a label cut from its numbers as a row printed blank. Prints each share
/// (`cargo test -p xxgk-extract --test roundtrip -- --nocapture rows_broken`: 100% / 99.91% /
/// 99.94% / 100% / 100% consistent, the torn layouts' own figures unbroken being 99.91% /
/// 99.97% / 100% / 100%); the floors are a hair below. Word's grid in Markdown, often without a
/// ruler (markdownify), once read a number cut inside (`| 行政强制 | 5` over `73 | |`) as its
/// first digit: a table without a ruler is now measured by its widest row.
#[test]
fn markdown_rows_broken_over_lines_read_no_wrong_cell() {
    let reports = drawn_reports(200);
    let generators = [
        (Generator::RowsBroken(Layout::Markdown), 99.99),
        (Generator::RowsBrokenTorn(Torn::MarkdownFromPdf), 99.9),
        (Generator::RowsBrokenTorn(Torn::MarkdownSpansRepeated), 99.9),
        (Generator::RowsBrokenTorn(Torn::MarkdownBrCells), 99.99),
        (Generator::RowsBrokenTorn(Torn::MarkdownWordGrid), 99.99),
    ];
    assert_consistent_shares(&generators, &reports);
}

/// Every generator's text saved with Windows line ends (`\r\n`), as a report edited or
/// converted on Windows is: every table cell read exactly as with `\n`, none wrong (40 reports,
/// consistent and with a cell changed; DOCX, a zip, is left as it is).
#[test]
fn windows_line_ends_read_as_unix_ones() {
    let reports = drawn_reports(40);
    let generators = Generator::all().into_iter().chain(
        [Torn::TornText, Torn::MarkdownFromPdf, Torn::MarkdownBrCells]
            .into_iter()
            .flat_map(|t| [Generator::HardWrappedTorn(t), Generator::RowsBrokenTorn(t)]),
    );
    for generator in generators {
        for (k, truth) in reports.iter().enumerate() {
            let published = with_drawn_cells_changed(truth, k, k % 2);
            let (bytes, name) = generator.print(&published, k as u64);
            if bytes.starts_with(b"PK") {
                continue;
            }
            let mut windows = Vec::with_capacity(bytes.len() + bytes.len() / 16);
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'\n' && (i == 0 || bytes[i - 1] != b'\r') {
                    windows.push(b'\r');
                }
                windows.push(b);
            }
            let unix = extract(&bytes, Some(name)).expect("readable");
            let crlf = extract(&windows, Some(name)).expect("readable");
            for cell in cell_pointers() {
                assert_eq!(
                    unix.report.pointer(cell),
                    crlf.report.pointer(cell),
                    "{} report {k}: {cell}",
                    generator.title()
                );
            }
            let score = score(&crlf, &published);
            assert!(
                score.wrong.is_empty(),
                "{} report {k}: {:?}",
                generator.title(),
                score.wrong
            );
        }
    }
}

/// The torn layouts with （六）其他处理 printed as one row: zero wrong cells on consistent and
/// broken reports, and at least [`share_floor`] (consistent) and [`broken_floor`] (broken) of
/// the cells the report prints (its three （六） rows are not printed) read right, shares printed
/// (`cargo test -p xxgk-extract --test roundtrip -- --nocapture merged_other_row_reads`).
#[test]
fn merged_other_row_reads_the_printed_cells() {
    let reports = drawn_reports(200);
    for layout in Torn::ALL {
        let generator = Generator::MergedOther(layout);
        assert_floors(generator, layout, &readings(generator, &reports));
    }
}

/// Every torn generator, （六） merged or not, on consistent reports and on reports with one,
/// two and three cells changed ([`with_drawn_cells_changed`]: small and large deltas, totals and the
/// 一/二 rows among them): no cell wrong, every missing cell explained, every break reported
/// where its cells were read. 40 reports by default; `XXGK_BROKEN_REPORTS=5000 cargo test --release -p xxgk-extract --test
/// roundtrip -- --nocapture every_generator_on_many` is the measurement the rules of issue #9
/// were kept by (zero wrong).
#[test]
#[expect(clippy::print_stdout, reason = "the count of readings is the figure")]
fn every_generator_on_many_broken_reports() {
    let count = std::env::var("XXGK_BROKEN_REPORTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(40);
    let reports = drawn_reports(count);
    let generators = Torn::ALL
        .into_iter()
        .flat_map(|layout| [Generator::Torn(layout), Generator::MergedOther(layout)]);
    let mut failures: Vec<String> = Vec::new();
    let mut readings = 0;
    for generator in generators {
        for (k, truth) in reports.iter().enumerate() {
            for changed in 0..=3 {
                let published = with_drawn_cells_changed(truth, k + changed * 1_000_003, changed);
                readings += 1;
                if let Err(e) = sound(generator, &published, k as u64) {
                    failures.push(e.to_string());
                }
            }
        }
    }
    println!("{readings} readings, {} unsound", failures.len());
    assert!(
        failures.is_empty(),
        "{} of {readings}: {:#?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
}

/// The share of cells a torn layout must read right on reports with `changed` cells changed
/// ([`with_drawn_cells_changed`]), and how many of the identities they break may go unreported
/// because a cell of theirs went unread, over the 200 drawn reports. Unlabelled rows placed by
/// the template's order are kept when the identities fail over them only as one or two cells
/// the report misprints break them (issue #9): measured, one cell changed / two, Markdown from
/// a PDF 99.91% / 99.91% (1 and 2 breaks unread; 90.79% / 88.61% and 192 / 390 before), torn
/// text 99.47% / 99.47% (1, 2; 99.20% / 99.20% and 2 / 6 before three misprints were allowed,
/// 92.48% / 90.91% and 160 / 335 before any), labels below numbers 99.38% / 99.38% (0, 0;
/// 99.17% / 99.17% and 1 / 1 before three, 34.82% / 29.59% and 336 / 670 before any): as on consistent reports
/// (99.87%, 99.06% and 99.01% before a 表二 cell pulled out of its row was placed where one
/// reading is left). With （六） merged, 99.58% / 99.58% (2 and 3 breaks unread), 99.48% /
/// 99.48% (0, 0), 99.31% / 99.31% (0, 0); 99.42% / 99.38% (10, 15), 99.48% / 99.48% (1, 1),
/// 99.23% / 99.22% (7, 8) before a merged column printing 0 was read as 0 in each row where the
/// few cells a report misprints explain the table's failing identities, not only where R2
/// holds through it (99.37% / 99.33%, 99.22% / 99.22%, 99.05% / 99.04%
/// before placed rows were kept so), counting as printed the three （六） rows of each column whose merged cell is
/// 0 (a group label printed beside a leaf row reads like a merged row; a broken R2 left the
/// column's zeros unconfirmed, and Markdown with merged cells repeated and with HTML tables,
/// which read every printed cell, read 99.81% / 99.75% and 99.84% / 99.78%, 8 and 13 breaks
/// unread, before the misprints placed them too: now 99.97% and 100%, none unread) (99.54%
/// / 99.54%, 99.22% / 99.22%, 99.13% / 99.13% before, when those cells were left out): a changed cell of a （六） row breaks R2 through the merged row's sum and the
/// merged row's own 总计, the two witnesses of a misprint in it (98.54% / 97.51% and 2 / 15,
/// 98.60% / 97.78% and 0 / 10, 91.60% / 83.90% and 0 / 48 when R2 alone read it, which no cell
/// repaired; 90.99% / 89.14%, 92.87% / 91.58%, 35.50% / 30.65% before any misprint was
/// allowed). A block dump reads 99.06% / 99.03% (5 and 5 breaks unread, 表四 printed in blocks
/// out of order read by R4, which the generator prints since; 97.38% / 97.78% and 11 / 16
/// before; 97.81% and 9 with
/// one cell changed before a number alone apart was tried in every cell of its row, which left
/// one report's 表三 with two readings explained alike; 93.46% / 93.42%
/// before its 表二 was read by the count of each label's numbers; with （六） merged 97.22% / 97.65%
/// and 8 / 8, counting the （六） zeros, which it places with the rest of the table), as on consistent reports: where no reading satisfies every identity,
/// the one reading that one or two misprinted cells explain and no other with different values
/// does as well, found by a complete search (see `coldump`); 13.84% / 7.24% (14.54% / 8.00%
/// merged), 380 / 758 (196 / 390) breaks unread, before, when a reading needed every identity.
/// Markdown with merged cells repeated (docling) reads 99.97% / 99.97%, merged or not, every
/// break reported: as on consistent reports. Markdown whose tables are HTML (MinerU) reads every
/// printed cell, consistent or broken, （六） merged or not, no break unread: its tables are read
/// by their structure, not by the identities. `pdftohtml`'s runs at absolute positions, laid out
/// again as `pdftotext -layout` lines, read every printed cell too, consistent or broken, （六）
/// merged or not, no break unread; pymupdf4llm's Markdown (`<br>` in cells, two figure columns
/// merged into one) reads every cell, consistent or broken, （六） merged or not (99.84% /
/// 99.78% merged, 8 and 13 breaks unread, before a merged column printing 0 was read as 0
/// where misprints explain the table), as Markdown with HTML tables.
/// pdf.js text reads 48.78% / 42.99% (242 of 392 and 498 of 784 breaks unread), with （六） merged
/// 47.98% / 43.07% (136, 277): a glued run or a spaced one (`6 3 1 8`) is split only where the
/// identities leave one reading, and a row misprinting a cell leaves its run unread (49.05% /
/// 43.27%, merged 48.29% / 43.38%, before a 表二 row cut one digit a cell, or a row read as
/// misprinted, was taken back where a cell printed blank, which glued cells do not show,
/// would explain its digits too: `solve::without_blank_alternatives`).
/// The floors are the measured shares less 0.01 point (they are printed rounded).
/// 表四 wrapped in narrow cells, its pieces joined where R4 confirms one joining: 98.75% / 98.64%
/// (4 and 10 breaks unread), 98.60% / 98.39% with （六） merged (5, 11), none wrong over 8,000
/// readings of consistent and broken reports; a row holding zeros run together (`00`) as well as
/// wrapped numbers is left unread, and so is one whose joining another would be with one cell
/// misprinted (98.43% and 10 unread with （六） merged and two cells changed before: a CI run found
/// 120 11 0 0 122 read 12 0 110 0 122, `wrapped::one_misprint_explains`). With 表三 in narrow
/// cells too in half its reports (its counts of five digits and more wrapped): 98.09% / 97.55%
/// (19 and 45 breaks unread), 97.97% / 97.38% with （六） merged (12, 25); 97.32% / 96.89% (24,
/// 52) and 97.34% / 96.88% (13, 26) before a row whose label is recognised only on its second
/// line took the numbers of its first (19 and 36 with （六） merged before its zeros were placed
/// where misprints explain the table). A 表三 row wrapping a
/// number whose own cells break R3 is read by the one joining whose joined cells R1 or R2
/// confirm with the other rows read (`gaps::choose_broken_joinings`), and the rows joined by
/// their R3 are kept where the few cells a report misprints, none joined, explain what fails
/// (`gaps::confirm_wrapped`): 94.81% / 94.40% (88, 171), merged 94.55% / 94.12% (31, 58),
/// before, when such a row was unread and the joined rows were kept only where R1 and R2 held.
/// Left unread: a misprinted cell that is itself joined, and a row whose wrapped pieces stand
/// beside the next row's label and are read as that row's.
/// Word's grid flattened into Markdown (pandoc, markdownify) reads every cell, consistent or
/// broken, every break reported (96.41% / 94.31% and 220 / 449 breaks unread when a row with
/// the converter's blank columns was read only where its identities held); with （六） merged
/// too (99.84% / 99.78%, 8 and 13 unread, before a merged column printing 0 was read as 0 where
/// misprints explain the table), as Markdown with HTML tables.
fn broken_floor(layout: Torn, merged_other: bool, changed: usize) -> (f64, usize) {
    match (layout, merged_other, changed) {
        (Torn::MarkdownFromPdf, false, 1) => (0.9990, 1),
        (Torn::MarkdownFromPdf, false, _) => (0.9990, 2),
        (Torn::TornText, false, 1) => (0.9919, 2),
        (Torn::TornText, false, _) => (0.9919, 6),
        (Torn::LabelsBelowNumbers, false, _) => (0.9916, 1),
        (Torn::BlockDump, false, 1) => (0.9737, 11),
        (Torn::BlockDump, false, _) => (0.9777, 16),
        (Torn::MarkdownFromPdf, true, 1) => (0.9957, 2),
        (Torn::MarkdownFromPdf, true, _) => (0.9957, 3),
        (Torn::TornText, true, _) => (0.9947, 0),
        (Torn::LabelsBelowNumbers, true, _) => (0.9930, 0),
        (Torn::BlockDump, true, 1) => (0.9721, 8),
        (Torn::BlockDump, true, _) => (0.9764, 8),
        (Torn::MarkdownSpansRepeated, _, _) => (0.9996, 0),
        (Torn::MarkdownHtmlTables, _, _) => (1.0, 0),
        (Torn::PositionedRuns, _, _) => (1.0, 0),
        (Torn::MarkdownBrCells, _, _) => (1.0, 0),
        (Torn::PdfJsText, false, 1) => (0.4875, 242),
        (Torn::PdfJsText, false, _) => (0.4296, 498),
        (Torn::PdfJsText, true, 1) => (0.4795, 136),
        (Torn::PdfJsText, true, _) => (0.4304, 277),
        (Torn::NarrowCells, false, 1) => (0.9808, 19),
        (Torn::NarrowCells, false, _) => (0.9754, 45),
        (Torn::NarrowCells, true, 1) => (0.9796, 12),
        (Torn::NarrowCells, true, _) => (0.9737, 25),
        (Torn::MarkdownWordGrid, _, _) => (1.0, 0),
    }
}

/// The share of cells a torn layout must read right on consistent reports. Labels below their
/// numbers leave a 表二 row unread where its numbers are not the only ones its stretch of the
/// table pairs with it (a cell pulled out of a row in text, whose column is not printed), and a
/// 表三 gap unplaced where the template's order does not decide it (99.17% when measured, 99.01%
/// before a pulled-out cell was placed where one reading is left, 94.01% before that); with （六） merged, its label apart from its numbers or lost, the merged row is
/// placed like the unlabelled rows and its numbers count in R2 only where R2 then holds
/// (99.31% when measured counting the （六） rows of a column whose merged cell is 0 as
/// printed, placed as 0 where the identities confirm the merged row; 99.13% before a pulled-out
/// cell was placed where one reading is left, 89.52% before that). Markdown from a PDF and torn
/// text read 99.91% and 99.47% (99.61% and 99.38% with （六） merged) when measured (99.87% and
/// 99.06%, 99.54% and 99.22% before). A block dump reads 表二 where
/// each label's count of numbers confirms them, sub-table by sub-table, and leaves it unread
/// where pdfminer prints a sub-table's labels as a block and then its numbers column by column
/// and reading them by rows would give other cells (pdfminer prints either order; a block read
/// alike both ways is read, `labels-then-numbers-either-order`, none of the 200 here)
/// (10 cells of 200, a harder real pattern the generator prints since; 93.58% before 表二 was so
/// read, when it was always unread), 表三 whole where a cell printed out of order leaves no
/// reading the identities confirm, and 表四 where pdfminer prints its outcomes out of order under
/// their headings (99.22% when measured, 表四's blocks printed out of order read by R4; 97.92%
/// before, 97.74% with （六） merged counting its zeros, with first cells inside
/// labels' blocks and late cells read apart). Markdown with merged
/// cells repeated reads 99.97% (99.97% with （六） merged): a 表二 row whose repeated value stands
/// under the table's heading repeated on a new page (`本年制发件数 | 本年废止件数 | …`, not its
/// own `本年处理决定数量` three times) is left unread, its span unproven.
/// Markdown with HTML tables reads every cell (100.00%, and every printed cell with （六）
/// merged), and so do `pdftohtml`'s HTML or XML of the page laid out and pymupdf4llm's Markdown.
/// pdf.js text reads 58.93% (56.55% with （六） merged): its rows' numbers glued, or a space
/// between every glyph, are runs the identities must split (59.21% and 56.85% before a 表二 row
/// cut one digit a cell was taken back where a cell printed blank would explain it too). 表四 with numbers wrapped in its
/// narrow cells reads 98.87% (98.73% with （六） merged; 94.40% and 93.24%, before wrapped pieces
/// were joined, with no zeros run together): left unread where more than six pieces wrapped,
/// two joinings satisfy R4, one would with a cell misprinted, or zeros run together (`00`)
/// stand beside wrapped numbers. With 表三 in narrow cells too in half its reports, 98.58%
/// (98.67% with （六） merged; 97.81% and 97.90% before a row whose label is recognised only on
/// its second line took the numbers of its first, 97.31% merged before a merged （六） row's
/// wrapped numbers were joined): a
/// 表三 row whose numbers satisfy R3 both as printed and joined, or whose pieces no joining
/// reads, is unread.
/// Word's grid flattened into Markdown reads every printed cell, （六） merged or not (98.67%
/// before a row holding exactly as many blank cells too many as blanks was read without them
/// whatever its identities: its numbers fill its cells, so no blank is the publisher's).
fn share_floor(layout: Torn, merged_other: bool) -> f64 {
    match (layout, merged_other) {
        (Torn::LabelsBelowNumbers, true) => 0.9930,
        (Torn::LabelsBelowNumbers, false) => 0.9916,
        (Torn::TornText, true) => 0.9937,
        (Torn::TornText, false) => 0.9919,
        (Torn::MarkdownFromPdf, true) => 0.9960,
        (Torn::MarkdownFromPdf, false) => 0.9990,
        (Torn::BlockDump, false) => 0.9791,
        (Torn::BlockDump, true) => 0.9773,
        (Torn::MarkdownSpansRepeated, _) => 0.9996,
        (Torn::MarkdownHtmlTables, _) => 1.0,
        (Torn::PositionedRuns, _) => 1.0,
        (Torn::MarkdownBrCells, _) => 1.0,
        (Torn::PdfJsText, false) => 0.5890,
        (Torn::PdfJsText, true) => 0.5650,
        (Torn::NarrowCells, false) => 0.9857,
        (Torn::NarrowCells, true) => 0.9866,
        (Torn::MarkdownWordGrid, _) => 1.0,
    }
}

/// A multi-line cell of 表二 pulled out of its row onto a line of its own: placed where the row
/// prints its columns with exactly one empty (a table row), never by guess where the empty
/// column is not printed (a row of two numbers for three columns), and the blank it left is then
/// unread, not blank.
#[test]
fn pulled_out_multi_line_cell_is_placed_only_where_its_column_is_confirmed() {
    for (text, placed) in [
        (
            "二、主动公开政府信息情况\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 3 |  | 11 |\n22（其中修订 16 件）\n| 行政规范性文件 | 1 | 0 | 5 |\n",
            Some(json!(22)),
        ),
        (
            "二、主动公开政府信息情况\n规章   3   11\n22（其中修订 16 件）\n行政规范性文件   1   0   5\n",
            None,
        ),
        (
            // Two cells pulled out below one row: which is which is not confirmed.
            "二、主动公开政府信息情况\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---|---|---|\n| 规章 | 3 |  | 11 |\n22（其中修订 16 件）\n4（其中修订 1 件）\n| 行政规范性文件 | 1 | 0 | 5 |\n",
            None,
        ),
    ] {
        let extraction = xxgk_extract::extract_text(text);
        let pointer = "/active_disclosure/regulations/repealed";
        assert_eq!(
            extraction.report.pointer(pointer),
            placed.as_ref(),
            "{text}"
        );
        if placed.is_none() {
            let problem = extraction
                .problems
                .iter()
                .find(|p| p.pointer.as_deref() == Some(pointer))
                .expect("explained");
            assert_eq!(problem.code, ProblemCode::MultiLineCellUnplaced, "{text}");
        } else {
            let provenance = extraction
                .provenance
                .iter()
                .find(|p| p.pointer == pointer)
                .expect("provenance");
            assert!(provenance.rules.contains(&ReadingRule::PulledOutCellPlaced));
        }
        assert_eq!(
            extraction
                .report
                .pointer("/active_disclosure/normative_documents/in_force"),
            Some(&json!(5))
        );
        for column in ["issued", "in_force"] {
            let pointer = format!("/active_disclosure/regulations/{column}");
            let read = extraction.report.pointer(&pointer);
            assert!(
                read.is_none() || read == Some(&json!(if column == "issued" { 3 } else { 11 }))
            );
        }
    }
}

/// The torn generator's pulled-out cells over 300 reports in each torn layout: every one placed
/// is the published value (`sound`), and in Markdown, where the row prints its empty column,
/// they are placed.
#[test]
#[allow(clippy::print_stdout)] // the count is what the test reports
fn pulled_out_cells_round_trip() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    for layout in Torn::ALL {
        let (mut pulled, mut placed) = (0, 0);
        for seed in 0..300u64 {
            let truth = report(&figures().new_tree(&mut runner).expect("figures").current());
            let bytes = render_torn(&typed(&truth), layout, seed);
            pulled += String::from_utf8_lossy(&bytes)
                .matches("（其中修订")
                .count();
            sound(Generator::Torn(layout), &truth, seed).unwrap_or_else(|e| panic!("{e}"));
            placed += Generator::Torn(layout)
                .extract(&truth, seed)
                .provenance
                .iter()
                .filter(|p| p.rules.contains(&ReadingRule::PulledOutCellPlaced))
                .count();
        }
        println!(
            "{}: {placed} of {pulled} pulled-out cells placed",
            layout.name()
        );
        if layout == Torn::MarkdownFromPdf {
            assert!(placed * 10 >= pulled * 9, "{placed} of {pulled}");
        }
    }
}

/// The 200 cell pointers of the 2021 format, from the model's cell table.
fn cell_pointers() -> impl Iterator<Item = &'static str> {
    xxgk_model::CELLS.iter().map(|c| c.pointer)
}

/// What a one-line round trip read, against the published numbers.
#[derive(Default)]
struct Tally {
    /// Cells read, per table (表二, 表三, 表四).
    read: [usize; 3],
    /// Cells published, per table.
    published: [usize; 3],
    /// Cells read wrong, per table, when counted ([`Tally::counting`]) rather than failed on.
    wrong: [usize; 3],
    /// Whether a misread cell is counted (a measurement) rather than failing the test.
    counting: bool,
}

impl Tally {
    /// A tally that counts misread cells instead of failing on the first.
    fn counting() -> Self {
        Self {
            counting: true,
            ..Self::default()
        }
    }

    /// The share of published cells of table `k` read, in percent.
    fn share(&self, k: usize) -> f64 {
        100.0 * self.read[k] as f64 / self.published[k] as f64
    }
}

fn table_of(pointer: &str) -> usize {
    TABLES
        .iter()
        .position(|t| pointer.starts_with(&format!("/{t}/")))
        .unwrap_or(0)
}

/// Extracts a one-line rendering of `published` and requires: every section found, every cell
/// read equal to the published one, every cell not read explained by a problem on it, and every
/// identity the published numbers break reported by the checker when its cells were read.
fn one_line_round_trip(
    published: &Value,
    seed: u64,
    tally: &mut Tally,
) -> Result<(), TestCaseError> {
    one_line_round_trip_as(OneLine::Glued, published, seed, tally)
}

/// The one-line pages of `xxgk_render`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OneLine {
    /// Cells concatenated (`xxgk_render::one_line`).
    Glued,
    /// （六）其他处理 printed as one row (`xxgk_render::one_line_merged_other`).
    MergedOther,
    /// Cells separated by whitespace (`xxgk_render::one_line_spaced`).
    Spaced,
    /// Cells between cell marks, Markdown's or a crawler's (`xxgk_render::one_line_marked`).
    Marked,
}

/// [`one_line_round_trip`] on the page `page` prints; with （六） merged, the cells of the three
/// （六） rows the merged row does not tell are not counted as published.
fn one_line_round_trip_as(
    page: OneLine,
    published: &Value,
    seed: u64,
    tally: &mut Tally,
) -> Result<(), TestCaseError> {
    let merged_other = page == OneLine::MergedOther;
    let bytes = match page {
        OneLine::Glued => xxgk_render::one_line(&typed(published), seed),
        OneLine::MergedOther => xxgk_render::one_line_merged_other(&typed(published), seed),
        OneLine::Spaced => xxgk_render::one_line_spaced(&typed(published), seed),
        OneLine::Marked => xxgk_render::one_line_marked(&typed(published), seed),
    };
    let extraction = extract(&bytes, Some("report.txt"))
        .map_err(|e| TestCaseError::fail(format!("one-line: {e}")))?;
    let text = String::from_utf8_lossy(&bytes);
    prop_assert_eq!(extraction.edition, Edition::E2021, "{}", text);
    let sections: Vec<_> = extraction
        .problems
        .iter()
        .filter(|p| p.code == ProblemCode::SectionMissing)
        .collect();
    prop_assert!(sections.is_empty(), "{:#?}\n{}", sections, text);
    let mut misread = false;
    for pointer in cell_pointers() {
        let table = table_of(pointer);
        // A cell of the three （六） rows the merged row does not tell is not counted as printed.
        if !merged_other || merged_other_prints(published, pointer) {
            tally.published[table] += 1;
        }
        match extraction.report.pointer(pointer) {
            Some(read) if tally.counting && Some(read) != published.pointer(pointer) => {
                tally.wrong[table] += 1;
                misread = true;
                #[allow(clippy::print_stdout)] // the measurement shows what it counts
                {
                    println!(
                        "misread {pointer}: {read} for {:?} in\n{text}",
                        published.pointer(pointer)
                    );
                }
            }
            Some(read) => {
                prop_assert_eq!(
                    Some(read),
                    published.pointer(pointer),
                    "{} misread\n{}",
                    pointer,
                    text
                );
                tally.read[table] += 1;
            }
            None => prop_assert!(
                extraction
                    .problems
                    .iter()
                    .any(|p| p.pointer.as_deref() == Some(pointer)),
                "{} missing without a problem",
                pointer
            ),
        }
    }
    if misread {
        // Counted; a misread cell may hide a break, which is then not the checker's fault.
        return Ok(());
    }
    // Every identity the published numbers break, with all its cells read, is reported.
    static CHECKER: std::sync::OnceLock<xxgk_check::Checker> = std::sync::OnceLock::new();
    static CATALOGUE: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    let checker = CHECKER.get_or_init(|| xxgk_check::Checker::new().expect("the standard loads"));
    let catalogue = CATALOGUE.get_or_init(|| {
        Catalogue::from_json(xxgk_model::RULES_JSON).expect("the catalogue parses")
    });
    let diagnostics = checker.check_value(&extraction.report).diagnostics;
    for identity in catalogue.identities().expect("the catalogue expands") {
        let cells: Vec<&String> = identity.lhs.iter().chain(&identity.rhs).collect();
        let sum = |side: &[String], doc: &Value| -> Option<u64> {
            side.iter()
                .map(|p| doc.pointer(p).and_then(Value::as_u64))
                .sum()
        };
        let broken = sum(&identity.lhs, published) != sum(&identity.rhs, published);
        let all_read = cells.iter().all(|p| extraction.report.pointer(p).is_some());
        if broken && all_read {
            let reported = diagnostics.iter().any(|d| {
                d.rule == identity.rule.id
                    && (cells.contains(&&d.pointer) || d.related.iter().any(|r| cells.contains(&r)))
            });
            prop_assert!(
                reported,
                "{} {:?} broken but not reported",
                identity.rule.id,
                identity.bindings
            );
        }
    }
    Ok(())
}

/// What the prose of a one-line report says of 表四, drawn by `seed`.
fn prose_of(seed: u64) -> CaseProse {
    CaseProse::ALL[(seed % CaseProse::ALL.len() as u64) as usize]
}

/// A changed cell of 表三 or 表四 (by `pick`), as real reports have: the report's own numbers
/// then break the identities over that cell. The cell is lowered by `delta` when `lower` and it
/// stays a count, raised by `delta` otherwise.
fn with_one_cell_changed(report: &Value, pick: usize, delta: u64, lower: bool) -> Value {
    let mut report = report.clone();
    let cells: Vec<&str> = cell_pointers()
        .filter(|p| !p.starts_with("/active_disclosure"))
        .collect();
    let pointer = cells[pick % cells.len()];
    figures::change_count(&mut report, pointer, delta, lower);
    report
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn one_line(f in figures_of(real_count), seed in any::<u64>()) {
        let published = report(&f);
        let published = with_case_prose(&published, &published, prose_of(seed), seed);
        one_line_round_trip(&published, seed, &mut Tally::default())?;
    }

    #[test]
    fn one_line_breaking_an_identity(
        f in figures_of(real_count),
        seed in any::<u64>(),
        pick in any::<usize>(),
        delta in 1u64..20,
    ) {
        let original = report(&f);
        let changed = with_one_cell_changed(&original, pick, delta, pick.is_multiple_of(2));
        // The prose states the figures as printed, or as they were before the misprint.
        let stated = if seed.is_multiple_of(2) { &changed } else { &original };
        let published = with_case_prose(&changed, stated, prose_of(seed / 2), seed);
        one_line_round_trip(&published, seed, &mut Tally::default())?;
    }

    #[test]
    fn one_line_spaced(f in figures_of(real_count), seed in any::<u64>()) {
        let published = report(&f);
        let published = with_case_prose(&published, &published, prose_of(seed), seed);
        one_line_round_trip_as(OneLine::Spaced, &published, seed, &mut Tally::default())?;
    }

    #[test]
    fn one_line_spaced_breaking_an_identity(
        f in figures_of(real_count),
        seed in any::<u64>(),
        pick in any::<usize>(),
        delta in 1u64..20,
    ) {
        let original = report(&f);
        let changed = with_one_cell_changed(&original, pick, delta, pick.is_multiple_of(2));
        let stated = if seed.is_multiple_of(2) { &changed } else { &original };
        let changed = with_case_prose(&changed, stated, prose_of(seed / 2), seed);
        one_line_round_trip_as(OneLine::Spaced, &changed, seed, &mut Tally::default())?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn one_line_marked(f in figures_of(real_count), seed in any::<u64>()) {
        let published = report(&f);
        let published = with_case_prose(&published, &published, prose_of(seed), seed);
        one_line_round_trip_as(OneLine::Marked, &published, seed, &mut Tally::default())?;
    }

    #[test]
    fn one_line_marked_breaking_an_identity(
        f in figures_of(real_count),
        seed in any::<u64>(),
        pick in any::<usize>(),
        delta in 1u64..20,
    ) {
        let original = report(&f);
        let changed = with_one_cell_changed(&original, pick, delta, pick.is_multiple_of(2));
        one_line_round_trip_as(OneLine::Marked, &changed, seed, &mut Tally::default())?;
    }
}

/// A page on one line whose tables keep their cell marks (a Markdown table, a crawler's ` |`
/// after each cell) separates every cell: over 300 drawn reports, consistent and with one cell
/// changed, every cell of the three tables is read, as printed (表二 40%, 表三 and 表四 none
/// before the marks were read as the cell boundaries they are: taken for text, they cut every
/// run short).
#[test]
#[allow(clippy::print_stdout)] // the shares are what the test reports
fn one_line_with_cell_marks_reads_every_cell() {
    let (mut consistent, mut changed) = (Tally::default(), Tally::default());
    for (k, report) in drawn_reports(300).iter().enumerate() {
        let seed = k as u64;
        one_line_round_trip_as(OneLine::Marked, report, seed, &mut consistent)
            .unwrap_or_else(|e| panic!("{e}"));
        let pick = k * 7919;
        let broken = with_one_cell_changed(report, pick, 1 + seed % 9, pick.is_multiple_of(2));
        one_line_round_trip_as(OneLine::Marked, &broken, seed, &mut changed)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    for (name, t) in [("consistent", &consistent), ("one cell changed", &changed)] {
        println!(
            "one-line, cell marks, {name}: 表二 {:.2}%, 表三 {:.2}%, 表四 {:.2}% of cells read",
            t.share(0),
            t.share(1),
            t.share(2)
        );
        assert_eq!(t.read, t.published, "{name}");
    }
}

/// `text` as a crawler that stripped a page's tags but not its character references leaves it:
/// every space (of the kinds pages print), tab and curly quote written as a reference, in one of
/// its spellings (named, decimal, hexadecimal) drawn by `seed`, every `&` as `&amp;`.
fn with_character_references(text: &str, seed: u64) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for (k, c) in text.chars().enumerate() {
        let spelling = (seed as usize + k) % 3;
        let reference = match (c, spelling) {
            ('&', _) => "&amp;",
            (' ' | '\u{a0}', 0) => "&nbsp;",
            (' ' | '\u{a0}', 1) => "&#160;",
            (' ' | '\u{a0}', _) => "&#xA0;",
            ('\u{3000}', 0) => "&#12288;",
            ('\u{3000}', _) => "&#x3000;",
            ('\t', _) => "&#9;",
            ('“', _) => "&ldquo;",
            ('”', _) => "&rdquo;",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(reference);
    }
    out
}

/// Text pages whose spaces, tabs and quotes are character references (`规章&nbsp;&nbsp;0`: a
/// crawler stripped the tags of the page and left its references) read as the same pages
/// without them: over 100 drawn reports, in every text layout of a web page (HTML table text,
/// tab rows, Markdown, a cell a line) and on one line (cells glued or apart), every cell the
/// plain page reads is read the same, and no other (the real seeds' and reports' texts so
/// written read 0 to 185 of their 200 cells before the references were decoded).
#[test]
fn character_references_read_as_the_characters_they_stand_for() {
    for (k, report) in drawn_reports(100).iter().enumerate() {
        let seed = k as u64;
        let typed = typed(report);
        let pages = [
            Layout::OneCellPerLine,
            Layout::PipeCells,
            Layout::TabRows,
            Layout::Markdown,
        ]
        .map(|layout| (layout.name(), render(&typed, layout), layout.file_name()))
        .into_iter()
        .chain([
            (
                "one-line",
                xxgk_render::one_line(&typed, seed),
                "report.txt",
            ),
            (
                "one-line, cells spaced",
                xxgk_render::one_line_spaced(&typed, seed),
                "report.txt",
            ),
        ]);
        for (name, plain, file_name) in pages {
            let text = String::from_utf8(plain).expect("a UTF-8 layout");
            let referenced = with_character_references(&text, seed);
            let read = |text: &str| extract(text.as_bytes(), Some(file_name)).expect("extracts");
            let (plain, referenced) = (read(&text), read(&referenced));
            assert_same_cells(&referenced, &plain, &format!("{name}, report {k}"));
        }
    }
}

/// A digit other than those of `number` (a stale figure a page keeps out of sight).
fn stale_digit(number: &str, seed: u64) -> char {
    let last = number.bytes().last().map_or(0, |b| u64::from(b - b'0'));
    char::from(b'0' + u8::try_from((last + 1 + seed % 8) % 10).expect("a digit"))
}

/// An HTML page ([`Layout::Html`]) holding what a browser does not show, as published pages
/// do: a hidden digit before or after the number of one cell in three (`display:none`, Word's
/// `display:none; mso-hide:all`, `visibility:hidden` or the `hidden` attribute), a hidden cell after one row
/// label in four, a hidden stale copy of every other table (each digit another) and a hidden
/// heading of 表三 under the title.
fn with_unseen_html(page: &str, seed: u64) -> String {
    const HIDING: [&str; 4] = [
        "<span style=\"display:none\">",
        "<span style='DISPLAY: none; mso-hide: all'>",
        "<span style=\"visibility: hidden\">",
        "<span hidden>",
    ];
    let mut out = String::with_capacity(page.len() * 2);
    let mut rest = page;
    let mut k = seed as usize;
    while let Some(at) = rest.find("</td>") {
        let (before, after) = rest.split_at(at);
        let open = before.rfind('>').map_or(0, |gt| gt + 1);
        let (head, content) = before.split_at(open);
        k += 1;
        let hiding = HIDING[k % HIDING.len()];
        let number = !content.is_empty() && content.bytes().all(|b| b.is_ascii_digit());
        out.push_str(head);
        if number && k.is_multiple_of(3) {
            let digit = stale_digit(content, seed + k as u64);
            if k.is_multiple_of(2) {
                out.push_str(&format!("{content}{hiding}{digit}</span>"));
            } else {
                out.push_str(&format!("{hiding}{digit}</span>{content}"));
            }
        } else {
            out.push_str(content);
        }
        out.push_str("</td>");
        if !number && !content.is_empty() && k.is_multiple_of(4) {
            out.push_str("<td style=\"display: none\">9</td>");
        }
        rest = &after["</td>".len()..];
    }
    out.push_str(rest);
    let mut page = String::with_capacity(out.len() * 2);
    let mut rest = out.as_str();
    for t in 0.. {
        let Some(start) = rest.find("<table") else {
            break;
        };
        let end = rest[start..]
            .find("</table>")
            .map_or(rest.len(), |e| start + e + 8);
        page.push_str(&rest[..start]);
        if (seed + t).is_multiple_of(2) {
            let stale: String = rest[start..end]
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) => char::from_digit((d + 3) % 10, 10).unwrap_or(c),
                    None => c,
                })
                .collect();
            page.push_str(&format!("<div style=\"display: none\">{stale}</div>\n"));
        }
        page.push_str(&rest[start..end]);
        rest = &rest[end..];
    }
    page.push_str(rest);
    page.replacen(
        "</h1>",
        "</h1>\n<p hidden>三、收到和处理政府信息公开申请情况</p>",
        1,
    )
}

/// A DOCX's `word/document.xml` ([`Layout::Docx`]) holding what Word does not show: beside
/// the number of three cells in four, a hidden run (`w:vanish`), text a tracked change deleted
/// (`w:del`) or moved away (`w:moveFrom`), each a stale digit; and a hidden paragraph of 表三's
/// heading under the title.
fn with_unseen_docx(xml: &str, seed: u64) -> String {
    const OPEN: &str = "<w:p><w:r><w:t xml:space=\"preserve\">";
    const CLOSE: &str = "</w:t></w:r></w:p>";
    let mut out = String::with_capacity(xml.len() * 2);
    let mut rest = xml;
    let mut k = seed as usize;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let body = &rest[at + OPEN.len()..];
        let Some(end) = body.find(CLOSE) else {
            rest = &rest[at..];
            break;
        };
        let content = &body[..end];
        k += 1;
        let digit = stale_digit(content, seed + k as u64);
        let number = !content.is_empty() && content.bytes().all(|b| b.is_ascii_digit());
        let shown = format!("<w:r><w:t xml:space=\"preserve\">{content}</w:t></w:r>");
        let unseen = match k % 4 {
            _ if !number => String::new(),
            0 => format!("<w:r><w:rPr><w:vanish/></w:rPr><w:t>{digit}</w:t></w:r>"),
            1 => format!(
                "<w:del w:id=\"{k}\" w:author=\"a\"><w:r><w:delText>{digit}</w:delText></w:r></w:del>"
            ),
            2 => format!("<w:moveFrom w:id=\"{k}\"><w:r><w:t>{digit}</w:t></w:r></w:moveFrom>"),
            _ => String::new(),
        };
        if k.is_multiple_of(2) {
            out.push_str(&format!("<w:p>{shown}{unseen}</w:p>"));
        } else {
            out.push_str(&format!("<w:p>{unseen}{shown}</w:p>"));
        }
        if out.matches("<w:p>").count() == 1 {
            out.push_str(
                "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>三、收到和处理政府信息公开申请情况</w:t></w:r></w:p>",
            );
        }
        rest = &body[end + CLOSE.len()..];
    }
    out.push_str(rest);
    out
}

/// Asserts that `read` reads every table cell as `plain` does (`context` names the page).
fn assert_same_cells(read: &Extraction, plain: &Extraction, context: &str) {
    for pointer in cell_pointers() {
        assert_eq!(
            read.report.pointer(pointer),
            plain.report.pointer(pointer),
            "{context}: {pointer}"
        );
    }
}

/// Pages holding what their reader never sees read as the same pages without it: over 100
/// drawn reports, an HTML page with hidden digits, cells, stale tables and headings
/// ([`with_unseen_html`]) and a DOCX with hidden runs and tracked deletions and moves
/// ([`with_unseen_docx`]) read every cell as the plain page does, with the same problems (a
/// hidden digit read would make `80` 807; a stale table or heading read, cells conflict).
#[test]
fn what_the_reader_of_a_page_does_not_see_is_not_read() {
    let problems = |e: &Extraction| -> Vec<(ProblemCode, Option<String>)> {
        e.problems
            .iter()
            .map(|p| (p.code, p.pointer.clone()))
            .collect()
    };
    for (k, report) in drawn_reports(100).iter().enumerate() {
        let seed = k as u64;
        let typed = typed(report);
        let html = String::from_utf8(render(&typed, Layout::Html)).expect("UTF-8 HTML");
        let docx = render(&typed, Layout::Docx);
        let unseen_docx =
            with_document_xml(&docx, |xml| Some(with_unseen_docx(xml, seed))).expect("a DOCX");
        let pages = [
            (
                "html",
                html.as_bytes().to_vec(),
                with_unseen_html(&html, seed).into_bytes(),
            ),
            ("docx", docx, unseen_docx),
        ];
        for (name, plain, unseen) in pages {
            let file_name = format!("report.{name}");
            let read = |bytes: &[u8]| extract(bytes, Some(&file_name)).expect("extracts");
            let (plain, unseen) = (read(&plain), read(&unseen));
            assert_same_cells(&unseen, &plain, &format!("{name}, report {k}"));
            assert_eq!(problems(&unseen), problems(&plain), "{name}, report {k}");
        }
    }
}

/// An amount of 万元 in 元, exactly: the decimal point moved four places (`96171.6` is
/// `961716000`).
fn in_yuan(wan_yuan: &str) -> String {
    let (integer, fraction) = wan_yuan.split_once('.').unwrap_or((wan_yuan, ""));
    let digits = format!("{integer}{fraction:0<4}");
    let (whole, rest) = digits.split_at(integer.len() + 4);
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    if rest.is_empty() {
        whole.to_owned()
    } else {
        format!("{whole}.{rest}")
    }
}

/// A number of a table printed with its unit, as clerks type them: a count with `件`, apart
/// (`12 件`) or not (`12件`), drawn by `k`; an amount (a number with a fraction) in 万元, apart,
/// or in 元 (`961716000 元`, converted exactly).
fn with_unit(number: &str, k: usize) -> String {
    let apart = if k.is_multiple_of(2) { " " } else { "" };
    if number.contains('.') {
        if k.is_multiple_of(3) {
            format!("{}{apart}元", in_yuan(number))
        } else {
            format!("{number}{apart}万元")
        }
    } else {
        format!("{number}{apart}件")
    }
}

/// A page's table numbers printed with their units ([`with_unit`]): in HTML and DOCX each
/// cell holding a number alone; in text, each number standing alone between whitespace or
/// cell marks on a line of the layout's table rows (prose and page footers keep theirs).
fn with_units(page: &str, layout: Layout, seed: u64) -> String {
    let mut k = seed as usize;
    let mut unit_after = |number: &str| {
        k += 1;
        with_unit(number, k)
    };
    let is_number = |s: &str| {
        !s.is_empty()
            && s.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && s.bytes().next().is_some_and(|b| b.is_ascii_digit())
            && s.bytes().last().is_some_and(|b| b.is_ascii_digit())
    };
    if matches!(layout, Layout::Html | Layout::Docx) {
        // `>N<`: a cell's text, or a run's, holding a number alone.
        let mut out = String::with_capacity(page.len() * 2);
        let mut pieces = page.split('<').peekable();
        while let Some(piece) = pieces.next() {
            match piece.rsplit_once('>') {
                Some((tag, text)) if is_number(text) => {
                    out.push_str(tag);
                    out.push('>');
                    out.push_str(&unit_after(text));
                }
                _ => out.push_str(piece),
            }
            if pieces.peek().is_some() {
                out.push('<');
            }
        }
        return out;
    }
    let mut out = String::with_capacity(page.len() * 2);
    for line in page.split_inclusive('\n') {
        let row = match layout {
            Layout::Markdown => line.starts_with('|') && !line.contains("---"),
            Layout::TabRows => line.contains('\t'),
            Layout::OneCellPerLine => line.starts_with('\t'),
            Layout::PipeCells => line.trim_end().ends_with(" |"),
            _ => line.contains("   ") && !line.trim().starts_with('-'),
        };
        if !row {
            out.push_str(line);
            continue;
        }
        let mut token = String::new();
        for c in line.chars() {
            if c.is_whitespace() || c == '|' {
                if is_number(&token) {
                    out.push_str(&unit_after(&token));
                } else {
                    out.push_str(&token);
                }
                token.clear();
                out.push(c);
            } else {
                token.push(c);
            }
        }
        out.push_str(&token);
    }
    out
}

/// Tables whose numbers carry their units (`12 件`, `12件`, `96171.6 万元`, the fee in 元
/// converted exactly) read as the same pages without them: over 100 drawn reports in every
/// layout with cells (HTML, DOCX, Markdown, tab rows, a cell a line, HTML table text,
/// `pdftotext -layout`), every cell the plain page reads is read the same. A unit apart from
/// its number was a label word: a row so printed read none of its cells (0 of 200 in the
/// text layouts), and an amount in 元 was read as that many 万元.
#[test]
fn numbers_printed_with_their_units_read_as_the_numbers() {
    let layouts = [
        Layout::Html,
        Layout::Docx,
        Layout::Markdown,
        Layout::TabRows,
        Layout::OneCellPerLine,
        Layout::PipeCells,
        Layout::SpaceAligned,
    ];
    for (k, report) in drawn_reports(100).iter().enumerate() {
        let seed = k as u64;
        let typed = typed(report);
        for layout in layouts {
            let plain = render(&typed, layout);
            let units = if layout == Layout::Docx {
                with_document_xml(&plain, |xml| Some(with_units(xml, layout, seed)))
                    .expect("a DOCX")
            } else {
                let text = String::from_utf8(plain.clone()).expect("UTF-8");
                with_units(&text, layout, seed).into_bytes()
            };
            let read = |bytes: &[u8]| extract(bytes, Some(layout.file_name())).expect("extracts");
            let (plain, units) = (read(&plain), read(&units));
            // An amount converted from 元 keeps no trailing zero: 57762.0 reads 57762.
            let amount = |value: Option<&Value>| match value {
                Some(Value::String(s)) if s.contains('.') => {
                    Some(json!(s.trim_end_matches('0').trim_end_matches('.')))
                }
                other => other.cloned(),
            };
            for pointer in cell_pointers() {
                assert_eq!(
                    amount(units.report.pointer(pointer)),
                    amount(plain.report.pointer(pointer)),
                    "{layout:?}, report {k}: {pointer}"
                );
            }
        }
    }
}

/// 表三 as `pdftotext -layout` prints a table whose number columns are `width` characters
/// narrow: a number wider wraps over lines in its cell (`1288` two wide is `12` over `88`), the
/// row as tall as its tallest cell. `centred`, each cell's lines are centred in its row, its
/// label and its cells of one line on its middle line (a browser's and many a template's
/// vertically centred cells: for 109 one wide, `1` on the line above the row's line, `0` on it
/// among the other cells, `9` below); else they hang from its top (Word's default). With
/// `label_width`, the labels wrap too, in a column that many characters wide, centred or hung
/// alike (`8.属于行政查询事  10  10` over `0 0 0 0 0` over `项  5  5`, as a large type prints
/// them).
fn tall_rows_of_table_three(
    report: &Value,
    width: usize,
    centred: bool,
    label_width: Option<usize>,
) -> String {
    let rows: Vec<(&str, Vec<String>)> = xxgk_model::CELLS
        .iter()
        .filter(|c| c.table == "表三")
        .filter_map(|c| {
            let row = c.pointer.strip_suffix("/natural_person")?;
            let label = *c.labels_zh.get(c.labels_zh.len().checked_sub(2)?)?;
            let numbers = xxgk_model::CELLS
                .iter()
                .filter(|d| d.pointer.rsplit_once('/').map(|(r, _)| r) == Some(row))
                .map(|d| {
                    report
                        .pointer(d.pointer)
                        .map(Value::to_string)
                        .unwrap_or_default()
                })
                .collect();
            Some((label, numbers))
        })
        .collect();
    let label_width = label_width.unwrap_or_else(|| {
        rows.iter()
            .map(|(label, _)| label.chars().count())
            .max()
            .unwrap_or(0)
    }) + 2;
    let mut out = format!(
        "{:label_width$}自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n",
        ""
    );
    for (label, numbers) in rows {
        let pieces: Vec<Vec<String>> = numbers
            .iter()
            .map(|n| {
                let chars: Vec<char> = n.chars().collect();
                chars.chunks(width).map(|c| c.iter().collect()).collect()
            })
            .collect();
        let label_chars: Vec<char> = label.chars().collect();
        let label_lines: Vec<String> = label_chars
            .chunks(label_width - 2)
            .map(|c| c.iter().collect())
            .collect();
        let height = pieces
            .iter()
            .map(Vec::len)
            .chain([label_lines.len()])
            .max()
            .unwrap_or(1)
            .max(1);
        let offset = |lines: usize| if centred { (height - lines) / 2 } else { 0 };
        for line in 0..height {
            let mut text = line
                .checked_sub(offset(label_lines.len()))
                .and_then(|k| label_lines.get(k))
                .cloned()
                .unwrap_or_default();
            let pad = label_width.saturating_sub(text.chars().count());
            text.push_str(&" ".repeat(pad));
            for cell in &pieces {
                let piece = line
                    .checked_sub(offset(cell.len()))
                    .and_then(|k| cell.get(k))
                    .map_or("", String::as_str);
                text.push_str(&format!("{piece:width$}  "));
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
    }
    out
}

/// `text` as pdfplumber's `extract_text()` prints a page: the words of a line one space apart,
/// whatever the gap between them, and no line of spaces alone. No column is kept.
fn without_columns(text: &str) -> String {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The page with the lines of 表三 (from its section heading to the next) replaced by `table`.
fn with_table_three(page: &str, table: &str) -> String {
    let lines: Vec<&str> = page.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("三、收到和处理政府信息公开申请情况"));
    // Not `四、结转下年度继续办理`, 表三's last row.
    let end = lines
        .iter()
        .position(|l| l.starts_with("四、政府信息公开行政复议"));
    let (Some(start), Some(end)) = (start, end) else {
        return page.to_owned();
    };
    let mut out: Vec<&str> = lines.get(..=start).unwrap_or_default().to_vec();
    out.extend(table.lines());
    out.extend(lines.get(end..).unwrap_or_default());
    out.join("\n")
}

/// 表三 printed with narrow columns whose numbers wrap over lines in tall rows
/// ([`tall_rows_of_table_three`]), centred or hung from the top, over 200 reports of real
/// counts (mostly zeros and small numbers) and columns one to three characters wide: no cell is
/// read wrong and every cell not read is explained. Read as printed, a row took a number's
/// piece for the number, its 总计 wrapped alike and as likely to hold (109 read 0 between `1`
/// and `9`; 1288 read 1 over `2`, `8`, `8`). With columns wide enough for every number, every
/// cell of 表三 is read, of these reports and of 200 drawn with counts of any size. The same
/// pages with each line's words one space apart (pdfplumber's `extract_text()`, no column
/// kept, [`without_columns`]) read none wrong either: a row of one line took the pieces beside
/// it for its numbers (`三、 （一）予以公开 1 21 0 0 50 3 1` over `本年 2 3`), and a row's
/// line the bottoms of its wrapped numbers beside the next line's piece of label.
#[test]
#[allow(clippy::print_stdout)] // the shares read are what the test reports
fn tall_rows_of_narrow_columns_read_no_wrong_cell() {
    let table_three: Vec<&str> = xxgk_model::CELLS
        .iter()
        .filter(|c| c.table == "表三")
        .map(|c| c.pointer)
        .collect();
    let (real, any) = (drawn_real_reports(200), drawn_reports(200));
    let cases = [
        (&real, "real counts", 1, None),
        (&real, "real counts", 2, None),
        (&real, "real counts", 3, None),
        (&real, "real counts", 9, None),
        (&any, "counts of any size", 9, None),
        (&real, "real counts", 2, Some(8)),
        (&real, "real counts", 3, Some(6)),
    ];
    for (centred, unaligned) in [(true, false), (false, false), (true, true), (false, true)] {
        for (reports, counts, width, label_width) in cases {
            let mut read = 0;
            for (k, report) in reports.iter().enumerate() {
                let page =
                    String::from_utf8(render(&typed(report), Layout::SpaceAligned)).expect("UTF-8");
                let table = tall_rows_of_table_three(report, width, centred, label_width);
                let text = with_table_three(&page, &table);
                let text = if unaligned {
                    without_columns(&text)
                } else {
                    text
                };
                let extraction = extract(text.as_bytes(), Some("report.txt")).expect("extracts");
                let score = score(&extraction, report);
                assert!(
                    score.wrong.is_empty() && score.unexplained.is_empty(),
                    "report {k} of {counts}, columns {width} wide, centred {centred}, unaligned {unaligned}: {:?} {:?}\n{text}",
                    score.wrong,
                    score.unexplained
                );
                let right = table_three
                    .iter()
                    .filter(|p| extraction.report.pointer(p) == report.pointer(p))
                    .count();
                if width == 9 {
                    assert_eq!(right, table_three.len(), "report {k} of {counts}\n{text}");
                }
                read += right;
            }
            let labels = label_width.map_or_else(String::new, |w| format!(", labels {w} wide"));
            let spaced = if unaligned { ", one space apart" } else { "" };
            println!(
                "tall rows of {counts}, columns {width} wide{labels}, centred {centred}{spaced}: 表三 {read}/{} cells right, 0 wrong",
                reports.len() * table_three.len()
            );
        }
    }
}

/// A Markdown page as a PDF-to-Markdown converter writes text set in a bold font: every table
/// row's label, and in one row of four (drawn by `seed`) every cell, wrapped in `**`.
fn with_bold_cells(markdown: &str, seed: u64) -> String {
    let mut out = String::with_capacity(markdown.len() * 2);
    for (k, line) in markdown.lines().enumerate() {
        let row = line.starts_with('|') && !line.starts_with("|---") && !line.starts_with("| ---");
        if !row {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let all = (seed as usize + k).is_multiple_of(4);
        let cells: Vec<String> = line
            .trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .enumerate()
            .map(|(i, cell)| {
                if !cell.is_empty() && (all || i == 0) {
                    format!("**{cell}**")
                } else {
                    cell.to_owned()
                }
            })
            .collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// Markdown whose cells are bold (`| **（七）总计** | **299** | … |`: pymupdf4llm, marker and
/// docling mark text set in a bold font so) reads as the same page without the marks: over 100
/// drawn reports, every cell the plain page reads is read the same (a bold number was read as
/// text, its row left unread, before the marks were dropped).
#[test]
fn bold_cells_read_as_the_cells_they_mark() {
    for (k, report) in drawn_reports(100).iter().enumerate() {
        let plain = String::from_utf8(render(&typed(report), Layout::Markdown)).expect("UTF-8");
        let bold = with_bold_cells(&plain, k as u64);
        assert!(bold.contains("| **"), "report {k}: cells made bold");
        let read = |text: &str| extract(text.as_bytes(), Some("report.md")).expect("extracts");
        let (plain, bold) = (read(&plain), read(&bold));
        assert_same_cells(&bold, &plain, &format!("report {k}"));
    }
}

/// How [`as_grid_tables`] draws its rules and aligns its cells.
#[derive(Clone, Copy, PartialEq, Eq)]
enum GridStyle {
    /// pandoc's reStructuredText and Markdown grid tables: `+---+`, the header ruled off with
    /// `+===+`, cells aligned left.
    Pandoc,
    /// Python `tabulate`'s `grid`: pandoc's rules, numbers aligned right.
    Tabulate,
    /// `w3m -dump`'s boxes: `┌──┬──┐`, `│`, `├──┼──┤`, `└──┴──┘`.
    W3m,
}

/// A Markdown page with every pipe table printed as a grid table whose columns are narrow
/// (widths drawn by `seed`: a label column 4 to 15 terminal columns, a number column 1 to 4),
/// each cell's text wrapped over as many lines as it needs inside its column: a label broken
/// between its characters, a number between its digits (`3` over `001`), as pandoc, `tabulate`
/// and `w3m` print tables narrower than their text.
fn as_grid_tables(markdown: &str, seed: u64) -> String {
    let style = match seed % 3 {
        0 => GridStyle::Pandoc,
        1 => GridStyle::Tabulate,
        _ => GridStyle::W3m,
    };
    let width_of = |c: char| if c.is_ascii() { 1 } else { 2 };
    let mut out = String::with_capacity(markdown.len() * 4);
    let lines: Vec<&str> = markdown.lines().collect();
    let mut k = 0;
    while k < lines.len() {
        let table: Vec<&str> = lines
            .iter()
            .skip(k)
            .take_while(|l| l.starts_with('|'))
            .copied()
            .collect();
        if table.is_empty() {
            out.push_str(lines.get(k).copied().unwrap_or_default());
            out.push('\n');
            k += 1;
            continue;
        }
        k += table.len();
        let rows: Vec<Vec<String>> = table
            .iter()
            .filter(|l| !l.starts_with("|---"))
            .map(|l| {
                l.trim()
                    .trim_matches('|')
                    .split('|')
                    .map(|c| c.trim().to_owned())
                    .collect()
            })
            .collect();
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        // A column of numbers under a few header cells.
        let numeric = |column: usize| {
            let cells = rows
                .iter()
                .filter_map(|r| r.get(column))
                .filter(|c| !c.is_empty());
            let (numbers, text): (Vec<&String>, Vec<&String>) =
                cells.partition(|c| c.chars().all(|ch| ch.is_ascii_digit() || ch == '.'));
            numbers.len() > text.len()
        };
        let widths: Vec<usize> = (0..columns)
            .map(|column| {
                let draw = (seed as usize / 3)
                    .wrapping_mul(31)
                    .wrapping_add(column * 17);
                if numeric(column) {
                    1 + draw % 4
                } else {
                    4 + draw % 12
                }
            })
            .collect();
        let rule = |left: &str, fill: &str, cross: &str, right: &str| {
            let segments: Vec<String> = widths.iter().map(|w| fill.repeat(w + 2)).collect();
            format!("{left}{}{right}\n", segments.join(cross))
        };
        let (top, header, between, bottom, bar) = match style {
            GridStyle::Pandoc | GridStyle::Tabulate => (
                rule("+", "-", "+", "+"),
                rule("+", "=", "+", "+"),
                rule("+", "-", "+", "+"),
                rule("+", "-", "+", "+"),
                "|",
            ),
            GridStyle::W3m => (
                rule("┌", "─", "┬", "┐"),
                rule("├", "─", "┼", "┤"),
                rule("├", "─", "┼", "┤"),
                rule("└", "─", "┴", "┘"),
                "│",
            ),
        };
        out.push_str(&top);
        for (r, row) in rows.iter().enumerate() {
            // Each cell's text in pieces no wider than its column, a character at the least.
            let pieces: Vec<Vec<String>> = (0..columns)
                .map(|column| {
                    let width = widths.get(column).copied().unwrap_or(1);
                    let mut cell_lines: Vec<String> = Vec::new();
                    let mut line = String::new();
                    for c in row.get(column).map_or("", String::as_str).chars() {
                        let used: usize = line.chars().map(width_of).sum();
                        if !line.is_empty() && used + width_of(c) > width {
                            cell_lines.push(std::mem::take(&mut line));
                        }
                        line.push(c);
                    }
                    cell_lines.push(line);
                    cell_lines
                })
                .collect();
            let height = pieces.iter().map(Vec::len).max().unwrap_or(1);
            for l in 0..height {
                let cells: Vec<String> = pieces
                    .iter()
                    .enumerate()
                    .map(|(column, cell)| {
                        let text = cell.get(l).map_or("", String::as_str);
                        let width = widths.get(column).copied().unwrap_or(1);
                        let pad =
                            " ".repeat(width.saturating_sub(text.chars().map(width_of).sum()));
                        if style == GridStyle::Tabulate && numeric(column) && r > 0 {
                            format!(" {pad}{text} ")
                        } else {
                            format!(" {text}{pad} ")
                        }
                    })
                    .collect();
                out.push_str(&format!("{bar}{}{bar}\n", cells.join(bar)));
            }
            out.push_str(if r + 1 == rows.len() {
                &bottom
            } else if r == 0 {
                &header
            } else {
                &between
            });
        }
    }
    out
}

/// Markdown whose tables are grid tables with narrow columns, their labels and numbers wrapped
/// over the lines of their cells ([`as_grid_tables`]: pandoc's reStructuredText, `tabulate`'s
/// grid, `w3m`'s boxes), reads as the same page with pipe tables: over 150 drawn reports, every
/// cell the pipe tables read is read the same. Read line by line, a number wrapped over its
/// cell's lines lost its cell, and the rows' labels their rows (pandoc's reStructuredText of
/// 淮安's DOCX read 136 of 200 cells so).
#[test]
fn grid_tables_with_wrapped_cells_read_as_their_pipe_tables() {
    assert_tables_read_as_their_pipe_tables("grid tables", as_grid_tables);
}

/// Over 150 drawn reports, each Markdown page with its pipe tables rewritten by `rewrite` (with
/// the report's number as its seed) reads every cell the pipe tables read, the same, and
/// reads them nearly all.
fn assert_tables_read_as_their_pipe_tables(kind: &str, rewrite: fn(&str, u64) -> String) {
    let mut read = 0;
    for (k, report) in drawn_reports(150).iter().enumerate() {
        let pipes = String::from_utf8(render(&typed(report), Layout::Markdown)).expect("UTF-8");
        let rewritten = rewrite(&pipes, k as u64);
        let extracted =
            |text: &str| extract(text.as_bytes(), Some("report.txt")).expect("extracts");
        let (pipes, rewritten) = (extracted(&pipes), extracted(&rewritten));
        assert_same_cells(&rewritten, &pipes, &format!("{kind}, report {k}"));
        read += cell_pointers()
            .filter(|pointer| rewritten.report.pointer(pointer).is_some())
            .count();
    }
    assert!(read >= 150 * 199, "{read} cells read from {kind}");
}

/// A Markdown page with every pipe table written as comma-separated rows, as a script writes
/// the tables tabula, camelot or pdfplumber take out of a PDF (drawn by `seed`: fields quoted
/// only where they hold a comma, a quote or a line break, as Python's `csv` writes them, or
/// every field quoted; or fields padded after their commas), numbers of four digits or more
/// written with thousands separators in one report of three (`"1,032"`, quoted as a comma
/// requires), and in one of two every label broken over lines of six characters inside its
/// quotes (a wrapped cell's lines kept).
fn as_comma_separated_tables(markdown: &str, seed: u64) -> String {
    let quote_all = seed % 3 == 1;
    let padded = seed % 3 == 2;
    let separators = seed.is_multiple_of(3);
    // A cell's lines kept, as `csv.writer` writes a PDF table's wrapped labels.
    let wrapped_labels = (seed / 3) % 2 == 1;
    let field = |cell: &str| -> String {
        let cell = if wrapped_labels && !cell.chars().all(|c| c.is_ascii_digit()) {
            let chars: Vec<char> = cell.chars().collect();
            chars
                .chunks(6)
                .map(|piece| piece.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            cell.to_owned()
        };
        let cell = if separators && cell.len() >= 4 && cell.chars().all(|c| c.is_ascii_digit()) {
            let digits: Vec<char> = cell.chars().collect();
            let mut grouped = String::new();
            for (k, c) in digits.iter().enumerate() {
                if k > 0 && (digits.len() - k).is_multiple_of(3) {
                    grouped.push(',');
                }
                grouped.push(*c);
            }
            grouped
        } else {
            cell.to_owned()
        };
        if quote_all || cell.contains([',', '"', '\n']) {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell
        }
    };
    let mut out = String::with_capacity(markdown.len() * 2);
    for line in markdown.lines() {
        if line.starts_with("|---") {
            continue;
        }
        if line.starts_with('|') {
            let fields: Vec<String> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(|c| field(c.trim()))
                .collect();
            out.push_str(&fields.join(if padded { ", " } else { "," }));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// Markdown whose tables are comma-separated rows ([`as_comma_separated_tables`]) reads as the
/// same page with pipe tables: over 150 drawn reports, every cell the pipe tables read is read
/// the same. Only ASCII commas part a row, only outside quotes; read as text, such a table's
/// rows were one token each and no cell was read (tables pdfplumber took out of the three real
/// PDFs, written so: 0 of 200 cells read before, 200 after).
#[test]
fn comma_separated_tables_read_as_their_pipe_tables() {
    assert_tables_read_as_their_pipe_tables("comma-separated rows", as_comma_separated_tables);
}

/// A draw of `one_line` that read a wrong cell: prose misstating 行政诉讼's 其他 as 150 (the
/// table's 151) agreed with the split `40 5 54 1 100` of 未经复议直接起诉's `4 0 55 41 100`.
#[test]
fn one_line_misstated_prose_picks_no_split() {
    let f = Figures {
        active: [0; 9],
        fee: (0, String::new()),
        parties: [[0; 23]; 6],
        cases: [[0, 0, 0, 3], [4, 0, 55, 41], [6, 0, 96, 0]],
    };
    let seed = 4_510_891_224_212_671_010;
    assert_eq!(prose_of(seed), CaseProse::Misstated);
    let published = report(&f);
    let published = with_case_prose(&published, &published, prose_of(seed), seed);
    for page in [OneLine::Glued, OneLine::Spaced] {
        one_line_round_trip_as(page, &published, seed, &mut Tally::default()).unwrap();
    }
}

/// The share of cells the one-line layout recovers over 1,000 random consistent reports (and as
/// many broken ones), printed; at least 97% of 表三 on consistent reports, and what is measured of
/// 表三 on the broken ones.
#[test]
#[allow(clippy::print_stdout)] // the shares are what the test reports
fn one_line_recovers_the_cells() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut consistent, mut inconsistent) = (Tally::default(), Tally::default());
    for seed in 0..1_000u64 {
        let f = figures_of(real_count)
            .new_tree(&mut runner)
            .expect("figures")
            .current();
        let original = report(&f);
        let published = with_case_prose(&original, &original, prose_of(seed), seed);
        one_line_round_trip(&published, seed, &mut consistent).unwrap_or_else(|e| panic!("{e}"));
        let pick = seed as usize * 7919;
        let changed = with_one_cell_changed(&original, pick, 1 + seed % 9, pick.is_multiple_of(2));
        let stated = if seed.is_multiple_of(2) {
            &changed
        } else {
            &original
        };
        let changed = with_case_prose(&changed, stated, prose_of(seed / 2), seed);
        one_line_round_trip(&changed, seed, &mut inconsistent).unwrap_or_else(|e| panic!("{e}"));
    }
    let share = |t: &Tally, k: usize| 100.0 * t.read[k] as f64 / t.published[k] as f64;
    for (name, t) in [
        ("consistent", &consistent),
        ("one cell changed", &inconsistent),
    ] {
        println!(
            "one-line, {name}: 表二 {:.2}%, 表三 {:.2}%, 表四 {:.2}% of cells read",
            share(t, 0),
            share(t, 1),
            share(t, 2)
        );
    }
    // 表四's cells are read only where their splits hold without any one 总计 identity (see the
    // crate docs): a report breaking R4 prints the same digits as a consistent one, unless the
    // report's prose states figures that single out one split. 47.11% measured (47.25% before a
    // 表四 whose cells several splits read alike kept only those that every reading with a 0
    // printed blank reads alike too; 44.50% before
    // a 表四 that several splits satisfy had the cells they all read alike placed; 27.33% before
    // the prose was read).
    assert!(
        share(&consistent, 1) >= 97.0,
        "表三: {:.2}%",
        share(&consistent, 1)
    );
    assert!(
        share(&consistent, 2) >= 47.1,
        "表四: {:.2}%",
        share(&consistent, 2)
    );
    // A 表三 that breaks an identity is read by the others, or as printed with the one cell it
    // misprints (issue #9): 97.67% measured (95.96% before a misprinted row read as six numbers
    // and a blank was taken for a blank only where the whole table then reads consistently;
    // 94.64% before two misprinted rows were cut together; 77.69% before a misprinted row too long to list was read with its columns'
    // identities; 77.88% before a row read as misprinted was taken
    // back where a cell printed blank, which glued cells do not show, would explain its digits
    // too; 78.02% before a consistent split that a reading explained by one misprint
    // contradicts was left unread; 62.47% by the others alone).
    assert!(
        share(&inconsistent, 1) >= 97.66,
        "表三, one cell changed: {:.2}%",
        share(&inconsistent, 1)
    );
}

/// [`figures::report_2019`] typed: the 2019-edition report of drawn figures.
fn report_2019(f: &Figures) -> edition_2019::AnnualReport {
    serde_json::from_value(figures::report_2019(f)).expect("a valid 2019 report")
}

/// The cells of a 2019-format report, as pointers into its tables.
fn cells_2019(published: &Value) -> Vec<String> {
    fn walk(node: &Value, at: String, out: &mut Vec<String>) {
        match node {
            Value::Object(map) => {
                for (key, child) in map {
                    walk(child, format!("{at}/{key}"), out);
                }
            }
            _ => out.push(at),
        }
    }
    let mut out = Vec::new();
    for table in TABLES {
        walk(&published[table], format!("/{table}"), &mut out);
    }
    out
}

/// Renders a 2019-format report on one line and requires: the 2019 edition, every section, every
/// cell read equal to the published one, every cell not read explained.
fn one_line_2019_round_trip(
    report: &edition_2019::AnnualReport,
    seed: u64,
    tally: &mut Tally,
) -> Result<(), TestCaseError> {
    one_line_2019_round_trip_of(xxgk_render::one_line_2019(report, seed), report, tally)
}

/// [`one_line_2019_round_trip`] on the page `bytes` prints of `report`.
fn one_line_2019_round_trip_of(
    bytes: Vec<u8>,
    report: &edition_2019::AnnualReport,
    tally: &mut Tally,
) -> Result<(), TestCaseError> {
    let published = &serde_json::to_value(report).expect("serializes");
    let extraction = extract(&bytes, Some("report.txt"))
        .map_err(|e| TestCaseError::fail(format!("one-line 2019: {e}")))?;
    let text = String::from_utf8_lossy(&bytes);
    prop_assert_eq!(extraction.edition, Edition::E2019, "{}", text);
    prop_assert!(
        !extraction
            .problems
            .iter()
            .any(|p| p.code == ProblemCode::SectionMissing),
        "{}",
        text
    );
    prop_assert_eq!(&extraction.report["edition"], "2019");
    let cells = &extraction.report;
    for pointer in cells_2019(published) {
        let table = table_of(&pointer);
        tally.published[table] += 1;
        match cells.pointer(&pointer) {
            Some(read) => {
                prop_assert_eq!(
                    Some(read),
                    published.pointer(&pointer),
                    "{} misread\n{}",
                    pointer,
                    text
                );
                tally.read[table] += 1;
            }
            None => prop_assert!(
                extraction
                    .problems
                    .iter()
                    .any(|p| p.pointer.as_deref() == Some(pointer.as_str())),
                "{} missing without a problem\n{}",
                pointer,
                text
            ),
        }
    }
    Ok(())
}

/// The 2019 format on one line, over 300 consistent and 300 changed reports, glued and from a
/// page whose cells stand apart: no cell wrong, the shares read printed; 表三 (with its single
/// （六） row, read by R2 as the 2019 R14) as well as the 2021 format's.
#[test]
#[allow(clippy::print_stdout)] // the shares are what the test reports
fn one_line_2019_recovers_the_cells() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let (mut consistent, mut inconsistent) = (Tally::default(), Tally::default());
    let (mut spaced, mut spaced_changed) = (Tally::default(), Tally::default());
    for seed in 0..300u64 {
        let f = figures_of(real_count)
            .new_tree(&mut runner)
            .expect("figures")
            .current();
        let original = serde_json::to_value(report_2019(&f)).expect("serializes");
        // Its prose states 表四's figures, one of several ways (or not at all).
        let published = with_case_prose(&original, &original, prose_of(seed), seed);
        let report: edition_2019::AnnualReport =
            serde_json::from_value(published.clone()).expect("a valid 2019 report");
        one_line_2019_round_trip(&report, seed, &mut consistent).unwrap_or_else(|e| panic!("{e}"));
        let pick = seed as usize * 7919;
        let cells: Vec<String> = cells_2019(&published)
            .into_iter()
            .filter(|p| !p.starts_with("/active_disclosure"))
            .collect();
        let mut changed = published.clone();
        let cell = changed
            .pointer_mut(&cells[pick % cells.len()])
            .expect("a cell");
        *cell = json!(cell.as_u64().expect("a count") + 1 + seed % 9);
        // The prose states the figures as printed, or as they were before the misprint.
        let stated = if seed.is_multiple_of(2) {
            &changed
        } else {
            &original
        };
        let changed = with_case_prose(&changed, stated, prose_of(seed / 2), seed);
        let changed = serde_json::from_value(changed).expect("still a valid 2019 report");
        one_line_2019_round_trip(&changed, seed, &mut inconsistent)
            .unwrap_or_else(|e| panic!("{e}"));
        for (report, tally) in [(&report, &mut spaced), (&changed, &mut spaced_changed)] {
            let page = xxgk_render::one_line_2019_spaced(report, seed);
            one_line_2019_round_trip_of(page, report, tally).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    let share = |t: &Tally, k: usize| 100.0 * t.read[k] as f64 / t.published[k] as f64;
    for (name, t) in [
        ("consistent", &consistent),
        ("one cell changed", &inconsistent),
        ("cells spaced, consistent", &spaced),
        ("cells spaced, one cell changed", &spaced_changed),
    ] {
        println!(
            "one-line 2019, {name}: 表二 {:.2}%, 表三 {:.2}%, 表四 {:.2}% of cells read",
            share(t, 0),
            share(t, 1),
            share(t, 2)
        );
    }
    // Floored at what is read (deterministic draws): 表二 46.52% (70.56% before a run of 表二
    // that also cuts into one number fewer, a cell printed blank leaving no trace, was left
    // unread: `one_line_2019_blank_cells_of_table_two_are_never_read_as_numbers`), 表三 99.64%
    // (99.66% before the joint search dropped choices an identity's sides rule out: a search
    // for a reading one misprint explains that stopped at its bound weighed nothing, and now
    // ends, such readings contradicting a few more splits; 99.06% before the cells it reads
    // alike were read; 99.91% before a consistent split that
    // a reading explained by one misprint contradicts was left unread),
    // 表四 47.38% (47.51% before the cells several splits read alike were kept only where every
    // reading with a 0 printed blank reads them alike too; 44.60% before a 表四 that several
    // splits satisfy had the cells they all read
    // alike placed; 26.36% before the prose's figures of 表四 were printed and read; 45.40% before
    // a clause agreeing in one figure of one digit with the only split satisfying R4 was set
    // aside: another report's `纠正2件` so picked a wrong split of a table breaking R4).
    for (k, floor) in [(0, 46.5), (1, 99.63), (2, 47.37)] {
        assert!(
            share(&consistent, k) >= floor,
            "table {k}: {:.2}%",
            share(&consistent, k)
        );
    }
    // A broken 表三 read as printed with the one cell it misprints (issue #9): 97.41% measured
    // (96.60% before a misprinted row read as six numbers and a blank was taken for a blank only
    // where the whole table then reads consistently; 94.41% before two misprinted rows were cut
    // together; 76.70% before a misprinted row too
    // long to list was read with its columns' identities; 76.86% before a row read as
    // misprinted was taken back where a blank cell would explain its digits too; 76.99% before
    // the consistent splits that one misprint contradicts were left unread).
    assert!(
        share(&inconsistent, 1) >= 97.40,
        "表三, one cell changed: {:.2}%",
        share(&inconsistent, 1)
    );
    // Cells apart, one table in three left to the identities: 表二 89.70% (94.38% before a run
    // that also cuts into one number fewer was left unread), 表三 99.91% (99.75% before the
    // cells those readings read alike were read; 99.97% before the consistent splits that one
    // misprint contradicts were left unread), 表四 91.38%
    // measured (90.93% before the cells that several splits of a 表四 all read alike were
    // placed; 76.73% before a 表四 with one defect was mended and the prose read), 表三 99.49%
    // with one cell changed (99.32% before a six-number reading of a misprinted row was taken
    // for a blank only where the whole table then reads consistently; 99.08% before two
    // misprinted rows were cut together; 91.77%
    // before a misprinted row too long to list was read with its columns' identities).
    for (k, floor) in [(0, 89.69), (1, 99.9), (2, 91.3)] {
        assert!(
            share(&spaced, k) >= floor,
            "cells spaced, table {k}: {:.2}%",
            share(&spaced, k)
        );
    }
    assert!(
        share(&spaced_changed, 1) >= 99.48,
        "cells spaced, 表三, one cell changed: {:.2}%",
        share(&spaced_changed, 1)
    );
}

/// Changes `changes` cells of 表三 or 表四, as real reports do (drawn `(cell, delta, lower,
/// class)`): a class 0 change hits a 总计 cell, class 1 a cell of rows 一 or 二, the others any
/// cell; a delta below 500 is small (1–9), else large (10–999); lowered when `lower` and the cell
/// stays a count.
fn with_cells_changed(report: &Value, changes: &[(usize, u64, bool, u8)]) -> Value {
    let cells: Vec<&str> = cell_pointers()
        .filter(|p| !p.starts_with("/active_disclosure"))
        .collect();
    with_cells_of_changed(report, &cells, changes)
}

/// [`with_cells_changed`] among `cells` (those of 表三 and 表四 of the report's edition).
fn with_cells_of_changed(
    report: &Value,
    cells: &[&str],
    changes: &[(usize, u64, bool, u8)],
) -> Value {
    let totals: Vec<&str> = cells
        .iter()
        .copied()
        .filter(|p| p.ends_with("/total"))
        .collect();
    let opening: Vec<&str> = cells
        .iter()
        .copied()
        .filter(|p| p.starts_with("/applications/new_received/"))
        .chain(
            cells
                .iter()
                .copied()
                .filter(|p| p.starts_with("/applications/carried_over/")),
        )
        .collect();
    let cells = cells.to_vec();
    let mut report = report.clone();
    for &(pick, delta, lower, class) in changes {
        let among = match class {
            0 => &totals,
            1 => &opening,
            _ => &cells,
        };
        let pointer = among[pick % among.len()];
        let delta = if delta < 500 {
            1 + delta % 9
        } else {
            10 + delta % 990
        };
        figures::change_count(&mut report, pointer, delta, lower);
    }
    report
}

/// Issue #9's measurement: one-line reports that break identities, with 1, 2 and 3 cells of
/// 表三/表四 changed (small and large deltas, raised and lowered, 总计 cells and rows 一/二
/// among them), beside consistent ones, from the deterministic runner; each also printed with
/// （六）其他处理 as one row (`xxgk_render::one_line_merged_other`). Prints the share of
/// cells read per table and the cells read wrong, which must be none; the floors are the shares
/// measured with the default count. `XXGK_ONE_LINE_SAMPLES=20000` (release) for the figures of
/// the crate docs.
#[test]
#[allow(clippy::print_stdout)] // the figures are what the test reports
fn one_line_broken_reports_read_no_wrong_cell() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let samples: usize = std::env::var("XXGK_ONE_LINE_SAMPLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let mut runner = TestRunner::deterministic();
    let mut tallies: [Tally; 4] = std::array::from_fn(|_| Tally::counting());
    // The same reports printing （六） as one row (the 2019 table, kept by many 2021 reports).
    let mut merged: [Tally; 4] = std::array::from_fn(|_| Tally::counting());
    // The same reports from a page that separates its cells by whitespace.
    let mut spaced: [Tally; 4] = std::array::from_fn(|_| Tally::counting());
    for sample in 0..samples {
        let (f, changes) = (
            figures_of(real_count),
            prop::collection::vec((any::<usize>(), 0u64..1_000, any::<bool>(), 0u8..4), 3),
        )
            .new_tree(&mut runner)
            .expect("figures")
            .current();
        let published = report(&f);
        let seed = sample as u64;
        for (changed, ((tally, merged), spaced)) in tallies
            .iter_mut()
            .zip(&mut merged)
            .zip(&mut spaced)
            .enumerate()
        {
            let report = with_cells_changed(&published, &changes[..changed]);
            // The prose states the figures as printed, or as they were before the misprints.
            let stated = if seed.is_multiple_of(2) {
                &report
            } else {
                &published
            };
            let report = with_case_prose(&report, stated, prose_of(seed / 2), seed);
            one_line_round_trip(&report, seed, tally).unwrap_or_else(|e| panic!("{e}"));
            one_line_round_trip_as(OneLine::MergedOther, &report, seed, merged)
                .unwrap_or_else(|e| panic!("{e}"));
            one_line_round_trip_as(OneLine::Spaced, &report, seed, spaced)
                .unwrap_or_else(|e| panic!("{e}"));
        }
    }
    for (name, tallies) in [
        ("", &tallies),
        (", （六） merged", &merged),
        (", cells spaced", &spaced),
    ] {
        for (changed, t) in tallies.iter().enumerate() {
            println!(
                "one-line{name}, {changed} cell(s) changed, {samples} reports: 表二 {:.2}%, 表三 {:.2}%, 表四 {:.2}% of cells read, {} wrong",
                t.share(0),
                t.share(1),
                t.share(2),
                t.wrong.iter().sum::<usize>()
            );
        }
    }
    for t in tallies.iter().chain(&merged).chain(&spaced) {
        assert_eq!(t.wrong, [0; 3], "cells read wrong per table");
    }
    // `XXGK_ONE_LINE_WIDER_SAMPLES=5000` for the figures of the crate docs.
    wider_broken_sweeps(
        std::env::var("XXGK_ONE_LINE_WIDER_SAMPLES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(samples / 10),
    );
    // Floored at what the default count reads (deterministic draws), per count of cells changed
    // (表三 99.92%, 73.24%, 34.80%, 22.68%, merged 99.89%, 70.16%, 31.68%, 20.78% before a
    // consistent split that a reading explained by one misprint contradicts was left unread;
    // 98.88%, 73.24%, 34.64%, 22.52%, merged 98.90%, 70.16%, 31.57%, 20.68% before a row read as
    // misprinted was taken back where a blank cell, which glued cells do not show, would
    // explain its digits too; 98.88%, 73.20%, 34.32%, 22.12%, merged 98.90%, 70.11%, 31.21%,
    // 20.32% before the cells that a consistent split and the readings one misprint or one
    // identity dropped explain read alike were read); 表四 45.07%, 44.07%, 41.07%, 37.27% before
    // the cells that several splits of a 表四 all read alike were placed; 表三 73.20%, 34.43%,
    // 22.23% (merged floored at 70.02%, 31.28%, 20.39%) before a misprinted row too long to list
    // its splits was read with its columns' identities; 90.56%, 36.19%, merged 87.61%, 32.50%
    // before the cells that the readings one or two misprints explain read alike were read of a
    // row they cut otherwise; 93.65%, 36.56%, merged 91.21%, 32.79% before two misprinted rows
    // were cut together; 97.41%, 36.67%, merged 96.54%, 33.65% before a misprinted row read as
    // six numbers and a blank was taken for a blank only where the whole table then reads
    // consistently.
    if samples == 100 {
        for (t, floors) in tallies.iter().zip([
            [99.61, 47.86],
            [98.24, 46.86],
            [36.66, 43.46],
            [22.22, 39.26],
        ]) {
            assert!(t.share(1) >= floors[0], "表三: {:.2}%", t.share(1));
            assert!(t.share(2) >= floors[1], "表四: {:.2}%", t.share(2));
        }
        // （六） merged: its row decided with the table, R2 reading it in place of the three (表三
        // 26.45%, 21.32%, 17.48%, 14.78% over 5,000 when it was read alone, the result rows
        // then read by their R3 only).
        for (t, floor) in merged.iter().zip([99.61, 97.93, 34.11, 20.39]) {
            assert!(
                t.share(1) >= floor,
                "表三, （六） merged: {:.2}%",
                t.share(1)
            );
        }
    }
}

/// Changes `changes` cells of 表三 (drawn `(cell, delta, lower)`) each with its row's 总计 alike,
/// as a publisher who adds each row right but fills a cell wrong prints it (a （七）总计 of 290
/// where the result rows sum to 299, its 总计 lowered by the same 9): every row satisfies R3,
/// and the cell's column and the 总计 column break; a delta below 500 is small (1–9), else
/// large (10–999); lowered when `lower` and the cell stays a count.
fn with_columns_mis_totalled(report: &Value, changes: &[(usize, u64, bool)]) -> Value {
    // The report's own 表三 cells, of either edition.
    fn walk(node: &Value, at: String, out: &mut Vec<String>) {
        match node {
            Value::Object(map) => {
                for (key, child) in map {
                    walk(child, format!("{at}/{key}"), out);
                }
            }
            _ if !at.ends_with("/total") => out.push(at),
            _ => {}
        }
    }
    let mut own = Vec::new();
    walk(
        &report["applications"],
        "/applications".to_owned(),
        &mut own,
    );
    // In the model's order where the model has them (the 2021 draws as they were measured).
    let mut cells: Vec<String> = cell_pointers()
        .filter(|p| own.iter().any(|o| o == p))
        .map(str::to_owned)
        .collect();
    let others: Vec<String> = own.into_iter().filter(|o| !cells.contains(o)).collect();
    cells.extend(others);
    let mut report = report.clone();
    for &(pick, delta, lower) in changes {
        let delta = if delta < 500 {
            1 + delta % 9
        } else {
            10 + delta % 990
        };
        figures::change_with_row_total(&mut report, &cells[pick % cells.len()], delta, lower);
    }
    report
}

/// One-line reports whose 表三 rows each satisfy R3 but one or two columns do not add up (a cell
/// and its row's 总计 changed alike, [`with_columns_mis_totalled`]), glued, with （六） merged
/// and with cells spaced, and in the 2019 format glued and spaced: no cell read wrong; the
/// shares printed, floored at what the default count reads. `XXGK_ONE_LINE_SAMPLES=2000`
/// (release) for the figures of the crate docs.
#[test]
#[allow(clippy::print_stdout)] // the figures are what the test reports
fn one_line_mis_totalled_columns_read_no_wrong_cell() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let samples: usize = std::env::var("XXGK_ONE_LINE_SAMPLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let mut runner = TestRunner::deterministic();
    let mut tallies: [[Tally; 3]; 2] =
        std::array::from_fn(|_| std::array::from_fn(|_| Tally::counting()));
    // The 2019 format, glued and spaced (one round trip fails on the first wrong cell).
    let mut tallies_2019: [[Tally; 2]; 2] = Default::default();
    for sample in 0..samples {
        let (f, changes) = (
            figures_of(real_count),
            prop::collection::vec((any::<usize>(), 0u64..1_000, any::<bool>()), 2),
        )
            .new_tree(&mut runner)
            .expect("figures")
            .current();
        let published = report(&f);
        let seed = sample as u64;
        for (k, by_layout) in tallies.iter_mut().enumerate() {
            let report = with_columns_mis_totalled(&published, &changes[..=k]);
            let report = with_case_prose(&report, &report, prose_of(seed / 2), seed);
            let [glued, merged, spaced] = by_layout;
            one_line_round_trip(&report, seed, glued).unwrap_or_else(|e| panic!("{e}"));
            one_line_round_trip_as(OneLine::MergedOther, &report, seed, merged)
                .unwrap_or_else(|e| panic!("{e}"));
            one_line_round_trip_as(OneLine::Spaced, &report, seed, spaced)
                .unwrap_or_else(|e| panic!("{e}"));
        }
        let published_2019 = serde_json::to_value(report_2019(&f)).expect("serializes");
        for (k, [glued, spaced]) in tallies_2019.iter_mut().enumerate() {
            let report = with_columns_mis_totalled(&published_2019, &changes[..=k]);
            let report = with_case_prose(&report, &report, prose_of(seed / 2), seed);
            let report: edition_2019::AnnualReport =
                serde_json::from_value(report).expect("a valid 2019 report");
            one_line_2019_round_trip(&report, seed, glued).unwrap_or_else(|e| panic!("{e}"));
            let page = xxgk_render::one_line_2019_spaced(&report, seed);
            one_line_2019_round_trip_of(page, &report, spaced).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    for (k, [glued, spaced]) in tallies_2019.iter().enumerate() {
        println!(
            "one-line 2019, {} column(s) mis-totalled, {samples} reports: 表三 {:.2}% glued, {:.2}% spaced of cells read, 0 wrong",
            k + 1,
            glued.share(1),
            spaced.share(1)
        );
    }
    for (k, by_layout) in tallies.iter().enumerate() {
        for (name, t) in ["glued", "（六） merged", "cells spaced"]
            .iter()
            .zip(by_layout)
        {
            println!(
                "one-line, {name}, {} column(s) mis-totalled, {samples} reports: 表三 {:.2}% of cells read, {} wrong",
                k + 1,
                t.share(1),
                t.wrong.iter().sum::<usize>()
            );
        }
    }
    for t in tallies.iter().flatten() {
        assert_eq!(t.wrong, [0; 3], "cells read wrong per table");
    }
    // Floored at what the default count reads (deterministic draws): glued 72.20% and 23.16%
    // (9.43% and 9.08% over 300 when the 总计 column counted a break of its own), （六） merged
    // 71.60% and 23.46%, cells spaced 90.48% and 75.40%.
    if samples == 100 {
        // The 2019 format: glued 69.48% and 22.83%, spaced 91.00% and 79.13%.
        for ([glued, spaced], floors) in tallies_2019.iter().zip([[69.47, 90.99], [22.82, 79.12]]) {
            assert!(
                glued.share(1) >= floors[0],
                "2019 表三: {:.2}%",
                glued.share(1)
            );
            assert!(
                spaced.share(1) >= floors[1],
                "2019 表三: {:.2}%",
                spaced.share(1)
            );
        }
        for (by_layout, floors) in tallies
            .iter()
            .zip([[72.19, 71.59, 90.47], [23.15, 23.45, 75.39]])
        {
            for (t, floor) in by_layout.iter().zip(floors) {
                assert!(t.share(1) >= floor, "表三: {:.2}%", t.share(1));
            }
        }
    }
}

/// The sweep of [`one_line_broken_reports_read_no_wrong_cell`] on `samples` reports each of
/// the 2021 format with counts up to millions (`count`) and of the 2019 format with both kinds of
/// counts: no cell read wrong, the shares printed.
#[allow(clippy::print_stdout)] // the figures are what the test reports
fn wider_broken_sweeps(samples: usize) {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let changes = || prop::collection::vec((any::<usize>(), 0u64..1_000, any::<bool>(), 0u8..4), 3);
    for (name, wide) in [("count", true), ("real_count", false)] {
        let mut runner = TestRunner::deterministic();
        let mut tallies: [Tally; 4] = std::array::from_fn(|_| Tally::counting());
        let mut tallies_2019: [Tally; 4] = std::array::from_fn(|_| Tally::default());
        for sample in 0..samples {
            let figures = if wide {
                figures_of(count).boxed()
            } else {
                figures_of(real_count).boxed()
            };
            let (f, changes) = (figures, changes())
                .new_tree(&mut runner)
                .expect("figures")
                .current();
            let seed = sample as u64;
            let published = report(&f);
            let published_2019 = serde_json::to_value(report_2019(&f)).expect("serializes");
            let cells: Vec<String> = cells_2019(&published_2019)
                .into_iter()
                .filter(|p| !p.starts_with("/active_disclosure"))
                .collect();
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            for changed in 0..4 {
                let prose = prose_of(seed + changed as u64);
                if wide {
                    let report = with_cells_changed(&published, &changes[..changed]);
                    let report = with_case_prose(&report, &published, prose, seed);
                    one_line_round_trip(&report, seed, &mut tallies[changed])
                        .unwrap_or_else(|e| panic!("{e}"));
                }
                let report = with_cells_of_changed(&published_2019, &cells, &changes[..changed]);
                let report = with_case_prose(&report, &published_2019, prose, seed);
                let typed = serde_json::from_value(report).expect("still a valid 2019 report");
                one_line_2019_round_trip(&typed, seed, &mut tallies_2019[changed])
                    .unwrap_or_else(|e| panic!("{e}"));
            }
        }
        for (changed, (t, t_2019)) in tallies.iter().zip(&tallies_2019).enumerate() {
            if wide {
                println!(
                    "one-line, {name}, {changed} cell(s) changed, {samples} reports: 表三 {:.2}%, 表四 {:.2}% of cells read, {} wrong",
                    t.share(1),
                    t.share(2),
                    t.wrong.iter().sum::<usize>()
                );
            }
            println!(
                "one-line 2019, {name}, {changed} cell(s) changed, {samples} reports: 表三 {:.2}%, 表四 {:.2}% of cells read, 0 wrong",
                t_2019.share(1),
                t_2019.share(2),
            );
        }
        for t in &tallies {
            assert_eq!(t.wrong, [0; 3], "cells read wrong per table ({name})");
        }
    }
}

/// A 表二 row whose label stands on a line of its own, its numbers on the next line behind the
/// label column's empty cell (`\t0\t1`) and its third cell pulled out below them
/// (`0（其中修订 16 件）`): the numbers' columns are not printed, so the row is unread. It was read
/// as blank, 0, 1 for the published 0, 1, 0 (proptest, labels below numbers, found by the
/// broken-report sweep).
#[test]
fn a_row_apart_from_its_label_with_a_cell_pulled_out_is_unread() {
    let f = Figures {
        active: [0, 0, 0, 0, 1, 0, 0, 0, 0],
        fee: (0, String::new()),
        parties: [[0; 23]; 6],
        cases: [[0; 4]; 3],
    };
    let published = report(&f);
    let seed = 12_712_847_241_430_307_749;
    let text = String::from_utf8(render_torn(
        &typed(&published),
        Torn::LabelsBelowNumbers,
        seed,
    ))
    .expect("UTF-8");
    assert!(
        text.contains("行政规范性文件\n\t0\t1\n0（其中修订 16 件）"),
        "{text}"
    );
    sound(Generator::Torn(Torn::LabelsBelowNumbers), &published, seed)
        .unwrap_or_else(|e| panic!("{e}"));
    let extraction = extract(text.as_bytes(), Some("report.txt")).expect("extracts");
    for column in ["issued", "repealed", "in_force"] {
        let pointer = format!("/active_disclosure/normative_documents/{column}");
        assert_eq!(extraction.report.pointer(&pointer), None, "{pointer}");
        assert!(
            extraction
                .problems
                .iter()
                .any(|p| p.pointer.as_deref() == Some(pointer.as_str())
                    && p.code == ProblemCode::MultiLineCellUnplaced),
            "{pointer}"
        );
    }
}

/// Block dumps, （六） merged or not, of reports drawn with [`figures`] and with counts as real
/// reports print them ([`real_count`], mostly zeros), consistent and with one to three cells
/// changed ([`with_drawn_cells_changed`]): no cell wrong, every missing cell explained, every
/// break reported where its cells were read; prints the share of printed cells read right and
/// the breaks left unread per class. 20 reports of each by default; `XXGK_BROKEN_REPORTS=5000
/// cargo test --release -p xxgk-extract --test roundtrip -- --nocapture block_dump_on_many` is
/// the measurement the block dump's misprint rule was kept by (zero wrong).
#[test]
#[expect(clippy::print_stdout, reason = "the shares per class are the figures")]
fn block_dump_on_many_broken_reports() {
    use proptest::strategy::ValueTree;
    let count = std::env::var("XXGK_BROKEN_REPORTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let real: Vec<Value> = (0..count)
        .map(|_| {
            figures_of(real_count)
                .new_tree(&mut runner)
                .map(|tree| report(&tree.current()))
                .expect("figures draw")
        })
        .collect();
    let mut failures: Vec<String> = Vec::new();
    for (figures, reports) in [("count", drawn_reports(count)), ("real_count", real)] {
        for generator in [
            Generator::Torn(Torn::BlockDump),
            Generator::MergedOther(Torn::BlockDump),
        ] {
            for changed in 0..=3 {
                let mut reading = Reading::default();
                for (k, truth) in reports.iter().enumerate() {
                    let published =
                        with_drawn_cells_changed(truth, k + changed * 1_000_003, changed);
                    match sound(generator, &published, k as u64) {
                        Ok(score) => reading.add(&score),
                        Err(e) => failures.push(e.to_string()),
                    }
                }
                println!(
                    "{} ({figures}), {changed} cell(s) changed: {}",
                    generator.title(),
                    reading.summary()
                );
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} unsound: {:#?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
}

/// Every torn layout, and each with （六） merged, on reports whose rows add up but one or two
/// columns do not (a cell changed with its row's 总计 alike, [`with_columns_mis_totalled`]):
/// misprint readings assume a misprinted cell breaks its row's 总计, which such reports do not,
/// and a block dump once read two cells of a row exchanged where the reading of its own numbers
/// explained no misprint. No cell wrong, the shares printed. 20 reports of each by default;
/// `XXGK_BROKEN_REPORTS=1000` for the measurement.
#[test]
#[expect(clippy::print_stdout, reason = "the shares per layout are the figures")]
fn every_generator_on_mis_totalled_reports() {
    let count = std::env::var("XXGK_BROKEN_REPORTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20);
    let reports = drawn_reports(count);
    let generators = Torn::ALL
        .into_iter()
        .flat_map(|layout| [Generator::Torn(layout), Generator::MergedOther(layout)]);
    let mut failures: Vec<String> = Vec::new();
    for generator in generators {
        for columns in 1..=2 {
            let mut reading = Reading::default();
            for (k, truth) in reports.iter().enumerate() {
                let changes: Vec<(usize, u64, bool)> = (0..columns)
                    .map(|j| {
                        (
                            k * 7 + j * 53,
                            (k * 31 + j * 7) as u64 % 1_000,
                            (k + j) % 2 == 0,
                        )
                    })
                    .collect();
                let published = with_columns_mis_totalled(truth, &changes);
                match sound(generator, &published, k as u64) {
                    Ok(score) => reading.add(&score),
                    Err(e) => failures.push(e.to_string()),
                }
            }
            println!(
                "{}, {columns} column(s) mis-totalled: {}",
                generator.title(),
                reading.summary()
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} unsound: {:#?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
}

/// The block dump of `truth` drawn with each of the first 200 seeds, each with the provenance of
/// the cells it read under `prefix`, after checking every one of them is the published value.
fn block_dump_reads(
    truth: &Value,
    prefix: &str,
) -> Vec<(u64, Extraction, Vec<xxgk_extract::Provenance>)> {
    (0..200)
        .map(|seed| {
            let extraction = Generator::Torn(Torn::BlockDump).extract(truth, seed);
            let read: Vec<xxgk_extract::Provenance> = extraction
                .provenance
                .iter()
                .filter(|p| p.pointer.starts_with(prefix))
                .cloned()
                .collect();
            for p in &read {
                assert_eq!(
                    extraction.report.pointer(&p.pointer),
                    truth.pointer(&p.pointer),
                    "seed {seed}: {}",
                    p.pointer
                );
            }
            (seed, extraction, read)
        })
        .collect()
}

/// 表二 of block dumps as the generator prints it (label by label, a sub-table of one row
/// sometimes its number first or its label before its last heading, poppler sometimes every
/// label below its numbers, pdfminer sometimes a sub-table's labels as a block and then its
/// numbers column by column): read whole by each label's count of numbers in most reports,
/// never wrong; where the whole table does not read so, read sub-table by sub-table where each
/// one's count and the count before it do (`sub-table-counted-alone`), and every cell left
/// unread with a problem saying why (numbers apart from their labels among them).
#[test]
#[allow(clippy::print_stdout)] // the counts are what the test reports
fn block_dump_active_table_is_read_by_its_counts_or_left_unread() {
    let truth = report(&Figures {
        active: [3, 0, 11, 8, 26, 66, 447, 39, 88],
        fee: (96, "6".to_owned()),
        parties: [[1; 23]; 6],
        cases: [[1; 4]; 3],
    });
    let (mut read, mut unread, mut below, mut alone) = (0, 0, 0, 0);
    for (seed, extraction, active) in block_dump_reads(&truth, "/active_disclosure/") {
        let by = |rule: ReadingRule| active.iter().filter(|p| p.rules.contains(&rule)).count();
        let counted = by(ReadingRule::LabelThenItsNumbersCounted);
        let in_part = by(ReadingRule::SubTableCountedAlone);
        if in_part == 0 && counted == 10 {
            read += 1;
        } else if in_part == 0 && by(ReadingRule::LabelsBelowTheirNumbersCounted) == 10 {
            below += 1;
        } else if in_part == active.len() {
            if active.is_empty() {
                unread += 1;
            } else {
                alone += 1;
            }
            let why: Vec<&xxgk_extract::Problem> = extraction
                .problems
                .iter()
                .filter(|p| {
                    p.pointer
                        .as_deref()
                        .is_some_and(|q| q.starts_with("/active_disclosure/"))
                })
                .collect();
            assert!(
                why.len() + active.len() == 10
                    && why
                        .iter()
                        .any(|p| p.code == ProblemCode::ValuesApartFromLabel),
                "seed {seed}: {} read, unread {:?}",
                active.len(),
                why.iter().map(|p| p.code).collect::<Vec<_>>()
            );
        } else {
            panic!("seed {seed}: 表二 read in part ({counted} by its counts, {in_part} alone)");
        }
    }
    println!(
        "block-dump 表二, 200 seeds: {read} read whole, {below} with labels below, {alone} in part, {unread} unread"
    );
    // pdfminer (half the reports) prints one in three by columns; poppler (the other half) one
    // in four with every label below its numbers.
    assert!(
        read >= 120 && below >= 15 && alone + unread >= 10 && alone > 0,
        "{read} read, {below} read with labels below, {alone} in part, {unread} unread"
    );
}

/// 表四 of a block dump whose narrow columns wrap wide numbers (淮安 2024's 178 as `17` over `8`,
/// LibreOffice's PDF through `pdftotext` without flags: every number on a line, the second lines
/// after the row): joined by R4 wherever poppler prints it so, never wrong.
#[test]
fn block_dump_review_wrapped_in_narrow_columns_is_joined_by_r4() {
    let truth = report(&Figures {
        active: [3, 0, 11, 8, 26, 66, 447, 39, 88],
        fee: (96, "6".to_owned()),
        parties: [[1; 23]; 6],
        cases: [[72, 64, 178, 37], [13, 4, 8, 1], [12, 1, 1, 6]],
    });
    let joined = block_dump_reads(&truth, "/review_litigation/")
        .iter()
        .filter(|(_, _, review)| {
            let by_wrap = review
                .iter()
                .filter(|p| {
                    p.rules
                        .contains(&ReadingRule::WrappedDigitsJoinedByIdentities)
                })
                .count();
            // 178 and 351 joined, the row's other cells read as printed.
            by_wrap == 2 && review.len() == 15
        })
        .count();
    // poppler (half the reports) prints one row in four of the rest so.
    assert!(joined >= 10, "{joined} of 200 joined");
}

/// A random CI run's find: 复议 published 120 11 0 0 122 (breaking R4) in narrow cells two digits
/// wide, each piece on a line (`12` `0` `11` `0` `0` `12` `2`), was read 12 0 110 0 122, the
/// one joining satisfying R4. One misprinted 总计 makes the report's own joining as likely, so
/// the row is left unread, and the break of the cells read as printed still reported.
#[test]
fn narrow_cells_joined_one_way_that_a_misprint_would_explain_otherwise_are_unread() {
    let consistent = report(&Figures {
        active: [0; 9],
        fee: (0, String::new()),
        parties: [[0; 23]; 6],
        cases: [[120, 2, 0, 0], [0; 4], [0; 4]],
    });
    let broken = with_drawn_cells_changed(&consistent, 724_759, 2);
    assert_eq!(
        broken["review_litigation"]["review"],
        json!({"upheld": 120, "corrected": 11, "other": 0, "pending": 0, "total": 122})
    );
    for generator in [
        Generator::Torn(Torn::NarrowCells),
        Generator::MergedOther(Torn::NarrowCells),
    ] {
        let score =
            sound(generator, &broken, 4_376_731_845_134_362_493).unwrap_or_else(|e| panic!("{e}"));
        assert!(score.right >= 180, "{score:?}");
    }
}

/// 表三 in narrow cells (a find of the `narrow_cells` property test): a 7-digit count wrapped in
/// a column six digits wide prints `100000` with a line `四类过  0` (the rest of its label)
/// below; read as printed it was a wrong 100000 and a break of R2 and R3. Its pieces are
/// joined by R3 and confirmed by R1 and R2.
#[test]
fn a_count_wrapped_in_a_narrow_table_three_column_is_joined_by_its_identities() {
    let mut parties = [[0; 23]; 6];
    parties[3][7] = 999_792;
    parties[5][7] = 208;
    let truth = report(&Figures {
        active: [0; 9],
        fee: (0, String::new()),
        parties,
        cases: [[0; 4]; 3],
    });
    let cell = "/applications/results/withheld/process_information/total";
    assert_eq!(truth.pointer(cell), Some(&json!(1_000_000)));
    let generator = Generator::MergedOther(Torn::NarrowCells);
    let seed = 1_646_687_084_335_016_966;
    let (printed, _) = generator.print(&truth, seed);
    assert!(
        String::from_utf8_lossy(&printed)
            .contains("6.属于  0 0 0 999792 0 208 100000\n四类过  0\n"),
        "the layout this test is about"
    );
    let score = sound(generator, &truth, seed).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(score.right, score.cells - score.unprinted, "{score:?}");
    let extraction = generator.extract(&truth, seed);
    let provenance = extraction
        .provenance
        .iter()
        .find(|p| p.pointer == cell)
        .expect("read");
    assert_eq!(
        provenance.rules,
        [ReadingRule::WrappedDigitsJoinedByIdentities]
    );
}

/// A wrapped row whose own numbers break its 总计: the report of
/// [`a_count_wrapped_in_a_narrow_table_three_column_is_joined_by_its_identities`] with 208
/// misprinted 209 beside `100000` over `0`. No joining satisfies its R3, so it was left unread
/// and the break went unreported (88 of 392 breaks in narrow cells). Its joinings are now
/// weighed by the identities across rows, every other row read: joined as 1000000, its 总计 is
/// confirmed by R2 of the 总计 column, where joining the `0` to 999792 breaks R2 of that column;
/// and the one misprint (209) explains what fails. The row is read as printed, its R3 and its
/// column's R2 reported broken. (Printed without （六） merged: a merged row's column counts only
/// where R2 holds over it, and the misprint breaks R2 of its column.)
#[test]
fn a_wrapped_row_breaking_its_total_is_read_by_the_identities_of_its_columns() {
    let (published, row) = misprinted_beside_a_wrapped_total();
    let generator = Generator::Torn(Torn::NarrowCells);
    let seed = 1_646_687_084_335_016_966;
    let (printed, _) = generator.print(&published, seed);
    assert!(
        String::from_utf8_lossy(&printed)
            .contains("6.属于  0 0 0 999792 0 209 100000\n四类过  0\n"),
        "the layout this test is about"
    );
    let score = sound(generator, &published, seed).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(score.right, score.cells - score.unprinted, "{score:?}");
    assert_eq!((score.breaks, score.unreported), (2, 0), "{score:?}");
    let extraction = generator.extract(&published, seed);
    let total = format!("{row}/total");
    let provenance = extraction
        .provenance
        .iter()
        .find(|p| p.pointer == total)
        .expect("read");
    assert_eq!(
        provenance.rules,
        [ReadingRule::WrappedDigitsJoinedByIdentities]
    );
}

/// The report of [`a_count_wrapped_in_a_narrow_table_three_column_is_joined_by_its_identities`]
/// with （三）6's 208 misprinted 209, and that row's pointer.
fn misprinted_beside_a_wrapped_total() -> (Value, &'static str) {
    let mut parties = [[0; 23]; 6];
    parties[3][7] = 999_792;
    parties[5][7] = 208;
    let mut published = report(&Figures {
        active: [0; 9],
        fee: (0, String::new()),
        parties,
        cases: [[0; 4]; 3],
    });
    let row = "/applications/results/withheld/process_information";
    if let Some(misprinted) = published
        .pointer_mut(row)
        .and_then(Value::as_object_mut)
        .and_then(|cells| cells.values_mut().find(|v| **v == json!(208)))
    {
        *misprinted = json!(209);
    }
    (published, row)
}

/// The row of [`a_wrapped_row_breaking_its_total_is_read_by_the_identities_of_its_columns`]
/// with its label lost (its lines hold its numbers alone): its numbers stand unlabelled,
/// alone in the gap the labelled rows leave for （三）6, and break R3 however joined. Placed by
/// the template's order, its joinings are weighed by the identities across rows as a labelled
/// row's are, and it is read.
#[test]
fn an_unlabelled_wrapped_row_breaking_its_total_is_placed_and_read_by_its_columns() {
    let (published, row) = misprinted_beside_a_wrapped_total();
    let generator = Generator::Torn(Torn::NarrowCells);
    let (printed, name) = generator.print(&published, 1_646_687_084_335_016_966);
    let printed = String::from_utf8_lossy(&printed).into_owned();
    let row_printed = "6.属于  0 0 0 999792 0 209 100000\n四类过  0\n程性信\n息\n";
    assert!(
        printed.contains(row_printed),
        "the layout this test is about"
    );
    let torn = printed.replace(row_printed, "0 0 0 999792 0 209 100000\n0\n");
    let extraction = extract(torn.as_bytes(), Some(name)).expect("extracted");
    let score = score(&extraction, &published);
    assert_eq!(score.right, score.cells, "{score:?}");
    let total = format!("{row}/total");
    let provenance = extraction.provenance.iter().find(|p| p.pointer == total);
    assert_eq!(
        provenance.map(|p| p.rules.as_slice()),
        Some([ReadingRule::WrappedDigitsJoinedByIdentities].as_slice())
    );
    // Its own R3 and its column's R2, broken as published, are reported.
    assert_eq!(
        failing_identities(checker(), &extraction.report),
        failing_identities(checker(), &published)
    );
    assert_eq!(failing_identities(checker(), &published).len(), 2);
}

/// A row whose every number wraps prints two lines that each satisfy R3: `100000 ×6 600000`
/// over `0 0 0 0 8 0 8` (a find of the `narrow_cells` property test: read as printed, six
/// cells were wrong). Joined it satisfies R3 too, so it is not read as printed; stacked as a
/// tall row (the line below is the row's, no other row takes it) its column's R1 fails with
/// it, so the row is unread, and why is said.
#[test]
fn a_table_three_row_read_alike_as_printed_and_joined_is_unread() {
    let truth = report(&Figures {
        active: [0; 9],
        fee: (0, String::new()),
        parties: [
            [
                765_863, 0, 5, 6, 231_534, 0, 0, 0, 0, 0, 0, 979, 5, 8, 514, 0, 683, 0, 402, 0, 0,
                0, 1,
            ],
            [
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 999_140, 0, 0, 0, 0, 0, 2, 0, 1, 5, 0, 852,
            ],
            [
                0, 0, 288_869, 0, 7, 528, 0, 5, 0, 0, 0, 199_071, 0, 6, 414, 0, 1, 0, 105, 0, 7, 0,
                510_987,
            ],
            [
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 128_771, 0, 870_433, 3, 0, 793,
            ],
            [
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 999_998, 0, 3, 7, 0, 0,
            ],
            [
                0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 998_051, 885, 1, 0, 0, 0, 79, 978, 0, 0, 0, 6,
            ],
        ],
        cases: [[0; 4]; 3],
    });
    let generator = Generator::MergedOther(Torn::NarrowCells);
    let seed = 7_531_315_431_653_126_174;
    let (printed, _) = generator.print(&truth, seed);
    assert!(
        String::from_utf8_lossy(&printed)
            .contains("100000   100000   100000   100000   100000   100000   600000\n开申请数量  0   0   0   0   8   0   8\n"),
        "the layout this test is about"
    );
    sound(generator, &truth, seed).unwrap_or_else(|e| panic!("{e}"));
    let extraction = generator.extract(&truth, seed);
    assert!(
        extraction
            .report
            .pointer("/applications/new_received/total")
            .is_none()
    );
    assert!(extraction.problems.iter().any(|p| {
        p.pointer.as_deref() == Some("/applications/new_received/total")
            && p.message.contains("R1 does not hold with them")
    }));
}

/// A hard wrap's join makes whole a number wrapped in a narrow cell (`1160720` ending its line,
/// `4` on the next, read 11607204), wider than the column: a find of
/// `hard_wrapped_text_reads_no_wrong_cell` (its report 23), where the widest number was taken to
/// bound the column's width, so that no joining of （七）总计's `1175411` over `5` was wide
/// enough and it was read 1175411, a wrong cell. The column is bounded by the numbers printed
/// whole on a line (`align::DisplayColumns::joined_over_lines`). With one or two cells changed,
/// the row breaks R3 however it is joined, and was unread; it is now read by the one joining
/// the identities across rows confirm (`gaps::choose_broken_joinings`), every break reported.
#[test]
fn a_number_a_hard_wrap_joined_does_not_bound_the_narrow_column() {
    let reports = drawn_reports(24);
    let generator = Generator::HardWrappedTorn(Torn::NarrowCells);
    let cell = "/applications/results/total/total";
    for changed in 0..3 {
        let published = with_drawn_cells_changed(&reports[23], 23, changed);
        let (printed, _) = generator.print(&published, 23);
        let text = String::from_utf8_lossy(&printed);
        assert!(
            text.contains("1160720\n4\n") && text.contains("1175411\n5\n"),
            "the layout this test is about"
        );
        let score = sound(generator, &published, 23).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(score.unreported, 0, "changed {changed}: {score:?}");
        let extraction = generator.extract(&published, 23);
        assert_eq!(
            extraction.report.pointer(cell),
            Some(&json!(11_754_115)),
            "changed {changed}"
        );
        let provenance = extraction.provenance.iter().find(|p| p.pointer == cell);
        assert_eq!(
            provenance.map(|p| p.rules.as_slice()),
            Some([ReadingRule::WrappedDigitsJoinedByIdentities].as_slice())
        );
    }
}

/// A row with no label whose wrapped numbers no joining reads (a CI run's find of
/// `broken_reports_in_torn_layouts`): 本机关不掌握's `0 0 999990 3 15 0 100000` over `0`, its
/// label torn (`三、本年 1.本机`), breaks R3 as published however it is joined. It was taken out
/// of the unlabelled rows, so the next one, 没有现成信息's numbers with their label torn too, was
/// placed in its row by the template's order: its cells were then dropped, unconfirmed, but the
/// sums over them were kept, wrong. The row then stayed in its gap, unread, the gap unfilled:
/// two rows of numbers stood where the template leaves one. Now a label recognised only on its
/// second line, beside pieces of its wrapped numbers, takes the numbers of its first line
/// ([`a_row_whose_label_is_recognised_on_its_second_line_takes_the_numbers_above`]), so the gap
/// holds this row alone, placed by order and read by the one joining the identities across rows
/// confirm (`gaps::choose_broken_joinings`): every cell right, every break reported.
#[test]
fn an_unlabelled_wrapped_row_no_joining_reads_is_read_by_the_identities_across_rows() {
    let mut parties = [[0; 23]; 6];
    parties[2][10] = 999_990;
    parties[3][10] = 3;
    parties[3][11] = 999_999;
    parties[4][10] = 7;
    parties[4][11] = 1;
    let consistent = report(&Figures {
        active: [0; 9],
        fee: (0, String::new()),
        parties,
        cases: [[0; 4]; 3],
    });
    let published = with_drawn_cells_changed(&consistent, 256_695, 2);
    let seed = 3_737_880_239_098_217_841;
    for generator in [
        Generator::Torn(Torn::NarrowCells),
        Generator::MergedOther(Torn::NarrowCells),
    ] {
        let (printed, _) = generator.print(&published, seed);
        assert!(
            String::from_utf8_lossy(&printed)
                .contains("三、本年 1.本机  0 0 999990 3 15 0 100000\n度办理结 关不掌  0\n"),
            "the layout this test is about"
        );
        let score = sound(generator, &published, seed).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(score.right, score.cells - score.unprinted, "{score:?}");
        assert_eq!(score.unreported, 0, "{score:?}");
        let extraction = generator.extract(&published, seed);
        assert!(extraction.problems.iter().any(|p| {
            p.message.contains("0 0 999990 3 15 0 100000")
                && p.message.contains("placed only by the template's order")
        }));
    }
}

/// A whole page on one line (text copied from a web page), hard-wrapped at a width drawn per
/// report: its table cells read exactly as the line's unwrapped are (40 reports, glued and
/// spaced), no cell wrong. (Its prose may keep a line break where the wrap cut a number from
/// the text after it, which no join can tell from a line that ended there.)
#[test]
fn one_line_text_hard_wrapped_reads_as_unwrapped() {
    for (k, truth) in drawn_reports(40).iter().enumerate() {
        let typed = typed(truth);
        let seed = k as u64;
        for page in [
            xxgk_render::one_line(&typed, seed),
            xxgk_render::one_line_spaced(&typed, seed),
        ] {
            let (width, measure) = drawn_wrap(seed);
            let plain = extract(&page, Some("report.txt")).expect("text");
            let wrapped =
                extract(&hard_wrap(&page, width, measure), Some("report.txt")).expect("text");
            for cell in cell_pointers() {
                assert_eq!(
                    plain.report.pointer(cell),
                    wrapped.report.pointer(cell),
                    "report {k}, {cell}, width {width} {measure:?}"
                );
            }
            let score = score(&wrapped, truth);
            assert!(score.wrong.is_empty(), "report {k}: {:?}", score.wrong);
        }
    }
}

/// The first of the numbers a report with blank cells prints in their place before they are
/// blanked: nine digits, wider than any count drawn or summed here, so each stands for one cell.
const BLANK_STAND_IN: u64 = 987_654_301;

/// The marks a publisher prints in a cell left blank, drawn per cell: nothing, or one of the
/// marks the template's users print for "none".
const BLANK_MARKS: [&str; 5] = ["", "/", "-", "—", "无"];

/// `report` with `n` of its count cells (not the fee) printed blank, drawn by `k`: each gets a
/// stand-in number, which [`blanked`] replaces in the published file. The totals are those of
/// the report as drawn (the stand-ins are in no sum). Returns the report to print and the
/// pointers of the blank cells.
fn with_blank_cells(report: &Value, k: usize, n: usize) -> (Value, Vec<String>) {
    let counts: Vec<&str> = cell_pointers()
        .filter(|c| report.pointer(c).is_some_and(Value::is_u64))
        .collect();
    let mut printed = report.clone();
    let mut blank = Vec::new();
    for j in 0..n {
        let cell = counts[(k * 37 + j * 71) % counts.len()];
        if blank.iter().any(|b| b == cell) {
            continue;
        }
        let stand_in = BLANK_STAND_IN + blank.len() as u64;
        if let Some(value) = printed.pointer_mut(cell) {
            *value = json!(stand_in);
        }
        blank.push(cell.to_owned());
    }
    (printed, blank)
}

/// Replaces each stand-in number of `text` (not part of a longer number) with its mark, padded
/// with spaces to the stand-in's width (`glued`: a mark, unpadded, as text that glues a row's
/// numbers prints it: an empty cell there leaves no trace that a reader could see);
/// `None` when a stand-in is not printed whole (a converter wrapped or spaced its digits).
fn blanked(text: &str, blank: usize, k: usize, glued: bool) -> Option<String> {
    let mut out = text.to_owned();
    for j in 0..blank {
        let stand_in = (BLANK_STAND_IN + j as u64).to_string();
        let marks = if glued {
            &BLANK_MARKS[1..]
        } else {
            &BLANK_MARKS[..]
        };
        let mark = marks[(k + j) % marks.len()];
        let at = out.match_indices(&stand_in).map(|(at, _)| at).find(|&at| {
            let before = out[..at].chars().next_back();
            let after = out[at + stand_in.len()..].chars().next();
            !before.is_some_and(|c| c.is_ascii_digit())
                && !after.is_some_and(|c| c.is_ascii_digit())
        })?;
        // Padded to the stand-in's width, so that aligned columns stay aligned.
        let width = if glued { 0 } else { stand_in.len() };
        let padded = format!("{mark:<width$}");
        out.replace_range(at..at + stand_in.len(), &padded);
        if out.contains(&stand_in) {
            return None;
        }
    }
    Some(out)
}

/// [`blanked`] inside a DOCX's `word/document.xml`, the archive written again.
fn blanked_docx(docx: &[u8], blank: usize, k: usize) -> Option<Vec<u8>> {
    with_document_xml(docx, |xml| blanked(xml, blank, k, false))
}

/// A DOCX with its `word/document.xml` edited by `edit`, the archive written again; `None`
/// where the archive does not read or `edit` gives up.
fn with_document_xml(docx: &[u8], edit: impl FnOnce(&str) -> Option<String>) -> Option<Vec<u8>> {
    use std::io::{Read as _, Write as _};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).ok()?;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut edit = Some(edit);
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).ok()?;
        let name = file.name().ok()?.into_owned();
        let mut content = Vec::new();
        file.read_to_end(&mut content).ok()?;
        if name == "word/document.xml" {
            let edit = edit.take()?;
            content = edit(&String::from_utf8(content).ok()?)?.into_bytes();
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .ok()?;
        writer.write_all(&content).ok()?;
    }
    Some(writer.finish().ok()?.into_inner())
}

/// What the reports with blank cells read, per generator.
#[derive(Default)]
struct BlankReading {
    /// Blank cells, and of them those said blank (`cell-blank`, the publisher's).
    blank: usize,
    said_blank: usize,
    /// Printed cells, and of them those read right.
    printed: usize,
    right: usize,
    /// Reports whose stand-ins the generator did not print whole, not read.
    skipped: usize,
}

/// Reports printing cells blank (nothing, `/`, `-`, `—` or `无` in the cell), in every layout
/// and torn layout, hard-wrapped too and with Markdown rows broken over lines (the marks
/// printed before the wrap, as in the file a publisher made; pdftohtml's positioned runs are
/// HTML no one wraps, as in [`hard_wrapped_text_reads_no_wrong_cell`]): a blank cell is never read as a number (a blank is never 0), it is said
/// blank (`cell-blank`, the publisher's) or unread with a problem, never both; a printed cell is
/// read right or explained, and never said blank. Prints, per generator, the share of blank
/// cells said blank and of printed cells read (`cargo test --release -p xxgk-extract --test
/// roundtrip -- --nocapture blank_cells`); the floors are a hair below the shares measured.
#[test]
#[expect(
    clippy::print_stdout,
    reason = "the per-layout shares are the figures of the note"
)]
fn printed_blank_cells_are_said_blank_or_unread_never_read() {
    let reports = drawn_reports(100);
    let text_layouts = [
        Layout::OneCellPerLine,
        Layout::PipeCells,
        Layout::TabRows,
        Layout::SpaceAligned,
        Layout::Markdown,
    ];
    let markdown_torn = [
        Torn::MarkdownFromPdf,
        Torn::MarkdownSpansRepeated,
        Torn::MarkdownBrCells,
        Torn::MarkdownWordGrid,
    ];
    let generators = Generator::all()
        .into_iter()
        .chain(text_layouts.into_iter().map(Generator::HardWrapped))
        .chain(
            Torn::ALL
                .into_iter()
                .filter(|t| *t != Torn::PositionedRuns)
                .map(Generator::HardWrappedTorn),
        )
        .chain([Generator::RowsBroken(Layout::Markdown)])
        .chain(markdown_torn.into_iter().map(Generator::RowsBrokenTorn))
        .chain([Generator::Unindented(false)]);
    for generator in generators {
        let mut reading = BlankReading::default();
        for (k, truth) in reports.iter().enumerate() {
            let (printed, blank) = with_blank_cells(truth, k, 1 + k % 4);
            let glued = matches!(
                generator,
                Generator::Torn(Torn::PdfJsText) | Generator::HardWrappedTorn(Torn::PdfJsText)
            );
            // The marks are printed before a wrap or a broken row reshapes the lines.
            let blank_marks = |bytes: Vec<u8>| {
                if matches!(generator, Generator::Fixed(Layout::Docx)) {
                    blanked_docx(&bytes, blank.len(), k)
                } else if matches!(generator, Generator::Fixed(Layout::Gb18030)) {
                    let (text, _, _) = encoding_rs::GB18030.decode(&bytes);
                    blanked(&text, blank.len(), k, glued)
                        .map(|t| encoding_rs::GB18030.encode(&t).0.into())
                } else {
                    std::str::from_utf8(&bytes)
                        .ok()
                        .and_then(|text| blanked(text, blank.len(), k, glued))
                        .map(String::into_bytes)
                }
            };
            let Some((published, name)) = generator.print_edited(&printed, k as u64, blank_marks)
            else {
                reading.skipped += 1;
                continue;
            };
            let extraction = extract(&published, Some(name))
                .unwrap_or_else(|e| panic!("{}: {e}", generator.title()));
            for cell in cell_pointers() {
                let problems: Vec<ProblemCode> = extraction
                    .problems
                    .iter()
                    .filter(|p| p.pointer.as_deref() == Some(cell))
                    .map(|p| p.code)
                    .collect();
                let read = extraction.report.pointer(cell);
                let context = || format!("{} report {k}, {cell}", generator.title());
                if blank.iter().any(|b| b == cell) {
                    reading.blank += 1;
                    assert_eq!(read, None, "{}: a blank read as a number", context());
                    assert!(!problems.is_empty(), "{}: unexplained", context());
                    reading.said_blank += usize::from(problems.contains(&ProblemCode::CellBlank));
                } else {
                    reading.printed += 1;
                    assert!(
                        !problems.contains(&ProblemCode::CellBlank),
                        "{}: printed {:?}, said blank",
                        context(),
                        truth.pointer(cell)
                    );
                    match read {
                        Some(value) => {
                            assert_eq!(Some(value), truth.pointer(cell), "{}", context());
                            reading.right += 1;
                        }
                        None => assert!(!problems.is_empty(), "{}: unexplained", context()),
                    }
                }
            }
        }
        let said = 100.0 * reading.said_blank as f64 / reading.blank.max(1) as f64;
        let right = 100.0 * reading.right as f64 / reading.printed.max(1) as f64;
        println!(
            "{}: {said:.2}% of {} blank cells said blank, {right:.2}% of printed cells right \
             ({} reports not printed whole)",
            generator.title(),
            reading.blank,
            reading.skipped
        );
        let (said_floor, right_floor) = blank_floors(generator);
        assert!(
            said >= said_floor && right >= right_floor,
            "{}: {said:.2}% said blank, {right:.2}% right",
            generator.title()
        );
    }
}

/// The shares [`printed_blank_cells_are_said_blank_or_unread_never_read`] measured (blank cells
/// said blank, printed cells read right), a hair below. A blank cell goes unsaid where the
/// layout leaves no trace of it (`pdftotext -layout` spacing where no complete row stands
/// beside it, 表四's one row among them: placed by display columns, a CJK character two, and by
/// the numbers' centres, first or last characters, 80.0% → 86.0% said, 98.35% → 98.76% read;
/// pdf.js gluing a row's numbers,
/// a dump printing a cell a line: 9 of 250 said, 表四's blank marks alone on their lines now
/// among its cells, 0 before), where the row's blank last cell and a padding
/// `|` line cannot be told apart (pipe cells), where the converter's empty grid columns stand
/// between a row's numbers (Word's grid in Markdown: a row with a blank printed empty and empty
/// cells apart is unread; with a blank mark, `/` or `—`, it is read without its empty cells:
/// 95.2% → 99.1%, the mark once counted among the cells to drop), or where a blank leaves unevaluable an identity that placed the torn rows (the
/// torn layouts read 14–99.8% of their other cells so, none wrong: rows of numbers placed whole
/// by the template's order are confirmed by their other columns' identities where a blank
/// leaves one column's unevaluable; before, 33–91%; an unlabelled row printing a blank mark
/// among its seven cells is placed too: labels below numbers 43.7% → 47.7%, blanks said 30.8% →
/// 36.8%; and a placed cell that no evaluable identity reads, a blank in its row and one in its
/// column, is left out alone rather than every row placed with it: labels below numbers 47.7%
/// → 86.0%, Markdown from a PDF 97.2% → 99.8%; and a row a number short whose blank its even
/// spacing shows, a gap twice as wide as the others, has its blank placed there, confirmed as
/// rows placed by order are: labels below numbers → 95.4%, torn text 97.0% → 98.1%, narrow
/// cells 95.9% → 97.1%; 表四's blank marks alone on their lines among its cells, 90.65% →
/// 92.06% said). A table printed a cell a line with no tab nor empty line (PyMuPDF's)
/// loses a cell printed nothing with its line, and a mark alone (`—`) is no 表三 row's cell there
/// (it is one of 表四's): where exactly one 表三 row is one number short and every other row read
/// after its label, the identities across rows place its numbers and its blank
/// (`row-one-short-placed-by-identities`: 0% → 8.8% said blank, 14.3% → 39.0% read; with 表四's
/// marks, 14.8% and 40.0%); up to four such rows have their blanks placed together (75.2% said
/// blank, 99.0% read; with more than one such row the table was unread), a blank mark alone
/// among a row's numbers where it stands (90.0% said, 99.3% read). A block dump (poppler,
/// pdfminer) once read none of 表三 with a blank in it (3.6% said, 14.7% read): a blank's mark
/// alone on its line is one of its numbers, one cell printing nothing is tried in every place,
/// the blank valued as its row's 总计 requires (87.2% said, 97.7% read). Narrow cells with 表三
/// wrapped in half the reports (a row printing a blank printed whole, its blank left out, where
/// nothing places it) say 90.54% and read 97.64% (floors 92.0% and 97.3% before), hard-wrapped
/// 87.84% and 97.05% (88.3% and 96.5%).
fn blank_floors(generator: Generator) -> (f64, f64) {
    use Generator::{Fixed, HardWrapped, HardWrappedTorn, RowsBroken, RowsBrokenTorn};
    match generator {
        Fixed(Layout::PipeCells) | HardWrapped(Layout::PipeCells) => (89.0, 98.3),
        Fixed(Layout::TabRows) | HardWrapped(Layout::TabRows) => (99.0, 99.9),
        Fixed(Layout::SpaceAligned) => (85.9, 98.7),
        HardWrapped(Layout::SpaceAligned) => (80.3, 98.3),
        HardWrapped(Layout::OneCellPerLine) => (99.9, 99.7),
        Fixed(_) | HardWrapped(_) | RowsBroken(_) => (99.9, 99.9),
        Generator::Torn(Torn::MarkdownFromPdf)
        | HardWrappedTorn(Torn::MarkdownFromPdf)
        | RowsBrokenTorn(Torn::MarkdownFromPdf) => (98.3, 99.8),
        Generator::Torn(Torn::TornText) => (91.5, 98.0),
        HardWrappedTorn(Torn::TornText) => (88.3, 97.2),
        Generator::Torn(Torn::LabelsBelowNumbers) | HardWrappedTorn(Torn::LabelsBelowNumbers) => {
            (91.1, 94.5)
        }
        Generator::Torn(Torn::BlockDump) | HardWrappedTorn(Torn::BlockDump) => (87.1, 97.7),
        Generator::Torn(Torn::MarkdownSpansRepeated | Torn::MarkdownHtmlTables)
        | HardWrappedTorn(Torn::MarkdownSpansRepeated | Torn::MarkdownHtmlTables)
        | RowsBrokenTorn(Torn::MarkdownSpansRepeated) => (99.9, 99.9),
        Generator::Torn(Torn::PositionedRuns) => (79.9, 98.3),
        Generator::Torn(Torn::MarkdownBrCells) | RowsBrokenTorn(Torn::MarkdownBrCells) => {
            (99.1, 99.8)
        }
        HardWrappedTorn(Torn::MarkdownBrCells) => (98.7, 99.7),
        Generator::Torn(Torn::MarkdownWordGrid) | RowsBrokenTorn(Torn::MarkdownWordGrid) => {
            (89.9, 99.1)
        }
        HardWrappedTorn(Torn::MarkdownWordGrid) => (87.9, 97.3),
        Generator::Torn(Torn::PdfJsText) | HardWrappedTorn(Torn::PdfJsText) => (0.0, 91.6),
        Generator::Torn(Torn::NarrowCells) => (90.5, 97.6),
        HardWrappedTorn(Torn::NarrowCells) => (87.8, 97.0),
        Generator::Unindented(false) => (89.9, 99.3),
        other => panic!("{} is not measured with blank cells", other.title()),
    }
}

/// The one form in which `page` prints `stand_in`: whole, or with the page's stray space
/// inside; `None` when no form is printed exactly once.
fn printed_once(page: &str, stand_in: u64) -> Option<String> {
    let digits = stand_in.to_string();
    (0..digits.len())
        .map(|at| match at {
            0 => digits.clone(),
            _ => format!("{} {}", &digits[..at], &digits[at..]),
        })
        .find(|form| page.matches(form.as_str()).count() == 1)
}

/// Checks each of `cells` of a page printing `blank` as nothing: a blank cell is never read, a
/// printed cell is read as in `truth` or explained by a problem (`context` names the page).
/// Gives the printed cells read right and the printed cells.
fn blanks_unread_and_cells_right<'c>(
    extraction: &Extraction,
    truth: &Value,
    cells: impl Iterator<Item = &'c str>,
    blank: &[&str],
    context: &str,
) -> (usize, usize) {
    let (mut right, mut printed) = (0, 0);
    for cell in cells {
        let read = extraction.report.pointer(cell);
        if blank.contains(&cell) {
            assert_eq!(read, None, "{context}: blank {cell} read as a number");
            continue;
        }
        printed += 1;
        match read {
            Some(value) => {
                assert_eq!(Some(value), truth.pointer(cell), "{context}: {cell}");
                right += 1;
            }
            None => assert!(
                extraction
                    .problems
                    .iter()
                    .any(|p| p.pointer.as_deref() == Some(cell)),
                "{context}: {cell} unexplained"
            ),
        }
    }
    (right, printed)
}

/// Whole pages on one line whose tables print a cell or two blank, where the page's text keeps
/// no trace of a blank (an empty `<td>`: the row's digits run on, one number short). The
/// publisher's totals count the blank as nothing (the cells blanked are among those drawn 0).
/// No cell is read wrong: a row cut one digit a cell against its 总计, or against a column's
/// sum the reading explains by misprinted cells, or a 表二 row no identity reads, is taken back
/// where a blank would explain the digits too (`solve::without_blank_alternatives`); a blank is
/// never read as a number; a printed cell not read is explained. A 表三 row no split of which
/// satisfies its 总计 is read one number short where the table then satisfies every identity
/// (`solve::short_readings`), and with a second blank in a row whose digits satisfy its 总计
/// all the same where the table then satisfies none (`solve::second_blank`): 27.40% → 84.98% →
/// 86.07% of printed cells read. Prints the share of printed
/// cells read (`cargo test --release -p xxgk-extract --test roundtrip -- --nocapture
/// one_line_blank`).
#[test]
#[expect(
    clippy::print_stdout,
    reason = "the share read is the figure of the note"
)]
fn one_line_blank_cells_leaving_no_trace_are_never_read_as_numbers() {
    let (right, printed, skipped) = one_line_blank_cells_read(0);
    println!(
        "one-line, blank cells leaving no trace: {right}/{printed} printed cells read right ({:.2}%), none wrong ({skipped} of 200 reports not printed whole)",
        100.0 * right as f64 / printed as f64
    );
    assert_eq!(skipped, 0, "reports not printed whole");
    assert!(
        right * 10_000 >= printed * 8_600,
        "{right}/{printed} printed cells read, fewer than 86.00%"
    );
}

/// The same pages, each first with a cell of 表三 or 表四 changed ([`with_drawn_cells_changed`]):
/// a row that prints a blank beside a misprint elsewhere is not read as a misprinted row whose
/// digits the blank shifted. No cell is read wrong (`cargo test --release -p xxgk-extract --test
/// roundtrip -- --nocapture one_line_blank`).
#[test]
#[expect(
    clippy::print_stdout,
    reason = "the share read is the figure of the note"
)]
fn one_line_blank_cells_beside_a_misprint_are_never_read_as_numbers() {
    let (right, printed, skipped) = one_line_blank_cells_read(1);
    println!(
        "one-line, blank cells leaving no trace beside a changed cell: {right}/{printed} printed cells read right ({:.2}%), none wrong ({skipped} of 200 reports not printed whole)",
        100.0 * right as f64 / printed as f64
    );
    assert_eq!(skipped, 0, "reports not printed whole");
    assert!(
        right * 10_000 >= printed * 3_240,
        "{right}/{printed} printed cells read, fewer than 32.40%"
    );
}

/// 200 one-line pages printing one or two cells blank with no trace, after `changed` cells of
/// 表三 or 表四 are changed (the blanks among the zeros the report then prints): every reading
/// checked by [`blanks_unread_and_cells_right`]; the printed cells read right, those printed,
/// and the reports whose blanks could not be printed.
fn one_line_blank_cells_read(changed: usize) -> (usize, usize, usize) {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut printed, mut right, mut skipped) = (0usize, 0usize, 0usize);
    for k in 0..200usize {
        let drawn = report(
            &figures_of(real_count)
                .new_tree(&mut runner)
                .expect("figures draw")
                .current(),
        );
        let truth = with_drawn_cells_changed(&drawn, k, changed);
        let zeros: Vec<&str> = cell_pointers()
            .filter(|c| truth.pointer(c) == Some(&json!(0)))
            .collect();
        let mut published = truth.clone();
        let mut blank: Vec<&str> = Vec::new();
        for j in 0..1 + k % 2 {
            let Some(&cell) = zeros.get((k * 37 + j * 71) % zeros.len().max(1)) else {
                continue;
            };
            if let Some(value) = published
                .pointer_mut(cell)
                .filter(|_| !blank.contains(&cell))
            {
                *value = json!(BLANK_STAND_IN + blank.len() as u64);
                blank.push(cell);
            }
        }
        let mut text =
            String::from_utf8(xxgk_render::one_line(&typed(&published), k as u64)).expect("UTF-8");
        let printed_as: Option<Vec<String>> = (0..blank.len())
            .map(|j| printed_once(&text, BLANK_STAND_IN + j as u64))
            .collect();
        let Some(printed_as) = printed_as else {
            skipped += 1;
            continue;
        };
        for form in printed_as {
            text = text.replace(&form, "");
        }
        let extraction = extract(text.as_bytes(), Some("report.txt")).expect("extracts");
        let (read_right, of) = blanks_unread_and_cells_right(
            &extraction,
            &truth,
            cell_pointers(),
            &blank,
            &format!("report {k}\n{text}"),
        );
        right += read_right;
        printed += of;
    }
    (right, printed, skipped)
}

/// 2019-format pages on one line whose 表二 prints a cell of a three-cell row (规章, 规范性文件)
/// blank, leaving no trace (an empty `<td>`: the row's digits run on, one number short). 表二
/// has no identity, so a run that splits one way into three numbers may as well be two numbers
/// and a blank: no blank is read as a number and no cell is read wrong (before, `3 · 12` was read
/// `3 1 2`), every cell not read is explained. Prints the share of the two rows' printed cells
/// read (`cargo test --release -p xxgk-extract --test roundtrip -- --nocapture
/// one_line_2019_blank`).
#[test]
#[expect(
    clippy::print_stdout,
    reason = "the share read is the figure of the note"
)]
fn one_line_2019_blank_cells_of_table_two_are_never_read_as_numbers() {
    use proptest::strategy::ValueTree;
    const ROWS: [&str; 2] = ["regulations", "normative_documents"];
    const COLUMNS: [&str; 3] = ["newly_made", "newly_published", "total_published"];
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut printed, mut right, mut skipped) = (0usize, 0usize, 0usize);
    for k in 0..200usize {
        let drawn = figures_of(real_count)
            .new_tree(&mut runner)
            .expect("figures draw")
            .current();
        let truth = serde_json::to_value(report_2019(&drawn)).expect("serializes");
        let blank = format!(
            "/active_disclosure/{}/{}",
            ROWS[k % 2],
            COLUMNS[(k / 2) % 3]
        );
        let mut published = truth.clone();
        if let Some(value) = published.pointer_mut(&blank) {
            *value = json!(BLANK_STAND_IN);
        }
        let typed: edition_2019::AnnualReport =
            serde_json::from_value(published).expect("a valid 2019 report");
        let page = String::from_utf8(xxgk_render::one_line_2019(&typed, k as u64)).expect("UTF-8");
        let Some(form) = printed_once(&page, BLANK_STAND_IN) else {
            skipped += 1;
            continue;
        };
        let text = page.replace(&form, "");
        let extraction = extract(text.as_bytes(), Some("report.txt")).expect("extracts");
        let cells: Vec<String> = ROWS
            .iter()
            .flat_map(|row| {
                COLUMNS
                    .iter()
                    .map(move |column| format!("/active_disclosure/{row}/{column}"))
            })
            .collect();
        let (read_right, of) = blanks_unread_and_cells_right(
            &extraction,
            &truth,
            cells.iter().map(String::as_str),
            &[blank.as_str()],
            &format!("report {k}\n{text}"),
        );
        right += read_right;
        printed += of;
    }
    println!(
        "one-line 2019, a 表二 cell blank leaving no trace: {right}/{printed} printed cells of its three-cell rows read right ({:.2}%), none wrong",
        100.0 * right as f64 / printed.max(1) as f64
    );
    assert_eq!(skipped, 0, "reports not printed whole");
}

/// Rows whose label is recognised only on its second line, beside the pieces of its numbers
/// wrapped in narrow cells: （四）1's `1.本机关` (the group's label comes a row later) stands
/// beside `0 8 0 165821 71 507 165880` and `不掌握相` beside `7 3`; （六）2's `2.申请人` beside
/// the group's label `（六）`, and `逾期未按` beside `1 3`. The first line's numbers were
/// unlabelled rows that no gap held, the second's read as the row's only numbers (2 cells
/// found) or with the next row's (9), so both rows, and every row whose column they sum in,
/// were unread. Drawn narrow-cells report 11 (one cell changed), as the figures print it.
#[test]
fn a_row_whose_label_is_recognised_on_its_second_line_takes_the_numbers_above() {
    let published = with_drawn_cells_changed(&drawn_reports(12)[11], 11, 1);
    let generator = Generator::Torn(Torn::NarrowCells);
    let (printed, _) = generator.print(&published, 11);
    let text = String::from_utf8_lossy(&printed);
    for layout in [
        "1.本机关  0 8 0 165821 71 507 165880\n办理结果 不掌握相  7 3\n",
        "（六） 2.申请人  6 112100 0 0 6 0 112101\n其他处 逾期未按  1 3\n",
    ] {
        assert!(text.contains(layout), "the layout this test is about");
    }
    let score = sound(generator, &published, 11).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(score.unreported, 0, "{score:?}");
    let extraction = generator.extract(&published, 11);
    for row in ["unable/not_held", "other/fee_unpaid"] {
        let total = format!("/applications/results/{row}/total");
        let provenance = extraction
            .provenance
            .iter()
            .find(|p| p.pointer == total)
            .unwrap_or_else(|| panic!("{total} unread"));
        assert_eq!(
            provenance.rules,
            [ReadingRule::WrappedDigitsJoinedByIdentities]
        );
    }
}

/// How a 表二 cell printed on two lines (`731（其中修订 2 件）`) stands in space-aligned text
/// ([`with_tall_cell`]).
#[derive(Clone, Copy, Debug)]
enum TallCell {
    /// Centred in its tall row, as `pdftotext -layout` prints it: the number alone on the line
    /// above the row's others, in its column, the note on the line below.
    Centred,
    /// Its number alone on the line above, in its column, and no note: nothing shows a cell of
    /// two lines (a stray number may stand so).
    Unnoted,
    /// Centred, but its note below stands right of the table's last column, under no number.
    NoteApart,
    /// Its number alone on the line above, right of the table's last column: no column it
    /// lines up with.
    OffColumn,
    /// The whole cell on a line of its own below the row, at the line's start.
    PulledOut,
}

/// `text` (space-aligned, its rows a line each) with the `column`-th number of the 表二 row
/// labelled `label` printed as a cell of two lines in the shape of `tall`; `None` where the row
/// is not printed so.
fn with_tall_cell(text: &str, label: &str, column: usize, tall: TallCell) -> Option<String> {
    use unicode_width::UnicodeWidthStr as _;
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let at = lines.iter().position(|l| {
        l.strip_prefix(label)
            .is_some_and(|rest| rest.starts_with("  "))
    })?;
    let line = lines.get(at)?.clone();
    let numbers: Vec<(usize, &str)> = line
        .char_indices()
        .filter(|(k, c)| c.is_ascii_digit() && (*k == 0 || line[..*k].ends_with(' ')))
        .map(|(k, _)| (k, line[k..].split(' ').next().unwrap_or_default()))
        .collect();
    let (start, number) = *numbers.get(column)?;
    let indent = line[..start].width();
    let blanked = format!(
        "{}{}{}",
        &line[..start],
        " ".repeat(number.len()),
        &line[start + number.len()..]
    );
    let note = format!("（其中修订 {} 件）", column + 1);
    let replacement = match tall {
        TallCell::Centred => vec![
            format!("{}{number}", " ".repeat(indent)),
            blanked,
            format!("{}{note}", " ".repeat(indent)),
        ],
        TallCell::Unnoted => vec![format!("{}{number}", " ".repeat(indent)), blanked],
        TallCell::NoteApart => vec![
            format!("{}{number}", " ".repeat(indent)),
            blanked,
            format!("{}{note}", " ".repeat(line.width() + 8)),
        ],
        TallCell::OffColumn => vec![format!("{}{number}", " ".repeat(line.width() + 8)), blanked],
        TallCell::PulledOut => vec![blanked, format!("{number}{note}")],
    };
    lines.splice(at..=at, replacement);
    Some(lines.join("\n") + "\n")
}

/// A 表二 cell of two lines in space-aligned text, over 300 drawn reports for each shape (row
/// and column drawn): centred in its tall row, its note under the row, it is read in the column
/// the row's other numbers leave blank (the other row of its table complete); a number alone in
/// that column with no note under it, or in no column, leaves the cell unread, never said
/// blank; pulled out below the row it is read only where every place it may go in gives the
/// same value; no cell anywhere is read wrong.
#[test]
fn a_two_line_cell_of_a_space_aligned_table_two_is_read_in_its_column_or_left_unread() {
    let reports = drawn_reports(300);
    let shapes = [
        TallCell::Centred,
        TallCell::Unnoted,
        TallCell::NoteApart,
        TallCell::OffColumn,
        TallCell::PulledOut,
    ];
    let mut placed = 0;
    for (k, truth) in reports.iter().enumerate() {
        let printed =
            String::from_utf8(render(&typed(truth), Layout::SpaceAligned)).expect("UTF-8");
        for (n, tall) in shapes.into_iter().enumerate() {
            let (label, row) = [
                ("规章", "regulations"),
                ("行政规范性文件", "normative_documents"),
            ][(k + n) % 2];
            let column = (k + n) % 3;
            let text = with_tall_cell(&printed, label, column, tall)
                .unwrap_or_else(|| panic!("report {k}: no row {label} in {printed}"));
            let extraction = xxgk_extract::extract_text(&text);
            let score = score(&extraction, truth);
            assert!(
                score.wrong.is_empty() && score.unexplained.is_empty(),
                "report {k}, {tall:?}: {:?} {:?}\n{text}",
                score.wrong,
                score.unexplained
            );
            let name = ["issued", "repealed", "in_force"][column];
            let pointer = format!("/active_disclosure/{row}/{name}");
            let read = extraction.report.pointer(&pointer);
            let code = extraction
                .problems
                .iter()
                .find(|p| p.pointer.as_deref() == Some(pointer.as_str()))
                .map(|p| p.code);
            match tall {
                TallCell::Centred => {
                    assert_eq!(
                        read,
                        truth.pointer(&pointer),
                        "report {k}, {tall:?}\n{text}"
                    );
                    placed += 1;
                }
                TallCell::Unnoted | TallCell::NoteApart | TallCell::OffColumn => assert_eq!(
                    (read, code),
                    (None, Some(ProblemCode::MultiLineCellUnplaced)),
                    "report {k}, {tall:?}\n{text}"
                ),
                TallCell::PulledOut => {}
            }
        }
    }
    assert_eq!(placed, 300);
}
