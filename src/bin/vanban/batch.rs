//! `vanban batch`: converts an archive of documents into JSON records, in parallel,
//! resumably, losing nothing.
//!
//! In: the arguments (inputs, `--out`, options) and, for `-` or `--stdin-jsonl`, standard
//! input. Out: the records where `--out` says, a progress bar and a summary on standard
//! error, the summary as JSON with `--summary`, and the exit code. The work itself is
//! [`vanban::batch`]; this module only parses arguments, draws and prints.

use crate::{ExitStatus, ParseOpts};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, BufReader, IsTerminal};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use vanban::batch::{Batch, BatchError, ERRORS_FILE, Event, Filter, Input, Outcome, Output, Progress, Summary};

const AFTER_HELP: &str = "\
Examples:
  vanban batch archive/ --out json/                one JSON file per document under json/
  vanban batch archive/ --out records.jsonl        one JSON Lines file, in a fixed order
  vanban batch archive/ --out records.jsonl --resume      finish an interrupted run
  find /mnt/scans -name '*.txt' | vanban batch - --out json/ --base /mnt/scans
  vanban batch archive/ --include '*.txt' --include '*.TXT' --exclude 'drafts/**' --out json/
  vanban batch --stdin-jsonl < docs.jsonl > records.jsonl    {\"id\":…,\"text\":…} in, records out

Output (--out):
  DIR         DIR/<input path>.json for each input: the path as given (relative to --base
              if set), without its root, `.` and `..` parts, so nothing is written outside
              DIR; directories inside DIR that are symbolic links are refused. The inputs
              that failed are listed in DIR/errors.jsonl, one
              {\"type\":\"error\",\"path\":…,\"error\":…} per line (no file when none failed).
  FILE.jsonl  one line per input, in input order: its record, or an error line as above.
  -           the same JSON Lines on standard output.
  Directories are walked in name order and the output never depends on --jobs. Every file
  is written to a temporary file beside it and renamed, so an interrupted run never leaves
  a truncated record. Run one batch per output at a time; files in DIR that no input maps
  to any more are left as they are.

Errors:
  An input that cannot be read or parsed (missing, no read permission, a broken link, not a
  regular file, over --max-bytes, empty, binary data) becomes an error entry naming the path
  and the cause, and the run goes on.

Resume (--resume):
  An input whose previous output is complete and has the same /schema, /source/path and
  /source/sha256 (the hash of the input's bytes now) is kept as it is; every other input,
  earlier errors included, is converted again. A JSON Lines file is built in
  .FILE.jsonl.vanban-tmp and renamed when complete; a resumed run copies the matching lines
  of the interrupted (or previous) file and converts the rest. Either way, the result is
  byte for byte what an uninterrupted run gives, with the same vanban and parse options.

Streaming (--stdin-jsonl):
  Reads JSON Lines {\"id\":…,\"text\":\"…\"} or {\"id\":…,\"path\":\"…\"} on standard input and
  writes one line per input line to standard output, in the same order:
  {\"type\":\"record\",\"id\":…,\"record\":{…}} or {\"type\":\"error\",\"id\":…,\"path\":…,\"error\":…}.
  Blank lines are skipped. Usable as a Spark RDD.pipe or Hadoop Streaming mapper.

Exit codes:
  0  every input gave a record
  2  some input failed (see the error entries and the summary), a usage error, or the output
     could not be written";

/// Options of `vanban batch`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = AFTER_HELP,
    long_about = "Convert an archive of documents into JSON records, in parallel, resumably.\n\n\
        Every input gets a record or an error entry in the output; a progress bar (on a \
        terminal) and a summary go to standard error."
)]
pub(crate) struct BatchArgs {
    /// Files, directories (walked recursively, filtered by --include/--exclude), or `-` for
    /// a list of paths on standard input, one per line.
    #[arg(value_name = "INPUT", required_unless_present = "stdin_jsonl")]
    inputs: Vec<PathBuf>,
    /// Where the records go: a directory, a file ending in .jsonl, or `-` for JSON Lines on
    /// standard output.
    #[arg(short, long, value_name = "DIR|FILE.jsonl|-", required_unless_present = "stdin_jsonl")]
    out: Option<PathBuf>,
    /// The kind of output, instead of deciding from --out's name (`--format` is the
    /// input's format, as for `parse`).
    #[arg(long, value_enum, value_name = "KIND")]
    out_format: Option<Format>,
    /// Worker threads; 0 means one per core.
    #[arg(short, long, value_name = "N", default_value_t = 0)]
    jobs: usize,
    /// Take the files of a directory that match this glob (matched against the path below
    /// the directory given; `*` also matches `/`). Repeatable. Default: `*.txt`.
    #[arg(long, value_name = "GLOB")]
    include: Vec<String>,
    /// Leave out the files and directories that match this glob. Repeatable.
    #[arg(long, value_name = "GLOB")]
    exclude: Vec<String>,
    /// Keep the outputs of an earlier run that still match their inputs (hash and schema);
    /// convert the rest.
    #[arg(long)]
    resume: bool,
    /// Also write the summary, as JSON, to this file.
    #[arg(long, value_name = "FILE")]
    summary: Option<PathBuf>,
    /// No progress bar and no summary on standard error.
    #[arg(short, long)]
    quiet: bool,
    /// Map JSON Lines on standard input to records on standard output (see below).
    #[arg(long, conflicts_with_all = ["inputs", "out", "out_format", "format", "resume", "base", "include", "exclude", "pretty"])]
    stdin_jsonl: bool,
    /// In a directory output, mirror the input paths relative to this directory.
    #[arg(long, value_name = "DIR")]
    base: Option<PathBuf>,
    /// Pretty-print the JSON files of a directory output.
    #[arg(long)]
    pretty: bool,
    /// Flush every output file to disk before renaming it (survives a power loss; slower).
    #[arg(long)]
    fsync: bool,
    #[command(flatten)]
    opts: ParseOpts,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// One JSON file per input under a directory.
    Dir,
    /// One JSON Lines file.
    Jsonl,
}

pub(crate) fn run(args: BatchArgs) -> io::Result<ExitStatus> {
    let filter = if args.include.is_empty() {
        Filter::new(&["*.txt"], &args.exclude)
    } else {
        Filter::new(&args.include, &args.exclude)
    };
    let filter = match filter {
        Ok(f) => f,
        Err(e) => return fail(&e),
    };
    let mut batch = Batch::new(args.opts.parser())
        .jobs(args.jobs)
        .resume(args.resume)
        .fsync(args.fsync)
        .pretty(args.pretty)
        .max_bytes(args.opts.max_bytes as u64)
        .filter(filter);
    if let Some(base) = &args.base {
        batch = batch.base(base);
    }
    let show = !args.quiet && io::stderr().is_terminal();
    let mut bar = Bar::new(show);

    let result = if args.stdin_jsonl {
        batch.pipe(BufReader::new(io::stdin()), io::stdout().lock(), &mut bar)
    } else {
        let Some(out) = args.out.clone() else {
            eprintln!("vanban: batch: --out is required (a directory, a FILE.jsonl or `-`)");
            return Ok(ExitStatus::Error);
        };
        if args.inputs.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
            eprintln!("vanban: batch: `-` (the list of paths on standard input) can be given only once");
            return Ok(ExitStatus::Error);
        }
        let output = if out.as_os_str() == "-" {
            Output::Writer(Box::new(io::stdout()))
        } else {
            match args.out_format.unwrap_or_else(|| guess_format(&out)) {
                Format::Dir => Output::Dir(out.clone()),
                Format::Jsonl => Output::Jsonl(out.clone()),
            }
        };
        if show && !args.inputs.iter().any(|p| p.as_os_str() == "-") {
            bar.count_in_background(&batch, args.inputs.clone());
        }
        let inputs = args
            .inputs
            .iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    Input::List(Box::new(BufReader::new(io::stdin())))
                } else {
                    Input::Path(p.clone())
                }
            })
            .collect();
        batch.convert(inputs, output, &mut bar)
    };
    bar.pb.finish_and_clear();

    let summary = match result {
        Ok(s) => s,
        // The reader of standard output went away (`| head`): stop quietly.
        Err(BatchError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => return Err(e),
        Err(e) => return fail(&e),
    };
    if !args.quiet {
        report(&summary, &args);
    }
    if let Some(path) = &args.summary {
        let mut json = serde_json::to_vec_pretty(&summary).map_err(io::Error::other)?;
        json.push(b'\n');
        if let Err(e) = vanban::batch::write_atomic(path, &json, true) {
            eprintln!("vanban: batch: cannot write the summary to {}: {e}", path.display());
            return Ok(ExitStatus::Error);
        }
    }
    Ok(if summary.errors == 0 { ExitStatus::Success } else { ExitStatus::Error })
}

