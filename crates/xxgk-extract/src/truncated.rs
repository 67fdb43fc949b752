//! Truncated row labels: a PDF converter that wraps a long label over several lines or table rows
//! sometimes keeps only its first piece beside the numbers (`2.申请人逾期未按收`). Such a piece is
//! recognised only when it is the start of exactly one template label among the rows that may
//! still follow in the template's order. 表二's labels are not numbered; a piece of one
//! (`行政规范`) is recognised the same way, when it has two characters at least, among the rows
//! with at least as many columns as the figures printed beside it (a row prints no more figures
//! than it has cells, so `行政   0   0   7` is 行政规范性文件, the only row of three columns that
//! starts 行政).

use crate::normalize::{compact_chars, fold_char, is_cjk};
use crate::template::{
    ACTIVE_ORDER, APP_ROWS, ActiveRow, AppRow, REVIEW_GROUPS, RowSpec, active_2021, strip_numbering,
};

/// The 表二 row whose label starts with `compact` (two characters at least, all CJK), when
/// exactly one row of the edition (`spec_of`) after `previous` with at least `figures` columns
/// (the figures printed beside the piece) has such a label: `行政规范` after 规章 is
/// 行政规范性文件, `行政` is any of five, `行政   0   0   7` the only one of three columns.
pub(crate) fn recognise_truncated_active(
    compact: &str,
    previous: Option<ActiveRow>,
    figures: usize,
    spec_of: impl Fn(ActiveRow) -> Option<RowSpec>,
) -> Option<ActiveRow> {
    if compact.chars().count() < 2 || !compact.chars().all(is_cjk) {
        return None;
    }
    let after = previous
        .and_then(|p| ACTIVE_ORDER.iter().position(|r| *r == p))
        .map_or(0, |k| k + 1);
    let mut found = None;
    for row in ACTIVE_ORDER.get(after..).unwrap_or_default() {
        let Some(spec) = spec_of(*row).filter(|s| s.columns.len() >= figures) else {
            continue;
        };
        let leaf = spec.label.rsplit(" › ").next().unwrap_or(spec.label);
        if compact_chars(leaf.chars().filter_map(fold_char)).starts_with(compact) {
            if found.is_some() {
                return None;
            }
            found = Some(*row);
        }
    }
    found
}

/// Group labels a converter prints in the same cell as a leaf label (`(三)不予公开 1.属于…`).
const GROUP_LABELS: &[&str] = &[
    "三、本年度办理结果",
    "(三)不予公开",
    "(四)无法提供",
    "(五)不予处理",
    "(六)其他处理",
];

/// The glyphs of 表三's group label 三、本年度办理结果, printed one a line down its narrow first
/// column, that never follow a count as its unit or date (`3本`, `2024年`, `2024年度` do).
const RESULTS_LABEL_GLYPHS: &str = "办理结果";

/// Whether `compact` (all CJK) is a piece of a row or group label of the template, wrapped in its
/// cell and printed on a number's baseline (`不予公` of （三）不予公开, `转下年` of
/// 四、结转下年度继续办理), its numbering printed on another line or not at all: two glyphs or
/// more, or one glyph of 办理结果 printed down its column (`8结`: PyMuPDF's sorted text).
pub(crate) fn is_label_piece(compact: &str) -> bool {
    let mut glyphs = compact.chars();
    if let (Some(glyph), None) = (glyphs.next(), glyphs.next()) {
        return RESULTS_LABEL_GLYPHS.contains(glyph);
    }
    static PIECES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let pieces = PIECES.get_or_init(|| {
        let labels = APP_ROWS
            .iter()
            .map(|(_, _, label)| *label)
            .chain(
                ACTIVE_ORDER
                    .iter()
                    .filter_map(|row| Some(active_2021(*row)?.label)),
            )
            .chain(REVIEW_GROUPS.iter().map(|group| group.label));
        labels
            .flat_map(|label| label.split(" › "))
            .map(|piece| compact_chars(piece.chars().filter_map(fold_char)))
            .collect()
    });
    compact.chars().count() >= 2
        && compact.chars().all(is_cjk)
        && pieces.iter().any(|label| label.contains(compact))
}

/// The leaves of each group of 表三 whose leaves are numbered rows of their own.
const GROUP_LEAVES: &[(&str, u32)] = &[
    ("(三)不予公开", 8),
    ("(四)无法提供", 3),
    ("(五)不予处理", 5),
    ("(六)其他处理", 3),
];

/// How many numbered leaves the group label a compact label ends with has (`(六)其他处理`: 3),
/// `None` when it ends with none.
pub(crate) fn group_leaves(compact: &str) -> Option<u32> {
    GROUP_LEAVES
        .iter()
        .find(|(group, _)| compact.ends_with(group))
        .map(|(_, leaves)| *leaves)
}

