//! `vanban check` and `vanban rule`: the command-line side of [`vanban::check`].
//!
//! `check` gathers the inputs (files, directories searched recursively, `-`), finds the
//! `vanban.toml` of each, parses and checks the documents in parallel, and renders one
//! [`Report`] sorted by path and position. `rule` prints the rule table or one rule's
//! explanation.

use crate::{ExitStatus, ParseOpts};
use clap::ValueEnum;
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use vanban::check::{self, Config, FailLevel, FileReport, OutputFormat, RenderOptions, Report, Selector, Settings};

const CHECK_AFTER_HELP: &str = "\
Examples:
  vanban check ke-hoach.txt                          findings with the source line and a caret
  vanban check --output-format concise docs/         every text file under docs/, one line each
  vanban check --select VB1,VB2 --ignore VB206 a.txt only header and numbering rules
  vanban check --output-format github $(git diff --name-only -- '*.txt')
  vanban rule VB201                                  what a rule finds and why

Settings also come from a vanban.toml ([check] select, ignore, fail-level, output-format,
severity, per-file-ignores) in the file's directory or above it; --config names one.
A line `<!-- vanban: ignore VB201 -->` in a document suppresses that finding on the next line.

Exit codes:
  0  no finding at or above the fail level (info findings never fail)
  1  findings at or above the fail level (warning by default; --exit-zero gives 0)
  2  usage error, a bad vanban.toml, or an input that could not be read";

/// Output formats, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Each finding with its source line and a caret under the span.
    Full,
    /// One line per finding: `path:line:col: CODE [severity] message`.
    Concise,
    /// One JSON object (`vanban/check/v1`).
    Json,
    /// One JSON object per line, tagged by `type`.
    JsonLines,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// SARIF 2.1.0.
    Sarif,
    /// JUnit XML.
    Junit,
}

impl From<Format> for OutputFormat {
    fn from(f: Format) -> OutputFormat {
        match f {
            Format::Full => OutputFormat::Full,
            Format::Concise => OutputFormat::Concise,
            Format::Json => OutputFormat::Json,
            Format::JsonLines => OutputFormat::JsonLines,
            Format::Github => OutputFormat::Github,
            Format::Sarif => OutputFormat::Sarif,
            Format::Junit => OutputFormat::Junit,
        }
    }
}

/// Fail levels, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Level {
    /// Warnings and errors fail the check.
    Warning,
    /// Only errors fail the check.
    Error,
}

/// Check documents against the official format and report findings with their place.
///
/// Each finding has a rule code (`VB201`), a name (`numbering-gap`), a severity, the file,
/// line and column. Directories are searched recursively for `*.txt`, `*.md`, `*.text` and
/// `*.markdown` (hidden entries are skipped); files named on the command line are checked
/// whatever their extension.
#[derive(Debug, clap::Args)]
#[command(after_help = CHECK_AFTER_HELP)]
pub(crate) struct CheckArgs {
    /// Files and directories to check; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// How to print the findings [default: full, or the config's output-format].
    #[arg(long, value_enum, value_name = "FORMAT")]
    output_format: Option<Format>,
    /// Run only these rules: codes (VB201), prefixes (VB2), names, rulesets (nd30-2020, party, core) or ALL.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    select: Option<Vec<String>>,
    /// Do not run these rules (added to the config's ignore list).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    ignore: Vec<String>,
    /// The lowest severity that fails the check [default: warning, or the config's fail-level].
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_level: Option<Level>,
    /// Exit 0 even when there are findings at the fail level.
    #[arg(long)]
    exit_zero: bool,
    /// Read settings from this file instead of finding a vanban.toml beside each input.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Read no vanban.toml at all.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// The name to show for standard input (and to find its vanban.toml from).
    #[arg(long, value_name = "PATH")]
    stdin_filename: Option<String>,
    #[command(flatten)]
    opts: ParseOpts,
}

/// One thing to check.
#[derive(Debug, Clone)]
enum Input {
    File { path: PathBuf, shown: String },
    Stdin { shown: String },
    Unreadable { shown: String, cause: String },
}

impl Input {
    fn shown(&self) -> &str {
        match self {
            Input::File { shown, .. } | Input::Stdin { shown } | Input::Unreadable { shown, .. } => shown,
        }
    }
}

/// Extensions searched for in directories.
const TEXT_EXTENSIONS: [&str; 4] = ["txt", "md", "text", "markdown"];

