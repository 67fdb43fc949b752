//! The extractor's view of the 2019 format's tables (国办公开办函〔2019〕60号), built from the
//! generated [`xxgk_model::STANDARD_2019`] as [`crate::template`] is from the 2021 Standard: 表二's
//! rows, columns, labels and pointers, and every cell of the edition. 表三 and 表四 have the 2021
//! rows and pointers but for the single （六）其他处理 row, which a test below holds to the Standard.

use std::sync::LazyLock;

use xxgk_model::{Row, STANDARD_2019};

use crate::template::{ActiveRow, Column, RowSpec, key_of, row_columns_of, table_of};

/// The rows of 表二 in the 2019 template, in order, with their Standard rows and columns.
static ACTIVE_2019: LazyLock<Vec<(ActiveRow, &'static Row, Vec<Column>)>> = LazyLock::new(|| {
    table_of(&STANDARD_2019, "表二")
        .iter()
        .filter_map(|row| {
            let active = ActiveRow::from_key(key_of(row.pointer))?;
            Some((active, row, row_columns_of(&STANDARD_2019, "表二", row)))
        })
        .collect()
});

/// 表二 of the 2019 format; `None` for a row it does not have (none: every [`ActiveRow`] is one).
pub(crate) fn active_2019(row: ActiveRow) -> Option<RowSpec> {
    ACTIVE_2019
        .iter()
        .find(|(r, _, _)| *r == row)
        .map(|(_, template, columns)| RowSpec {
            path: template.pointer,
            label: template.name,
            columns,
        })
}

/// Every canonical cell of the 2019 format: pointer and Chinese table path, from the Standard's
/// cells (document order, so each row's cells are contiguous).
pub(crate) fn cells_2019() -> &'static [(String, String)] {
    static CELLS: LazyLock<Vec<(String, String)>> = LazyLock::new(|| {
        STANDARD_2019
            .cells
            .iter()
            .map(|c| (c.pointer.to_owned(), c.label_path()))
            .collect()
    });
    &CELLS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{APP_ROWS, AppRow, REVIEW_GROUPS, ValueKind, other_merged};

    #[test]
    fn the_2019_template_is_read_whole() {
        assert_eq!(ACTIVE_2019.len(), 8);
        assert_eq!(cells_2019().len(), 198);
        let procurement = active_2019(ActiveRow::Procurement).map(|s| {
            s.columns
                .iter()
                .map(|c| (c.name, c.kind))
                .collect::<Vec<_>>()
        });
        assert_eq!(
            procurement,
            Some(vec![
                ("items", ValueKind::Count),
                ("amount", ValueKind::Published)
            ])
        );
        let licensing = active_2019(ActiveRow::Licensing).map(|s| s.columns[1].kind);
        assert_eq!(licensing, Some(ValueKind::Signed));
    }

    /// 表三 and 表四 of the 2019 Standard are the 2021 rows the extractor reads, with the three
    /// （六） rows as one: the 2021 view serves both editions only while this holds.
    #[test]
    fn the_2019_applications_and_review_are_the_2021_rows_merged() {
        let rows_2019: Vec<&str> = table_of(&STANDARD_2019, "表三")
            .iter()
            .map(|r| r.pointer)
            .collect();
        let mut expected = Vec::new();
        for (row, path, _) in APP_ROWS.iter() {
            match row {
                AppRow::NoCorrection | AppRow::FeeUnpaid => {}
                AppRow::OtherOther => expected.push(other_merged().path),
                _ => expected.push(*path),
            }
        }
        assert_eq!(rows_2019, expected);
        let review_2019: Vec<&str> = table_of(&STANDARD_2019, "表四")
            .iter()
            .map(|r| r.pointer)
            .collect();
        let review_2021: Vec<&str> = REVIEW_GROUPS.iter().map(|g| g.path).collect();
        assert_eq!(review_2019, review_2021);
        for (cell, (pointer, _)) in STANDARD_2019.cells.iter().zip(cells_2019()) {
            assert_eq!(cell.pointer, pointer);
        }
    }

    /// The extractor splits and confirms a 2019 report's numbers with the 2021 catalogue's
    /// identities, reading the single （六） row as （六）1 with （六）2 and 3 at 0. That is sound
    /// only while those identities, so read, are exactly the 2019 catalogue's (R1–R4).
    #[test]
    fn the_2021_identities_with_the_merged_row_are_the_2019_catalogues() {
        use std::collections::BTreeSet;
        use xxgk_catalogue::Catalogue;
        type Key = (String, Vec<String>, Vec<String>);
        let merged = other_merged().path;
        let cells_2019: BTreeSet<&str> = STANDARD_2019.cells.iter().map(|c| c.pointer).collect();
        // A 2021 pointer as the extractor reads it in a 2019 report: `None` for a zero term.
        let read = |pointer: &str| -> Option<String> {
            let Some(rest) = pointer.strip_prefix(&format!("{merged}/")) else {
                return Some(pointer.to_owned());
            };
            let (row, column) = rest.split_once('/')?;
            (row == "no_correction").then(|| format!("{merged}/{column}"))
        };
        let key = |rule: &str, lhs: Vec<String>, rhs: Vec<String>| -> Key {
            let (mut lhs, mut rhs) = (lhs, rhs);
            lhs.sort();
            rhs.sort();
            (rule.to_owned(), lhs, rhs)
        };
        let catalogue_2021 = Catalogue::from_json(xxgk_model::RULES_JSON).unwrap();
        let as_read: BTreeSet<Key> = catalogue_2021
            .identities()
            .unwrap()
            .iter()
            .map(|i| {
                let side = |cells: &[String]| cells.iter().filter_map(|c| read(c)).collect();
                key(&i.rule.id, side(&i.lhs), side(&i.rhs))
            })
            // R3 of the two rows read as zero is 0 = 0: no identity.
            .filter(|(_, lhs, rhs)| !(lhs.is_empty() && rhs.is_empty()))
            .filter(|(_, lhs, rhs)| {
                lhs.iter()
                    .chain(rhs)
                    .all(|c| cells_2019.contains(c.as_str()))
            })
            .collect();
        let catalogue_2019 = Catalogue::from_json(xxgk_model::edition_2019::RULES_JSON).unwrap();
        let of_2019: BTreeSet<Key> = catalogue_2019
            .identities()
            .unwrap()
            .iter()
            .map(|i| key(&i.rule.id, i.lhs.clone(), i.rhs.clone()))
            .collect();
        assert!(!of_2019.is_empty());
        assert_eq!(as_read, of_2019);
    }
}
