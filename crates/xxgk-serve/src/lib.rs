//! `xxgk serve`: a local validator page. Upload or paste reports (canonical JSON/YAML, published
//! text, HTML, DOCX, PDF), see each in the template's layout with failing cells highlighted and
//! the findings in Chinese or English, and download the canonical JSON, the provenance and a
//! certificate.
//!
//! Nothing leaves the machine and nothing touches the disk: the page and its style are embedded,
//! uploads are read into memory within [`Limits`], results live in a bounded in-memory cache
//! ([`store`]) under a random id until they expire. Checking is CPU-bound: it runs on blocking
//! threads, as many at once as there are cores, and uploads beyond that wait their turn rather
//! than fail. The page works without JavaScript (it has none).
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod page;
pub mod report;
pub mod store;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use tokio::sync::Semaphore;
use xxgk_check::Checker;

use crate::page::Lang;
use crate::store::{Download, Store};

/// The bounds of what the server accepts and keeps.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes of one request, all its files together.
    pub request_bytes: usize,
    /// Files (and pasted texts) in one request.
    pub files: usize,
    /// Requests whose uploads are held in memory at once (the others wait to be read).
    pub uploads: usize,
    /// Reports checked at once (the checks are CPU-bound).
    pub checks: usize,
    /// Time a client has to send its upload.
    pub read_timeout: Duration,
    /// Results kept for download.
    pub results: usize,
    /// Bytes of results kept for download.
    pub result_bytes: usize,
    /// How long a result is kept.
    pub ttl: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Self {
            request_bytes: 20 * 1024 * 1024,
            files: 20,
            uploads: 16,
            checks: cores,
            read_timeout: Duration::from_secs(60),
            results: 256,
            result_bytes: 256 * 1024 * 1024,
            ttl: Duration::from_secs(3600),
        }
    }
}

/// The server's state: one checker, the bounds and the results.
struct App {
    checker: Checker,
    limits: Limits,
    uploads: Semaphore,
    checks: Arc<Semaphore>,
    store: Store,
}

/// The application: every route, the body limit and the security headers.
pub fn app(limits: Limits) -> Result<Router, String> {
    let checker = Checker::new().map_err(|e| e.to_string())?;
    let state = Arc::new(App {
        checker,
        limits,
        uploads: Semaphore::new(limits.uploads.max(1)),
        checks: Arc::new(Semaphore::new(limits.checks.max(1))),
        store: Store::new(limits.results, limits.result_bytes, limits.ttl),
    });
    Ok(Router::new()
        .route("/", get(index))
        .route("/check", post(check))
        .route("/r/{id}", get(result))
        .route("/r/{id}/certificate.json", get(certificate))
        .route("/r/{id}/{n}/{file}", get(download))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(limits.request_bytes))
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state))
}

/// Serves the page on `addr` until the process ends; `ready` is told the address bound (port 0
/// picks a free one).
pub fn run(addr: SocketAddr, limits: Limits, ready: impl FnOnce(SocketAddr)) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let app = app(limits)?;
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| format!("{addr}: {e}"))?;
        ready(listener.local_addr().map_err(|e| e.to_string())?);
        axum::serve(listener, app).await.map_err(|e| e.to_string())
    })
}

/// The headers every response carries: nothing may be loaded from elsewhere, no script runs,
/// forms post only here, and types are not sniffed.
async fn security_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; \
             form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `?lang=en` switches the page's words and the findings to English.
#[derive(Debug, Deserialize)]
struct LangQuery {
    lang: Option<String>,
    /// The file of a result shown (0-based).
    f: Option<usize>,
}

fn lang_of(q: &LangQuery) -> Lang {
    Lang::parse(q.lang.as_deref())
}

async fn index(Query(q): Query<LangQuery>) -> Response {
    page::html(StatusCode::OK, page::upload(lang_of(&q)))
}

async fn not_found(Query(q): Query<LangQuery>) -> Response {
    let lang = lang_of(&q);
    page::html(
        StatusCode::NOT_FOUND,
        page::message(
            lang,
            "找不到该页面或结果（结果仅在内存中保留一段时间）",
            "No such page or result (results are kept in memory for a while only)",
        ),
    )
}

/// One upload as received: its name (the extension tells the format) and bytes.
struct Upload {
    name: String,
    bytes: Vec<u8>,
}

/// Reads the form: files, a pasted text and the language, within the limits.
async fn read_form(
    mut form: Multipart,
    limits: &Limits,
) -> Result<(Vec<Upload>, Lang), (StatusCode, &'static str, &'static str)> {
    let mut uploads = Vec::new();
    let mut lang = Lang::Zh;
    let bad = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            (
                StatusCode::BAD_REQUEST,
                "上传的表单无法读取",
                "The uploaded form could not be read",
            )
        }
    };
    while let Some(field) = form.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(str::to_owned);
        let bytes = field.bytes().await.map_err(bad)?;
        match name.as_str() {
            "lang" => lang = Lang::parse(std::str::from_utf8(&bytes).ok()),
            "file" | "text" if bytes.iter().all(u8::is_ascii_whitespace) => {}
            "file" | "text" => {
                if uploads.len() >= limits.files {
                    return Err((
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "一次上传的文件过多",
                        "Too many files in one upload",
                    ));
                }
                if bytes.len() as u64 > xxgk_document::read::MAX_REPORT_BYTES {
                    return Err(too_large());
                }
                let name = match (name.as_str(), file_name) {
                    ("file", Some(f)) if !f.is_empty() => base_name(&f),
                    _ => pasted_name(&bytes),
                };
                uploads.push(Upload {
                    name,
                    bytes: bytes.to_vec(),
                });
            }
            _ => {}
        }
    }
    Ok((uploads, lang))
}

