//! `xxgk render`: the report in the template's layout as HTML or Markdown, and with `--check` the
//! cells of exactly the failing identities highlighted, blank and unread cells told apart.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use common::{code, root, stderr, stdout, xxgk_in};

const EXAMPLE: &str = "examples/jingyue-2024.json";
const SEED_003: &str = "corpus/seeds/003_fe18fb2511738761.txt";
const SEED_004: &str = "corpus/seeds/004_6d5913b8bb86481d.txt";
/// A complete, conformant report of the 2019 edition.
const BASE_2019: &str = "conformance/base/realistic-2019.json";
/// A published report in the 2019 format (国办公开办函〔2019〕60号), its 表二 garbled.
const SEED_002: &str = "corpus/seeds/002_55cbf0224f0c879c.txt";

/// A folder holding `name` with `text`.
fn folder_with(name: &str, text: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(name), text).expect("write");
    dir
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).expect("file")
}

/// The value cells of a rendered page: each `<td … class="…" data-pointer="…">` as its pointer
/// and classes.
fn value_cells(html: &str) -> Vec<(String, BTreeSet<String>)> {
    html.split("<td ")
        .skip(1)
        .filter_map(|td| {
            let tag = td.split('>').next()?;
            let attr = |name: &str| {
                let start = tag.find(&format!("{name}=\""))? + name.len() + 2;
                let len = tag[start..].find('"')?;
                Some(tag[start..start + len].to_owned())
            };
            let pointer = attr("data-pointer")?;
            let classes = attr("class")?.split(' ').map(str::to_owned).collect();
            Some((pointer, classes))
        })
        .collect()
}

fn with_class(html: &str, class: &str) -> BTreeSet<String> {
    value_cells(html)
        .into_iter()
        .filter(|(_, classes)| classes.contains(class))
        .map(|(pointer, _)| pointer)
        .collect()
}

/// The cells of the checker's findings (errors and warnings, not unread values): each finding's
/// pointer and the values it involves (a failing identity's every cell), those that are cells
/// of either edition.
fn finding_cells(dir: &Path, file: &str) -> BTreeSet<String> {
    let out = xxgk_in(dir, &["check", "--format", "json", file]);
    let cells: BTreeSet<&str> = xxgk_model::CELLS
        .iter()
        .chain(xxgk_model::STANDARD_2019.cells)
        .map(|c| c.pointer)
        .collect();
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line"))
        .filter(|d| d["type"] == "diagnostic" && d["kind"] != "unread")
        .flat_map(|d| {
            let mut pointers = vec![d["pointer"].as_str().unwrap_or_default().to_owned()];
            if let Some(related) = d["related"].as_array() {
                pointers.extend(related.iter().filter_map(|p| p.as_str()).map(str::to_owned));
            }
            pointers
        })
        .filter(|p| cells.contains(p.as_str()))
        .collect()
}

