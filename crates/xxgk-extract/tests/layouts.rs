//! Small hand-made inputs for every layout, HTML, DOCX and encoding, and for the rules on blanks,
//! digits and cells that ran together.

mod common;

use std::io::Write;

use serde_json::{Value, json};
use xxgk_extract::{
    Edition, Extraction, InputFormat, ProblemCode, ReadingRule, extract, extract_text,
};

use common::{APPLICANT_COLUMNS, APPLICATION_ROWS, assert_missing_cells_explained};

/// Labels of the 25 rows of 表三 as a report prints them, in template order.
const LABELS: [&str; 25] = [
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    "1.属于国家秘密",
    "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”",
    "4.保护第三方合法权益",
    "5.属于三类内部事务信息",
    "6.属于四类过程性信息",
    "7.属于行政执法案卷",
    "8.属于行政查询事项",
    "1.本机关不掌握相关政府信息",
    "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确",
    "1.信访举报投诉类申请",
    "2.重复申请",
    "3.要求提供公开出版物",
    "4.无正当理由大量反复申请",
    "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
    "（七）总计",
    "四、结转下年度继续办理",
];

/// A consistent 表三: 一 + 二 = （七） + 四 and （七） = the sum of the result rows, per column.
fn rows() -> Vec<[u64; 7]> {
    let mut rows = vec![[0u64; 7]; 25];
    rows[0] = [80, 10, 0, 0, 0, 0, 90];
    rows[1] = [2, 0, 0, 0, 0, 0, 2];
    rows[2] = [60, 0, 0, 0, 0, 0, 60];
    rows[3] = [1, 0, 0, 0, 0, 0, 1];
    rows[12] = [20, 0, 0, 0, 0, 0, 20];
    rows[23] = [81, 0, 0, 0, 0, 0, 81];
    rows[24] = [1, 10, 0, 0, 0, 0, 11];
    rows
}

const REVIEW: [u64; 15] = [11, 0, 3, 4, 18, 7, 1, 3, 0, 11, 3, 1, 1, 0, 5];

fn report(active: &str, applications: &str, review: &str) -> String {
    format!(
        "测试街道2024年政府信息公开工作年度报告\n一、总体情况\n本年度工作概况。\n\
         二、主动公开政府信息情况\n{active}\n三、收到和处理政府信息公开申请情况\n{applications}\n\
         四、政府信息公开行政复议、行政诉讼情况\n{review}\n五、存在的主要问题及改进情况\n问题。\n\
         六、其他需要报告的事项\n全年收取信息处理费 0 元。\n"
    )
}

fn joined(values: &[u64], separator: &str) -> String {
    values
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(separator)
}