fn too_large() -> (StatusCode, &'static str, &'static str) {
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        "上传内容过大：一次最多 20 MiB",
        "The upload is too large: at most 20 MiB at once",
    )
}

/// The last component of a client's file name (browsers may send a path).
fn base_name(name: &str) -> String {
    name.rsplit(['/', '\\']).next().unwrap_or(name).to_owned()
}

/// The name a pasted text is read under: canonical JSON when it opens an object, canonical YAML
/// when it starts like the schema's document, otherwise published text.
fn pasted_name(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let trimmed = text.trim_start();
    let canonical_yaml = trimmed.lines().any(|l| {
        ["schema_version:", "metadata:", "edition:"]
            .iter()
            .any(|key| l.starts_with(key))
    });
    if trimmed.starts_with('{') {
        "粘贴.json".to_owned()
    } else if canonical_yaml {
        "粘贴.yaml".to_owned()
    } else {
        "粘贴.txt".to_owned()
    }
}

async fn check(State(app): State<Arc<App>>, form: Multipart) -> Response {
    // Hold at most `uploads` requests' bytes in memory; the others wait here, unread.
    let Ok(_permit) = app.uploads.acquire().await else {
        return page::html(StatusCode::SERVICE_UNAVAILABLE, String::new());
    };
    let read = tokio::time::timeout(app.limits.read_timeout, read_form(form, &app.limits)).await;
    let (uploads, lang) = match read {
        Err(_) => {
            return page::html(
                StatusCode::REQUEST_TIMEOUT,
                page::message(Lang::Zh, "上传超时", "The upload timed out"),
            );
        }
        Ok(Err((status, zh, en))) => return page::html(status, page::message(Lang::Zh, zh, en)),
        Ok(Ok(read)) => read,
    };
    if uploads.is_empty() {
        return page::html(
            StatusCode::BAD_REQUEST,
            page::message(
                lang,
                "没有收到报告：请选择文件或粘贴文本",
                "No report received: choose files or paste text",
            ),
        );
    }
    let mut results = Vec::with_capacity(uploads.len());
    for upload in uploads {
        let Ok(permit) = Arc::clone(&app.checks).acquire_owned().await else {
            return page::html(StatusCode::SERVICE_UNAVAILABLE, String::new());
        };
        let app2 = Arc::clone(&app);
        let done = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            store::checked(&app2.checker, upload.name, upload.bytes)
        })
        .await;
        match done {
            Ok(r) => results.push(r),
            Err(_) => {
                return page::html(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    page::message(lang, "检查失败", "The check failed"),
                );
            }
        }
    }
    let certificate = store::certificate(&app.checker, &results);
    let id = app.store.insert(results, certificate);
    Redirect::to(&format!("/r/{id}?lang={}", lang.code())).into_response()
}

async fn result(
    State(app): State<Arc<App>>,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let lang = lang_of(&q);
    match app.store.get(&id) {
        Some(stored) => page::html(
            StatusCode::OK,
            page::result(&id, &stored, q.f.unwrap_or(0), lang),
        ),
        None => not_found(Query(q)).await,
    }
}

async fn certificate(State(app): State<Arc<App>>, Path(id): Path<String>) -> Response {
    match app.store.get(&id) {
        Some(stored) => attachment("certificate.json", stored.certificate.clone().into_bytes()),
        None => {
            not_found(Query(LangQuery {
                lang: None,
                f: None,
            }))
            .await
        }
    }
}

async fn download(
    State(app): State<Arc<App>>,
    Path((id, n, file)): Path<(String, usize, String)>,
) -> Response {
    let wanted = match file.as_str() {
        "report.json" => Download::Report,
        "provenance.json" => Download::Provenance,
        _ => {
            return not_found(Query(LangQuery {
                lang: None,
                f: None,
            }))
            .await;
        }
    };
    let found = app
        .store
        .get(&id)
        .and_then(|stored| stored.download(n, wanted));
    match found {
        Some((name, bytes)) => attachment(&name, bytes),
        None => {
            not_found(Query(LangQuery {
                lang: None,
                f: None,
            }))
            .await
        }
    }
}

/// A JSON file to save, under its name (RFC 6266 `filename*`, UTF-8).
fn attachment(name: &str, bytes: Vec<u8>) -> Response {
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let disposition = format!("attachment; filename*=UTF-8''{encoded}");
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
