//! The validator page in process, request by request: every kind of upload, the downloads, the
//! limits, the headers and that nothing served loads anything from elsewhere.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use http_body_util::BodyExt as _;
use tower::ServiceExt as _;
use xxgk_serve::{Limits, app};

const JINGYUE: &str = include_str!("../../../examples/jingyue-2024.json");
const JINGYUE_YAML: &str = include_str!("../../../examples/jingyue-2024.yaml");
const SEED_003: &[u8] = include_bytes!("../../../corpus/seeds/003_fe18fb2511738761.txt");
/// A published report in the 2019 format, its 表二 garbled.
const SEED_002: &[u8] = include_bytes!("../../../corpus/seeds/002_55cbf0224f0c879c.txt");
/// A complete, conformant report of the 2019 edition.
const BASE_2019: &str = include_str!("../../../conformance/base/realistic-2019.json");

/// A part of a multipart form: field, file name, bytes.
type Part<'a> = (&'a str, Option<&'a str>, &'a [u8]);

const BOUNDARY: &str = "xxgk-test-boundary-7d1b";

fn form(parts: &[Part]) -> Vec<u8> {
    let mut body = Vec::new();
    for (field, file, bytes) in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        let disposition = match file {
            Some(f) => format!("form-data; name=\"{field}\"; filename=\"{f}\""),
            None => format!("form-data; name=\"{field}\""),
        };
        body.extend_from_slice(format!("Content-Disposition: {disposition}\r\n\r\n").as_bytes());
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn send(app: &Router, request: Request<Body>) -> (Response<()>, Vec<u8>) {
    let response = app.clone().oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes().to_vec();
    (Response::from_parts(parts, ()), bytes)
}

async fn get(app: &Router, uri: &str) -> (Response<()>, Vec<u8>) {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post(app: &Router, parts: &[Part<'_>]) -> (Response<()>, Vec<u8>) {
    let request = Request::post("/check")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(Body::from(form(parts)))
        .unwrap();
    send(app, request).await
}

/// Uploads and follows the redirect: the result's path (without query) and page.
async fn upload(app: &Router, parts: &[Part<'_>]) -> (String, String) {
    let (response, _) = post(app, parts).await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let location = response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let (response, page) = get(app, &location).await;
    assert_eq!(response.status(), StatusCode::OK);
    let path = location.split('?').next().unwrap().to_owned();
    (path, String::from_utf8(page).unwrap())
}

fn new_app() -> Router {
    app(Limits::default()).unwrap()
}

/// The value cells of the layout on a page.
fn value_cells(page: &str) -> usize {
    page.matches("<td id=\"cell-").count()
}

fn failing_cells(page: &str) -> Vec<String> {
    page.split("<td id=\"")
        .skip(1)
        .filter(|td| td.split('>').next().unwrap().contains(" fail"))
        .map(|td| td.split('"').next().unwrap().to_owned())
        .collect()
}

/// Every link, form target and resource is on this server; nothing is loaded at all.
fn assert_self_contained(page: &str) {
    for attr in ["href=\"", "action=\""] {
        for target in page.split(attr).skip(1) {
            assert!(
                target.starts_with('/') || target.starts_with('?') || target.starts_with('#'),
                "{attr}{}",
                &target[..target.len().min(60)]
            );
        }
    }
    for loads in ["src=", "url(", "@import", "<script", "<link", "<iframe"] {
        assert!(!page.contains(loads), "{loads}");
    }
}

#[tokio::test]
async fn the_upload_page_loads_nothing_from_elsewhere_and_forbids_it() {
    let app = new_app();
    for uri in ["/", "/?lang=en"] {
        let (response, page) = get(&app, uri).await;
        assert_eq!(response.status(), StatusCode::OK);
        let csp = response.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert!(csp.starts_with("default-src 'none';"), "{csp}");
        assert!(csp.contains("form-action 'self'"), "{csp}");
        assert!(!csp.contains("script-src"), "{csp}");
        assert_eq!(
            response.headers()[header::X_CONTENT_TYPE_OPTIONS],
            "nosniff"
        );
        let page = String::from_utf8(page).unwrap();
        assert!(!page.contains("http://") && !page.contains("https://"));
        assert_self_contained(&page);
        assert!(page.contains("enctype=\"multipart/form-data\""));
        assert!(page.contains("name=\"file\" multiple"));
        assert!(page.contains("<textarea name=\"text\""));
    }
    let (_, zh) = get(&app, "/").await;
    let (_, en) = get(&app, "/?lang=en").await;
    assert!(String::from_utf8(zh).unwrap().contains("上传报告"));
    assert!(String::from_utf8(en).unwrap().contains("Upload reports"));
}

#[tokio::test]
async fn a_canonical_json_report_is_laid_out_certified_and_given_back_as_uploaded() {
    let app = new_app();
    let (path, page) = upload(&app, &[("file", Some("jingyue.json"), JINGYUE.as_bytes())]).await;
    assert_self_contained(&page);
    assert_eq!(value_cells(&page), 200);
    assert!(failing_cells(&page).is_empty());
    assert!(page.contains("结论：符合标准"));
    assert!(
        !page.contains("provenance.json"),
        "no provenance for canonical JSON"
    );
    let (response, json) = get(&app, &format!("{path}/0/report.json")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(json, JINGYUE.as_bytes());
    let disposition = response.headers()[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap();
    assert_eq!(disposition, "attachment; filename*=UTF-8''jingyue.json");
    let (response, cert) = get(&app, &format!("{path}/certificate.json")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let cert: serde_json::Value = serde_json::from_slice(&cert).unwrap();
    assert_eq!(cert["certificate"], "xxgk conformance certificate v1");
    assert_eq!(cert["files"][0]["path"], "jingyue.json");
    assert_eq!(cert["files"][0]["verdict"], "conformant");
    assert!(cert.get("issued").is_none(), "deterministic: no clock");
}

#[tokio::test]
async fn a_canonical_yaml_report_downloads_as_the_same_json() {
    let app = new_app();
    let (path, page) = upload(&app, &[("file", Some("j.yaml"), JINGYUE_YAML.as_bytes())]).await;
    assert_eq!(value_cells(&page), 200);
    assert!(page.contains("结论：符合标准"));
    let (_, json) = get(&app, &format!("{path}/0/report.json")).await;
    let got: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let want: serde_json::Value = serde_json::from_str(JINGYUE).unwrap();
    assert_eq!(got, want);
}

#[tokio::test]
async fn a_published_text_report_is_extracted_with_its_provenance() {
    let app = new_app();
    let (path, page) = upload(&app, &[("file", Some("003.txt"), SEED_003)]).await;
    assert_self_contained(&page);
    assert_eq!(value_cells(&page), 200);
    assert!(page.contains("结论：符合标准"), "seed 003 conforms");
    assert!(page.contains("长春净月高新技术产业开发区2024年政府信息公开工作年度报告"));
    let (response, provenance) = get(&app, &format!("{path}/0/provenance.json")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let provenance: serde_json::Value = serde_json::from_slice(&provenance).unwrap();
    assert_eq!(provenance["source"], "003.txt");
    assert!(provenance["provenance"].as_array().unwrap().len() >= 200);
    let (_, json) = get(&app, &format!("{path}/0/report.json")).await;
    let report: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(
        report.pointer("/applications/new_received/natural_person"),
        Some(&serde_json::json!(298))
    );
    // The certificate is of the canonical JSON offered, by its hash.
    let (_, cert) = get(&app, &format!("{path}/certificate.json")).await;
    let cert: serde_json::Value = serde_json::from_slice(&cert).unwrap();
    assert_eq!(cert["files"][0]["path"], "003.json");
    assert_eq!(
        cert["files"][0]["sha256"],
        xxgk_conformance_sha(&json).as_str()
    );
}

fn xxgk_conformance_sha(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn a_docx_and_a_pasted_text_are_read_too() {
    let app = new_app();
    let report: xxgk_model::AnnualReport = serde_json::from_str(JINGYUE).unwrap();
    let docx = xxgk_render::render(&report, xxgk_render::Layout::Docx);
    let (_, page) = upload(
        &app,
        &[
            ("file", Some("报告.docx"), &docx),
            ("text", None, SEED_003),
            ("lang", None, b"en"),
        ],
    )
    .await;
    // Two files listed, the first shown, in English.
    assert!(page.contains("报告.docx"));
    assert!(page.contains("粘贴.txt"));
    assert!(page.contains("Verdict: conformant"));
    assert_eq!(value_cells(&page), 200);
}

#[tokio::test]
async fn a_broken_report_highlights_exactly_its_failing_identities_cells() {
    let app = new_app();
    let broken = JINGYUE.replace("\"natural_person\": 298", "\"natural_person\": 297");
    let (path, page) = upload(&app, &[("file", Some("broken.json"), broken.as_bytes())]).await;
    assert!(page.contains("结论：不符合标准"));
    // Exactly the cells of every identity the checker finds failing, no other.
    let outcome = xxgk_check::Checker::new()
        .unwrap()
        .check_text(&broken, xxgk_check::Format::Json)
        .unwrap();
    let mut want: Vec<String> = outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_finding())
        .flat_map(|d| std::iter::once(&d.pointer).chain(&d.related))
        .map(|p| format!("cell{}", p.replace('/', "-")))
        .collect();
    want.sort();
    want.dedup();
    let mut cells = failing_cells(&page);
    cells.sort();
    assert!(cells.contains(&"cell-applications-new_received-natural_person".to_owned()));
    assert_eq!(cells, want);
    assert!(page.contains("<b>R1</b>"));
    let (_, en) = get(&app, &format!("{path}?lang=en")).await;
    let en = String::from_utf8(en).unwrap();
    assert!(en.contains("Verdict: not conformant"));
    let (_, cert) = get(&app, &format!("{path}/certificate.json")).await;
    let cert: serde_json::Value = serde_json::from_slice(&cert).unwrap();
    assert_eq!(cert["files"][0]["verdict"], "not-conformant");
}

/// The anchors of the cells of a checked report's findings (errors and warnings): each
/// finding's value and every value it involves.
fn finding_anchors(report: &xxgk_document::Report) -> Vec<String> {
    let mut want: Vec<String> = report
        .outcome
        .diagnostics
        .iter()
        .filter(|d| d.is_finding() && d.kind != xxgk_check::Kind::Unread)
        .flat_map(|d| std::iter::once(&d.pointer).chain(&d.related))
        .filter(|p| {
            xxgk_model::STANDARD_2019
                .cells
                .iter()
                .any(|c| c.pointer == *p)
        })
        .map(|p| format!("cell{}", p.replace('/', "-")))
        .collect();
    want.sort();
    want.dedup();
    want
}

fn checked(bytes: &[u8], name: &str) -> Box<xxgk_document::Report> {
    let checker = xxgk_check::Checker::new().unwrap();
    match xxgk_document::check(&checker, bytes.to_vec(), Some(name)) {
        xxgk_document::Checked::Report(report) => report,
        other => panic!("{name}: {:?}", other.verdict()),
    }
}

fn sorted_failing_cells(page: &str) -> Vec<String> {
    let mut cells = failing_cells(page);
    cells.sort();
    cells
}

#[tokio::test]
async fn a_2019_report_is_shown_in_its_own_template_with_its_findings_and_downloads() {
    let app = new_app();
    // Canonical JSON of the 2019 edition: conformant, its own 表二, 198 cells.
    let (path, page) = upload(&app, &[("file", Some("r2019.json"), BASE_2019.as_bytes())]).await;
    assert_self_contained(&page);
    assert_eq!(value_cells(&page), 198);
    assert!(page.contains("结论：符合标准"));
    assert!(page.contains("<th>本年新制作数量</th>"));
    assert!(page.contains(">+1036</td>"));
    assert!(page.contains(">251000元</td>"));
    let (_, json) = get(&app, &format!("{path}/0/report.json")).await;
    assert_eq!(json, BASE_2019.as_bytes());
    let (_, cert) = get(&app, &format!("{path}/certificate.json")).await;
    let cert: serde_json::Value = serde_json::from_slice(&cert).unwrap();
    assert_eq!(cert["files"][0]["verdict"], "conformant");

    // One cell of its （六）其他处理 row broken: exactly the cells of the 2019 findings.
    let mut broken: serde_json::Value = serde_json::from_str(BASE_2019).unwrap();
    broken["applications"]["results"]["other"]["natural_person"] = 16.into();
    let broken = broken.to_string();
    let (_, page) = upload(&app, &[("file", Some("b2019.json"), broken.as_bytes())]).await;
    assert!(page.contains("结论：不符合标准"));
    let cells = sorted_failing_cells(&page);
    assert!(cells.contains(&"cell-applications-results-other-natural_person".to_owned()));
    assert_eq!(
        cells,
        finding_anchors(&checked(broken.as_bytes(), "b2019.json"))
    );

    // Seed 002's published text: extracted into the 2019 edition, its findings highlighted,
    // its garbled 表二 rows unread, the canonical JSON and provenance downloadable.
    let (path, page) = upload(&app, &[("file", Some("002.txt"), SEED_002)]).await;
    assert_self_contained(&page);
    assert_eq!(value_cells(&page), 198);
    assert!(page.contains("结论：不符合标准"));
    let cells = sorted_failing_cells(&page);
    assert!(!cells.is_empty());
    assert_eq!(cells, finding_anchors(&checked(SEED_002, "002.txt")));
    assert_eq!(page.matches("class=\"v unread\"").count(), 16);
    let (response, json) = get(&app, &format!("{path}/0/report.json")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let report: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(report["edition"], "2019");
    let (response, provenance) = get(&app, &format!("{path}/0/provenance.json")).await;
    assert_eq!(response.status(), StatusCode::OK);
    let provenance: serde_json::Value = serde_json::from_slice(&provenance).unwrap();
    assert_eq!(provenance["edition"], "2019");
    let (_, en) = get(&app, &format!("{path}?lang=en")).await;
    assert!(
        String::from_utf8(en)
            .unwrap()
            .contains("Verdict: not conformant")
    );
}

#[tokio::test]
async fn an_unreadable_upload_gets_a_clear_message() {
    let app = new_app();
    let (path, page) = upload(
        &app,
        &[
            ("file", Some("x.docx"), b"PK\x03\x04 not a zip"),
            ("file", Some("x.json"), b"{\"metadata\": "),
            ("file", Some("x.txt"), b"hello"),
        ],
    )
    .await;
    assert!(page.contains("无法作为年度报告读取"), "{page}");
    assert_eq!(value_cells(&page), 0);
    for k in 1..3 {
        let (_, page) = get(&app, &format!("{path}?f={k}")).await;
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("无法作为年度报告读取"), "{k}: {page}");
    }
    let (response, _) = get(&app, &format!("{path}/0/report.json")).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let (response, _) = post(&app, &[("lang", None, b"zh")]).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_too_big_upload_is_refused_with_413_in_both_languages() {
    let limits = Limits {
        request_bytes: 64 * 1024,
        files: 2,
        ..Limits::default()
    };
    let app = app(limits).unwrap();
    let big = vec![b'x'; 100 * 1024];
    let (response, page) = post(&app, &[("file", Some("big.txt"), &big)]).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let page = String::from_utf8(page).unwrap();
    assert!(
        page.contains("上传内容过大") && page.contains("too large"),
        "{page}"
    );
    let three: [Part; 3] = [
        ("file", Some("a.txt"), b"a"),
        ("file", Some("b.txt"), b"b"),
        ("file", Some("c.txt"), b"c"),
    ];
    let (response, page) = post(&app, &three).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert!(String::from_utf8(page).unwrap().contains("文件过多"));
}

#[tokio::test]
async fn unknown_results_and_files_are_not_found() {
    let app = new_app();
    for uri in [
        "/r/0123456789abcdef0123456789abcdef",
        "/r/x/certificate.json",
        "/r/x/0/report.json",
        "/nothing",
    ] {
        let (response, _) = get(&app, uri).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{uri}");
    }
    let (path, _) = upload(&app, &[("file", Some("j.json"), JINGYUE.as_bytes())]).await;
    for tail in ["/1/report.json", "/0/other.json", "/0/provenance.json"] {
        let (response, _) = get(&app, &format!("{path}{tail}")).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{tail}");
    }
}

#[tokio::test]
async fn report_text_is_escaped() {
    let app = new_app();
    let hostile = JINGYUE.replacen(
        "\"name\": \"长春净月高新技术产业开发区\"",
        "\"name\": \"<script>alert(1)</script>\"",
        1,
    );
    let (_, page) = upload(&app, &[("file", Some("<b>x</b>.json"), hostile.as_bytes())]).await;
    assert!(!page.contains("<script>") && !page.contains("<b>x</b>"));
    assert!(page.contains("&lt;script&gt;"));
}