#[test]
fn markdown_of_the_example() {
    let out = xxgk_in(&root(), &["render", EXAMPLE, "--to", "markdown"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let markdown = stdout(&out);
    // Merged headers flattened, labels verbatim from the template.
    assert!(markdown.contains("| 三、本年度办理结果 · （三）不予公开 · 1.属于国家秘密 | 0 |"));
    assert!(markdown.contains("| 法人或其他组织 · 商业企业 |"));
    assert!(markdown.contains("| 行政诉讼 · 复议后起诉 | 3 | 1 | 1 | 0 | 5 |"));
    insta::assert_snapshot!("render_example_markdown", markdown);
}

#[test]
fn html_of_the_example() {
    let out = xxgk_in(&root(), &["render", EXAMPLE, "--to", "html"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let html = stdout(&out);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(html.contains("@page { size: A4;"));
    // Self-contained: no script, no external asset.
    for needle in ["<script", "<link", "src=", "url(", "@import", "@font-face"] {
        assert!(!html.contains(needle), "{needle}");
    }
    // Every one of the 200 cells once, anchored by its pointer; none blank, unread or failing.
    let cells = value_cells(&html);
    assert_eq!(cells.len(), 200);
    let pointers: BTreeSet<&str> = cells.iter().map(|(p, _)| p.as_str()).collect();
    let expected: BTreeSet<&str> = xxgk_model::CELLS.iter().map(|c| c.pointer).collect();
    assert_eq!(pointers, expected);
    for class in ["blank", "unread", "fail"] {
        assert!(with_class(&html, class).is_empty(), "{class}");
    }
    assert!(html.contains(
        "<td id=\"cell-applications-new_received-natural_person\" class=\"v\" \
         data-pointer=\"/applications/new_received/natural_person\">298</td>"
    ));
    insta::assert_snapshot!("render_example_html", html);
}

/// One cell changed: exactly the cells of the identities that fail are highlighted, the
/// findings link to their cells, and the exit code is `xxgk check`'s.
#[test]
fn check_highlights_exactly_the_cells_of_the_failing_identities() {
    let example = read(EXAMPLE);
    let cases = [
        // R1 and R3 over 表三's 自然人 column and first row.
        (
            "\"natural_person\": 298",
            "\"natural_person\": 297",
            vec![
                "/applications/new_received/natural_person",
                "/applications/carried_over/natural_person",
                "/applications/results/total/natural_person",
                "/applications/carried_forward/natural_person",
                "/applications/new_received/total",
                "/applications/new_received/commercial_enterprise",
                "/applications/new_received/research_institution",
                "/applications/new_received/social_welfare_org",
                "/applications/new_received/legal_service_org",
                "/applications/new_received/other_org",
            ],
        ),
        // 表四's 行政复议 total.
        (
            "\"total\": 18",
            "\"total\": 19",
            vec![
                "/review_litigation/review/upheld",
                "/review_litigation/review/corrected",
                "/review_litigation/review/other",
                "/review_litigation/review/pending",
                "/review_litigation/review/total",
            ],
        ),
    ];
    for (from, to, expected) in cases {
        assert_eq!(example.matches(from).count(), 1, "{from}");
        let dir = folder_with("broken.json", example.replacen(from, to, 1).as_bytes());
        let out = xxgk_in(
            dir.path(),
            &["render", "broken.json", "--to", "html", "--check"],
        );
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        let html = stdout(&out);
        let highlighted = with_class(&html, "fail");
        assert_eq!(
            highlighted,
            finding_cells(dir.path(), "broken.json"),
            "{to}"
        );
        let expected: BTreeSet<String> = expected.into_iter().map(str::to_owned).collect();
        assert_eq!(highlighted, expected, "{to}");
        // Each highlighted cell can be focused and tells its finding in Chinese.
        for pointer in &highlighted {
            let id = format!("cell{}", pointer.replace('/', "-"));
            let td = html
                .split(&format!("<td id=\"{id}\""))
                .nth(1)
                .and_then(|rest| rest.split("</td>").next())
                .expect("the cell");
            assert!(td.contains("tabindex=\"0\""), "{td}");
            assert!(td.contains("title=\"R"), "{td}");
        }
        // The list of findings links to the reported cell.
        let findings = html.split("<aside>").nth(1).expect("the findings");
        assert!(findings.contains("href=\"#cell-"), "{findings}");
        assert!(findings.contains("<p class=\"verdict bad\">结论：不符合标准</p>"));
        // Markdown marks the same cells.
        let md = xxgk_in(
            dir.path(),
            &[
                "render",
                "broken.json",
                "--to",
                "markdown",
                "--check",
                "--lang",
                "en",
            ],
        );
        assert_eq!(code(&md), 1);
        assert_eq!(
            stdout(&md).matches(" ⚠R").count(),
            highlighted.len(),
            "{to}"
        );
    }
}

#[test]
fn report_text_is_escaped() {
    let mut report: Value = serde_json::from_str(&read(EXAMPLE)).expect("JSON");
    report["metadata"]["title"] = "<script>alert(1)</script>报告 & \"引号\"".into();
    report["overview"]["text"] = "<img src=x onerror=alert(1)>\n| 表格 | *强调*".into();
    let dir = folder_with("report.json", report.to_string().as_bytes());
    let html = stdout(&xxgk_in(
        dir.path(),
        &["render", "report.json", "--to", "html"],
    ));
    assert!(!html.contains("<script"));
    assert!(!html.contains("<img"));
    assert!(html.contains(
        "<title>&lt;script&gt;alert(1)&lt;/script&gt;报告 &amp; &quot;引号&quot;</title>"
    ));
    assert!(html.contains("<p>&lt;img src=x onerror=alert(1)&gt;</p>"));
    let md = stdout(&xxgk_in(
        dir.path(),
        &["render", "report.json", "--to", "markdown"],
    ));
    assert!(md.starts_with("# \\<script\\>alert(1)\\</script\\>报告"));
    assert!(md.contains("\n\\| 表格 \\| \\*强调\\*\n"));
}

#[test]
fn the_seed_003_published_text_renders_its_200_value_cells() {
    for args in [vec!["--to", "html"], vec!["--to", "html", "--check"]] {
        let mut all = vec!["render", SEED_003];
        all.extend(args);
        let out = xxgk_in(&root(), &all);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let html = stdout(&out);
        let cells = value_cells(&html);
        assert_eq!(cells.len(), 200);
        assert_eq!(html.contains("结论：符合标准"), all.contains(&"--check"));
        assert!(cells.iter().all(|(_, classes)| {
            !classes.contains("blank") && !classes.contains("unread") && !classes.contains("fail")
        }));
        // The same numbers as the canonical example it was published from.
        let example = stdout(&xxgk_in(&root(), &["render", EXAMPLE, "--to", "html"]));
        let numbers = |html: &str| -> Vec<String> {
            html.split("data-pointer=\"")
                .skip(1)
                .map(|rest| rest.split("</td>").next().unwrap_or_default().to_owned())
                .collect()
        };
        assert_eq!(numbers(&html), numbers(&example));
    }
}

#[test]
fn blank_and_unread_cells_look_different_from_zero() {
    // Seed 004 prints one cell blank: the report's error, highlighted, blank (not 0).
    let plain = stdout(&xxgk_in(&root(), &["render", SEED_004, "--to", "html"]));
    let blank = "/applications/results/other/fee_unpaid/natural_person";
    assert_eq!(
        with_class(&plain, "blank"),
        BTreeSet::from([blank.to_owned()])
    );
    assert!(with_class(&plain, "fail").is_empty());
    let checked = xxgk_in(&root(), &["render", SEED_004, "--to", "html", "--check"]);
    assert_eq!(code(&checked), 1);
    let checked = stdout(&checked);
    assert!(with_class(&checked, "fail").contains(blank));
    assert!(!with_class(&checked, "zero").contains(blank));

    // Section 四's heading garbled: its 15 cells are unread (with why), not blank, not zero;
    // the verdict is undetermined (exit 3), as `xxgk check` says.
    let text = read(SEED_003);
    let heading = "四、政府信息公开行政复议、行政诉讼情况";
    assert!(text.contains(heading));
    let dir = folder_with(
        "report.txt",
        text.replacen(heading, "鍥涖\u{FFFD}佹斂搴滀俊鎭", 1)
            .as_bytes(),
    );
    let out = xxgk_in(
        dir.path(),
        &["render", "report.txt", "--to", "html", "--check"],
    );
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let html = stdout(&out);
    let unread = with_class(&html, "unread");
    assert_eq!(unread.len(), 15);
    assert!(unread.iter().all(|p| p.starts_with("/review_litigation/")));
    assert!(with_class(&html, "fail").is_empty());
    assert!(html.contains("title=\"未能读取："));
    assert!(html.contains("结论：无法判定"));
}

#[test]
fn output_file_is_written_whole_never_over_the_input_or_through_a_link() {
    let example = read(EXAMPLE);
    let dir = folder_with("report.json", example.as_bytes());
    let out = xxgk_in(
        dir.path(),
        &["render", "report.json", "--to", "html", "-o", "report.html"],
    );
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(dir.path().join("report.html")).expect("written");
    assert!(written.ends_with("</html>\n"));

    // The input itself, by its name or a link to it: refused, the input unchanged.
    let refused = xxgk_in(
        dir.path(),
        &[
            "render",
            "report.json",
            "--to",
            "markdown",
            "-o",
            "./report.json",
        ],
    );
    assert_eq!(code(&refused), 2);
    assert!(stderr(&refused).contains("the output is the input"));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("report.json", dir.path().join("link.md")).expect("link");
        let refused = xxgk_in(
            dir.path(),
            &["render", "report.json", "--to", "markdown", "-o", "link.md"],
        );
        assert_eq!(code(&refused), 2);
        // A link to another file is replaced, not written through.
        std::fs::write(dir.path().join("other.txt"), "other").expect("write");
        std::os::unix::fs::symlink("other.txt", dir.path().join("out.md")).expect("link");
        let out = xxgk_in(
            dir.path(),
            &["render", "report.json", "--to", "markdown", "-o", "out.md"],
        );
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("other.txt")).expect("read"),
            "other"
        );
        let meta = std::fs::symlink_metadata(dir.path().join("out.md")).expect("meta");
        assert!(meta.file_type().is_file());
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report.json")).expect("read"),
        example
    );
}

/// The pointers of the 2019 edition's 198 cells.
fn cells_2019() -> BTreeSet<String> {
    xxgk_model::STANDARD_2019
        .cells
        .iter()
        .map(|c| c.pointer.to_owned())
        .collect()
}

#[test]
fn a_2019_report_renders_in_its_own_template() {
    let out = xxgk_in(&root(), &["render", BASE_2019, "--to", "markdown"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let markdown = stdout(&out);
    // Its 表二: new/published/total documents, signed 本年增/减, the amount with its unit.
    assert!(markdown.contains("| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |"));
    assert!(markdown.contains("| 规范性文件 | 6 | 6 | 18 |"));
    assert!(markdown.contains("| 行政许可 | 312 | -3 | 9893 |"));
    assert!(markdown.contains("| 其他对外管理服务事项 | 96 | +1036 | 1204 |"));
    assert!(markdown.contains("| 行政处罚 | 45 | 0 | 269 |"));
    assert!(markdown.contains("| 政府集中采购 | 14 | 251000元 |"));
    // Its 表三: one （六）其他处理 row, none of 2021's three.
    assert!(
        markdown
            .contains("| 三、本年度办理结果 · （六）其他处理 | 15 | 15 | 15 | 15 | 15 | 15 | 90 |")
    );
    assert!(!markdown.contains("逾期不补正"));
    assert!(!markdown.contains("本年制发件数"));
    insta::assert_snapshot!("render_2019_markdown", markdown);

    let out = xxgk_in(&root(), &["render", BASE_2019, "--to", "html", "--check"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let html = stdout(&out);
    let cells = value_cells(&html);
    assert_eq!(cells.len(), 198);
    let pointers: BTreeSet<String> = cells.iter().map(|(p, _)| p.clone()).collect();
    assert_eq!(pointers, cells_2019());
    for class in ["blank", "unread", "fail"] {
        assert!(with_class(&html, class).is_empty(), "{class}");
    }
    assert!(html.contains("结论：符合标准"));
    // A sub-table of two columns fills the width of three: the second spans two.
    assert!(html.contains(
        "data-pointer=\"/active_disclosure/procurement/amount\" colspan=\"2\">251000元</td>"
    ));
}

/// A 2019 report with one cell changed: exactly the cells of the 2019 findings are highlighted.
#[test]
fn check_highlights_exactly_the_cells_of_the_2019_findings() {
    let base: Value = serde_json::from_str(&read(BASE_2019)).expect("JSON");
    let cases: [(&str, Value, Option<Vec<&str>>); 2] = [
        // The single （六）其他处理 row of the 2019 表三: its column's and its row's sums.
        (
            "/applications/results/other/natural_person",
            16.into(),
            None,
        ),
        // 表四's 行政复议 total.
        (
            "/review_litigation/review/total",
            21.into(),
            Some(vec![
                "/review_litigation/review/upheld",
                "/review_litigation/review/corrected",
                "/review_litigation/review/other",
                "/review_litigation/review/pending",
                "/review_litigation/review/total",
            ]),
        ),
    ];
    for (pointer, value, expected) in cases {
        let mut report = base.clone();
        *report.pointer_mut(pointer).expect("the cell") = value;
        let dir = folder_with("broken.json", report.to_string().as_bytes());
        let out = xxgk_in(
            dir.path(),
            &["render", "broken.json", "--to", "html", "--check"],
        );
        assert_eq!(code(&out), 1, "{}", stderr(&out));
        let html = stdout(&out);
        assert_eq!(value_cells(&html).len(), 198);
        let highlighted = with_class(&html, "fail");
        assert!(highlighted.contains(pointer), "{pointer}");
        assert!(highlighted.is_subset(&cells_2019()));
        assert_eq!(
            highlighted,
            finding_cells(dir.path(), "broken.json"),
            "{pointer}"
        );
        if let Some(expected) = expected {
            let expected: BTreeSet<String> = expected.into_iter().map(str::to_owned).collect();
            assert_eq!(highlighted, expected);
        }
        let findings = html.split("<aside>").nth(1).expect("the findings");
        assert!(findings.contains(&format!("href=\"#cell{}\"", pointer.replace('/', "-"))));
        let md = stdout(&xxgk_in(
            dir.path(),
            &["render", "broken.json", "--to", "markdown", "--check"],
        ));
        assert_eq!(md.matches(" ⚠R").count(), highlighted.len(), "{pointer}");
    }
}

/// Seed 002, published in the 2019 format: rendered in its own template through extraction; the
/// cells the reader could not read (表二's garbled rows) say so, the cells it prints blank are
/// blank, and the highlighted cells are exactly those of the checker's findings.
#[test]
fn the_seed_002_published_2019_text_renders_with_its_findings() {
    let out = xxgk_in(&root(), &["render", SEED_002, "--to", "html", "--check"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let html = stdout(&out);
    let cells = value_cells(&html);
    assert_eq!(cells.len(), 198);
    let highlighted = with_class(&html, "fail");
    assert!(!highlighted.is_empty());
    assert_eq!(highlighted, finding_cells(&root(), SEED_002));
    // Unread: exactly the cells of the checker's unread diagnostics, none of them highlighted.
    let check = stdout(&xxgk_in(&root(), &["check", "--format", "json", SEED_002]));
    let unread: BTreeSet<String> = check
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line"))
        .filter(|d| d["kind"] == "unread")
        .flat_map(|d| d["related"].as_array().cloned().unwrap_or_default())
        .filter_map(|p| p.as_str().map(str::to_owned))
        .collect();
    assert_eq!(unread.len(), 16);
    assert_eq!(with_class(&html, "unread"), unread);
    assert!(unread.is_disjoint(&highlighted));
    assert!(html.contains("title=\"未能读取："));
    // What it prints blank is blank, not zero and not unread.
    assert!(with_class(&html, "blank").contains("/active_disclosure/regulations/newly_made"));
    assert!(with_class(&html, "blank").contains("/applications/results/other/natural_person"));
    assert!(with_class(&html, "zero").is_disjoint(&with_class(&html, "blank")));
}

/// The findings of `xxgk check` on `file`, as (rule, pointer) pairs.
fn findings(dir: &Path, file: &str) -> BTreeSet<(String, String)> {
    stdout(&xxgk_in(dir, &["check", "--format", "json", file]))
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line"))
        .filter(|d| d["type"] == "diagnostic")
        .map(|d| (d["rule"].to_string(), d["pointer"].to_string()))
        .collect()
}

/// A producer publishes the page as its readable report: read back, checked or not, it is the
/// report it shows (the tooltips and markers are no text of the cells).
#[test]
fn the_page_reads_back_as_the_report_it_shows() {
    let broken = read(EXAMPLE).replacen("\"natural_person\": 298", "\"natural_person\": 297", 1);
    let dir = folder_with("broken.json", broken.as_bytes());
    let expected = findings(dir.path(), "broken.json");
    assert_eq!(expected.len(), 2);
    for check in [false, true] {
        let mut args = vec!["render", "broken.json", "--to", "html", "-o", "page.html"];
        if check {
            args.push("--check");
        }
        xxgk_in(dir.path(), &args);
        assert_eq!(
            findings(dir.path(), "page.html"),
            expected,
            "--check {check}"
        );
    }
}
