//! The 2019 format (国办公开办函〔2019〕60号, reports on 2019 and 2020) on one line: its 表二
//! (项目数量, signed 本年增/减, 政府集中采购 with a unit in the amount) and its 表三 with a single
//! （六）其他处理 row, for [`crate::one_line_2019`].

use serde_json::Value;

use xxgk_model::Table as Template;

use crate::document::{CONTENT_HEADER, Line, Style, Table, cell, grouped, line, span, value};

/// Rows of a table: (pointer below the table, label). The 2019 format's 表二 is not in the 2021
/// standard: its labels come with the 2019 edition of the standard, and this table with it.
type Labelled = &'static [(&'static str, &'static str)];

/// The group of 表三 the 2019 format prints as one row, labelled as the group.
const MERGED_GROUP: &str = "/applications/results/other";

/// 表二 of the 2019 format: five captioned sub-tables.
pub(crate) fn active(report: &Value) -> Table {
    let v = |p: &str| value(report, &format!("/active_disclosure/{p}"));
    let mut rows = Vec::new();
    let caption = |item: &str| vec![span(format!("第二十条第（{item}）项"), 1, 4)];
    let items: [(&str, [&str; 3], Labelled); 5] = [
        (
            "一",
            ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
            &[
                ("regulations", "规章"),
                ("normative_documents", "规范性文件"),
            ],
        ),
        (
            "五",
            ["上一年项目数量", "本年增/减", "处理决定数量"],
            &[
                ("licensing", "行政许可"),
                ("other_services", "其他对外管理服务事项"),
            ],
        ),
        (
            "六",
            ["上一年项目数量", "本年增/减", "处理决定数量"],
            &[("penalty", "行政处罚"), ("coercion", "行政强制")],
        ),
        (
            "八",
            ["上一年项目数量", "本年增/减", ""],
            &[("fees", "行政事业性收费")],
        ),
        (
            "九",
            ["采购项目数量", "采购总金额", ""],
            &[("procurement", "政府集中采购")],
        ),
    ];
    for (item, columns, data) in items {
        rows.push(caption(item));
        let mut header = vec![cell(CONTENT_HEADER)];
        header.extend(columns.iter().filter(|c| !c.is_empty()).map(|c| cell(*c)));
        rows.push(header);
        for (key, label) in data {
            let names: &[&str] = match *key {
                "regulations" | "normative_documents" => {
                    &["newly_made", "newly_published", "total_published"]
                }
                "fees" => &["previous_items", "change"],
                "procurement" => &["items", "amount"],
                _ => &["previous_items", "change", "decisions"],
            };
            let mut row = vec![cell(*label)];
            row.extend(
                names
                    .iter()
                    .map(|n| cell(signed(&v(&format!("{key}/{n}")), n))),
            );
            rows.push(row);
        }
    }
    Table { width: 4, rows }
}

/// `本年增/减` as published: a sign before an increase (`+3`), a decrease as it is (`-2`).
fn signed(text: &str, name: &str) -> String {
    if name == "change" && !text.is_empty() && !text.starts_with('-') && text != "0" {
        format!("+{text}")
    } else {
        text.to_owned()
    }
}

/// 表三 of the 2019 format: 2021's `table`, with （六）其他处理 a single row (`results/other`).
pub(crate) fn applications(report: &Value, table: &Template) -> Table {
    let mut lines: Vec<Line> = Vec::new();
    for row in table.rows {
        match row.groups.split_last() {
            Some((group, outer)) if group.pointer == MERGED_GROUP => {
                if lines.last().is_some_and(|l| l.label == group.label) {
                    continue;
                }
                lines.push(Line {
                    groups: outer.iter().map(|g| g.label).collect(),
                    label: group.label,
                    pointers: table
                        .columns
                        .iter()
                        .map(|c| Some(format!("{}/{}", group.pointer, c.key)))
                        .collect(),
                });
            }
            _ => lines.push(line(table, row)),
        }
    }
    grouped(report, table, &lines, Style::default())
}