/// Template labels of 表三 (the leaf part, compact and width-folded), with the variants of the
/// wild (spec §4), in template order.
fn leaf_labels() -> &'static [(AppRow, String)] {
    static LABELS: std::sync::OnceLock<Vec<(AppRow, String)>> = std::sync::OnceLock::new();
    LABELS.get_or_init(|| {
        let mut labels = Vec::new();
        for (row, _, label) in APP_ROWS.iter() {
            let leaf = label.rsplit(" › ").next().unwrap_or(label);
            let folded = compact_chars(leaf.chars().filter_map(fold_char));
            for variant in [
                folded.clone(),
                folded.replace("只计这一情形", "只计这一情况"),
                folded.replace("三类内部事务", "三类内容事务"),
            ] {
                if !labels.contains(&(*row, variant.clone())) {
                    labels.push((*row, variant));
                }
            }
        }
        labels
    })
}

/// The row whose template label starts with `compact` (a numbered label piece, group labels in
/// front of it ignored), when exactly one row after `previous` has such a label.
pub(crate) fn recognise_truncated(compact: &str, previous: Option<AppRow>) -> Option<AppRow> {
    let mut piece = compact;
    while let Some(rest) = GROUP_LABELS.iter().find_map(|g| piece.strip_prefix(g)) {
        piece = rest;
    }
    let body = strip_numbering(piece);
    let numbered = body.len() < piece.len();
    if !numbered || !body.chars().any(is_cjk) {
        return None;
    }
    let after = previous
        .and_then(|p| APP_ROWS.iter().position(|(r, _, _)| *r == p))
        .map_or(0, |k| k + 1);
    let following: Vec<AppRow> = APP_ROWS
        .get(after..)
        .unwrap_or_default()
        .iter()
        .map(|(r, _, _)| *r)
        .collect();
    let mut found: Option<AppRow> = None;
    for (row, label) in leaf_labels() {
        if following.contains(row) && label.starts_with(piece) {
            if found.is_some_and(|f| f != *row) {
                return None;
            }
            found = Some(*row);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_of_row_and_group_labels_are_recognised_without_their_numbering() {
        for piece in [
            "不予公",
            "无法",
            "转下年",
            "度继续",
            "本年度",
            "行政强",
            "复议后",
        ] {
            assert!(is_label_piece(piece), "{piece}");
        }
        for glyph in ["办", "理", "结", "果"] {
            assert!(is_label_piece(glyph), "{glyph}");
        }
        // Units and dates, one glyph of a label that is not printed down a column, text of no
        // label, numbering, and a label with more after it.
        for piece in [
            "件",
            "本",
            "年",
            "度",
            "开",
            "国家秘密局",
            "万元",
            "(三)不予",
            "不予公开国家秘密",
        ] {
            assert!(!is_label_piece(piece), "{piece}");
        }
    }

    #[test]
    fn a_unique_start_names_its_row() {
        assert_eq!(
            recognise_truncated("2.申请人逾期未按收", None),
            Some(AppRow::FeeUnpaid)
        );
        assert_eq!(
            recognise_truncated("(三)不予公开3.危", None),
            Some(AppRow::SecurityStability)
        );
        assert_eq!(recognise_truncated("(一)予以", None), Some(AppRow::Granted));
        // Only rows that may still follow count.
        assert_eq!(
            recognise_truncated("1.申", Some(AppRow::ConfirmOrReissue)),
            Some(AppRow::NoCorrection)
        );
        assert_eq!(recognise_truncated("1.申", Some(AppRow::Total)), None);
        // Not the start of a label, or not numbered.
        assert_eq!(
            recognise_truncated("行政机关不再处理其政府信息公", None),
            None
        );
        assert_eq!(recognise_truncated("属于国家", None), None);
        assert_eq!(recognise_truncated("(三)不予公开", None), None);
    }

    #[test]
    fn a_unique_start_names_its_active_row() {
        let spec = active_2021;
        assert_eq!(
            recognise_truncated_active("行政规范", Some(ActiveRow::Regulations), 0, spec),
            Some(ActiveRow::NormativeDocuments)
        );
        assert_eq!(
            recognise_truncated_active("行政事", Some(ActiveRow::Coercion), 0, spec),
            Some(ActiveRow::Fees)
        );
        assert_eq!(
            recognise_truncated_active("行政", Some(ActiveRow::Regulations), 0, spec),
            None
        );
        assert_eq!(
            recognise_truncated_active("行政规范", Some(ActiveRow::Licensing), 0, spec),
            None
        );
        assert_eq!(recognise_truncated_active("行", None, 0, spec), None);
    }

    #[test]
    fn the_figures_beside_a_piece_rule_out_narrower_rows() {
        let spec = active_2021;
        // `行政   0   0   7` after 规章: of the five rows starting 行政, only 行政规范性文件 has
        // three columns.
        assert_eq!(
            recognise_truncated_active("行政", Some(ActiveRow::Regulations), 3, spec),
            Some(ActiveRow::NormativeDocuments)
        );
        assert_eq!(
            recognise_truncated_active("行政", Some(ActiveRow::Regulations), 2, spec),
            Some(ActiveRow::NormativeDocuments)
        );
        // One figure fits every one of them.
        assert_eq!(
            recognise_truncated_active("行政", Some(ActiveRow::Regulations), 1, spec),
            None
        );
        // After 行政规范性文件 no row starting 行政 has three columns.
        assert_eq!(
            recognise_truncated_active("行政", Some(ActiveRow::NormativeDocuments), 3, spec),
            None
        );
    }
}
