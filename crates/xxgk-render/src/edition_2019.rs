//! The 2019 format (国办公开办函〔2019〕60号, reports on 2019 and 2020) on one line, from the
//! generated [`STANDARD_2019`]: its 表二 (项目数量, signed 本年增/减, 政府集中采购 with a unit in
//! the amount) and its 表三 with a single （六）其他处理 row, for [`crate::one_line_2019`].

use serde_json::Value;

use xxgk_model::{STANDARD_2019, Table as Template};

use crate::document::{CONTENT_HEADER, Line, Style, Table, cell, grouped, line_in, span, value};

/// 表二 of the 2019 format: a captioned sub-table per article item (`第二十条第（一）项`), each
/// with its header and rows, as the Standard lists them.
pub(crate) fn active(report: &Value, table: &Template) -> Table {
    let width = 1 + table.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let mut rows = Vec::new();
    let mut caption = None;
    for row in table.rows {
        if row.header != caption {
            caption = row.header;
            rows.push(vec![span(caption.unwrap_or_default(), 1, width)]);
            let mut header = vec![cell(CONTENT_HEADER)];
            header.extend(
                row.cells
                    .iter()
                    .filter_map(|rc| table.columns.get(rc.column))
                    .map(|c| cell(c.header)),
            );
            rows.push(header);
        }
        let mut printed = vec![cell(row.name)];
        for rc in row.cells {
            let Some(c) = STANDARD_2019.cells.get(rc.cell) else {
                continue;
            };
            let key = table.columns.get(rc.column).map_or("", |c| c.key);
            printed.push(cell(signed(&value(report, c.pointer), key)));
        }
        rows.push(printed);
    }
    Table { width, rows }
}

/// `本年增/减` as published: a sign before an increase (`+3`), a decrease as it is (`-2`).
fn signed(text: &str, key: &str) -> String {
    if key == "change" && !text.is_empty() && !text.starts_with('-') && text != "0" {
        format!("+{text}")
    } else {
        text.to_owned()
    }
}

/// 表三 of the 2019 format: the Standard's rows, （六）其他处理 among them as one row.
pub(crate) fn applications(report: &Value, table: &Template) -> Table {
    let lines: Vec<Line> = table
        .rows
        .iter()
        .map(|row| line_in(&STANDARD_2019, table, row))
        .collect();
    grouped(report, table, &lines, Style::default())
}
