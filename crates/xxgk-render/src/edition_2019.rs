//! The 2019 format (国办公开办函〔2019〕60号, reports on 2019 and 2020) on one line: its 表二
//! (项目数量, signed 本年增/减, 政府集中采购 with a unit in the amount) and its 表三 with a single
//! （六）其他处理 row, for [`crate::one_line_2019`].

use serde_json::Value;

use crate::document::{Cell, Labelled, PARTIES, RESULT_GROUPS, Table, cell, span, value};

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
        let mut header = vec![cell("信息内容")];
        header.extend(columns.iter().filter(|c| !c.is_empty()).map(|c| cell(*c)));
        rows.push(header);
        for (key, label) in data {
            let names: &[&str] = match *key {
                "regulations" | "normative_documents" => {
                    &["newly_made", "newly_published", "total_published"]
                }
                "fees" => &["previous_year_items", "change"],
                "procurement" => &["items", "total_amount"],
                _ => &["previous_year_items", "change", "decisions"],
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

/// 表三 of the 2019 format: as in 2021, with （六）其他处理 a single row (`results/other`).
pub(crate) fn applications(report: &Value) -> Table {
    let numbers = |row: &str| -> Vec<Cell> {
        PARTIES
            .iter()
            .map(|p| cell(value(report, &format!("/applications/{row}/{p}"))))
            .collect()
    };
    let mut rows = vec![
        vec![
            span(
                "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                3,
                3,
            ),
            span("申请人情况", 1, 7),
        ],
        vec![
            span("自然人", 2, 1),
            span("法人或其他组织", 1, 5),
            span("总计", 2, 1),
        ],
        [
            "商业企业",
            "科研机构",
            "社会公益组织",
            "法律服务机构",
            "其他",
        ]
        .into_iter()
        .map(cell)
        .collect(),
    ];
    for (key, label) in [
        ("new_received", "一、本年新收政府信息公开申请数量"),
        ("carried_over", "二、上年结转政府信息公开申请数量"),
    ] {
        let mut row = vec![span(label, 1, 3)];
        row.extend(numbers(key));
        rows.push(row);
    }
    const MERGED: Labelled = &[("other", "（六）其他处理")];
    let groups: Vec<(&str, Labelled)> = RESULT_GROUPS
        .iter()
        .map(|&(group, leaves)| {
            if group == "（六）其他处理" {
                ("", MERGED)
            } else {
                (group, leaves)
            }
        })
        .collect();
    let results_rows: usize = groups.iter().map(|(_, leaves)| leaves.len()).sum();
    let mut first = true;
    for (group, leaves) in groups {
        for (k, (key, label)) in leaves.iter().enumerate() {
            let mut row = Vec::new();
            if first {
                row.push(span("三、本年度办理结果", results_rows, 1));
                first = false;
            }
            if group.is_empty() {
                row.push(span(*label, 1, 2));
            } else {
                if k == 0 {
                    row.push(span(group, leaves.len(), 1));
                }
                row.push(cell(*label));
            }
            row.extend(numbers(&format!("results/{key}")));
            rows.push(row);
        }
    }
    let mut row = vec![span("四、结转下年度继续办理", 1, 3)];
    row.extend(numbers("carried_forward"));
    rows.push(row);
    Table { width: 10, rows }
}