fn application_lines(separator: &str) -> String {
    LABELS
        .iter()
        .zip(rows())
        .map(|(label, row)| format!("{label}{separator}{}", joined(&row, separator)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn assert_all_applications(extraction: &Extraction) {
    for (path, row) in APPLICATION_ROWS.iter().zip(rows()) {
        for (col, value) in APPLICANT_COLUMNS.iter().zip(row) {
            let pointer = format!("/applications/{path}/{col}");
            assert_eq!(
                extraction.report.pointer(&pointer),
                Some(&json!(value)),
                "{pointer}"
            );
        }
    }
}

fn assert_review(extraction: &Extraction) {
    for (k, value) in REVIEW.iter().enumerate() {
        let group = ["review", "litigation_direct", "litigation_after_review"][k / 5];
        let col = ["upheld", "corrected", "other", "pending", "total"][k % 5];
        let pointer = format!("/review_litigation/{group}/{col}");
        assert_eq!(
            extraction.report.pointer(&pointer),
            Some(&json!(value)),
            "{pointer}"
        );
    }
}

fn cell(extraction: &Extraction, pointer: &str) -> Option<Value> {
    extraction.report.pointer(pointer).cloned()
}

fn problem_at(extraction: &Extraction, pointer: &str) -> ProblemCode {
    extraction
        .problems
        .iter()
        .find(|p| p.pointer.as_deref() == Some(pointer))
        .unwrap_or_else(|| panic!("no problem at {pointer}: {:?}", extraction.problems))
        .code
}

#[test]
fn tab_separated_with_full_width_digits_separators_and_units() {
    let active = "第二十条第（一）项\t\t\t\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\
                  规章\t1\t0\t１１\n行政规范性文件\t8\t26\t66件\n行政许可\t447,228\n行政处罚\t3985758\n\
                  行政强制\t88283\n行政事业性收费\t96171.60\t\t";
    let review = format!("\t{}\t\t", joined(&REVIEW, "\t"));
    let text = report(active, &application_lines("\t"), &review);
    let extraction = extract_text(&text);
    assert_eq!(extraction.format, InputFormat::Text);
    assert_eq!(extraction.edition, Edition::E2021);
    assert_eq!(
        cell(&extraction, "/active_disclosure/regulations/in_force"),
        Some(json!(11))
    );
    assert_eq!(
        cell(
            &extraction,
            "/active_disclosure/normative_documents/in_force"
        ),
        Some(json!(66))
    );
    assert_eq!(
        cell(&extraction, "/active_disclosure/licensing/decisions"),
        Some(json!(447_228))
    );
    assert_eq!(
        cell(&extraction, "/active_disclosure/fees/amount_wan_yuan"),
        Some(json!("96171.60"))
    );
    assert_all_applications(&extraction);
    assert_review(&extraction);
    assert_eq!(
        cell(&extraction, "/other_matters/processing_fees/collected_yuan"),
        Some(json!("0"))
    );
    assert_eq!(extraction.problems, vec![]);
    let rules = |pointer: &str| {
        extraction
            .provenance
            .iter()
            .find(|p| p.pointer == pointer)
            .map(|p| p.rules.clone())
            .unwrap_or_default()
    };
    assert_eq!(
        rules("/active_disclosure/regulations/in_force"),
        vec![ReadingRule::FullWidthDigitsFolded]
    );
    assert_eq!(
        rules("/active_disclosure/licensing/decisions"),
        vec![ReadingRule::ThousandsSeparatorsRemoved]
    );
    assert_eq!(
        rules("/active_disclosure/normative_documents/in_force"),
        vec![ReadingRule::UnitStripped]
    );
}

#[test]
fn space_aligned_pdf_text_with_wrapped_labels_and_page_numbers() {
    let mut applications = String::from(
        "                              申请人情况\n        自然人      商业企业   科研机构   社会公益组织  法律服务机构  其他   总计\n",
    );
    for (k, (label, row)) in LABELS.iter().zip(rows()).enumerate() {
        let numbers = joined(&row, "      ");
        if k == 3 {
            // A label wrapped around its numbers, as pdftotext -layout prints it.
            applications.push_str("      （二）部分公开（区分处理的，只计这一情\n");
            applications.push_str(&format!("                        {numbers}\n"));
            applications.push_str("      形，不计其他情形）\n\n                 -3-\n");
        } else if k == 4 {
            applications.push_str(&format!("三、         {label}        {numbers}\n"));
        } else {
            applications.push_str(&format!("      {label}        {numbers}\n"));
        }
    }
    let active = "规章            1          0        11\n行政规范性文件       8          26       66\n\
                  行政许可          447228\n行政处罚      3985758\n行政强制     88283\n行政事业性收费   96171.6";
    let review = format!("结果   结果    其他结    尚未\n{}", joined(&REVIEW, "    "));
    let extraction = extract_text(&report(active, &applications, &review));
    assert_all_applications(&extraction);
    assert_review(&extraction);
    assert_eq!(extraction.problems, vec![]);
}

#[test]
fn pdftotext_raw_single_spaces() {
    let active = "规章 1 0 11\n行政规范性文件 8 26 66\n行政许可 447228\n行政处罚 3985758\n行政强制 88283\n行政事业性收费 96171.6";
    let review = format!(
        "行政复议 行政诉讼\n结果\n维持\n总 计\n{}",
        joined(&REVIEW, " ")
    );
    let extraction = extract_text(&report(active, &application_lines(" "), &review));
    assert_all_applications(&extraction);
    assert_review(&extraction);
    assert_eq!(extraction.problems, vec![]);
}

#[test]
fn markdown_and_pipe_tables() {
    let active = "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|:---:|---|---|\n\
                  | 规章 | 1 | | 11 |\n| 行政规范性文件 | 8 | 26 | 66 |\n| 行政许可 | 447228 | | |";
    let applications: String = LABELS
        .iter()
        .zip(rows())
        .map(|(label, row)| format!("| {label} | {} |\n", joined(&row, " | ")))
        .collect();
    let review = format!(
        "| 结果维持 | … |\n|---|---|\n| {} |",
        joined(&REVIEW, " | ")
    );
    let extraction = extract_text(&report(active, &applications, &review));
    assert_all_applications(&extraction);
    assert_review(&extraction);
    assert_eq!(
        cell(&extraction, "/active_disclosure/regulations/repealed"),
        None
    );
    assert_eq!(
        problem_at(&extraction, "/active_disclosure/regulations/repealed"),
        ProblemCode::CellBlank
    );
    // `| 行政许可 | 447228 | | |`: surplus blank columns are padding, not cells.
    assert_eq!(
        cell(&extraction, "/active_disclosure/licensing/decisions"),
        Some(json!(447_228))
    );
}

#[test]
fn html_table_text_one_cell_per_line() {
    let mut applications = String::new();
    for (label, row) in LABELS.iter().zip(rows()) {
        applications.push_str(&format!("{label} |\n"));
        for value in row {
            applications.push_str(&format!("{value} |\n"));
        }
        applications.push_str("||\n");
    }
    let review: String = REVIEW.iter().map(|v| format!("{v} |\n")).collect();
    let extraction = extract_text(&report(
        "规章 |\n0 |\n0 |\n0 |\n|||",
        &applications,
        &review,
    ));
    assert_all_applications(&extraction);
    assert_review(&extraction);
    assert_eq!(
        cell(&extraction, "/active_disclosure/regulations/in_force"),
        Some(json!(0))
    );
}

#[test]
fn docx_export_one_cell_per_line_with_blank_cells() {
    let mut applications = String::from("\t申请人情况\n\n\t自然人\n\t总计\n\n");
    for (k, (label, row)) in LABELS.iter().zip(rows()).enumerate() {
        applications.push_str(&format!("\t\n\t{label}\n"));
        for (c, value) in row.iter().enumerate() {
            if k == 1 && c < 6 {
                applications.push_str("\t\u{a0}\n"); // a blank cell
            } else {
                applications.push_str(&format!("\t{value}\n"));
            }
        }
        applications.push('\n');
    }
    let review: String = REVIEW.iter().map(|v| format!("\t{v}\n")).collect();
    let active = "\t规章\n\t1\n\t0\n\t11\n\n\t行政规范性文件\n\t—\n\t/\n\t-\n";
    let extraction = extract_text(&report(active, &applications, &format!("\n{review}")));
    for col in APPLICANT_COLUMNS.iter().take(6) {
        let pointer = format!("/applications/carried_over/{col}");
        assert_eq!(
            cell(&extraction, &pointer),
            None,
            "{pointer} must be missing, not 0"
        );
        assert_eq!(problem_at(&extraction, &pointer), ProblemCode::CellBlank);
    }
    assert_eq!(
        cell(&extraction, "/applications/carried_over/total"),
        Some(json!(2))
    );
    assert_eq!(
        cell(&extraction, "/applications/results/total/total"),
        Some(json!(81))
    );
    for col in ["issued", "repealed", "in_force"] {
        let pointer = format!("/active_disclosure/normative_documents/{col}");
        assert_eq!(cell(&extraction, &pointer), None);
        assert_eq!(problem_at(&extraction, &pointer), ProblemCode::CellBlank);
    }
    assert_review(&extraction);
    assert_missing_cells_explained(&extraction);
}

#[test]
fn run_together_cells_split_by_the_row_identity() {
    let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量801000081\n";
    let extraction = extract_text(text);
    let row: Vec<Option<Value>> = APPLICANT_COLUMNS
        .iter()
        .map(|c| cell(&extraction, &format!("/applications/new_received/{c}")))
        .collect();
    let expected: Vec<Option<Value>> = [80, 1, 0, 0, 0, 0, 81]
        .iter()
        .map(|v| Some(json!(v)))
        .collect();
    assert_eq!(row, expected);
    let provenance = extraction
        .provenance
        .iter()
        .find(|p| p.pointer == "/applications/new_received/total")
        .expect("provenance");
    assert_eq!(
        provenance.rules,
        vec![ReadingRule::RunTogetherSplitByRowIdentity]
    );
    assert_eq!((provenance.line, provenance.column), (2, 24));
}

#[test]
fn run_together_cells_split_by_the_column_identities() {
    // `110000011` splits as 1 10 0 0 0 0 11 or 11 0 0 0 0 0 11; only the first keeps
    // 一 + 二 = （七） + 四 in every column.
    let mut lines = application_lines("\t");
    lines = lines.replace(
        "四、结转下年度继续办理\t1\t10\t0\t0\t0\t0\t11",
        "四、结转下年度继续办理110000011",
    );
    let extraction = extract_text(&report("", &lines, ""));
    assert_all_applications(&extraction);
    let rules = &extraction
        .provenance
        .iter()
        .find(|p| p.pointer == "/applications/carried_forward/commercial_enterprise")
        .expect("provenance")
        .rules;
    assert_eq!(rules, &vec![ReadingRule::RunTogetherSplitByColumnIdentity]);
}

#[test]
fn run_together_cells_left_missing_when_ambiguous() {
    let text = "三、收到和处理政府信息公开申请情况\n四、结转下年度继续办理110000011\n";
    let extraction = extract_text(text);
    for col in APPLICANT_COLUMNS {
        let pointer = format!("/applications/carried_forward/{col}");
        assert_eq!(cell(&extraction, &pointer), None);
        assert_eq!(
            problem_at(&extraction, &pointer),
            ProblemCode::AmbiguousSplit
        );
    }
    let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量1234567\n";
    let extraction = extract_text(text);
    assert_eq!(
        problem_at(&extraction, "/applications/new_received/total"),
        ProblemCode::UnsplittableRun
    );
}

#[test]
fn wrong_cell_counts_are_not_guessed() {
    let text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 80 1 0 0 81\n\
                （七）总计 1.5 0 0 0 0 0 1\n";
    let extraction = extract_text(text);
    assert_eq!(
        cell(&extraction, "/applications/new_received/natural_person"),
        None
    );
    assert_eq!(
        problem_at(&extraction, "/applications/new_received/total"),
        ProblemCode::CellCountMismatch
    );
    assert_eq!(
        problem_at(&extraction, "/applications/results/total/natural_person"),
        ProblemCode::CellUnreadable
    );
    assert_eq!(
        cell(&extraction, "/applications/results/total/total"),
        Some(json!(1))
    );
}

fn html_report() -> String {
    let mut rows_html = String::new();
    for (k, (label, row)) in LABELS.iter().zip(rows()).enumerate() {
        rows_html.push_str("<tr>");
        match k {
            0 | 1 | 24 => rows_html.push_str(&format!("<td colspan=\"3\">{label}</td>")),
            2 => rows_html.push_str(&format!(
                "<td rowspan=\"22\">三、本年度办理结果</td><td colspan=\"2\">{label}</td>"
            )),
            3 | 23 => rows_html.push_str(&format!("<td colspan=\"2\">{label}</td>")),
            4 => rows_html.push_str(&format!(
                "<td rowspan=\"8\">（三）不予公开</td><td>{label}</td>"
            )),
            _ => rows_html.push_str(&format!("<td>{label}</td>")),
        }
        for (c, value) in row.iter().enumerate() {
            if k == 5 && c == 0 {
                rows_html.push_str("<td></td>");
            } else {
                rows_html.push_str(&format!("<td>&nbsp;{value}</td>"));
            }
        }
        rows_html.push_str("</tr>\n");
    }
    let review: String = REVIEW.iter().map(|v| format!("<td>{v}</td>")).collect();
    format!(
        "<!DOCTYPE html><html><head><title>测试街道2024年政府信息公开工作年度报告</title>\
         <script>var x = '<td>9</td>';</script></head><body>\n\
         <h1>测试街道2024年政府信息公开工作年度报告</h1>\n<p>一、总体情况</p><p>概况。</p>\n\
         <p>二、主动公开政府信息情况</p>\n<table><tr><td colspan=\"4\">第二十条第（一）项</td></tr>\
         <tr><td>规章</td><td>1</td><td>0</td><td>11</td></tr></table>\n\
         <p>三、收到和处理政府信息公开申请情况</p>\n<table>\n\
         <tr><td colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>\
         <td colspan=\"7\">申请人情况</td></tr>\n<tr><td rowspan=\"2\">自然人</td><td colspan=\"5\">法人或其他组织</td>\
         <td rowspan=\"2\">总计</td></tr>\n<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>\
         <td>法律服务机构</td><td>其他</td></tr>\n{rows_html}</table>\n\
         <p>四、政府信息公开行政复议、行政诉讼情况</p>\n<table><tr><td colspan=\"5\">行政复议</td>\
         <td colspan=\"10\">行政诉讼</td></tr><tr>{review}</tr></table>\n\
         <p>五、存在的主要问题及改进情况</p><p>问题。</p><p>六、其他需要报告的事项</p><p>无。</p></body></html>"
    )
}

#[test]
fn html_tables_with_rowspan_and_colspan() {
    let html = html_report();
    let extraction = extract(html.as_bytes(), None).expect("extracts");
    assert_eq!(extraction.format, InputFormat::Html);
    assert_eq!(
        extraction.report["metadata"]["title"],
        "测试街道2024年政府信息公开工作年度报告"
    );
    assert_eq!(
        cell(&extraction, "/active_disclosure/regulations/in_force"),
        Some(json!(11))
    );
    for (path, row) in APPLICATION_ROWS.iter().zip(rows()) {
        for (c, (col, value)) in APPLICANT_COLUMNS.iter().zip(row).enumerate() {
            let pointer = format!("/applications/{path}/{col}");
            let expected =
                (!(*path == "results/withheld/prohibited_by_law" && c == 0)).then(|| json!(value));
            assert_eq!(cell(&extraction, &pointer), expected, "{pointer}");
        }
    }
    assert_eq!(
        problem_at(
            &extraction,
            "/applications/results/withheld/prohibited_by_law/natural_person"
        ),
        ProblemCode::CellBlank
    );
    assert_review(&extraction);
    // Provenance is a position in the HTML source.
    let p = extraction
        .provenance
        .iter()
        .find(|p| p.pointer == "/applications/new_received/total")
        .expect("provenance");
    let line = html.lines().nth(p.line as usize - 1).expect("line");
    let at: String = line.chars().skip(p.column as usize - 1).take(2).collect();
    assert_eq!(at, "90");
    assert_eq!(p.raw, "90");
}

fn docx(document_xml: &str) -> Vec<u8> {
    let mut buffer = std::io::Cursor::new(Vec::new());
    let mut writer = zip::ZipWriter::new(&mut buffer);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    writer
        .start_file("[Content_Types].xml", options)
        .expect("zip");
    writer.write_all(b"<Types/>").expect("zip");
    writer
        .start_file("word/document.xml", options)
        .expect("zip");
    writer.write_all(document_xml.as_bytes()).expect("zip");
    writer.finish().expect("zip");
    buffer.into_inner()
}

fn w_cell(text: &str, props: &str) -> String {
    format!(
        "<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p></w:tc>"
    )
}

fn w_paragraph(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

#[test]
fn docx_tables_with_grid_span_and_vertical_merge() {
    let mut table = String::from("<w:tbl>");
    for (k, (label, row)) in LABELS.iter().zip(rows()).enumerate() {
        table.push_str("<w:tr>");
        match k {
            0 | 1 | 24 => table.push_str(&w_cell(label, "<w:gridSpan w:val=\"3\"/>")),
            2 => {
                table.push_str(&w_cell(
                    "三、本年度办理结果",
                    "<w:vMerge w:val=\"restart\"/>",
                ));
                table.push_str(&w_cell(label, "<w:gridSpan w:val=\"2\"/>"));
            }
            3 | 23 => {
                table.push_str(&w_cell("", "<w:vMerge/>"));
                table.push_str(&w_cell(label, "<w:gridSpan w:val=\"2\"/>"));
            }
            _ => {
                table.push_str(&w_cell("", "<w:vMerge/>"));
                table.push_str(&w_cell(label, ""));
            }
        }
        for (c, value) in row.iter().enumerate() {
            let text = if k == 10 && c == 3 {
                String::new()
            } else {
                value.to_string()
            };
            table.push_str(&w_cell(&text, ""));
        }
        table.push_str("</w:tr>");
    }
    table.push_str("</w:tbl>");
    let review_row: String = REVIEW.iter().map(|v| w_cell(&v.to_string(), "")).collect();
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:document xmlns:w=\"w\"><w:body>\
         {}{}{}{}<w:tbl><w:tr>{}{}{}{}</w:tr></w:tbl>{}{table}{}<w:tbl><w:tr>{review_row}</w:tr></w:tbl>{}{}{}\
         </w:body></w:document>",
        w_paragraph("测试街道2024年政府信息公开工作年度报告"),
        w_paragraph("一、总体情况"),
        w_paragraph("概况&amp;说明。"),
        w_paragraph("二、主动公开政府信息情况"),
        w_cell("规章", ""),
        w_cell("1", ""),
        w_cell("0", ""),
        w_cell("11", ""),
        w_paragraph("三、收到和处理政府信息公开申请情况"),
        w_paragraph("四、政府信息公开行政复议、行政诉讼情况"),
        w_paragraph("五、存在的主要问题及改进情况"),
        w_paragraph("六、其他需要报告的事项"),
        w_paragraph("无"),
    );
    let bytes = docx(&xml);
    let extraction = extract(&bytes, Some("report.docx")).expect("extracts");
    assert_eq!(extraction.format, InputFormat::Docx);
    assert_eq!(extraction.report["overview"]["text"], "概况&说明。");
    assert_eq!(
        cell(&extraction, "/active_disclosure/regulations/in_force"),
        Some(json!(11))
    );
    for (path, row) in APPLICATION_ROWS.iter().zip(rows()) {
        for (c, (col, value)) in APPLICANT_COLUMNS.iter().zip(row).enumerate() {
            let pointer = format!("/applications/{path}/{col}");
            let blank = *path == "results/withheld/enforcement_case_file" && c == 3;
            assert_eq!(
                cell(&extraction, &pointer),
                (!blank).then(|| json!(value)),
                "{pointer}"
            );
        }
    }
    assert_review(&extraction);
    // Without a name the archive is recognised by its signature.
    assert_eq!(
        extract(&bytes, None).expect("extracts").format,
        InputFormat::Docx
    );
    assert!(extract(b"PK\x03\x04 not a zip", None).is_err());
}

#[test]
fn encodings_are_detected() {
    let active = "规章\t1\t0\t11";
    let text = report(active, &application_lines("\t"), &joined(&REVIEW, "\t"));
    let reference = extract_text(&text).report;
    let (gbk, _, _) = encoding_rs::GBK.encode(&text);
    let mut utf16le = vec![0xFF, 0xFE];
    let mut utf16be = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        utf16le.extend_from_slice(&unit.to_le_bytes());
        utf16be.extend_from_slice(&unit.to_be_bytes());
    }
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    for (bytes, encoding) in [
        (gbk.into_owned(), "gb18030"),
        (utf16le, "UTF-16LE"),
        (utf16be, "UTF-16BE"),
        (bom, "UTF-8"),
    ] {
        let extraction = extract(&bytes, None).expect("extracts");
        assert_eq!(extraction.encoding, encoding);
        assert_eq!(extraction.report, reference, "{encoding}");
    }
}

#[test]
fn edition_2019_is_kept_apart() {
    let active = "第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n\
                  规章\t1\t1\t5\n规范性文件\t2\t2\t30\n\
                  第二十条第（五）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n\
                  行政许可\t120\t+1036\t251\n其他对外管理服务事项\t3\t-1\t4\n\
                  第二十条第（九）项\n信息内容\t采购项目数量\t采购总金额\n政府集中采购\t4\t251000元";
    let lines = merged_other_lines("\t");
    let text = report(active, &lines, &joined(&REVIEW, "\t")).replace("2024年", "2020年");
    let extraction = extract_text(&text);
    assert_eq!(extraction.edition, Edition::E2019);
    assert!(extraction.report.get("active_disclosure").is_none());
    let cells = &extraction.edition_2019.as_ref().expect("2019 tables").cells;
    assert_eq!(
        cells.pointer("/active_disclosure/licensing/change"),
        Some(&json!(1036))
    );
    assert_eq!(
        cells.pointer("/active_disclosure/other_services/change"),
        Some(&json!(-1))
    );
    assert_eq!(
        cells.pointer("/active_disclosure/normative_documents/total_published"),
        Some(&json!(30))
    );
    assert_eq!(
        cells.pointer("/active_disclosure/procurement/total_amount"),
        Some(&json!("251000元"))
    );
    assert_eq!(
        cells.pointer("/applications/results/other/total"),
        Some(&json!(0))
    );
    assert_eq!(
        cells.pointer("/applications/carried_forward/total"),
        Some(&json!(11))
    );
    assert_eq!(
        cells.pointer("/review_litigation/review/total"),
        Some(&json!(18))
    );
}

/// 表三 with the single （六）其他处理 row of the 2019 format.
fn merged_other_lines(separator: &str) -> String {
    let mut lines = application_lines(separator);
    for label in &LABELS[20..23] {
        let row = lines
            .lines()
            .find(|l| l.starts_with(label))
            .expect("row")
            .to_owned();
        lines = lines.replace(&format!("{row}\n"), "");
    }
    let merged = ["（六）其他处理"; 1]
        .into_iter()
        .chain(["0"; 7])
        .collect::<Vec<_>>()
        .join(separator);
    lines.replace("（七）总计", &format!("{merged}\n（七）总计"))
}

#[test]
fn merged_other_row_in_a_2021_report() {
    let lines = merged_other_lines(" ");
    let extraction = extract_text(&report("", &lines, ""));
    let problem = extraction
        .problems
        .iter()
        .find(|p| p.pointer.as_deref() == Some("/applications/results/other/fee_unpaid/total"))
        .expect("explained");
    assert_eq!(problem.code, ProblemCode::MergedOtherRow);
    assert!(problem.message.contains("总计 0"), "{}", problem.message);
    assert_eq!(
        cell(&extraction, "/applications/results/total/total"),
        Some(json!(81))
    );
}

#[test]
fn nothing_recognisable_gives_problems_not_panics() {
    for input in [
        "",
        "\u{FEFF}",
        "无",
        "<html></html>",
        "PK",
        "一、总体情况\n\t\t\t|||",
    ] {
        let extraction = extract(input.as_bytes(), None).expect("extracts");
        assert!(
            extraction
                .problems
                .iter()
                .any(|p| p.code == ProblemCode::SectionMissing)
        );
        assert_missing_cells_explained(&extraction);
    }
}

#[test]
fn wrapped_headings_captions_in_tables_and_notes_under_tables() {
    // Numbered headings wrapped over two lines, as narrow PDF text prints them.
    let text = format!(
        "一、总体情况\n概况。\n二、主动公开政府\n信息情况\n规章 1 0 11\n三、收到和处理政府信\n息公开申请情况\n{}\n\
         四、政府信息公开行政复\n议、行政诉讼情况\n{}\n合计  33\n\
         五、存在的主要问题及改进\n情况\n问题。\n六、其他需要报告的事项\n无。",
        application_lines(" "),
        joined(&REVIEW, " ")
    );
    let extraction = extract_text(&text);
    assert_eq!(
        cell(&extraction, "/active_disclosure/regulations/in_force"),
        Some(json!(11))
    );
    assert_all_applications(&extraction);
    assert_review(&extraction);
    assert_eq!(
        extraction.report["problems_and_improvements"]["text"],
        "情况\n问题。"
    );

    // A section heading printed as the first row of its table.
    let html = "<p>一、总体情况</p><p>概况。</p><table><tr><td colspan=\"4\">二、主动公开政府信息情况</td></tr>\
                <tr><td>规章</td><td>1</td><td>0</td><td>11</td></tr></table><p>六、其他需要报告的事项</p><p>无</p>";
    let extraction = extract_text(html);
    assert_eq!(
        cell(&extraction, "/active_disclosure/regulations/in_force"),
        Some(json!(11))
    );
    assert!(
        !extraction
            .problems
            .iter()
            .any(|p| p.pointer.as_deref() == Some("/active_disclosure"))
    );
}

#[test]
fn reports_laid_out_inside_tables() {
    let prose = "本年度，我区坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实《中华人民共和国政府信息公开条例》，\
                 不断完善政府信息公开制度，建立健全政府信息公开保障机制，推进政府信息公开工作规范、有序、健康发展。";
    // The whole report in one cell of a page table, the tables of the report nested in it.
    let html = format!(
        "<table><tr><td><p>测试区2024年政府信息公开工作年度报告</p><p>一、总体情况</p><p>{prose}</p>\
         <p>二、主动公开政府信息情况</p><table><tr><td>规章</td><td>1</td><td>0</td><td>11</td></tr></table>\
         <p>六、其他需要报告的事项</p><p>无</p></td></tr></table>"
    );
    let extraction = extract_text(&html);
    assert_eq!(extraction.report["overview"]["text"], prose);
    assert_eq!(
        cell(&extraction, "/active_disclosure/regulations/in_force"),
        Some(json!(11))
    );
    // The prose in a one-cell table of its own, the report's tables beside it.
    let html = format!(
        "<table><tr><td><p>一、总体情况</p><p>{prose}</p><p>二、主动公开政府信息情况</p></td></tr></table>\
         <table><tr><td>规章</td><td>1</td><td>0</td><td>11</td></tr></table><p>六、其他需要报告的事项</p>"
    );
    let extraction = extract_text(&html);
    assert_eq!(extraction.report["overview"]["text"], prose);
    assert_eq!(
        cell(&extraction, "/active_disclosure/regulations/in_force"),
        Some(json!(11))
    );
    // The same in a DOCX.
    let xml = format!(
        "<w:document><w:body><w:tbl><w:tr><w:tc>{}{}{}<w:tbl><w:tr>{}{}{}{}</w:tr></w:tbl>{}</w:tc></w:tr></w:tbl>\
         </w:body></w:document>",
        w_paragraph("一、总体情况"),
        w_paragraph(prose),
        w_paragraph("二、主动公开政府信息情况"),
        w_cell("规章", ""),
        w_cell("1", ""),
        w_cell("0", ""),
        w_cell("11", ""),
        w_paragraph("六、其他需要报告的事项"),
    );
    let extraction = extract(&docx(&xml), None).expect("extracts");
    assert_eq!(extraction.report["overview"]["text"], prose);
    assert_eq!(
        cell(&extraction, "/active_disclosure/regulations/in_force"),
        Some(json!(11))
    );
}

#[test]
fn group_label_beside_the_numbers_of_a_row() {
    // pdftotext prints a row-group label on the middle line of its span, beside the numbers of
    // the row whose label wraps around it.
    let mut lines = application_lines("    ");
    let fee_row = lines
        .lines()
        .find(|l| l.starts_with(LABELS[21]))
        .expect("row")
        .to_owned();
    let numbers = joined(&rows()[21], "    ");
    lines = lines.replace(
        &fee_row,
        &format!(
            "      2.申请人逾期未按收费通知要求缴纳费用、\n   （六）其他处理        {numbers}\n      行政机关不再处理其政府信息公开申请"
        ),
    );
    let extraction = extract_text(&report("", &lines, ""));
    assert_all_applications(&extraction);
    assert!(
        !extraction
            .problems
            .iter()
            .any(|p| p.code == ProblemCode::MergedOtherRow)
    );
}

#[test]
fn markdown_rows_with_spanned_label_columns_and_a_blank_last_cell() {
    let text = "三、收到和处理政府信息公开申请情况\n\
                | 一、本年新收政府信息公开申请数量 | | | 80 | 10 | 0 | 0 | 0 | 0 | |\n\
                | 二、上年结转政府信息公开申请数量 | | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |\n";
    let extraction = extract_text(text);
    assert_eq!(
        cell(&extraction, "/applications/new_received/natural_person"),
        Some(json!(80))
    );
    assert_eq!(cell(&extraction, "/applications/new_received/total"), None);
    assert_eq!(
        problem_at(&extraction, "/applications/new_received/total"),
        ProblemCode::CellBlank
    );
    assert_eq!(
        cell(&extraction, "/applications/carried_over/total"),
        Some(json!(2))
    );
}

/// A 表三 line of `pdftotext -layout`: the label in a 40-character column, numbers right-aligned
/// in columns of 8, `None` printed as nothing.
fn layout_line(label: &str, cells: &[Option<u64>]) -> String {
    let pad = 40usize.saturating_sub(label.chars().count());
    let numbers: String = cells
        .iter()
        .map(|c| match c {
            Some(v) => format!("{v:>8}"),
            None => " ".repeat(8),
        })
        .collect();
    format!("{label}{}{numbers}", " ".repeat(pad))
}

#[test]
fn blank_cells_of_space_aligned_text_are_placed_by_the_columns_around_them() {
    let mut lines = Vec::new();
    for (k, (label, row)) in LABELS.iter().zip(rows()).enumerate() {
        let cells: Vec<Option<u64>> = row
            .iter()
            .enumerate()
            .map(|(c, v)| (!(k == 1 && (1..6).contains(&c))).then_some(*v))
            .collect();
        lines.push(layout_line(label, &cells));
    }
    let extraction = extract_text(&report("", &lines.join("\n"), ""));
    assert_eq!(
        cell(&extraction, "/applications/carried_over/natural_person"),
        Some(json!(2))
    );
    assert_eq!(
        cell(&extraction, "/applications/carried_over/total"),
        Some(json!(2))
    );
    for col in &APPLICANT_COLUMNS[1..6] {
        let pointer = format!("/applications/carried_over/{col}");
        assert_eq!(cell(&extraction, &pointer), None);
        assert_eq!(problem_at(&extraction, &pointer), ProblemCode::CellBlank);
    }
    let rules = &extraction
        .provenance
        .iter()
        .find(|p| p.pointer == "/applications/carried_over/total")
        .expect("provenance")
        .rules;
    assert_eq!(rules, &vec![ReadingRule::PlacedByColumnPosition]);
    assert_eq!(
        cell(&extraction, "/applications/new_received/total"),
        Some(json!(90))
    );

    // Neighbours that disagree on the columns (a page break shifted them): nothing is placed.
    let shifted: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(k, l)| {
            if k == 2 {
                format!("     {l}")
            } else {
                l.clone()
            }
        })
        .collect();
    let extraction = extract_text(&report("", &shifted.join("\n"), ""));
    assert_eq!(
        cell(&extraction, "/applications/carried_over/natural_person"),
        None
    );
    assert_eq!(
        problem_at(&extraction, "/applications/carried_over/natural_person"),
        ProblemCode::CellCountMismatch
    );
}
