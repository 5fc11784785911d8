//! Output formats of `vanban check`: one renderer per format over a [`Report`].
//!
//! | format | for | shape |
//! | --- | --- | --- |
//! | `full` | people | each finding with its source line and a caret under the span |
//! | `concise` | people, grep | `path:line:col: CODE [severity] message`, one per line |
//! | `json` | programs | one object: `schema`, `diagnostics`, `errors`, `summary` |
//! | `json-lines` | programs, streams | one object per line, tagged by `type` |
//! | `github` | GitHub Actions | `::warning file=…,line=…::…` workflow commands (annotations) |
//! | `sarif` | code scanning | SARIF 2.1.0 |
//! | `junit` | CI test reports | JUnit XML, one test suite per file |
//!
//! The machine-readable formats change only by adding fields. The JSON wire format is
//! documented on [`json`].
//!
//! ```
//! use vanban::check::{self, FileReport, OutputFormat, RenderOptions, Report, Settings};
//! let doc = vanban::Parser::new().parse_bytes_named("I. A\n\nIII. B\n".as_bytes(), Some("k.txt"))?;
//! let diagnostics = check::check(&doc, &Settings::default());
//! let report = Report::new(vec![FileReport::new("k.txt", diagnostics)], Default::default());
//! let mut out = Vec::new();
//! check::render::render(OutputFormat::Concise, &report, &RenderOptions::default(), &mut out)?;
//! assert!(String::from_utf8(out)?.starts_with("k.txt:3:1: VB201 [warning] numbering gap"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod github;
pub mod json;
mod junit;
mod sarif;
mod text;

use super::config::FailLevel;
use super::{Diagnostic, Severity};
use std::io::{self, Write};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    /// Source line and caret (the default).
    #[default]
    Full,
    /// One line per finding.
    Concise,
    /// One JSON object.
    Json,
    /// One JSON object per line.
    JsonLines,
    /// GitHub Actions workflow commands.
    Github,
    /// SARIF 2.1.0.
    Sarif,
    /// JUnit XML.
    Junit,
}

impl OutputFormat {
    /// Every format.
    pub const ALL: [OutputFormat; 7] = [
        OutputFormat::Full,
        OutputFormat::Concise,
        OutputFormat::Json,
        OutputFormat::JsonLines,
        OutputFormat::Github,
        OutputFormat::Sarif,
        OutputFormat::Junit,
    ];

    /// The name used on the command line and in `vanban.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            OutputFormat::Full => "full",
            OutputFormat::Concise => "concise",
            OutputFormat::Json => "json",
            OutputFormat::JsonLines => "json-lines",
            OutputFormat::Github => "github",
            OutputFormat::Sarif => "sarif",
            OutputFormat::Junit => "junit",
        }
    }

    /// Reads a format name.
    pub fn parse(s: &str) -> Result<OutputFormat, String> {
        OutputFormat::ALL.into_iter().find(|f| f.as_str() == s).ok_or_else(|| {
            let names: Vec<&str> = OutputFormat::ALL.iter().map(|f| f.as_str()).collect();
            format!("unknown output format `{s}` ({})", names.join(", "))
        })
    }

    /// True for the formats meant for people (`full`, `concise`).
    pub fn is_human_readable(self) -> bool {
        matches!(self, OutputFormat::Full | OutputFormat::Concise)
    }
}

/// The findings of one file, or why it could not be checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// The path as shown in the output.
    pub path: String,
    /// Its diagnostics, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// Why the file could not be read or parsed; no diagnostics then.
    pub error: Option<String>,
}

impl FileReport {
    /// The report of a file that was checked.
    pub fn new(path: impl Into<String>, diagnostics: Vec<Diagnostic>) -> FileReport {
        FileReport { path: path.into(), diagnostics, error: None }
    }

    /// The report of a file that could not be checked.
    pub fn failed(path: impl Into<String>, error: impl Into<String>) -> FileReport {
        FileReport { path: path.into(), diagnostics: Vec::new(), error: Some(error.into()) }
    }
}

/// The findings of a whole run, files sorted by path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    files: Vec<FileReport>,
    fail_level: FailLevel,
}

/// How many findings of each severity a report holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Counts {
    /// Files checked or attempted.
    pub files: usize,
    /// Findings in all.
    pub findings: usize,
    /// Error findings.
    pub error: usize,
    /// Warning findings.
    pub warning: usize,
    /// Info findings.
    pub info: usize,
    /// Findings at or above the fail level.
    pub failing: usize,
    /// Files that could not be read or parsed.
    pub unreadable: usize,
}

impl Report {
    /// A report over `files` (sorted here by path, then by position inside each file).
    pub fn new(mut files: Vec<FileReport>, fail_level: FailLevel) -> Report {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Report { files, fail_level }
    }

    /// The files, sorted by path.
    pub fn files(&self) -> &[FileReport] {
        &self.files
    }

    /// The fail level the report was made for.
    pub fn fail_level(&self) -> FailLevel {
        self.fail_level
    }

    /// True when `d` fails the check.
    pub fn fails(&self, d: &Diagnostic) -> bool {
        self.fail_level.fails(d.severity)
    }

    /// The counts.
    pub fn counts(&self) -> Counts {
        let mut c = Counts { files: self.files.len(), ..Counts::default() };
        for f in &self.files {
            c.unreadable += usize::from(f.error.is_some());
            for d in &f.diagnostics {
                c.findings += 1;
                match d.severity {
                    Severity::Error => c.error += 1,
                    Severity::Warning => c.warning += 1,
                    Severity::Info => c.info += 1,
                }
                c.failing += usize::from(self.fails(d));
            }
        }
        c
    }
}

/// Options of the renderers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RenderOptions {
    /// ANSI colours in the human formats. Off by default; the command turns it on for a
    /// terminal unless `NO_COLOR` is set.
    pub color: bool,
}

/// Writes `report` in `format` to `out`.
pub fn render(format: OutputFormat, report: &Report, opts: &RenderOptions, out: &mut dyn Write) -> io::Result<()> {
    match format {
        OutputFormat::Full => text::full(report, opts, out),
        OutputFormat::Concise => text::concise(report, opts, out),
        OutputFormat::Json => json::json(report, out),
        OutputFormat::JsonLines => json::json_lines(report, out),
        OutputFormat::Github => github::github(report, out),
        OutputFormat::Sarif => sarif::sarif(report, out),
        OutputFormat::Junit => junit::junit(report, out),
    }
}

/// `path:line:col` (or less when less is known).
pub(crate) fn place(path: &str, d: &Diagnostic) -> String {
    match d.position {
        None => path.to_string(),
        Some(p) => match p.column {
            Some(c) => format!("{path}:{}:{c}", p.line),
            None => format!("{path}:{}", p.line),
        },
    }
}

/// The level names of SARIF and GitHub: `error`, `warning`, and `info` for info.
pub(crate) fn level(s: Severity, info: &'static str) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => info,
    }
}