fn shown(p: &Path) -> String {
    let s = p.display().to_string().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// The files under `dir`, recursively, sorted; hidden entries and symbolic links to
/// directories are skipped.
fn walk(dir: &Path, out: &mut Vec<Input>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.push(Input::Unreadable { shown: shown(dir), cause: crate::describe(&e) });
            return;
        }
    };
    let mut list: Vec<(PathBuf, std::fs::FileType)> =
        entries.filter_map(Result::ok).filter_map(|e| e.file_type().ok().map(|t| (e.path(), t))).collect();
    list.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in list {
        if path.file_name().and_then(|n| n.to_str()).is_none_or(|n| n.starts_with('.')) {
            continue;
        }
        if kind.is_dir() {
            walk(&path, out);
        } else if kind.is_file() || (kind.is_symlink() && path.is_file()) {
            let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
            if ext.is_some_and(|e| TEXT_EXTENSIONS.contains(&e.as_str())) {
                out.push(Input::File { shown: shown(&path), path });
            }
        }
    }
}

fn gather(args: &CheckArgs) -> Vec<Input> {
    let mut out = Vec::new();
    for p in &args.paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin { shown: args.stdin_filename.clone().unwrap_or_else(|| "-".into()) });
        } else if p.is_dir() {
            walk(p, &mut out);
        } else {
            out.push(Input::File { path: p.clone(), shown: shown(p) });
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|i| seen.insert(i.shown().to_string()));
    out
}

/// Reads a whole file, refusing one larger than `limit` without reading it all.
fn read(path: &Path, limit: usize) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| crate::describe(&e))?;
    if meta.is_dir() {
        return Err("is a directory".into());
    }
    let f = std::fs::File::open(path).map_err(|e| crate::describe(&e))?;
    let mut buf = Vec::new();
    f.take((limit as u64).saturating_add(1)).read_to_end(&mut buf).map_err(|e| crate::describe(&e))?;
    Ok(buf)
}

/// Where the settings of each input come from.
struct Configs {
    fixed: Option<Arc<Config>>,
    none: bool,
    by_dir: HashMap<PathBuf, Option<Arc<Config>>>,
}

impl Configs {
    fn for_dir(&mut self, dir: &Path) -> Result<Option<Arc<Config>>, check::ConfigError> {
        if self.none {
            return Ok(None);
        }
        if let Some(c) = &self.fixed {
            return Ok(Some(c.clone()));
        }
        let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
        if let Some(c) = self.by_dir.get(&dir) {
            return Ok(c.clone());
        }
        let found = match Config::discover(&dir) {
            Some(p) => Some(Arc::new(Config::load(&p)?)),
            None => None,
        };
        self.by_dir.insert(dir, found.clone());
        Ok(found)
    }
}

fn parent_dir(p: &Path) -> PathBuf {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `vanban check`.
pub(crate) fn run(args: CheckArgs) -> io::Result<ExitStatus> {
    let usage = |msg: String| {
        eprintln!("vanban: {msg}");
        Ok(ExitStatus::Error)
    };
    let cli_select = match args.select.as_deref().map(Selector::parse_list).transpose() {
        Ok(s) => s,
        Err(m) => return usage(format!("--select: {m}")),
    };
    let cli_ignore = match Selector::parse_list(&args.ignore) {
        Ok(s) => s,
        Err(m) => return usage(format!("--ignore: {m}")),
    };
    let fixed = match &args.config {
        Some(p) => match Config::load(p) {
            Ok(c) => Some(Arc::new(c)),
            Err(e) => return usage(e.to_string()),
        },
        None => None,
    };
    let mut configs = Configs { fixed, none: args.no_config, by_dir: HashMap::new() };
    // Run-wide options (fail level, output format) come from --config or the current
    // directory's vanban.toml; rule settings from the one nearest each file.
    let run_config = match configs.for_dir(Path::new(".")) {
        Ok(c) => c,
        Err(e) => return usage(e.to_string()),
    };
    let fail_level = match args.fail_level {
        Some(Level::Warning) => FailLevel::Warning,
        Some(Level::Error) => FailLevel::Error,
        None => run_config.as_ref().and_then(|c| c.fail_level()).unwrap_or_default(),
    };
    let format: OutputFormat = args
        .output_format
        .map(OutputFormat::from)
        .or_else(|| run_config.as_ref().and_then(|c| c.output_format()))
        .unwrap_or_default();

    let inputs = gather(&args);
    if inputs.iter().filter(|i| matches!(i, Input::Stdin { .. })).count() > 1 {
        return usage("`-` (standard input) can be given once".into());
    }
    let mut jobs = Vec::with_capacity(inputs.len());
    for input in inputs {
        let dir = match &input {
            Input::File { path, .. } => parent_dir(path),
            Input::Stdin { .. } => {
                args.stdin_filename.as_deref().map_or_else(|| PathBuf::from("."), |s| parent_dir(Path::new(s)))
            }
            Input::Unreadable { .. } => PathBuf::from("."),
        };
        let config = match configs.for_dir(&dir) {
            Ok(c) => c,
            Err(e) => return usage(e.to_string()),
        };
        let file_path = match &input {
            Input::File { path, .. } => path.clone(),
            other => PathBuf::from(other.shown()),
        };
        let mut settings = config.as_ref().map_or_else(Settings::new, |c| c.settings_for(&file_path));
        if let Some(sel) = &cli_select {
            settings.select(sel.clone());
        }
        settings.ignore(cli_ignore.iter().cloned());
        jobs.push((input, settings));
    }
    let stdin_bytes = if jobs.iter().any(|(i, _)| matches!(i, Input::Stdin { .. })) {
        let mut buf = Vec::new();
        let cap = (args.opts.max_bytes as u64).saturating_add(1);
        match io::stdin().lock().take(cap).read_to_end(&mut buf) {
            Ok(_) => Ok(buf),
            Err(e) => Err(crate::describe(&e)),
        }
    } else {
        Ok(Vec::new())
    };

    let parser = args.opts.parser();
    let files: Vec<FileReport> = jobs
        .par_iter()
        .map(|(input, settings)| {
            let shown = input.shown().to_string();
            let bytes = match input {
                Input::File { path, .. } => read(path, args.opts.max_bytes),
                Input::Stdin { .. } => stdin_bytes.clone(),
                Input::Unreadable { cause, .. } => Err(cause.clone()),
            };
            let bytes = match bytes {
                Ok(b) => b,
                Err(cause) => return FileReport::failed(shown, cause),
            };
            match parser.parse_bytes_named(&bytes, Some(&shown)) {
                Ok(doc) => FileReport::new(shown, check::check(&doc, settings)),
                Err(e) => FileReport::failed(shown, e.to_string()),
            }
        })
        .collect();
    let report = Report::new(files, fail_level);
    for f in report.files() {
        if let Some(e) = &f.error {
            eprintln!("vanban: {}: {e}", f.path);
        }
    }
    let color = format.is_human_readable()
        && io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    check::render::render(format, &report, &RenderOptions { color }, &mut out)?;
    out.flush()?;
    let c = report.counts();
    Ok(if c.unreadable > 0 {
        ExitStatus::Error
    } else if c.failing > 0 && !args.exit_zero {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    })
}

/// Formats of `vanban rule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RuleFormat {
    /// Readable text.
    Text,
    /// JSON: one object, or an array with --all.
    Json,
}

