//! The human summary of a migration: counts, then each field not carried or carried
//! approximately under its template labels, with why.

use std::fmt::Write as _;

use xxgk_model::{STANDARD_2019, STANDARD_2021, Standard};

use crate::{NotCarried, Report};

/// The field's name in `standard`: its Chinese label path or English name, else its pointer.
fn name(standard: &Standard, pointer: &str, english: bool) -> String {
    match standard.nodes.iter().find(|n| n.pointer == pointer) {
        Some(n) if english && !n.name_en.is_empty() => format!("{} ({pointer})", n.name_en),
        Some(n) if !english && !n.labels_zh.is_empty() => {
            format!("{} ({pointer})", n.labels_zh.join(" › "))
        }
        _ => pointer.to_owned(),
    }
}

fn why<'a>(english: bool, zh: &'a str, en: &'a str) -> &'a str {
    if english { en } else { zh }
}

fn list(out: &mut String, standard: &Standard, items: &[NotCarried], english: bool) {
    for item in items {
        let _ = writeln!(
            out,
            "  - {}: {}",
            name(standard, &item.pointer, english),
            why(english, &item.why_zh, &item.why_en)
        );
    }
}

/// Writes the summary of `report`.
pub fn write(report: &Report, english: bool) -> String {
    let mut out = String::new();
    let (exact, approx, blank, missing, dropped) = (
        report.carried_exact.len(),
        report.carried_approximate.len(),
        report.blank_in_source.len(),
        report.not_carried.len(),
        report.dropped.len(),
    );
    if english {
        let _ = writeln!(
            out,
            "Migrated from the {} edition to the {} edition (mapping {}): {exact} fields carried \
             exactly, {approx} approximately; {missing} 2021 fields have no 2019 source and {blank} \
             are blank in the 2019 report, so they are missing (never filled in); {dropped} 2019 \
             fields have no 2021 place.",
            report.from, report.to, report.mapping_version
        );
    } else {
        let _ = writeln!(
            out,
            "已从{}年版迁移到{}年版（映射 {}）：准确转换 {exact} 项，近似转换 {approx} 项；2021年版 \
             {missing} 项在2019年版中没有来源、{blank} 项在2019年报告中空白，均保持缺失（绝不填补）；\
             2019年版 {dropped} 项在2021年版中没有对应位置。",
            report.from, report.to, report.mapping_version
        );
    }
    let unread = report.unread_in_source.len();
    if unread > 0 {
        let _ = writeln!(
            out,
            "{}",
            if english {
                format!(
                    "{unread} more 2021 fields are missing because their 2019 source could not \
                     be read from the published report."
                )
            } else {
                format!("另有 2021年版 {unread} 项因未能从发布的报告中读取其2019年来源而缺失。")
            }
        );
    }
    if !report.carried_approximate.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            why(
                english,
                "近似转换（已转换，请核对）：",
                "Carried approximately (check them):"
            )
        );
        for c in &report.carried_approximate {
            let _ = writeln!(
                out,
                "  - {} ← {}: {}",
                name(&STANDARD_2021, &c.pointer, english),
                name(&STANDARD_2019, &c.source, english),
                why(
                    english,
                    c.why_zh.as_deref().unwrap_or_default(),
                    c.why_en.as_deref().unwrap_or_default()
                )
            );
        }
    }
    if !report.not_carried.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            why(
                english,
                "无法转换（保持缺失）：",
                "Not carried (left missing):"
            )
        );
        list(&mut out, &STANDARD_2021, &report.not_carried, english);
    }
    if !report.blank_in_source.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            why(
                english,
                "2019年报告空白（保持缺失）：",
                "Blank in the 2019 report (left missing):"
            )
        );
        list(&mut out, &STANDARD_2021, &report.blank_in_source, english);
    }
    if !report.unread_in_source.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            why(
                english,
                "未能从发布的报告中读取其2019年来源（保持缺失；是读取的问题，不是报告空白）：",
                "Source not read from the published report (left missing; a failure of the \
                 reader, not a blank of the report):"
            )
        );
        list(&mut out, &STANDARD_2021, &report.unread_in_source, english);
    }
    if !report.dropped.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            why(
                english,
                "2019年版数据在2021年版中没有位置（未转换）：",
                "2019 data with no 2021 place (not carried):"
            )
        );
        list(&mut out, &STANDARD_2019, &report.dropped, english);
    }
    out
}
