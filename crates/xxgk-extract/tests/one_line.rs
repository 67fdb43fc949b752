//! The whole report on one line, hand-made: headings mid-line, run-together cells split by the
//! identities, 表二 left missing when its digits split several ways, a report that breaks an
//! identity, and runs too long to search.

mod common;

use serde_json::{Value, json};
use xxgk_extract::{Extraction, ProblemCode, ReadingRule, extract};

use common::problem_at;

/// The labels of 表三's rows in reading order: each leaf's, after the label of the group it
/// opens (a page's text runs a merged group label into its first row).
fn labels() -> impl Iterator<Item = String> {
    common::LABELS.iter().enumerate().map(|(k, label)| {
        let group = match k {
            2 => "三、本年度办理结果",
            4 => "（三）不予公开",
            12 => "（四）无法提供",
            15 => "（五）不予处理",
            20 => "（六）其他处理",
            _ => "",
        };
        format!("{group}{label}")
    })
}

/// A consistent 表三 (一 + 二 = （七） + 四, （七） = Σ results, 总计 = Σ applicants).
fn rows() -> Vec<[u64; 7]> {
    let mut rows = vec![[0u64; 7]; 25];
    rows[0] = [80, 1, 0, 0, 0, 0, 81];
    rows[1] = [2, 0, 0, 0, 0, 0, 2];
    rows[2] = [60, 1, 0, 0, 0, 0, 61];
    rows[3] = [1, 0, 0, 0, 0, 0, 1];
    rows[12] = [20, 0, 0, 0, 0, 0, 20];
    rows[23] = [81, 1, 0, 0, 0, 0, 82];
    rows[24] = [1, 0, 0, 0, 0, 0, 1];
    rows
}

fn digits(row: &[u64]) -> String {
    row.iter().map(u64::to_string).collect()
}

/// A report as a web page's text with every line break lost.
fn one_line(rows: &[[u64; 7]], review: &str) -> String {
    let table: String = labels()
        .zip(rows)
        .map(|(label, row)| format!("{label}{}", digits(row)))
        .collect();
    format!(
        "首页 > 政务公开 字号：大 中 小 打印本页 来源：测试街道 测试街道2024年政府信息公开工作年度报告\
         一、总体情况本年度，我街道收到申请81件。二、主动公开政府信息情况第二十条第（一）项信息内容\
         本年制发件数本年废止件数现行有效件数规章5012行政规范性文件000第二十条第（五）项信息内容\
         本年处理决定数量行政许可1234第二十条第（六）项信息内容本年处理决定数量行政处罚7行政强制0\
         第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费1032.60994\
         三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加\
         第四项之和）申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他\
         总计{table}四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果\
         尚未审结总计未经复议直接起诉复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正\
         其他结果尚未审结总计{review}五、存在的主要问题及改进情况问题。六、其他需要报告的事项无。"
    )
}

fn read(text: &str) -> Extraction {
    extract(text.as_bytes(), Some("report.txt")).expect("text extracts")
}