/// Print what a rule finds, why it matters and an example; or list every rule.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  vanban rule VB201\n  vanban rule numbering-gap\n  vanban rule --all\n  vanban rule --all --output-format json"
)]
pub(crate) struct RuleArgs {
    /// A rule code (`VB201`) or name (`numbering-gap`).
    #[arg(value_name = "RULE", required_unless_present = "all", conflicts_with = "all")]
    rule: Option<String>,
    /// List every rule: code, name, severity, ruleset and what it finds.
    #[arg(long)]
    all: bool,
    /// How to print.
    #[arg(long, value_enum, default_value_t = RuleFormat::Text, value_name = "FORMAT")]
    output_format: RuleFormat,
}

/// Wraps a paragraph at `width` columns.
fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = 0;
    for w in text.split_whitespace() {
        let n = w.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            line = 0;
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(w);
        line += n;
    }
    out
}

/// `vanban rule`.
pub(crate) fn rule(args: RuleArgs) -> io::Result<ExitStatus> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    if args.all {
        match args.output_format {
            RuleFormat::Json => {
                serde_json::to_writer_pretty(&mut out, check::RULES)?;
                writeln!(out)?;
            }
            RuleFormat::Text => {
                let w = check::RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
                for r in check::RULES {
                    writeln!(
                        out,
                        "{}  {:w$}  {:7}  {:9}  {}",
                        r.code,
                        r.name,
                        r.severity.as_str(),
                        r.ruleset.as_str(),
                        r.summary
                    )?;
                }
            }
        }
        out.flush()?;
        return Ok(ExitStatus::Success);
    }
    let asked = args.rule.as_deref().unwrap_or("");
    let Some(r) = check::rules::find(asked) else {
        drop(out);
        eprintln!("vanban: `{asked}` is no rule; `vanban rule --all` lists them");
        return Ok(ExitStatus::Error);
    };
    match args.output_format {
        RuleFormat::Json => {
            serde_json::to_writer_pretty(&mut out, r)?;
            writeln!(out)?;
        }
        RuleFormat::Text => {
            writeln!(out, "{} {}\n", r.code, r.name)?;
            writeln!(out, "Severity: {}", r.severity)?;
            writeln!(out, "Ruleset:  {}", r.ruleset)?;
            writeln!(out, "Finds:    {}\n", r.summary)?;
            writeln!(out, "{}", wrap(r.explanation, 88))?;
        }
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}
