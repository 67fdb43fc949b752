//! The xxgk conformance suite (`conformance/`, format in its README) as a library: the one
//! loader of its case files, what counts as a finding, how a reply is judged against a case, and
//! the levels of a certificate.
//!
//! Used by `xxgk conformance run`, `xxgk certify` and every test that reads cases, so that they
//! cannot disagree about the case format or the comparison. Its only I/O is reading the suite's
//! directory in [`Suite::load`].
//!
//! ```
//! let suite = xxgk_conformance::Suite::load(concat!(env!("CARGO_MANIFEST_DIR"), "/../../conformance"))
//!     .unwrap();
//! let checker = xxgk_check::Checker::new().unwrap();
//! for case in suite.cases() {
//!     // A case of several documents (a series) is checked as a whole.
//!     let documents: Vec<(&str, &[u8])> =
//!         case.documents().iter().map(|d| (d.name.as_str(), d.document.bytes())).collect();
//!     let reply = if documents.is_empty() {
//!         xxgk_conformance::reply(&checker, case.document().bytes(), xxgk_check::Format::Json)
//!     } else {
//!         xxgk_conformance::series_reply(&checker, &documents)
//!     };
//!     assert_eq!(case.judge(&reply), xxgk_conformance::Verdict::Pass, "{}", case.id);
//! }
//! ```
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

pub mod certificate;
mod finding;
mod level;
mod suite;

pub use finding::{Finding, Reply, Verdict, findings, is_finding, reply, series_reply};
pub use level::{Assessment, Level};
pub use suite::{
    CASE_FILE_SCHEMA, Case, Document, LoadError, NamedDocument, Suite, read_known_failures,
};
