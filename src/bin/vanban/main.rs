//! The `vanban` command: the library's first client. It only parses arguments, reads
//! files, calls the library and writes what it returns.

mod batch;
mod check;

use clap::{Parser as ClapParser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use vanban::decode::Encoding;
use vanban::normalize::TonePolicy;

/// How `vanban` ends. The codes are part of the interface: scripts and CI read them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitStatus {
    /// 0: everything asked for was done.
    Success,
    /// 1: findings at or above the fail level (reserved for `vanban check`).
    #[allow(dead_code)]
    Findings,
    /// 2: a usage error, an input that could not be read, or an internal error.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(s: ExitStatus) -> ExitCode {
        ExitCode::from(match s {
            ExitStatus::Success => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Error => 2,
        })
    }
}

const AFTER_HELP: &str = "\
Examples:
  vanban parse ke-hoach.txt              print the record of one document
  vanban parse --compact corpus/*/*.txt  one record per line (JSON Lines) for many
  cat cong-van.txt | vanban parse -      read standard input
  vanban schema > record.schema.json     the JSON Schema of the record

Exit codes:
  0  success (also for a document in which little was found: see its diagnostics)
  1  findings at the fail level (vanban check)
  2  usage error, unreadable input, or an input over --max-bytes";

/// Turn Vietnamese administrative documents into structured JSON.
///
/// vanban reads plans (Kế hoạch), coordination programs (Chương trình phối hợp),
/// decisions, official letters, Party documents and news reports about them, and writes
/// one JSON record per document: header (issuer, số ký hiệu, place, date, tên loại,
/// trích yếu), outline, tasks, signatories, recipients and cited documents.
#[derive(Debug, ClapParser)]
#[command(name = "vanban", version, about, long_about, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse documents and print one JSON record for each.
    ///
    /// Each FILE gives one record on standard output: pretty-printed on a terminal, one
    /// record per line otherwise or with --compact. A file that cannot be read is named on
    /// standard error with the cause, the others are still parsed, and the exit code is 2.
    #[command(after_help = "Example:\n  vanban parse corpus/seeds/004_965ccc07f17a42d3.txt | jq .header.number")]
    Parse {
        /// Files to parse; `-` reads standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[command(flatten)]
        opts: ParseOpts,
        /// One record per line, even on a terminal.
        #[arg(long)]
        compact: bool,
        /// Pretty-print records, even when not on a terminal.
        #[arg(long, conflicts_with = "compact")]
        pretty: bool,
    },
    /// Print the normalized text of a document (what every later stage reads).
    ///
    /// Web-page chrome (menus, players, "Tin mới" lists, repeated captions) is left out
    /// unless --keep-boilerplate is given. The encoding used, its confidence and the
    /// characters it could not carry are reported on standard error.
    #[command(after_help = "Example:\n  vanban normalize --tone modern old-page.txt > clean.txt")]
    Normalize {
        /// File to normalize; `-` reads standard input.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        opts: ParseOpts,
        /// Keep the lines marked as web-page chrome.
        #[arg(long)]
        keep_boilerplate: bool,
    },
    /// Check documents against the official format (Nghị định 30/2020/NĐ-CP), like a linter.
    Check(check::CheckArgs),
    /// Explain a rule of `vanban check` (`vanban rule VB201`), or list them all (`--all`).
    Rule(check::RuleArgs),
    /// Convert an archive of documents into JSON records, in parallel, resumably.
    Batch(batch::BatchArgs),
    /// Print the JSON Schema (draft 2020-12) of the record.
    Schema,
}

#[derive(Debug, Clone, clap::Args)]
pub(crate) struct ParseOpts {
    /// Read input in this encoding instead of detecting it.
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    encoding: Option<Encoding>,
    /// Tone placement in `oa`, `oe`, `uy`: traditional (hòa, thủy) or modern (hoà, thuỷ).
    #[arg(long, value_enum, default_value_t = Tone::Traditional)]
    tone: Tone,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = vanban::DEFAULT_MAX_BYTES)]
    max_bytes: usize,
    /// Read input as this format instead of telling it from the bytes (a zip with a Word
    /// document is docx, a page starting with <html or <!DOCTYPE html is html).
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Option<InputFormat>,
    /// Leave syllables cut by PDF text extraction as they are (`ĐIỀ U KHO ẢN`); by default
    /// they are joined where the spelling shows the cut.
    #[arg(long)]
    keep_split_syllables: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum InputFormat {
    Text,
    Docx,
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Tone {
    Traditional,
    Modern,
    Keep,
}

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    Encoding::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = Encoding::all().iter().map(|e| e.name()).collect();
        format!("unknown encoding `{s}`; known: {}", names.join(", "))
    })
}

impl ParseOpts {
    pub(crate) fn parser(&self) -> vanban::Parser {
        vanban::Parser::builder()
            .encoding(self.encoding)
            .tone(match self.tone {
                Tone::Traditional => TonePolicy::Traditional,
                Tone::Modern => TonePolicy::Modern,
                Tone::Keep => TonePolicy::Keep,
            })
            .max_bytes(self.max_bytes)
            .keep_split_syllables(self.keep_split_syllables)
            .format(self.format.map(|f| match f {
                InputFormat::Text => vanban::formats::Format::Text,
                InputFormat::Docx => vanban::formats::Format::Docx,
                InputFormat::Html => vanban::formats::Format::Html,
            }))
            .build()
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { ExitStatus::Error } else { ExitStatus::Success };
            let _ = e.print();
            return code.into();
        }
    };
    match run(cli) {
        Ok(s) => s.into(),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitStatus::Success.into(),
        Err(e) => {
            eprintln!("vanban: {e}");
            ExitStatus::Error.into()
        }
    }
}

/// Reads a whole input, with at most `limit + 1` bytes so an oversized one is refused
/// without reading it all.
fn read_input(path: &PathBuf, limit: usize) -> Result<(Vec<u8>, Option<String>), String> {
    let mut buf = Vec::new();
    let cap = (limit as u64).saturating_add(1);
    if path.as_os_str() == "-" {
        io::stdin().lock().take(cap).read_to_end(&mut buf).map_err(|e| format!("<stdin>: {e}"))?;
        return Ok((buf, None));
    }
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| format!("{shown}: {}", describe(&e)))?;
    if meta.is_dir() {
        return Err(format!("{shown}: is a directory; give the files in it (e.g. {shown}/*.txt)"));
    }
    let f = std::fs::File::open(path).map_err(|e| format!("{shown}: {}", describe(&e)))?;
    f.take(cap).read_to_end(&mut buf).map_err(|e| format!("{shown}: {}", describe(&e)))?;
    Ok((buf, Some(shown)))
}

fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied (check the file's read rights)".into(),
        _ => e.to_string(),
    }
}

fn run(cli: Cli) -> io::Result<ExitStatus> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match cli.command {
        Command::Check(args) => return check::run(args),
        Command::Rule(args) => return check::rule(args),
        Command::Batch(args) => return batch::run(args),
        Command::Schema => {
            serde_json::to_writer_pretty(&mut out, &vanban::record::schema())?;
            writeln!(out)?;
        }
        Command::Parse { files, opts, compact, pretty } => {
            let parser = opts.parser();
            let pretty = pretty || (!compact && io::stdout().is_terminal());
            let mut status = ExitStatus::Success;
            for path in &files {
                let (bytes, name) = match read_input(path, opts.max_bytes) {
                    Ok(x) => x,
                    Err(msg) => {
                        out.flush()?;
                        eprintln!("vanban: {msg}");
                        status = ExitStatus::Error;
                        continue;
                    }
                };
                let doc = match parser.parse_bytes_named(&bytes, name.as_deref()) {
                    Ok(d) => d,
                    Err(e) => {
                        out.flush()?;
                        eprintln!("vanban: {}: {e}", name.as_deref().unwrap_or("<stdin>"));
                        status = ExitStatus::Error;
                        continue;
                    }
                };
                let rec = doc.record();
                if pretty {
                    serde_json::to_writer_pretty(&mut out, &rec)?;
                } else {
                    serde_json::to_writer(&mut out, &rec)?;
                }
                writeln!(out)?;
            }
            out.flush()?;
            return Ok(status);
        }
        Command::Normalize { file, opts, keep_boilerplate } => {
            let parser = opts.parser();
            let (bytes, name) = match read_input(&file, opts.max_bytes) {
                Ok(x) => x,
                Err(msg) => {
                    eprintln!("vanban: {msg}");
                    return Ok(ExitStatus::Error);
                }
            };
            let doc = match parser.parse_bytes_named(&bytes, name.as_deref()) {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("vanban: {}: {e}", name.as_deref().unwrap_or("<stdin>"));
                    return Ok(ExitStatus::Error);
                }
            };
            let text = doc.source().text();
            if keep_boilerplate {
                out.write_all(text.as_bytes())?;
                if !text.ends_with('\n') {
                    writeln!(out)?;
                }
            } else {
                // Non-blank lines without the chrome, blank lines kept between paragraphs.
                for l in doc.lines().all().iter().filter(|l| !l.boilerplate) {
                    if l.blank_before && l.span.start > 0 {
                        writeln!(out)?;
                    }
                    writeln!(out, "{}", doc.source().slice(l.span))?;
                }
            }
            out.flush()?;
            let shown = name.as_deref().unwrap_or("<stdin>");
            eprintln!(
                "vanban: {shown}: encoding {} (confidence {:.2})",
                doc.source().encoding(),
                doc.encoding_confidence()
            );
            let (lossy, count) = doc.lossy();
            if count > 0 {
                eprintln!("vanban: {shown}: {count} character(s) the encoding could not carry for sure:");
                for c in lossy.iter().take(20) {
                    eprintln!("  line {}: `{}` may have been `{}`", c.line, c.decoded, c.possible);
                }
                if count > 20 {
                    eprintln!("  … and {} more", count - 20);
                }
            }
        }
    }
    out.flush()?;
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    /// clap's own checks of every subcommand: unique argument names, valid defaults and
    /// conflicts. They otherwise run only when a subcommand is invoked.
    #[test]
    fn command_line_definition_is_consistent() {
        super::Cli::command().debug_assert();
    }
}