fn fail(e: &BatchError) -> io::Result<ExitStatus> {
    eprintln!("vanban: batch: {e}");
    Ok(ExitStatus::Error)
}

/// A directory unless the name says JSON Lines.
fn guess_format(out: &Path) -> Format {
    match out.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
        Some("jsonl" | "ndjson") => Format::Jsonl,
        _ => Format::Dir,
    }
}

/// The summary on standard error: counts, encodings, the first failures and where all are.
fn report(s: &Summary, args: &BatchArgs) {
    eprintln!("vanban: batch: {s}");
    if !s.encodings.is_empty() {
        let list: Vec<String> = s.encodings.iter().map(|(k, v)| format!("{k} {v}")).collect();
        eprintln!("vanban: batch: encodings: {}", list.join(", "));
    }
    if s.errors > 0 {
        let place = match (&args.out, args.out_format) {
            _ if args.stdin_jsonl => "as error lines on standard output".to_string(),
            (Some(o), _) if o.as_os_str() == "-" => "as error lines on standard output".to_string(),
            (Some(o), Some(Format::Dir)) => format!("in {}", o.join(ERRORS_FILE).display()),
            (Some(o), None) if guess_format(o) == Format::Dir => format!("in {}", o.join(ERRORS_FILE).display()),
            (Some(o), _) => format!("as error lines in {}", o.display()),
            (None, _) => String::new(),
        };
        eprintln!("vanban: batch: {} input(s) failed, all listed {place}:", s.errors);
        for f in &s.first_errors {
            eprintln!("  {f}");
        }
        if s.errors > s.first_errors.len() as u64 {
            eprintln!("  … and {} more", s.errors - s.first_errors.len() as u64);
        }
    }
}

