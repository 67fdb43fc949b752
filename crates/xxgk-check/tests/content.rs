//! Content rules end to end: R12 is silent on prose that states the tables' own numbers in
//! every admitted wording and numeral form, and fires on one number that matches no reading;
//! content findings are warnings that leave the verdict as it was.

use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::{Value, json};
use xxgk_check::{Checker, Severity};

static CHECKER: LazyLock<Checker> = LazyLock::new(|| Checker::new().unwrap());
static BASE: LazyLock<Value> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../../conformance/base/realistic.json")).unwrap()
});

/// The table values R12 reads.
#[derive(Debug, Clone)]
struct Tables {
    new: u64,
    carried_over: u64,
    concluded: u64,
    granted: u64,
    partial: u64,
    carried_forward: u64,
    review: u64,
    direct: u64,
    after_review: u64,
}

fn tables() -> impl Strategy<Value = Tables> {
    let n = || 0u64..30_000;
    (
        (n(), n(), n(), n(), n()),
        (n(), 0u64..500, 0u64..500, 0u64..500),
    )
        .prop_map(
            |((new, carried_over, concluded, granted, partial), (cf, review, direct, after))| {
                Tables {
                    new,
                    carried_over,
                    concluded,
                    granted,
                    partial,
                    carried_forward: cf,
                    review,
                    direct,
                    after_review: after,
                }
            },
        )
}

/// How a number is written: Arabic, full-width, with thousands separators, Chinese numerals.
#[derive(Debug, Clone, Copy)]
enum Numeral {
    Arabic,
    FullWidth,
    Thousands,
    Chinese,
}

fn numeral() -> impl Strategy<Value = Numeral> {
    prop_oneof![
        Just(Numeral::Arabic),
        Just(Numeral::FullWidth),
        Just(Numeral::Thousands),
        Just(Numeral::Chinese),
    ]
}

/// `n` in Chinese numerals (below 10^8), as reports write them: 十二 or 一十二, 两百零五.
fn chinese(n: u64, leading_one: bool) -> String {
    const DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    fn below_wan(n: u64, leading_one: bool) -> String {
        let mut out = String::new();
        let mut zero = false;
        for (unit, name) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
            let d = (n / unit) % 10;
            if d == 0 {
                zero = !out.is_empty();
                continue;
            }
            if zero {
                out.push('零');
                zero = false;
            }
            if !(unit == 10 && d == 1 && out.is_empty() && !leading_one) {
                out.push(DIGITS[d as usize]);
            }
            out.push_str(name);
        }
        out
    }
    if n == 0 {
        return "零".to_owned();
    }
    let (wan, rest) = (n / 10_000, n % 10_000);
    if wan == 0 {
        return below_wan(rest, leading_one);
    }
    let mut out = below_wan(wan, leading_one) + "万";
    if rest > 0 {
        if rest < 1000 {
            out.push('零');
        }
        out.push_str(&below_wan(rest, true));
    }
    out
}

fn write(n: u64, numeral: Numeral) -> String {
    match numeral {
        Numeral::Arabic => n.to_string(),
        Numeral::FullWidth => n
            .to_string()
            .chars()
            .map(|c| char::from_u32(u32::from(c) - u32::from('0') + u32::from('０')).unwrap())
            .collect(),
        Numeral::Thousands => {
            let digits = n.to_string();
            let mut out = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push(',');
                }
                out.push(c);
            }
            out
        }
        Numeral::Chinese => chinese(n, n.is_multiple_of(2)),
    }
}

/// Every admitted wording, each with the value it states from the tables (every reading).
fn wordings(t: &Tables) -> Vec<(&'static str, u64)> {
    vec![
        ("本年新收政府信息公开申请{}件", t.new),
        ("共收到政府信息公开申请{}件", t.new),
        ("共收到政府信息公开申请{}件", t.new + t.carried_over),
        ("受理政府信息公开申请共计{}条", t.new),
        ("受理政府信息公开申请共计{}条", t.new + t.carried_over),
        ("上年结转{}件", t.carried_over),
        ("上年结转政府信息公开申请{}件", t.carried_over),
        ("办结{}件", t.concluded),
        ("（含上年结转{}件）", t.carried_over),
        ("答复{}件", t.concluded),
        ("其中予以公开{}件", t.granted),
        ("部分公开{}件", t.partial),
        ("结转下年度继续办理{}件", t.carried_forward),
        ("被申请行政复议{}起", t.review),
        ("政府信息公开行政复议案件{}件", t.review),
        ("提起行政诉讼{}件", t.direct),
        ("提起行政诉讼{}件", t.after_review),
        ("政府信息公开行政诉讼{}起", t.direct + t.after_review),
    ]
}