#[test]
fn every_section_and_the_tables_are_read() {
    let extraction = read(&one_line(&rows(), "100010000000000"));
    let missing: Vec<_> = extraction
        .problems
        .iter()
        .filter(|p| p.code == ProblemCode::SectionMissing)
        .collect();
    assert!(missing.is_empty(), "{missing:#?}");
    assert_eq!(
        extraction.report["metadata"]["title"],
        json!("测试街道2024年政府信息公开工作年度报告")
    );
    assert_eq!(
        extraction.report["applications"]["new_received"],
        json!({"natural_person": 80, "commercial_enterprise": 1, "research_institution": 0,
               "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 81})
    );
    let rule = |pointer: &str| {
        extraction
            .provenance
            .iter()
            .find(|p| p.pointer == pointer)
            .map(|p| p.rules.clone())
    };
    assert_eq!(
        rule("/applications/new_received/total"),
        Some(vec![ReadingRule::RunTogetherSplitByIdentities])
    );
    assert_eq!(
        rule("/applications/carried_over/total"),
        Some(vec![ReadingRule::RunTogetherSingleSplit])
    );
    for (k, row) in rows().iter().enumerate() {
        let key = xxgk_model::CELLS
            .iter()
            .filter(|c| c.pointer.starts_with("/applications/"))
            .nth(k * 7)
            .map(|c| c.pointer.rsplit_once('/').unwrap().0)
            .unwrap();
        let values: Vec<Option<u64>> = ["natural_person", "total"]
            .iter()
            .map(|c| {
                extraction
                    .report
                    .pointer(&format!("{key}/{c}"))
                    .and_then(Value::as_u64)
            })
            .collect();
        assert_eq!(values, vec![Some(row[0]), Some(row[6])], "{key}");
    }
    // 表四 of single digits splits one way.
    assert_eq!(
        extraction.report["review_litigation"]["review"],
        json!({"upheld": 1, "corrected": 0, "other": 0, "pending": 0, "total": 1})
    );
}

#[test]
fn table_two_is_read_only_where_its_digits_split_one_way() {
    let extraction = read(&one_line(&rows(), "100010000000000"));
    let active = &extraction.report["active_disclosure"];
    assert_eq!(active["licensing"], json!({"decisions": 1234}));
    assert_eq!(active["penalty"], json!({"decisions": 7}));
    assert_eq!(
        active["normative_documents"],
        json!({"issued": 0, "repealed": 0, "in_force": 0})
    );
    assert_eq!(active["fees"], json!({"amount_wan_yuan": "1032.60994"}));
    assert!(active.get("regulations").is_none());
    let problem = problem_at(&extraction, "/active_disclosure/regulations/issued");
    let (code, message) = (problem.code, &problem.message);
    assert_eq!(code, ProblemCode::AmbiguousSplit);
    assert!(message.contains("表二 has no identity"), "{message}");
    assert!(message.contains("5 0 12"), "{message}");
}

#[test]
fn a_page_footer_after_a_row_of_table_two_is_no_more_of_its_digits() {
    // pdf.js text: a page ends after 行政许可's caption, its footer runs into the next page's
    // repeated header. Before, the footer's `4` read as more digits of 行政许可 to come.
    let text = one_line(&rows(), "100010000000000").replace(
        "行政许可1234第二十条第（六）项信息内容",
        "行政许可1234第二十条第（六）项 - 4 - 信息内容本年处理决定数量",
    );
    let extraction = read(&text);
    let active = &extraction.report["active_disclosure"];
    assert_eq!(active["licensing"], json!({"decisions": 1234}));
    assert_eq!(active["penalty"], json!({"decisions": 7}));
}

#[test]
fn a_report_that_breaks_an_identity_is_not_split_by_it() {
    let mut broken = rows();
    // （一）予以公开 prints 60 + 1 but 总计 62: R3 and R2 (总计) break.
    broken[2] = [60, 1, 0, 0, 0, 0, 62];
    let extraction = read(&one_line(&broken, "100010000000000"));
    for (k, row) in broken.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let pointer = xxgk_model::CELLS
                .iter()
                .filter(|cell| cell.pointer.starts_with("/applications/"))
                .nth(k * 7 + c)
                .unwrap()
                .pointer;
            match extraction.report.pointer(pointer) {
                Some(read) => assert_eq!(read, &json!(value), "{pointer}"),
                None => {
                    problem_at(&extraction, pointer);
                }
            }
        }
    }
    // Read by the identities it does not break (R1, R2 of the other columns), as published, so
    // that the checker reports R3 and R2 (总计) broken; no cell of 表三 is left missing.
    assert_eq!(
        extraction.report["applications"]["results"]["granted"],
        json!({"natural_person": 60, "commercial_enterprise": 1, "research_institution": 0,
               "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 62})
    );
    let unread: Vec<_> = extraction
        .problems
        .iter()
        .filter(|p| {
            p.pointer
                .as_deref()
                .is_some_and(|p| p.starts_with("/applications/"))
        })
        .collect();
    assert!(unread.is_empty(), "{unread:#?}");
    // 60 + 12 ≠ 62 and 601 + 2 ≠ 62: no split satisfies R3; the row breaks R2 of 商业企业 and
    // of 总计 too, more than leaving out one column's identities mends: left missing, said to
    // break R3 or be misread, never read by guess.
    broken[2] = [60, 12, 0, 0, 0, 0, 62];
    let extraction = read(&one_line(&broken, "100010000000000"));
    let at_total = |code: ProblemCode| {
        extraction.problems.iter().find(|p| {
            p.code == code && p.pointer.as_deref() == Some("/applications/results/granted/total")
        })
    };
    let problem = at_total(ProblemCode::UnsplittableRun).expect("the row's cells are unread");
    // However `6012000062` splits, R3 breaks: the report's error, which the checker reports.
    let broken_r3 = at_total(ProblemCode::BrokenInEverySplit).expect("R3 broken in every split");
    assert_eq!(broken_r3.raw.as_deref(), Some("6012000062"));
    assert!(
        problem.message.contains(
            "no split of it satisfies R3: the report's numbers break it, or its digits were misread"
        ),
        "{}",
        problem.message
    );
    assert_eq!(
        extraction.report["applications"]["results"]["partially_granted"]["total"],
        json!(1)
    );
    // A 表四 group that breaks R4 (11 + 0 + 3 + 4 ≠ 19) is not split by it.
    let extraction = read(&one_line(&rows(), "1103419000000000"));
    assert!(
        extraction
            .report
            .pointer("/review_litigation/review/upheld")
            .is_none_or(|v| v == &json!(11))
    );
}

#[test]
fn long_runs_stop_at_the_bound_and_say_so() {
    let mut long = rows();
    long[0] = [1234, 5678, 9012, 3456, 7890, 1234, 28504];
    let mut text = one_line(&long, "100010000000000");
    text = text.replace("（七）总计", &format!("（七）总计{}", "1".repeat(200)));
    let started = std::time::Instant::now();
    let extraction = read(&text);
    assert!(started.elapsed().as_secs() < 20);
    let code = problem_at(&extraction, "/applications/results/total/total").code;
    assert!(
        matches!(
            code,
            ProblemCode::SplitSearchBounded | ProblemCode::UnsplittableRun
        ),
        "{code:?}"
    );
}

/// A report in the 2019 format on one line: its 表三 prints `rows` with one （六）其他处理 row
/// printing `other` in place of the three.
fn one_line_2019(rows: &[[u64; 7]], other: &str) -> String {
    let mut table: String = String::new();
    for (k, (label, row)) in labels().zip(rows).enumerate() {
        match k {
            20 => table.push_str(&format!("（六）其他处理{other}")),
            21 | 22 => {}
            _ => table.push_str(&format!("{label}{}", digits(row))),
        }
    }
    format!(
        "测试街道2020年政府信息公开工作年度报告一、总体情况无。二、主动公开政府信息情况第二十条第（一）项\
         信息内容本年新制作数量本年新公开数量对外公开总数量规章000规范性文件5012第二十条第（五）项\
         信息内容上一年项目数量本年增/减处理决定数量行政许可10-38其他对外管理服务事项7+512\
         第二十条第（六）项信息内容上一年项目数量本年增/减处理决定数量行政处罚+34\
         三、收到和处理政府信息公开申请情况{table}四、政府信息公开行政复议、行政诉讼情况行政复议\
         100010000000000五、存在的主要问题及改进情况问题。六、其他需要报告的事项无。"
    )
}

#[test]
fn a_2019_report_on_one_line_keeps_its_signs_and_its_single_other_row() {
    let text = one_line_2019(&rows(), &digits(&rows()[20]));
    let extraction = read(&text);
    assert_eq!(extraction.edition, xxgk_extract::Edition::E2019);
    let cells = &extraction.report;
    assert_eq!(cells["edition"], "2019");
    // `-38` is -3 and 8, or -38 with 处理决定数量 printed blank (which leaves no trace where
    // cells run together): 表二 has no identity to tell them apart, so both are left missing.
    assert_eq!(
        cells["active_disclosure"]["licensing"],
        json!({"previous_items": 10})
    );
    // `000` is three numbers alone: no two numbers are printed so (`00` is no number).
    assert_eq!(
        cells["active_disclosure"]["regulations"],
        json!({"newly_made": 0, "newly_published": 0, "total_published": 0})
    );
    // `+512` is +5 and 12 or +51 and 2: left missing, as is `5012`.
    assert_eq!(
        cells["active_disclosure"]["other_services"],
        json!({"previous_items": 7})
    );
    // A sign with no digits before it: 上一年项目数量 is not printed, never read from after it;
    // `+34` is +3 and 4 or +34 and a blank.
    assert!(cells["active_disclosure"].get("penalty").is_none());
    let penalty = problem_at(&extraction, "/active_disclosure/penalty/change");
    assert_eq!(penalty.code, ProblemCode::AmbiguousSplit);
    assert!(
        penalty.message.contains("were a cell printed blank"),
        "{}",
        penalty.message
    );
    assert!(
        cells["active_disclosure"]
            .get("normative_documents")
            .is_none()
    );
    assert_eq!(
        cells["applications"]["new_received"],
        json!({"natural_person": 80, "commercial_enterprise": 1, "research_institution": 0,
               "social_welfare_org": 0, "legal_service_org": 0, "other_org": 0, "total": 81})
    );
    assert_eq!(cells["applications"]["results"]["other"]["total"], json!(0));
}

/// A one-line report whose 表三 prints rows 一 to （五）5 of `rows`, then （六）其他处理 as one row
/// printing `merged`, then （七） and 四.
fn merged_table(rows: &[[u64; 7]], merged: &str) -> String {
    let labels: Vec<String> = labels().collect();
    let row = |k: usize| format!("{}{}", labels[k], digits(&rows[k]));
    let mut table: String = (0..20).map(row).collect();
    table.push_str(&format!("（六）其他处理{merged}"));
    table.extend((23..25).map(row));
    one_line(&[], "").replace(
        "总计四、政府信息公开",
        &format!("总计{table}四、政府信息公开"),
    )
}

/// The cell `column` of the （六） row `row` as read.
fn other(extraction: &Extraction, row: &str, column: &str) -> Option<Value> {
    extraction
        .report
        .pointer(&format!("/applications/results/other/{row}/{column}"))
        .cloned()
}

/// A 2021 report printing （六）其他处理 as one row (the 2019 table), on one line: its seven
/// digits, one a cell and its 总计 their sum, put 0 in each of the three （六） rows of every
/// column printing 0; more digits than cells, and no column is split.
#[test]
fn a_merged_other_row_on_one_line_places_its_zeros() {
    let rules = |extraction: &Extraction, pointer: &str| {
        extraction
            .provenance
            .iter()
            .find(|p| p.pointer == pointer)
            .map(|p| p.rules.clone())
    };

    let zeros = read(&merged_table(&rows(), "0000000"));
    for row in ["no_correction", "fee_unpaid", "other"] {
        for column in common::APPLICANT_COLUMNS {
            assert_eq!(other(&zeros, row, column), Some(json!(0)), "{row}/{column}");
        }
    }
    // The rule that split the row's digits (seven digits, one split), then the merged row's.
    assert_eq!(
        rules(&zeros, "/applications/results/other/fee_unpaid/total"),
        Some(vec![
            ReadingRule::RunTogetherSingleSplit,
            ReadingRule::MergedOtherZeroInEachRow
        ])
    );
    assert!(
        zeros
            .problems
            .iter()
            .all(|p| p.code != ProblemCode::MergedOtherRow),
        "{:#?}",
        zeros.problems
    );

    // 3 in 自然人 and 总计: those columns stay missing, quoted.
    let mut three = rows();
    three[0] = [83, 1, 0, 0, 0, 0, 84];
    three[23] = [84, 1, 0, 0, 0, 0, 85];
    let partly = read(&merged_table(&three, "3000003"));
    for row in ["no_correction", "fee_unpaid", "other"] {
        assert_eq!(other(&partly, row, "commercial_enterprise"), Some(json!(0)));
        for column in ["natural_person", "total"] {
            assert_eq!(other(&partly, row, column), None, "{row}/{column}");
            let pointer = format!("/applications/results/other/{row}/{column}");
            assert_eq!(
                problem_at(&partly, &pointer).code,
                ProblemCode::MergedOtherRow
            );
        }
    }
    assert!(
        problem_at(&partly, "/applications/results/other/fee_unpaid/total")
            .message
            .contains("`3000003`")
    );

    // Eight digits for seven cells: which digit is which cell is not told, nothing is placed.
    let mut twelve = rows();
    twelve[0] = [92, 1, 0, 0, 0, 0, 93];
    twelve[23] = [93, 1, 0, 0, 0, 0, 94];
    let run = read(&merged_table(&twelve, "12000012"));
    for row in ["no_correction", "fee_unpaid", "other"] {
        for column in common::APPLICANT_COLUMNS {
            assert_eq!(other(&run, row, column), None, "{row}/{column}");
        }
    }
}

/// A merged （六） row printing `0000000` where （七）总计 counts 3 more 自然人 than the other
/// rows (`3000003` misprinted, or not the merged row's digits): the row's own R3 holds, R2 of
/// 自然人 and of 总计 does not, so the three rows of those columns are not read as 0 (R3 alone
/// read them so); the report's R2 is not blamed on a guess.
#[test]
fn a_merged_other_row_whose_column_breaks_r2_places_no_zero_there() {
    let mut three = rows();
    three[0] = [83, 1, 0, 0, 0, 0, 84];
    three[23] = [84, 1, 0, 0, 0, 0, 85];
    let extraction = read(&merged_table(&three, "0000000"));
    for row in ["no_correction", "fee_unpaid", "other"] {
        for column in ["natural_person", "total"] {
            assert_eq!(other(&extraction, row, column), None, "{row}/{column}");
            let pointer = format!("/applications/results/other/{row}/{column}");
            assert_eq!(
                problem_at(&extraction, &pointer).code,
                ProblemCode::MergedOtherRow
            );
        }
    }
}

/// A page footer a PDF's text carries into a row (`- 4 -`, `第4页`) is no part of the row: its
/// digits join around it and read as without it. Any other text followed by digits after a
/// row's run may be where the row goes on: the row is unread (`run-interrupted`), never read
/// short (the first 7 digits of `80100` + `0081` split as seven cells would break R3 and blame
/// the publisher).
#[test]
fn a_run_cut_by_a_page_footer_joins_and_one_cut_by_other_text_is_unread() {
    let review = "100010000000000";
    let whole = read(&one_line(&rows(), review));
    for footer in ["- 4 -", " — 12 — ", "第4页", "第 4 页 共 9 页"] {
        let text =
            one_line(&rows(), review).replacen("801000081", &format!("80100{footer}0081"), 1);
        assert!(text.contains(footer), "{footer}");
        assert_eq!(
            read(&text).report["applications"],
            whole.report["applications"],
            "{footer}"
        );
        let cut = format!("1000100{footer}00000000");
        assert_eq!(
            read(&one_line(&rows(), &cut)).report["review_litigation"],
            whole.report["review_litigation"],
            "{footer}"
        );
    }
    let text = one_line(&rows(), review).replacen("801000081", "80100注0081", 1);
    let extraction = read(&text);
    let total = "/applications/new_received/total";
    assert_eq!(extraction.report.pointer(total), None);
    assert_eq!(
        problem_at(&extraction, total).code,
        ProblemCode::RunInterrupted
    );
    let extraction = read(&one_line(&rows(), "1000100注00000000"));
    for group in ["review", "litigation_direct", "litigation_after_review"] {
        let pointer = format!("/review_litigation/{group}/total");
        assert_eq!(extraction.report.pointer(&pointer), None, "{pointer}");
        assert_eq!(
            problem_at(&extraction, &pointer).code,
            ProblemCode::RunInterrupted
        );
    }
}

/// （一）予以公开 prints 0, 0, 3, 8, 1, a blank and 12 (the publisher's 总计 counts the blank as
/// nothing): an empty cell of a page whose text lost its breaks leaves no trace, so the row's
/// digits are `0038112`, which cut into seven numbers one way, `0 0 3 8 1 1 2`. That breaks R3,
/// and R2 in 其他 and 总计 — misprinted cells would explain it, and it was read so. A blank in
/// 其他 explains it with every identity holding: the row is read so, its 其他 said blank (the
/// publisher's), never read as misprints the report does not print (it was left unread before
/// rows one number short were read).
#[test]
fn a_row_with_a_blank_cell_leaving_no_trace_is_not_read_as_misprints() {
    let mut rows = vec![[0u64; 7]; 25];
    rows[0] = [21, 0, 3, 8, 1, 0, 33];
    rows[1] = [1, 0, 0, 0, 0, 0, 1];
    rows[2] = [0, 0, 3, 8, 1, 0, 12];
    rows[3] = [1, 0, 0, 0, 0, 0, 1];
    rows[12] = [20, 0, 0, 0, 0, 0, 20];
    rows[23] = [21, 0, 3, 8, 1, 0, 33];
    rows[24] = [1, 0, 0, 0, 0, 0, 1];
    let text = one_line(&rows, "100010000000000").replacen(
        "（一）予以公开00381012",
        "（一）予以公开0038112",
        1,
    );
    let extraction = read(&text);
    let granted = "/applications/results/granted";
    let other = format!("{granted}/other_org");
    assert_eq!(extraction.report.pointer(&other), None);
    assert_eq!(
        extraction.report.pointer(&format!("{granted}/total")),
        Some(&json!(12))
    );
    let problem = problem_at(&extraction, &other);
    assert_eq!(problem.code, ProblemCode::CellBlank);
    assert!(
        problem.message.contains("one number short")
            && problem.message.contains("its row's 总计 counts it as 0"),
        "{}",
        problem.message
    );
    // Nothing else of 表三 is read otherwise than printed.
    for (k, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            let pointer = xxgk_model::CELLS
                .iter()
                .filter(|cell| cell.pointer.starts_with("/applications/"))
                .nth(k * 7 + c)
                .expect("a cell of 表三")
                .pointer;
            if let Some(read) = extraction.report.pointer(pointer) {
                assert_eq!(read, &json!(value), "{pointer}");
            }
        }
    }
}

/// 表二 has no identity to catch a short run: `规章100` followed by other text and `5` is not
/// read as 1, 0, 0 (the row may print `1005`). A page footer there is dropped, as in 表三 and
/// 表四: `规章00第4页0` is the run `000`, 0 0 0. `1005` cuts into three numbers one way (`05`
/// and `00` are no cells), 10 0 5, but into two as 100 5: a row with a cell printed blank,
/// which leaves no trace where cells run together, and 表二 has no identity to tell them
/// apart, so it is left unread.
#[test]
fn a_table_two_run_cut_by_a_page_footer_joins_and_one_cut_by_other_text_is_unread() {
    let footer = one_line(&rows(), "100010000000000").replacen("规章5012", "规章00第4页0", 1);
    assert_eq!(
        read(&footer).report["active_disclosure"]["regulations"],
        json!({"issued": 0, "repealed": 0, "in_force": 0})
    );
    let footer = one_line(&rows(), "100010000000000").replacen("规章5012", "规章100第4页5", 1);
    let extraction = read(&footer);
    assert!(
        extraction
            .report
            .pointer("/active_disclosure/regulations")
            .is_none()
    );
    let problem = problem_at(&extraction, "/active_disclosure/regulations/issued");
    assert_eq!(problem.code, ProblemCode::AmbiguousSplit);
    assert!(
        problem.message.contains("`10 0 5`") && problem.message.contains("`(blank) 100 5`"),
        "{}",
        problem.message
    );
    let text = one_line(&rows(), "100010000000000").replacen("规章5012", "规章100注5", 1);
    let extraction = read(&text);
    for column in ["issued", "repealed", "in_force"] {
        let pointer = format!("/active_disclosure/regulations/{column}");
        assert_eq!(extraction.report.pointer(&pointer), None, "{pointer}");
        assert_eq!(
            problem_at(&extraction, &pointer).code,
            ProblemCode::RunInterrupted
        );
    }
    assert_eq!(
        extraction
            .report
            .pointer("/active_disclosure/normative_documents/issued"),
        Some(&json!(0))
    );
}

/// 一 prints `801000091` (80 + 1 ≠ 91) and 四 `5000001` (5 ≠ 1): two rows misprinted, left
/// unread. R1 of 自然人 reads 一's first cell, 8, 80 or 801 whatever the split, with 二 read as 2,
/// （七） 81 or 811 and 四 5: no split of the rows satisfies it, so the report breaks it (80 + 2 ≠
/// 81 + 5). R1 of 总计 is broken as printed too (91 + 2 ≠ 82 + 1), but 1 + 2 = 2 + 1 splits the
/// rows so as to satisfy it: not claimed.
#[test]
fn an_identity_across_rows_no_split_of_them_satisfies_is_the_reports_error() {
    let mut broken = rows();
    broken[0] = [80, 1, 0, 0, 0, 0, 91];
    broken[24] = [5, 0, 0, 0, 0, 0, 1];
    let extraction = read(&one_line(&broken, "100010000000000"));
    let across: Vec<(Option<&str>, Option<&str>)> = extraction
        .problems
        .iter()
        .filter(|p| p.code == ProblemCode::ColumnBrokenInEverySplit)
        .map(|p| (p.pointer.as_deref(), p.raw.as_deref()))
        .collect();
    assert_eq!(
        across,
        [(
            Some("/applications/new_received/natural_person"),
            Some("801000091")
        )]
    );
    assert!(
        extraction
            .report
            .pointer("/applications/new_received/natural_person")
            .is_none()
    );
    // The consistent table: nothing of the kind.
    let extraction = read(&one_line(&rows(), "100010000000000"));
    assert!(
        !extraction
            .problems
            .iter()
            .any(|p| p.code == ProblemCode::ColumnBrokenInEverySplit)
    );
}

/// A 2019 report whose single （六）其他处理 row prints `10000012`: 1 and 12, or 10 and 1 + 2,
/// break its R3 however the digits split; R2 of 自然人 (（七） 81 read, the other rows 81
/// without it) reads 1 or 10 there, and R2 of 总计 (82, and 82 without it) 2 or 12: the
/// report's errors, said at the 2019 row's own cells and at （七）.
#[test]
fn a_2019_row_and_column_no_split_satisfies_are_the_reports_errors() {
    let extraction = read(&one_line_2019(&rows(), "10000012"));
    assert_eq!(extraction.edition, xxgk_extract::Edition::E2019);
    let found = |code: ProblemCode| -> Vec<Option<&str>> {
        extraction
            .problems
            .iter()
            .filter(|p| p.code == code)
            .map(|p| p.pointer.as_deref())
            .collect()
    };
    assert_eq!(
        found(ProblemCode::BrokenInEverySplit),
        [Some("/applications/results/other/total")]
    );
    assert_eq!(
        found(ProblemCode::ColumnBrokenInEverySplit),
        [
            Some("/applications/results/total/natural_person"),
            Some("/applications/results/total/total")
        ]
    );
}

/// 淮安's 表四, whose digits run together split three ways satisfying R4.
const HUAIAN_REVIEW: &str = "72641783735113481261211620";

/// 淮安's sentence stating every figure of its 表四.
const HUAIAN_PROSE: &str = "政府信息公开行政复议351件，其中结果维持72件，结果纠正64件，其他结果178件，\
     尚未审结37件；政府信息公开行政诉讼46件，其中结果维持25件，结果纠正5件，其他结果9件，尚未审结7件。";

#[test]
fn table_four_is_split_by_the_figures_the_prose_states_of_it() {
    let cells = [72, 64, 178, 37, 351, 13, 4, 8, 1, 26, 12, 1, 1, 6, 20];
    let pointers: Vec<String> = ["review", "litigation_direct", "litigation_after_review"]
        .iter()
        .flat_map(|group| {
            ["upheld", "corrected", "other", "pending", "total"]
                .map(|column| format!("/review_litigation/{group}/{column}"))
        })
        .collect();
    // Without the prose, R4 leaves three splits: none is taken.
    let page = one_line(&rows(), HUAIAN_REVIEW);
    let extraction = read(&page);
    for pointer in &pointers {
        assert_eq!(extraction.report.pointer(pointer), None, "{pointer}");
        assert_eq!(
            problem_at(&extraction, pointer).code,
            ProblemCode::AmbiguousSplit
        );
    }
    // With it, the one split it agrees with.
    let page = page.replace("本年度，我街道收到申请81件。", HUAIAN_PROSE);
    let extraction = read(&page);
    for (pointer, value) in pointers.iter().zip(cells) {
        assert_eq!(
            extraction.report.pointer(pointer),
            Some(&json!(value)),
            "{pointer}"
        );
        let provenance = extraction
            .provenance
            .iter()
            .find(|p| &p.pointer == pointer)
            .expect("provenance");
        assert_eq!(
            provenance.rules,
            [ReadingRule::RunTogetherConfirmedByProse],
            "{pointer}"
        );
    }
    // The previous year's figures confirm nothing.
    let last_year = page.replace(
        "政府信息公开行政复议351件",
        "2023年，政府信息公开行政复议351件",
    );
    let last_year = last_year.replace("；政府信息公开行政诉讼", "。2023年，政府信息公开行政诉讼");
    let extraction = read(&last_year);
    for pointer in &pointers {
        assert_eq!(extraction.report.pointer(pointer), None, "{pointer}");
    }
}

/// A blank mark beside a row's run (`1.本机关不掌握相关政府信息 — 0000020`: its 自然人 printed
/// `—`) is a cell printed blank, and text that runs the cells together does not show which: the
/// row is unread, said so, never split around the blank (seven single digits, breaking R3, once
/// blamed the report) nor read with a 0 where the publisher printed none. No other cell is read
/// otherwise than in the whole report.
#[test]
fn a_blank_mark_beside_a_run_leaves_its_row_unread() {
    let review = "100010000000000";
    let whole = read(&one_line(&rows(), review));
    let row = "1.本机关不掌握相关政府信息";
    for printed in [
        format!("{row} — 0000020"),
        format!("{row}/ 0000020"),
        format!("{row}0000020 / "),
    ] {
        let text = one_line(&rows(), review).replacen(&format!("{row}200000020"), &printed, 1);
        assert!(text.contains(&printed), "{printed}");
        let extraction = read(&text);
        for column in ["natural_person", "total"] {
            let pointer = format!("/applications/results/unable/not_held/{column}");
            assert_eq!(extraction.report.pointer(&pointer), None, "{printed}");
            assert_eq!(
                problem_at(&extraction, &pointer).code,
                ProblemCode::CellUnreadable,
                "{printed}"
            );
        }
        // Other rows are read as in the whole report or, where a column identity over the
        // unread row decided their split, left unread: never read otherwise.
        for cell in common::all_cells().filter(|c| c.starts_with("/applications/")) {
            if let Some(value) = extraction.report.pointer(cell) {
                assert_eq!(Some(value), whole.report.pointer(cell), "{printed}: {cell}");
            }
        }
    }
}
