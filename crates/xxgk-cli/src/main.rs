//! `xxgk`: check reports against the xxgk standard of the 政府信息公开工作年度报告.
//!
//! The only crate that prints and sets exit codes; the work, reading inputs included
//! (`xxgk-document`), is done by the library crates. Exit codes: 0 conformant, 1 findings at error severity, 2 usage or I/O error (or not
//! an annual report), 3 undetermined (values of a published report could not be read).
#![allow(clippy::print_stdout, clippy::print_stderr)]

/// Many small allocations a report (text lines, glyph runs, cells): the system allocator spends
/// a quarter of the time of reading a published report.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod certify;
mod check;
mod conformance;
mod export;
mod extract;
mod inputs;
mod migrate;
mod render;
mod render_report;
mod series;
mod standard;
mod stdout;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Exit code: every file conforms.
pub const EXIT_CONFORMANT: u8 = 0;
/// Exit code: at least one file has a finding of severity error.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: bad usage, or a file could not be read as a report.
pub const EXIT_USAGE: u8 = 2;
/// Exit code: no error found, but values of a published report could not be read.
pub const EXIT_UNDETERMINED: u8 = 3;

#[derive(Debug, Parser)]
#[command(
    name = "xxgk",
    version,
    about = "Check 政府信息公开工作年度报告 against the xxgk standard (2021 format)",
    long_about = "Check 政府信息公开工作年度报告 against the xxgk standard (2021 format).",
    after_help = EXIT_CODES,
    disable_help_subcommand = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The exit codes, for `--help`.
const EXIT_CODES: &str = "Exit codes: 0 conformant; 1 findings at error severity; 2 usage or I/O \
                          error, or a file that is not an annual report; 3 undetermined: no error, \
                          but values of a published report could not be read (无法判定).";

/// Output formats of `xxgk check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable diagnostics with code frames (colour on a terminal only).
    Human,
    /// JSON Lines: one object per diagnostic, verdict, unreadable file and summary.
    Json,
    /// One SARIF 2.1.0 log, for code scanning.
    Sarif,
    /// JUnit XML, one test case per file, for CI test reports.
    Junit,
}

/// Message language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// 中文
    Zh,
    /// English
    En,
}

impl From<LangArg> for xxgk_check::Lang {
    fn from(lang: LangArg) -> Self {
        match lang {
            LangArg::Zh => Self::Zh,
            LangArg::En => Self::En,
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check reports: canonical JSON/YAML or published text/HTML/DOCX/PDF (dirs recursive, `-` stdin).
    #[command(after_help = EXIT_CODES)]
    Check(check::CheckArgs),
    /// Extract published reports (text, HTML, DOCX, PDF; any encoding) into canonical JSON.
    Extract(extract::ExtractArgs),
    /// Export reports as one table (XLSX, CSV or JSON Lines), a row per report.
    Export(export::ExportArgs),
    /// List the rules of the catalogue and the ids of schema violations.
    Rules {
        /// Message language.
        #[arg(long, value_enum, default_value = "zh")]
        lang: LangArg,
        /// Edition of the standard.
        #[arg(long, value_enum, default_value = "2021")]
        edition: standard::EditionArg,
    },
    /// Print the documentation of one rule (e.g. `R1` or `applications-balance`).
    Explain {
        /// Rule id or name.
        rule: String,
        /// Edition of the standard.
        #[arg(long, value_enum, default_value = "2021")]
        edition: standard::EditionArg,
    },
    /// Print the embedded published JSON schema of an edition.
    Schema {
        /// Edition of the standard.
        #[arg(long, value_enum, default_value = "2021")]
        edition: standard::EditionArg,
    },
    /// Run the conformance suite against any implementation (see conformance/README.md).
    Conformance(conformance::ConformanceArgs),
    /// Issue a deterministic conformance certificate for reports, or verify one.
    Certify(certify::CertifyArgs),
    /// Print a report in the template's layout as HTML or Markdown; `--check` marks its findings.
    Render(render_report::RenderArgs),
    /// Migrate a 2019-edition report to the 2021 edition, saying what could not be carried.
    Migrate(migrate::MigrateArgs),
    /// A local validator page: upload reports, see their tables and findings, download JSON.
    Serve {
        /// Address to listen on (loopback by default; port 0 picks a free port).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Extract(args) => extract::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Migrate(args) => migrate::run(&args),
        Command::Rules { lang, edition } => standard::rules(lang.into(), edition),
        Command::Explain { rule, edition } => standard::explain(&rule, edition),
        Command::Conformance(args) => conformance::run(&args),
        Command::Certify(args) => certify::run(&args),
        Command::Render(args) => render_report::run(&args),
        Command::Schema { edition } => standard::schema(edition),
        Command::Serve { addr } => {
            let ready = |bound| println!("xxgk serve: http://{bound}/");
            match xxgk_serve::run(addr, xxgk_serve::Limits::default(), ready) {
                Ok(()) => EXIT_CONFORMANT,
                Err(e) => {
                    eprintln!("xxgk serve: {e}");
                    EXIT_USAGE
                }
            }
        }
    };
    ExitCode::from(code)
}
