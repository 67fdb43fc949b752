//! The pages, embedded: the upload form, a result (the report in the template's layout through
//! `xxgk_render::view`, the findings, the downloads) and messages. Every text from a request is
//! escaped; there is no script and nothing is loaded from elsewhere.

use std::fmt::Write as _;

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse as _, Response};
use xxgk_document::Verdict;
use xxgk_render::view::{self, STYLE};

use crate::store::Stored;

/// The language of the page's words and findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// 中文 (the default).
    Zh,
    /// English.
    En,
}

impl Lang {
    /// `en` is English, anything else Chinese.
    pub fn parse(code: Option<&str>) -> Self {
        if code.is_some_and(|c| c.trim() == "en") {
            Self::En
        } else {
            Self::Zh
        }
    }

    /// The code in links.
    pub fn code(self) -> &'static str {
        match self {
            Self::Zh => "zh",
            Self::En => "en",
        }
    }

    fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Self::Zh => zh,
            Self::En => en,
        }
    }
}

/// The page's own style, beside the report view's.
const PAGE_STYLE: &str = "
body { margin: 0; font-family: 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', sans-serif; color: #111; }
header.bar { background: #123; color: #fff; padding: 8px 16px; display: flex; gap: 16px; align-items: baseline; }
header.bar a { color: #cde; }
header.bar h1 { font-size: 18px; margin: 0; flex: 1; }
.page { max-width: 1100px; margin: 0 auto; padding: 12px 16px; }
form.upload fieldset { border: 1px solid #bbb; margin: 12px 0; padding: 10px 14px; }
form.upload textarea { width: 100%; height: 12em; font-family: monospace; }
form.upload button { font-size: 16px; padding: 6px 20px; }
.files { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
.files li a, .files li span { display: inline-block; border: 1px solid #999; padding: 3px 8px; text-decoration: none; color: #111; }
.files li span.current { background: #e8eef6; border-color: #123; }
.files .bad { color: #a00; } .files .ok { color: #060; } .files .unknown { color: #850; }
.downloads a { margin-right: 14px; }
p.error { border: 1px solid #a00; background: #fee; padding: 8px 12px; }
.note { color: #555; font-size: 13px; }
";

/// An HTML response.
pub fn html(status: StatusCode, body: String) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The frame of every page: title, style, the bar with the language switch (`switch` is the
/// query the other language's link keeps).
fn frame(lang: Lang, title: &str, switch: &str, body: &str) -> String {
    let other = match lang {
        Lang::Zh => ("en", "English"),
        Lang::En => ("zh", "中文"),
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{PAGE_STYLE}{STYLE}</style>\n</head>\n<body>\n\
         <header class=\"bar\"><h1><a href=\"/?lang={}\">xxgk</a> {}</h1>\
         <a href=\"?{switch}lang={}\" hreflang=\"{}\">{}</a></header>\n{body}</body>\n</html>\n",
        lang.pick("zh-CN", "en"),
        escape(title),
        lang.code(),
        lang.pick(
            "政府信息公开工作年度报告 · 本地校验",
            "Annual government information disclosure reports · local validator"
        ),
        other.0,
        other.0,
        other.1
    )
}

/// The upload form: files and a paste box, posted as one multipart form.
pub fn upload(lang: Lang) -> String {
    let body = format!(
        "<div class=\"page\">\n<form class=\"upload\" method=\"post\" action=\"/check\" \
         enctype=\"multipart/form-data\">\n<input type=\"hidden\" name=\"lang\" value=\"{}\">\n\
         <fieldset><legend>{}</legend>\n<input type=\"file\" name=\"file\" multiple \
         accept=\".json,.yaml,.yml,.txt,.md,.html,.htm,.docx,.pdf\">\n<p class=\"note\">{}</p>\
         </fieldset>\n<fieldset><legend>{}</legend>\n<textarea name=\"text\" \
         placeholder=\"{}\"></textarea></fieldset>\n<button type=\"submit\">{}</button>\n</form>\n\
         <p class=\"note\">{}</p>\n</div>\n",
        lang.code(),
        lang.pick("上传报告（可多选）", "Upload reports (several at once)"),
        lang.pick(
            "规范 JSON/YAML，或发布的文本、HTML、DOCX、PDF；合计不超过 20 MiB",
            "Canonical JSON/YAML, or published text, HTML, DOCX, PDF; 20 MiB at most in all"
        ),
        lang.pick("或粘贴报告文本", "Or paste a report"),
        lang.pick(
            "粘贴规范 JSON/YAML 或报告正文",
            "Paste canonical JSON/YAML or the report's text"
        ),
        lang.pick("检查", "Check"),
        lang.pick(
            "报告只在本机内存中处理，不写入磁盘，不发送到任何其他地方；结果保留一小时。",
            "Reports are processed in this machine's memory only: never written to disk, never \
             sent anywhere; results are kept for an hour."
        ),
    );
    frame(lang, lang.pick("本地校验", "Local validator"), "", &body)
}

/// A page with one message, in both languages (the first in the page's).
pub fn message(lang: Lang, zh: &str, en: &str) -> String {
    let (first, second) = match lang {
        Lang::Zh => (zh, en),
        Lang::En => (en, zh),
    };
    let body = format!(
        "<div class=\"page\">\n<p class=\"error\">{}<br>{}</p>\n<p><a href=\"/?lang={}\">{}</a></p>\n</div>\n",
        escape(first),
        escape(second),
        lang.code(),
        lang.pick("返回上传页", "Back to the upload page")
    );
    frame(lang, first, "", &body)
}

fn verdict_words(verdict: Verdict, lang: Lang) -> (&'static str, &'static str) {
    match verdict {
        Verdict::Conformant => ("ok", lang.pick("符合标准", "conformant")),
        Verdict::NotConformant => ("bad", lang.pick("不符合标准", "not conformant")),
        Verdict::Undetermined => ("unknown", lang.pick("无法判定", "undetermined")),
        Verdict::NotAReport => (
            "bad",
            lang.pick("不是可识别的年度报告", "not an annual report"),
        ),
        Verdict::Unreadable => ("bad", lang.pick("无法读取", "unreadable")),
    }
}

/// A result: the list of files uploaded, file `n` in the template's layout with its findings,
/// and the downloads.
pub fn result(id: &str, stored: &Stored, n: usize, lang: Lang) -> String {
    let n = n.min(stored.files.len().saturating_sub(1));
    let mut body = String::from("<div class=\"page\">\n<ul class=\"files\">\n");
    for (k, file) in stored.files.iter().enumerate() {
        let (class, words) = verdict_words(file.verdict, lang);
        let label = format!(
            "{} · <span class=\"{class}\">{words}</span>",
            escape(&file.name)
        );
        if k == n {
            let _ = writeln!(body, "<li><span class=\"current\">{label}</span></li>");
        } else {
            let _ = writeln!(
                body,
                "<li><a href=\"/r/{id}?f={k}&amp;lang={}\">{label}</a></li>",
                lang.code()
            );
        }
    }
    body.push_str("</ul>\n<p class=\"downloads\">");
    if let Some(file) = stored.files.get(n) {
        if file.report_json.is_some() {
            let _ = write!(
                body,
                "<a href=\"/r/{id}/{n}/report.json\" download>{}</a>",
                lang.pick("下载规范 JSON", "Download the canonical JSON")
            );
        }
        if file.provenance_json.is_some() {
            let _ = write!(
                body,
                "<a href=\"/r/{id}/{n}/provenance.json\" download>{}</a>",
                lang.pick("下载来源（provenance）", "Download the provenance")
            );
        }
    }
    let _ = writeln!(
        body,
        "<a href=\"/r/{id}/certificate.json\" download>{}</a></p>",
        lang.pick("下载证书", "Download the certificate")
    );
    if let Some(file) = stored.files.get(n) {
        match (&file.error, &file.views) {
            (Some(why), _) => {
                let _ = writeln!(
                    body,
                    "<p class=\"error\">{}：{}<br>{}</p>",
                    escape(&file.name),
                    lang.pick(
                        "无法作为年度报告读取，请检查文件格式和扩展名",
                        "cannot be read as an annual report; check the file's format and extension"
                    ),
                    escape(why)
                );
            }
            (None, Err(why)) => {
                let _ = writeln!(body, "<p class=\"error\">{}</p>", escape(why));
            }
            (None, Ok([zh, en])) => {
                let (view, vlang) = match lang {
                    Lang::Zh => (zh, view::Lang::Zh),
                    Lang::En => (en, view::Lang::En),
                };
                body.push_str(&view::html_fragment(view, vlang));
            }
        }
    }
    body.push_str("</div>\n");
    let title = stored.files.get(n).map_or("", |f| f.name.as_str());
    frame(lang, title, &format!("f={n}&amp;"), &body)
}
