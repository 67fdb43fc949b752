//! Rust types of the xxgk canonical schema of the 政府信息公开工作年度报告 (2021 format, and the
//! 2019 format in [`edition_2019`]).
//!
//! The types in [`generated`] are generated from `schema/annual-report-2021.schema.yaml` by
//! `cargo xtask codegen`; a test fails when they drift from the schema. A document deserializes
//! into [`AnnualReport`] exactly when it is valid against the published JSON schema.
//!
//! The 2019 format (reports on 2019 and 2020) has its own types in [`edition_2019`], generated
//! from `schema/annual-report-2019.schema.yaml` in the same way, and its [`STANDARD_2019`].
//!
//! [`STANDARD_2021`] is the edition as data: its embedded schema and catalogue, its cells, every
//! node's labels and the template (sections, tables, rows, groups, columns), for tools that read
//! the template instead of restating it. The model evaluates no rule: a crate that does depends
//! on `xxgk-catalogue` itself.
//!
//! ```
//! let report: xxgk_model::AnnualReport =
//!     serde_json::from_str(include_str!("../../../examples/jingyue-2024.json")).unwrap();
//! assert_eq!(report.applications.new_received.total, 302);
//! ```

#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::panic)
)]

mod cells;
pub mod de;
// Named `generated.rs` like the 2021 module: tools tell generated code by that name.
#[path = "edition_2019/generated.rs"]
pub mod edition_2019;
pub mod generated;
mod scalars;
mod standard;

pub use cells::{Cell, CellKind, CellValue};
pub use edition_2019::STANDARD_2019;
pub use generated::*;
pub use scalars::{
    Date, Decimal, DivisionCode, PublishedAmount, ReportYear, ReportYear2019, ScalarError,
};
pub use standard::{Column, Group, Node, Place, Row, RowCell, Section, Standard, Table};