fn report(t: &Tables, overview: String) -> Value {
    let mut doc = BASE.clone();
    for (pointer, value) in [
        ("/applications/new_received/total", t.new),
        ("/applications/carried_over/total", t.carried_over),
        ("/applications/results/total/total", t.concluded),
        ("/applications/results/granted/total", t.granted),
        ("/applications/results/partially_granted/total", t.partial),
        ("/applications/carried_forward/total", t.carried_forward),
        ("/review_litigation/review/total", t.review),
        ("/review_litigation/litigation_direct/total", t.direct),
        (
            "/review_litigation/litigation_after_review/total",
            t.after_review,
        ),
    ] {
        *doc.pointer_mut(pointer).unwrap() = json!(value);
    }
    *doc.pointer_mut("/overview/text").unwrap() = json!(overview);
    doc
}

fn r12(doc: &Value) -> Vec<String> {
    CHECKER
        .check_value(doc)
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == "R12")
        .map(|d| d.message_en)
        .collect()
}

/// Clauses joined into sentences of up to three clauses, some opening with the report year.
fn prose(clauses: &[String], year_first: bool) -> String {
    let sentences: Vec<String> = clauses
        .chunks(3)
        .enumerate()
        .map(|(i, chunk)| {
            let lead = if year_first && i == 0 {
                "2024年，"
            } else {
                ""
            };
            format!("{lead}{}。", chunk.join("，"))
        })
        .collect();
    sentences.join("\n")
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn r12_is_silent_on_the_tables_own_numbers(
        t in tables(),
        numerals in proptest::collection::vec(numeral(), 18),
        year_first: bool,
    ) {
        let clauses: Vec<String> = wordings(&t)
            .into_iter()
            .zip(&numerals)
            .map(|((wording, value), numeral)| wording.replace("{}", &write(value, *numeral)))
            .collect();
        let doc = report(&t, prose(&clauses, year_first));
        prop_assert_eq!(r12(&doc), Vec::<String>::new());
    }

    #[test]
    fn r12_fires_on_a_number_no_reading_has(
        t in tables(),
        which in 0usize..18,
        off in 1u64..1000,
        numeral in numeral(),
    ) {
        let all = wordings(&t);
        let (wording, _) = all[which];
        // A value above every table value and sum: no reading of any wording has it.
        let wrong = t.new + t.carried_over + t.concluded + t.granted + t.partial
            + t.carried_forward + t.review + t.direct + t.after_review + off;
        let mut clauses: Vec<String> = all
            .iter()
            .map(|(w, v)| w.replace("{}", &v.to_string()))
            .collect();
        clauses[which] = wording.replace("{}", &write(wrong, numeral));
        let doc = report(&t, prose(&clauses, true));
        prop_assert_eq!(r12(&doc).len(), 1, "{}", wording);
    }
}

#[test]
fn chinese_numerals_are_written_as_reports_write_them() {
    assert_eq!(chinese(12, true), "一十二");
    assert_eq!(chinese(12, false), "十二");
    assert_eq!(chinese(205, true), "二百零五");
    assert_eq!(chinese(12_000, true), "一万二千");
    assert_eq!(chinese(10_005, true), "一万零五");
}

#[test]
fn content_findings_are_warnings_that_keep_the_verdict() {
    let mut doc = BASE.clone();
    *doc.pointer_mut("/problems_and_improvements/text").unwrap() = json!("暂无。");
    *doc.pointer_mut("/overview/text").unwrap() = json!("本年新收政府信息公开申请1件。");
    let outcome = CHECKER.check_value(&doc);
    let rules: Vec<(&str, Severity)> = outcome
        .diagnostics
        .iter()
        .map(|d| (d.rule.as_str(), d.severity))
        .collect();
    assert_eq!(
        rules,
        [("R12", Severity::Warning), ("R15", Severity::Warning)]
    );
    assert!(outcome.tally().conformant());
    // The typed path says the same.
    let text = doc.to_string();
    let typed = CHECKER.check_text(&text, xxgk_check::Format::Json).unwrap();
    assert_eq!(typed.diagnostics.len(), 2);
    assert!(typed.tally().conformant());
}

#[test]
fn a_catalogue_with_an_unknown_check_or_placeholder_is_refused() {
    let catalogue = CHECKER.catalogue().clone();
    let mut unknown = catalogue.clone();
    unknown.content_rules[0].check = "spelling".to_owned();
    assert!(Checker::with_catalogue(unknown).is_err());
    let mut placeholder = catalogue.clone();
    let message = placeholder.content_rules[0]
        .messages
        .values_mut()
        .next()
        .unwrap();
    message.en.push_str(" {nonsense}");
    assert!(Checker::with_catalogue(placeholder).is_err());
    let mut missing = catalogue;
    missing.content_rules[0].messages.clear();
    assert!(Checker::with_catalogue(missing).is_err());
}