/// The progress bar: files done of the total (counted on another thread), files/s, MB/s
/// and the time left. Hidden when standard error is not a terminal or with --quiet.
struct Bar {
    pb: ProgressBar,
    bytes: u64,
    errors: u64,
    start: Instant,
    last: Instant,
}

const BAR: &str = "{spinner} {elapsed_precise} [{wide_bar}] {human_pos}/{human_len} files, {msg}, ETA {eta}";
const SPIN: &str = "{spinner} {elapsed_precise} {human_pos} files, {msg}";

impl Bar {
    fn new(show: bool) -> Bar {
        let pb = if show {
            let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            pb.set_style(ProgressStyle::with_template(SPIN).unwrap_or_else(|_| ProgressStyle::default_spinner()));
            pb.enable_steady_tick(Duration::from_millis(200));
            pb
        } else {
            ProgressBar::hidden()
        };
        let now = Instant::now();
        Bar { pb, bytes: 0, errors: 0, start: now, last: now }
    }

    /// Counts the inputs on another thread and turns the spinner into a bar with an ETA
    /// once the total is known.
    fn count_in_background(&self, batch: &Batch, inputs: Vec<PathBuf>) {
        let (pb, batch) = (self.pb.clone(), batch.clone());
        let spawned = std::thread::Builder::new().name("vanban-batch-count".into()).spawn(move || {
            let (files, _bytes) = batch.count(&inputs);
            pb.set_length(files);
            if let Ok(style) = ProgressStyle::with_template(BAR) {
                pb.set_style(style.progress_chars("=> "));
            }
        });
        // Without the count the bar stays a spinner: nothing is lost.
        drop(spawned);
    }
}

impl Progress for Bar {
    fn done(&mut self, e: &Event<'_>) {
        self.bytes += e.bytes;
        if let Outcome::Failed { .. } = e.outcome {
            self.errors += 1;
        }
        self.pb.inc(1);
        if self.pb.is_hidden() || self.last.elapsed() < Duration::from_millis(100) {
            return;
        }
        self.last = Instant::now();
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        let files = (e.index + 1) as f64 / secs;
        let mbps = self.bytes as f64 / 1e6 / secs;
        let errors = match self.errors {
            0 => String::new(),
            1 => ", 1 error".into(),
            n => format!(", {n} errors"),
        };
        self.pb.set_message(format!("{files:.0} files/s, {mbps:.1} MB/s{errors}"));
    }
}
