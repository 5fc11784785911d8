//! Batch conversion: an archive of documents in, JSON records out — in parallel, in a
//! deterministic order, resumably, losing nothing.
//!
//! In: [`Input`]s — files, directories (walked recursively in name order, filtered by
//! [`Filter`]'s include and exclude globs) and lists of paths read from a reader — or, for
//! [`Batch::pipe`], JSON Lines of `{"id": …, "text": …}` / `{"id": …, "path": …}`.
//! Out: records, to one JSON file per input under a directory ([`Output::Dir`]), to one JSON
//! Lines file ([`Output::Jsonl`]) or to a writer ([`Output::Writer`]), and a [`Summary`].
//!
//! ## What the engine guarantees
//!
//! - **Parallel, bounded.** Documents are read, parsed and serialized on a pool of
//!   [`Batch::jobs`] threads (rayon). A reader thread walks the inputs and hands out work only
//!   while fewer than a window of documents are in flight, so memory is bounded by the
//!   window, never by the size of the archive. Results are put back in input order in a
//!   reorder buffer no larger than that window.
//! - **Deterministic.** Directories are walked in file-name order; output order is input
//!   order whatever the number of threads, so `--jobs 1` and `--jobs 8` give the same bytes.
//! - **Nothing lost.** An input that cannot be read or parsed — missing, unreadable, a
//!   broken symbolic link, not a regular file, over the size limit, empty, binary data — is
//!   an error entry naming the path and the cause, at its place in the output, and counted
//!   in the [`Summary`]; the run goes on. In a JSON Lines output it is a line
//!   `{"type":"error","path":…,"error":…}`; in a directory output it is a line of
//!   `errors.jsonl` ([`ERRORS_FILE`]) at the top of the directory, in input order (the file
//!   is rewritten by every run, and removed when a run has no error).
//! - **Atomic files.** Every file is written to a temporary file in the same directory
//!   (`.NAME.vanban-tmp`) and renamed over its final name, so a crash or `kill -9` never
//!   leaves a truncated record under a final name. The JSON Lines file and the directory
//!   entry are `fsync`ed before and after the rename; the many small files of a directory
//!   output are `fsync`ed only with [`Batch::fsync`] (a power loss can then at worst leave an
//!   empty or partial file, which `--resume` detects and converts again).
//! - **Contained.** A directory output maps the input path as given (or relative to
//!   [`Batch::base`]) to `DIR/<path>.json`, dropping root, `.` and `..` parts, and creates
//!   each directory under `DIR` itself, refusing any that is a symbolic link: no output can
//!   land outside `DIR`. Two inputs that would map to the same output are not merged: the
//!   second is an error entry.
//!
//! ## Resume
//!
//! With [`Batch::resume`], an input is not converted again when its previous output is
//! complete, parses, and carries the same `/schema`, `/source/path` and `/source/sha256`
//! (the hash of the input's bytes, recomputed now); anything else — a missing, truncated or
//! stale output, an earlier error — is converted again. So an interrupted run followed by a
//! resumed one gives exactly the bytes an uninterrupted run gives, provided both use the same
//! vanban version and parse options (after an upgrade, run without `--resume`).
//!
//! - Directory output: each input's file is checked where it stands.
//! - JSON Lines output: the file is built in `.NAME.vanban-tmp` and renamed at the end. A
//!   resumed run reads the previous lines — from the temporary file a killed run left (moved
//!   aside to `.NAME.vanban-old`), else from the finished file — alongside the inputs, in
//!   order: a line whose path and hash match its input is copied verbatim, every other input
//!   is converted again, and the new file replaces the old one atomically. A truncated last
//!   line is simply not matched. (If inputs were removed since, the lines after the first
//!   mismatch are converted again: slower, never wrong.)
//!
//! ## Example
//!
//! ```
//! use vanban::batch::{Batch, Input, NoProgress, Output};
//! let dir = std::env::temp_dir().join(format!("vanban-doc-batch-{}", std::process::id()));
//! std::fs::create_dir_all(dir.join("archive"))?;
//! std::fs::write(dir.join("archive/kh.txt"), "Số: 470/KH-LĐLĐ\n\nKẾ HOẠCH\n\nTriển khai")?;
//! std::fs::write(dir.join("archive/empty.txt"), "")?;
//!
//! let batch = Batch::new(vanban::Parser::new()).jobs(2);
//! let out = dir.join("records.jsonl");
//! let summary = batch.convert(vec![Input::Path(dir.join("archive"))], Output::Jsonl(out.clone()), &mut NoProgress)?;
//! assert_eq!((summary.files, summary.records, summary.errors), (2, 1, 1));
//!
//! let text = std::fs::read_to_string(&out)?;
//! let lines: Vec<&str> = text.lines().collect();
//! assert!(lines[0].starts_with(r#"{"type":"error","path":"#)); // empty.txt comes first
//! assert!(lines[1].starts_with(r#"{"schema":"vanban/record/v1""#));
//! # std::fs::remove_dir_all(&dir)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::Parser;
use crate::record::{Record, SCHEMA_ID};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, HashSet};
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::hash::{Hash, Hasher};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Instant;

/// The suffix of the temporary files written before a rename (`.NAME.vanban-tmp`). Files
/// with this suffix are never taken as inputs.
pub const TMP_SUFFIX: &str = ".vanban-tmp";
/// The suffix under which a resumed JSON Lines run keeps the previous run's partial file.
const OLD_SUFFIX: &str = ".vanban-old";
/// The file of error entries at the top of a directory output, one JSON object per line.
pub const ERRORS_FILE: &str = "errors.jsonl";
/// How many error entries the [`Summary`] lists (all of them are in the output).
pub const SUMMARY_ERRORS: usize = 20;

/// A failure of the run as a whole (the output cannot be written, a bad glob, …). An input
/// that fails is not one: it becomes an error entry and the run goes on.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// An include or exclude pattern is not a valid glob.
    #[error("invalid glob `{glob}`: {cause}")]
    Glob {
        /// The pattern as given.
        glob: String,
        /// What is wrong with it.
        cause: String,
    },
    /// The output cannot be created or written.
    #[error("{path}: {cause}")]
    Output {
        /// The output path.
        path: String,
        /// The cause.
        cause: String,
    },
    /// Writing to the output stream failed (for example a closed pipe).
    #[error("writing the output: {0}")]
    Io(#[from] io::Error),
    /// Resuming needs an output that persists: a directory or a JSON Lines file.
    #[error("--resume needs an output directory or a .jsonl file, not a stream")]
    ResumeNeedsFile,
    /// The worker threads could not be started, or stopped unexpectedly.
    #[error("internal error: {0}")]
    Internal(String),
}

fn out_err(path: &Path, e: impl std::fmt::Display) -> BatchError {
    BatchError::Output { path: path.display().to_string(), cause: e.to_string() }
}

/// Which files of a walked directory are inputs.
///
/// Patterns are globs (`*`, `?`, `[…]`, `{a,b}`, `**`) matched against the file's path
/// relative to the directory given; `*` also matches `/`, so `*.txt` takes `.txt` files at
/// any depth. A directory matching an exclude pattern is not entered. Files named on the
/// command line or in a list are always taken.
///
/// ```
/// let f = vanban::batch::Filter::new(&["*.txt", "*.TXT"], &["drafts/**"])?;
/// assert!(f.takes("2023/ke-hoach.txt".as_ref()));
/// assert!(!f.takes("drafts/ke-hoach.txt".as_ref()));
/// assert!(!f.takes("2023/ke-hoach.doc".as_ref()));
/// # Ok::<(), vanban::batch::BatchError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Filter {
    include: GlobSet,
    exclude: GlobSet,
}

impl Default for Filter {
    /// `*.txt`, nothing excluded.
    fn default() -> Filter {
        Filter::new(&["*.txt"], &[] as &[&str])
            .unwrap_or_else(|_| Filter { include: GlobSet::empty(), exclude: GlobSet::empty() })
    }
}

impl Filter {
    /// A filter taking files that match one of `include` and none of `exclude`.
    pub fn new<I: AsRef<str>, E: AsRef<str>>(include: &[I], exclude: &[E]) -> Result<Filter, BatchError> {
        fn set<S: AsRef<str>>(globs: &[S]) -> Result<GlobSet, BatchError> {
            let mut b = GlobSetBuilder::new();
            for g in globs {
                let g = g.as_ref();
                b.add(Glob::new(g).map_err(|e| BatchError::Glob { glob: g.to_string(), cause: e.kind().to_string() })?);
            }
            b.build().map_err(|e| BatchError::Glob { glob: String::new(), cause: e.to_string() })
        }
        Ok(Filter { include: set(include)?, exclude: set(exclude)? })
    }

    /// Whether a file at `rel` (relative to the walked directory) is an input.
    pub fn takes(&self, rel: &Path) -> bool {
        self.include.is_match(rel) && !self.exclude.is_match(rel)
    }

    fn prunes(&self, rel: &Path) -> bool {
        !rel.as_os_str().is_empty() && self.exclude.is_match(rel)
    }
}

/// One input of [`Batch::convert`].
pub enum Input {
    /// A file (always taken) or a directory (walked, filtered by the [`Filter`]).
    Path(PathBuf),
    /// A list of paths, one per line (files or directories; blank lines skipped), such as
    /// standard input for `vanban batch -`.
    List(Box<dyn BufRead + Send>),
}

impl std::fmt::Debug for Input {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Input::Path(p) => f.debug_tuple("Path").field(p).finish(),
            Input::List(_) => f.write_str("List(..)"),
        }
    }
}

/// Where [`Batch::convert`] writes.
pub enum Output {
    /// One JSON file per input, `DIR/<input path>.json`, plus `DIR/errors.jsonl`.
    Dir(PathBuf),
    /// One JSON Lines file: a record or an error entry per input, in input order.
    Jsonl(PathBuf),
    /// JSON Lines to a stream (standard output, a pipe): not resumable.
    Writer(Box<dyn Write>),
}

impl std::fmt::Debug for Output {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Output::Dir(p) => f.debug_tuple("Dir").field(p).finish(),
            Output::Jsonl(p) => f.debug_tuple("Jsonl").field(p).finish(),
            Output::Writer(_) => f.write_str("Writer(..)"),
        }
    }
}

/// An input that gave no record, as listed in the [`Summary`] and in the output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Failure {
    /// The input's path, or null for a text given inline.
    pub path: Option<String>,
    /// The input's `id` ([`Batch::pipe`] only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Value>,
    /// What went wrong.
    pub error: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.path, &self.id) {
            (Some(p), _) => write!(f, "{p}: {}", self.error),
            (None, Some(id)) => write!(f, "id {id}: {}", self.error),
            (None, None) => f.write_str(&self.error),
        }
    }
}

/// What a run did. Serializes to the JSON that `vanban batch --summary FILE` writes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Inputs seen (files, or lines for [`Batch::pipe`]), failed ones included.
    pub files: u64,
    /// Bytes read from the inputs.
    pub bytes: u64,
    /// Records in the output (converted now or kept from a previous run).
    pub records: u64,
    /// Records converted by this run.
    pub converted: u64,
    /// Records kept from a previous run by `--resume`.
    pub reused: u64,
    /// Inputs that gave an error entry instead of a record.
    pub errors: u64,
    /// How many records were read in each encoding (`/source/encoding`).
    pub encodings: BTreeMap<String, u64>,
    /// Wall-clock time of the run.
    pub seconds: f64,
    /// Inputs per second.
    pub files_per_second: f64,
    /// Megabytes (10⁶ bytes) of input per second.
    pub mb_per_second: f64,
    /// Worker threads used.
    pub jobs: usize,
    /// The output: a directory, a file, or `-` for a stream.
    pub output: String,
    /// The first [`SUMMARY_ERRORS`] error entries, in input order.
    pub first_errors: Vec<Failure>,
}

impl std::fmt::Display for Summary {
    /// One line: `N files, X MB, N records (N converted, N reused), N errors in T s (…)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = |count: u64, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
        write!(
            f,
            "{}, {:.1} MB, {} ({} converted, {} reused), {} in {:.2} s ({:.0} files/s, {:.1} MB/s, {})",
            n(self.files, "file", "files"),
            self.bytes as f64 / 1e6,
            n(self.records, "record", "records"),
            self.converted,
            self.reused,
            n(self.errors, "error", "errors"),
            self.seconds,
            self.files_per_second,
            self.mb_per_second,
            n(self.jobs as u64, "thread", "threads"),
        )
    }
}

/// What happened to one input, as told to a [`Progress`].
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// Parsed into a record read in this encoding.
    Converted {
        /// `/source/encoding` of the record.
        encoding: &'a str,
    },
    /// Kept from a previous run (`--resume`).
    Reused {
        /// `/source/encoding` of the record.
        encoding: &'a str,
    },
    /// An error entry.
    Failed {
        /// The cause.
        error: &'a str,
    },
}

/// One input done, in input order.
#[derive(Debug, Clone, Copy)]
pub struct Event<'a> {
    /// 0-based position of the input.
    pub index: u64,
    /// The input's path, if it has one.
    pub path: Option<&'a str>,
    /// The input's `id` ([`Batch::pipe`] only).
    pub id: Option<&'a Value>,
    /// Bytes read.
    pub bytes: u64,
    /// What happened.
    pub outcome: Outcome<'a>,
}

/// Told about each input as it is done, in input order, on the calling thread. The library
/// never prints: a command line draws a progress bar from these, a service logs them.
///
/// Any `FnMut(&Event)` closure is a `Progress`.
pub trait Progress {
    /// One more input done.
    fn done(&mut self, event: &Event<'_>);
}

impl<F: FnMut(&Event<'_>)> Progress for F {
    fn done(&mut self, event: &Event<'_>) {
        self(event)
    }
}

/// A [`Progress`] that ignores everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn done(&mut self, _event: &Event<'_>) {}
}

/// Converts many documents with one [`Parser`]; see the [module documentation](self).
#[derive(Debug, Clone)]
pub struct Batch {
    parser: Parser,
    jobs: usize,
    resume: bool,
    fsync: bool,
    pretty: bool,
    max_bytes: u64,
    filter: Filter,
    base: Option<PathBuf>,
    window: Option<usize>,
}

impl Batch {
    /// A batch with `parser`, on all cores, not resuming, taking `*.txt` from directories.
    pub fn new(parser: Parser) -> Batch {
        Batch {
            parser,
            jobs: 0,
            resume: false,
            fsync: false,
            pretty: false,
            max_bytes: crate::DEFAULT_MAX_BYTES as u64,
            filter: Filter::default(),
            base: None,
            window: None,
        }
    }

    /// Worker threads; 0 (the default) means one per core.
    pub fn jobs(mut self, n: usize) -> Batch {
        self.jobs = n;
        self
    }

    /// Keeps the previous outputs that are still valid (see [Resume](self#resume)).
    pub fn resume(mut self, yes: bool) -> Batch {
        self.resume = yes;
        self
    }

    /// `fsync`s every file of a directory output before renaming it (slower; for
    /// durability across a power loss, not needed against a killed process).
    pub fn fsync(mut self, yes: bool) -> Batch {
        self.fsync = yes;
        self
    }

    /// Pretty-prints the records of a directory output (one line each otherwise).
    pub fn pretty(mut self, yes: bool) -> Batch {
        self.pretty = yes;
        self
    }

    /// Refuses inputs larger than `n` bytes without reading them (an error entry). Match it
    /// with the parser's limit; [`DEFAULT_MAX_BYTES`](crate::DEFAULT_MAX_BYTES) by default.
    pub fn max_bytes(mut self, n: u64) -> Batch {
        self.max_bytes = n;
        self
    }

    /// Which files of a walked directory are inputs.
    pub fn filter(mut self, filter: Filter) -> Batch {
        self.filter = filter;
        self
    }

    /// Directory outputs mirror input paths relative to `dir` (as written) instead of the
    /// paths as given: with base `/mnt/archive`, `/mnt/archive/2023/a.txt` gives
    /// `DIR/2023/a.txt.json`.
    pub fn base(mut self, dir: impl Into<PathBuf>) -> Batch {
        self.base = Some(dir.into());
        self
    }

    /// Documents in flight at most (read, being parsed, or waiting for their turn to be
    /// written); by default 8 per thread plus 8, or 1024 for a directory output, whose
    /// finished documents are already on disk.
    pub fn window(mut self, n: usize) -> Batch {
        self.window = Some(n.max(1));
        self
    }

    fn threads(&self) -> usize {
        if self.jobs > 0 { self.jobs } else { std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) }
    }

    /// Counts the files and bytes `inputs` stand for (lists are not read), for a progress
    /// bar's length. Walks the directories the way [`Batch::convert`] does.
    pub fn count(&self, inputs: &[PathBuf]) -> (u64, u64) {
        let (mut files, mut bytes) = (0u64, 0u64);
        let walker = Walker { filter: self.filter.clone(), skip: Skip::default() };
        let mut tally = |found: Found| {
            files += 1;
            if let Found::File { path, .. } = found {
                bytes += fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            }
            true
        };
        for p in inputs {
            if !walker.expand(p, &mut tally) {
                break;
            }
        }
        (files, bytes)
    }

    /// Converts `inputs` into `output`, telling `progress` about each input in order.
    ///
    /// Returns the [`Summary`] once every input has a record or an error entry in the
    /// output (`summary.errors` says how many failed), or a [`BatchError`] when the output
    /// itself fails.
    pub fn convert(
        &self,
        inputs: Vec<Input>,
        output: Output,
        progress: &mut dyn Progress,
    ) -> Result<Summary, BatchError> {
        let start = Instant::now();
        let jobs = self.threads();
        let stream_window = self.window.unwrap_or(8 * jobs + 8);
        match output {
            Output::Dir(dir) => {
                if fs::metadata(&dir).is_ok_and(|m| !m.is_dir()) {
                    return Err(out_err(
                        &dir,
                        "exists and is not a directory (for a JSON Lines output, name it *.jsonl)",
                    ));
                }
                fs::create_dir_all(&dir).map_err(|e| out_err(&dir, describe(&e)))?;
                let root = fs::canonicalize(&dir).map_err(|e| out_err(&dir, describe(&e)))?;
                let walker = Walker { filter: self.filter.clone(), skip: Skip { dir: Some(root.clone()), file: None } };
                let base = self.base.clone();
                let mut seen = HashSet::new();
                let feed = walker.feed(inputs, move |found| match found {
                    Found::File { path, shown } => match out_rel(base.as_deref(), &path) {
                        None => Job::Fail { path: Some(shown), error: "the path has no file name to write an output for".into() },
                        Some(rel) if !seen.insert(hash64(&rel)) => Job::Fail {
                            error: format!(
                                "its output {} is already taken by an earlier input (the same file given twice, or paths that differ only by `..` or a leading `/`); list it once, or use --base",
                                rel.display()
                            ),
                            path: Some(shown),
                        },
                        Some(rel) => Job::File { path, shown, target: Some(rel), old: None },
                    },
                    Found::Error { path, error } => Job::Fail { path: Some(path), error },
                });
                let mut sink = DirSink { root: root.clone(), errors: None };
                let window = self.window.unwrap_or(1024);
                let summary = self.drive(feed, Some(root), &mut sink, window, progress, start, &dir)?;
                sink.finish()?;
                Ok(summary)
            }
            Output::Jsonl(file) => {
                let mut sink = JsonlFile::create(&file, self.resume)?;
                let skip_file = fs::canonicalize(&file).ok().or_else(|| {
                    let parent = file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
                    Some(fs::canonicalize(parent).ok()?.join(file.file_name()?))
                });
                let walker = Walker { filter: self.filter.clone(), skip: Skip { dir: None, file: skip_file } };
                let mut old = sink.old.take();
                let feed = walker.feed(inputs, move |found| match found {
                    Found::File { path, shown } => {
                        let prev = old.as_mut().and_then(|o| o.take_for(&shown));
                        Job::File { path, shown, target: None, old: prev }
                    }
                    Found::Error { path, error } => Job::Fail { path: Some(path), error },
                });
                let summary = self.drive(feed, None, &mut sink, stream_window, progress, start, &file)?;
                sink.finish()?;
                Ok(summary)
            }
            Output::Writer(w) => {
                if self.resume {
                    return Err(BatchError::ResumeNeedsFile);
                }
                let walker = Walker { filter: self.filter.clone(), skip: Skip::default() };
                let feed = walker.feed(inputs, |found| match found {
                    Found::File { path, shown } => Job::File { path, shown, target: None, old: None },
                    Found::Error { path, error } => Job::Fail { path: Some(path), error },
                });
                let mut sink = StreamSink { w: BufWriter::with_capacity(1 << 16, w) };
                let summary = self.drive(feed, None, &mut sink, stream_window, progress, start, Path::new("-"))?;
                sink.w.flush()?;
                Ok(summary)
            }
        }
    }

    /// Runs the engine from `feed` into `sink`, with the [`Summary`] and the progress calls.
    #[allow(clippy::too_many_arguments)]
    fn drive(
        &self,
        feed: Feed<Job>,
        out_root: Option<PathBuf>,
        sink: &mut dyn Sink,
        window: usize,
        progress: &mut dyn Progress,
        start: Instant,
        output: &Path,
    ) -> Result<Summary, BatchError> {
        let jobs = self.threads();
        let ctx = Arc::new(Ctx {
            parser: self.parser.clone(),
            max_bytes: self.max_bytes,
            resume: self.resume,
            fsync: self.fsync,
            pretty: self.pretty,
            out_root,
        });
        let work: Arc<dyn Fn(Job) -> Done + Send + Sync> = Arc::new(move |job| ctx.work(job));
        let mut tally = Tally::new(progress);
        run_ordered(jobs, window, feed, work, &mut |d: Option<Done>| match d {
            Some(d) => {
                tally.add(&d);
                sink.emit(&d)
            }
            None => sink.idle(),
        })?;
        Ok(tally.finish(start, jobs, output.display().to_string()))
    }

    /// The streaming mapper: reads JSON Lines of `{"id": …, "text": "…"}` or
    /// `{"id": …, "path": "…"}` from `input` and writes one line per non-blank input line to
    /// `output`, in input order, each carrying the input's `id`:
    /// `{"type":"record","id":…,"record":{…}}` or
    /// `{"type":"error","id":…,"path":…,"error":"…"}` (also for a line that is not such an
    /// object). Output is flushed whenever the workers wait for input, so it can serve as a
    /// Spark `RDD.pipe` or Hadoop Streaming mapper.
    ///
    /// ```
    /// use vanban::batch::{Batch, NoProgress};
    /// let input = "{\"id\":7,\"text\":\"Số: 12/KH-UBND\\n\\nKẾ HOẠCH\\n\\nPhòng chống thiên tai\"}\n\
    ///              {\"id\":\"b\",\"text\":\"\"}\nnot json\n";
    /// let mut out = Vec::new();
    /// let summary = Batch::new(vanban::Parser::new()).pipe(std::io::Cursor::new(input), &mut out, &mut NoProgress)?;
    /// assert_eq!((summary.records, summary.errors), (1, 2));
    /// let lines: Vec<serde_json::Value> =
    ///     String::from_utf8(out)?.lines().map(serde_json::from_str).collect::<Result<_, _>>()?;
    /// assert_eq!(lines[0]["id"], 7);
    /// assert_eq!(lines[0]["record"]["header"]["number"]["text"], "12/KH-UBND");
    /// assert_eq!((lines[1]["id"].as_str(), lines[1]["type"].as_str()), (Some("b"), Some("error")));
    /// assert!(lines[2]["error"].as_str().unwrap().starts_with("line 3: "));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn pipe<R: BufRead + Send + 'static>(
        &self,
        input: R,
        output: impl Write,
        progress: &mut dyn Progress,
    ) -> Result<Summary, BatchError> {
        let start = Instant::now();
        // A line holds a document escaped as JSON: up to 6 bytes for one (`\u001f`).
        let limit = self.max_bytes.saturating_mul(6).saturating_add(4096);
        let feed = move |push: &mut dyn FnMut(Job) -> bool| {
            let mut input = input;
            let mut buf = Vec::new();
            let mut n = 0u64;
            loop {
                buf.clear();
                match (&mut input).take(limit).read_until(b'\n', &mut buf) {
                    Ok(0) => break,
                    Ok(_) => {}
                    Err(e) => {
                        push(Job::Piped { id: Value::Null, req: Err(format!("reading the input: {e}")) });
                        break;
                    }
                }
                n += 1;
                if buf.len() as u64 >= limit && buf.last() != Some(&b'\n') {
                    // Too long to be a document: skip the rest of the line unread.
                    loop {
                        let (end, used) = match input.fill_buf() {
                            Ok([]) | Err(_) => break,
                            Ok(b) => b.iter().position(|&c| c == b'\n').map_or((false, b.len()), |i| (true, i + 1)),
                        };
                        input.consume(used);
                        if end {
                            break;
                        }
                    }
                    let error = format!("line {n}: longer than {limit} bytes, more than a document under --max-bytes");
                    if !push(Job::Piped { id: Value::Null, req: Err(error) }) {
                        break;
                    }
                    continue;
                }
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let job = match serde_json::from_slice::<PipeLine>(&buf) {
                    Ok(PipeLine { id, text: Some(t), path: None }) => Job::Piped { id, req: Ok(PipeReq::Text(t)) },
                    Ok(PipeLine { id, text: None, path: Some(p) }) => Job::Piped { id, req: Ok(PipeReq::Path(p)) },
                    Ok(PipeLine { id, text: Some(_), path: Some(_) }) => {
                        Job::Piped { id, req: Err(format!("line {n}: give `text` or `path`, not both")) }
                    }
                    Ok(PipeLine { id, .. }) => Job::Piped { id, req: Err(format!("line {n}: no `text` or `path`")) },
                    Err(e) => Job::Piped {
                        id: id_of(&buf),
                        req: Err(format!(
                            "line {n}: not a JSON object {{\"id\": …, \"text\": \"…\"}} or {{\"id\": …, \"path\": \"…\"}}: {e}"
                        )),
                    },
                };
                if !push(job) {
                    break;
                }
            }
        };
        let mut sink = StreamSink { w: BufWriter::with_capacity(1 << 16, output) };
        let window = self.window.unwrap_or(8 * self.threads() + 8);
        let summary = self.drive(Box::new(feed), None, &mut sink, window, progress, start, Path::new("-"))?;
        sink.w.flush()?;
        Ok(summary)
    }

    /// Parses `docs` (each a key and the document's bytes) in parallel and hands each
    /// record, or the reason there is none, to `each` in input order — the engine of
    /// [`Batch::convert`] for programs that keep records in their own store. Returns how
    /// many documents were handed over.
    ///
    /// ```
    /// use vanban::batch::Batch;
    /// let docs = vec![("a", b"S\xe1\xbb\x91: 5/QD-UBND\n\nQUY\xe1\xba\xbeT \xc4\x90\xe1\xbb\x8aNH\n".to_vec()), ("b", Vec::new())];
    /// let mut seen = Vec::new();
    /// Batch::new(vanban::Parser::new()).jobs(2).parse_each(docs, |key, rec| {
    ///     seen.push((key, rec.map(|r| r.header.number.map(|n| n.text))));
    /// })?;
    /// assert_eq!(seen[0], ("a", Ok(Some("5/QD-UBND".to_string()))));
    /// assert_eq!(seen[1].1.as_ref().unwrap_err().error, "empty input (0 bytes): nothing to convert");
    /// # Ok::<(), vanban::batch::BatchError>(())
    /// ```
    pub fn parse_each<K, I, F>(&self, docs: I, mut each: F) -> Result<u64, BatchError>
    where
        K: Send + 'static,
        I: IntoIterator<Item = (K, Vec<u8>)>,
        I::IntoIter: Send + 'static,
        F: FnMut(K, Result<Record, Failure>),
    {
        let jobs = self.threads();
        let parser = self.parser.clone();
        let docs = docs.into_iter();
        let feed = move |push: &mut dyn FnMut((K, Vec<u8>)) -> bool| {
            for d in docs {
                if !push(d) {
                    break;
                }
            }
        };
        let work = move |(key, bytes): (K, Vec<u8>)| {
            let r =
                catch_unwind(AssertUnwindSafe(|| parse_guarded(&parser, Src::Bytes(&bytes, None)).map(|d| d.record())))
                    .unwrap_or_else(|_| Err(PANIC_MSG.into()));
            (key, r.map_err(|error| Failure { path: None, id: None, error }))
        };
        let mut n = 0u64;
        run_ordered(jobs, self.window.unwrap_or(8 * jobs + 8), Box::new(feed), Arc::new(work), &mut |done| {
            if let Some((k, r)) = done {
                n += 1;
                each(k, r);
            }
            Ok(())
        })?;
        Ok(n)
    }
}

/// Writes `data` to `path` atomically: to `.NAME.vanban-tmp` in the same directory, then a
/// rename; with `fsync`, the file and then its directory are flushed to disk as well.
pub fn write_atomic(path: &Path, data: &[u8], fsync: bool) -> io::Result<()> {
    let tmp = tmp_path(path, TMP_SUFFIX)?;
    // A stale temporary file of an interrupted run; `create_new` below never follows a link.
    let _ = fs::remove_file(&tmp);
    let mut f = OpenOptions::new().write(true).create_new(true).open(&tmp)?;
    let written = f.write_all(data).and_then(|_| if fsync { f.sync_all() } else { Ok(()) });
    drop(f);
    if let Err(e) = written.and_then(|_| fs::rename(&tmp, path)) {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    if fsync {
        sync_dir(path);
    }
    Ok(())
}

fn tmp_path(path: &Path, suffix: &str) -> io::Result<PathBuf> {
    let name = path.file_name().ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let mut t = OsString::from(".");
    t.push(name);
    t.push(suffix);
    Ok(path.with_file_name(t))
}

/// Flushes the directory entry of `path` (a rename) to disk, where the platform allows.
fn sync_dir(path: &Path) {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

// ---------------------------------------------------------------------------------------
// Discovery: inputs → files, in a deterministic order.

enum Found {
    File { path: PathBuf, shown: String },
    Error { path: String, error: String },
}

#[derive(Default)]
struct Skip {
    /// The output directory (canonical): not walked into.
    dir: Option<PathBuf>,
    /// The output file (canonical): not taken as an input.
    file: Option<PathBuf>,
}

struct Walker {
    filter: Filter,
    skip: Skip,
}

impl Walker {
    /// The engine's feed: every input found, made into a job by `job`.
    fn feed(self, inputs: Vec<Input>, mut job: impl FnMut(Found) -> Job + Send + 'static) -> Feed<Job> {
        Box::new(move |push| {
            self.discover(inputs, &mut |found| push(job(found)));
        })
    }

    /// Feeds every file of `inputs` to `emit` until it returns false; false if stopped.
    fn discover(&self, inputs: Vec<Input>, emit: &mut dyn FnMut(Found) -> bool) -> bool {
        for input in inputs {
            match input {
                Input::Path(p) => {
                    if !self.expand(&p, emit) {
                        return false;
                    }
                }
                Input::List(reader) => {
                    for (i, line) in reader.lines().enumerate() {
                        let ok = match line {
                            Ok(l) => {
                                let l = l.strip_suffix('\r').unwrap_or(&l);
                                l.trim().is_empty() || self.expand(Path::new(l), emit)
                            }
                            Err(e) => emit(Found::Error {
                                path: format!("<list line {}>", i + 1),
                                error: format!("cannot read the list of paths: {e}"),
                            }),
                        };
                        if !ok {
                            return false;
                        }
                    }
                }
            }
        }
        true
    }

    /// A path given explicitly: a directory is walked, anything else is an input.
    fn expand(&self, p: &Path, emit: &mut dyn FnMut(Found) -> bool) -> bool {
        match fs::metadata(p) {
            Ok(m) if m.is_dir() => self.walk(p, emit),
            _ => emit(Found::File { path: p.to_path_buf(), shown: p.to_string_lossy().into_owned() }),
        }
    }

    fn walk(&self, root: &Path, emit: &mut dyn FnMut(Found) -> bool) -> bool {
        let entries =
            walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
                let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                if self.filter.prunes(rel) {
                    return false;
                }
                if e.file_type().is_dir() {
                    if let Some(out) = &self.skip.dir {
                        if e.depth() > 0
                            && e.file_name() == out.file_name().unwrap_or_default()
                            && fs::canonicalize(e.path()).is_ok_and(|c| &c == out)
                        {
                            return false;
                        }
                    }
                }
                true
            });
        for entry in entries {
            let ok = match entry {
                Err(e) => {
                    if e.loop_ancestor().is_some() {
                        // Its content is walked already, under the ancestor it points to.
                        continue;
                    }
                    let path = e.path().unwrap_or(root).to_path_buf();
                    let rel = path.strip_prefix(root).unwrap_or(&path);
                    let io_kind = e.io_error().map(|io| io.kind());
                    if e.depth() > 0 && io_kind == Some(io::ErrorKind::NotFound) {
                        // A broken symbolic link: an input only when its name says so.
                        if !self.filter.takes(rel) {
                            continue;
                        }
                        emit(Found::Error {
                            path: path.to_string_lossy().into_owned(),
                            error: "a broken symbolic link (its target does not exist)".into(),
                        })
                    } else {
                        let cause = e.io_error().map(describe_read).unwrap_or_else(|| e.to_string());
                        let error = if fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
                            format!("cannot read this directory, its files are not converted: {cause}")
                        } else {
                            format!("cannot read: {cause}")
                        };
                        emit(Found::Error { path: path.to_string_lossy().into_owned(), error })
                    }
                }
                Ok(e) => {
                    let ft = e.file_type();
                    if ft.is_dir() {
                        continue;
                    }
                    let rel = e.path().strip_prefix(root).unwrap_or(e.path());
                    let name = e.file_name().to_string_lossy();
                    if !self.filter.takes(rel) || name.ends_with(TMP_SUFFIX) || name.ends_with(OLD_SUFFIX) {
                        continue;
                    }
                    if let Some(out) = &self.skip.file {
                        if e.file_name() == out.file_name().unwrap_or_default()
                            && fs::canonicalize(e.path()).is_ok_and(|c| &c == out)
                        {
                            continue;
                        }
                    }
                    let shown = e.path().to_string_lossy().into_owned();
                    if ft.is_file() {
                        emit(Found::File { path: e.into_path(), shown })
                    } else {
                        emit(Found::Error {
                            path: shown,
                            error: "not a regular file (a device, socket or named pipe): not read".into(),
                        })
                    }
                }
            };
            if !ok {
                return false;
            }
        }
        true
    }
}

/// The output path of an input under the output directory: the path as given (or relative
/// to `base`), without root, prefix, `.` or `..` parts, with `.json` appended. None when
/// nothing is left.
fn out_rel(base: Option<&Path>, path: &Path) -> Option<PathBuf> {
    let p = base.and_then(|b| path.strip_prefix(b).ok()).unwrap_or(path);
    let mut parts: Vec<&std::ffi::OsStr> = Vec::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => parts.push(s),
            Component::ParentDir => {
                parts.pop();
            }
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    let (last, dirs) = parts.split_last()?;
    let mut rel: PathBuf = dirs.iter().collect();
    let mut name = last.to_os_string();
    name.push(".json");
    rel.push(name);
    Some(rel)
}

fn hash64(p: &Path) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    p.hash(&mut h);
    h.finish()
}

/// Creates the directories of `rel`'s parent under `root` one at a time, refusing any part
/// that exists as something other than a real directory (a symbolic link could lead out).
fn ensure_dirs(root: &Path, rel: &Path) -> Result<PathBuf, String> {
    let mut dir = root.to_path_buf();
    if let Some(parent) = rel.parent() {
        for c in parent.components() {
            let Component::Normal(name) = c else {
                return Err(format!("refusing output path {}: it is not a plain relative path", rel.display()));
            };
            dir.push(name);
            match fs::symlink_metadata(&dir) {
                Ok(m) if m.is_dir() => {}
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(format!(
                        "refusing to write through {}: a symbolic link inside the output directory could lead outside it",
                        dir.display()
                    ));
                }
                Ok(_) => return Err(format!("cannot create directory {}: a file is in the way", dir.display())),
                Err(_) => match fs::create_dir(&dir) {
                    Ok(()) => {}
                    Err(e)
                        if e.kind() == io::ErrorKind::AlreadyExists
                            && fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) => {}
                    Err(e) => return Err(format!("cannot create directory {}: {}", dir.display(), describe(&e))),
                },
            }
        }
    }
    Ok(root.join(rel))
}

/// An I/O error in words, without the OS error number for the common cases.
fn describe(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// An error reading an input, in words.
fn describe_read(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied (check its read rights)".into(),
        _ => e.to_string(),
    }
}

// ---------------------------------------------------------------------------------------
// Work: one input → a record (or the reason there is none), on a worker thread.

/// A unit of work, made by the reader thread in input order.
enum Job {
    /// A file to convert; `target` is its output path under the output directory (directory
    /// output), `old` its line from the previous run (JSON Lines resume).
    File { path: PathBuf, shown: String, target: Option<PathBuf>, old: Option<OldLine> },
    /// An input that failed before any work (a walk error, a clash of outputs).
    Fail { path: Option<String>, error: String },
    /// A line of [`Batch::pipe`]'s input.
    Piped { id: Value, req: Result<PipeReq, String> },
}

enum PipeReq {
    Text(String),
    Path(String),
}

#[derive(Deserialize)]
struct PipeLine {
    #[serde(default)]
    id: Value,
    text: Option<String>,
    path: Option<String>,
}

/// The `id` of a line that is JSON but not a valid request, or null.
fn id_of(line: &[u8]) -> Value {
    serde_json::from_slice::<Value>(line).ok().and_then(|v| v.get("id").cloned()).unwrap_or(Value::Null)
}

/// A previous run's line for an input (JSON Lines resume).
struct OldLine {
    sha256: String,
    encoding: String,
    line: Vec<u8>,
}

/// A finished input, carried back to the writing thread.
enum Done {
    Record {
        path: Option<String>,
        id: Option<Value>,
        bytes: u64,
        encoding: String,
        reused: bool,
        /// The line to write (JSON Lines and streams); None when already on disk.
        line: Option<Vec<u8>>,
    },
    Failed {
        failure: Failure,
        bytes: u64,
    },
}

/// What every worker shares.
struct Ctx {
    parser: Parser,
    max_bytes: u64,
    resume: bool,
    fsync: bool,
    pretty: bool,
    /// The output directory (canonical), for a directory output.
    out_root: Option<PathBuf>,
}

/// The first fields of a record or an error line: enough to decide whether to keep it.
#[derive(Deserialize)]
struct Probe {
    schema: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    path: Option<String>,
    source: Option<ProbeSource>,
}

#[derive(Deserialize)]
struct ProbeSource {
    path: Option<String>,
    sha256: String,
    encoding: String,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a Value>,
    path: Option<&'a str>,
    error: &'a str,
}

#[derive(Serialize)]
struct PipeRecord<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a Value,
    record: &'a Record,
}

impl Ctx {
    fn work(&self, job: Job) -> Done {
        match job {
            Job::Fail { path, error } => Done::Failed { failure: Failure { path, id: None, error }, bytes: 0 },
            Job::File { path, shown, target, old } => self.file(&path, shown, target, old),
            Job::Piped { id, req } => self.piped(id, req),
        }
    }

    fn file(&self, path: &Path, shown: String, target: Option<PathBuf>, old: Option<OldLine>) -> Done {
        let fail = |shown: String, error: String, bytes: u64| Done::Failed {
            failure: Failure { path: Some(shown), id: None, error },
            bytes,
        };
        let bytes = match read_input(path, self.max_bytes) {
            Ok(b) => b,
            Err(e) => return fail(shown, e, 0),
        };
        let n = bytes.len() as u64;
        let reused = |shown: String, encoding: String, line: Option<Vec<u8>>| Done::Record {
            path: Some(shown),
            id: None,
            bytes: n,
            encoding,
            reused: true,
            line,
        };
        if let Some(old) = old {
            if old.sha256 == sha256_hex(&bytes) {
                return reused(shown, old.encoding, Some(old.line));
            }
        }
        let dest = match (&self.out_root, &target) {
            (Some(root), Some(rel)) => match ensure_dirs(root, rel) {
                Ok(d) => Some(d),
                Err(e) => return fail(shown, e, n),
            },
            _ => None,
        };
        if let (true, Some(dest)) = (self.resume, &dest) {
            if let Some(encoding) = self.reusable(dest, &shown, &bytes) {
                return reused(shown, encoding, None);
            }
        }
        let pretty = self.pretty && dest.is_some();
        let (encoding, json) = match convert(&self.parser, Src::Bytes(&bytes, Some(&shown)), pretty, None) {
            Ok(x) => x,
            Err(e) => return fail(shown, e, n),
        };
        let line = match dest {
            Some(dest) => {
                let mut json = json;
                json.push(b'\n');
                if let Err(e) = write_atomic(&dest, &json, self.fsync) {
                    return fail(shown, format!("cannot write {}: {}", dest.display(), describe(&e)), n);
                }
                None
            }
            None => Some(json),
        };
        Done::Record { path: Some(shown), id: None, bytes: n, encoding, reused: false, line }
    }

    /// The encoding of a previous output at `dest` that can stay as it is, if there is one.
    fn reusable(&self, dest: &Path, shown: &str, bytes: &[u8]) -> Option<String> {
        if !fs::symlink_metadata(dest).ok()?.is_file() {
            return None;
        }
        let data = fs::read(dest).ok()?;
        if data.last() != Some(&b'\n') || data.starts_with(b"{\n") != self.pretty {
            return None;
        }
        let p: Probe = serde_json::from_slice(&data).ok()?;
        let src = p.source?;
        let same = p.schema.as_deref() == Some(SCHEMA_ID)
            && src.path.as_deref() == Some(shown)
            && src.sha256 == sha256_hex(bytes);
        same.then_some(src.encoding)
    }

    fn piped(&self, id: Value, req: Result<PipeReq, String>) -> Done {
        let failed = |id: Value, path: Option<String>, error: String, bytes: u64| Done::Failed {
            failure: Failure { path, id: Some(id), error },
            bytes,
        };
        let (path, bytes) = match req {
            Err(e) => return failed(id, None, e, 0),
            Ok(PipeReq::Text(t)) => (None, t.into_bytes()),
            Ok(PipeReq::Path(p)) => match read_input(Path::new(&p), self.max_bytes) {
                Ok(b) => (Some(p), b),
                Err(e) => return failed(id, Some(p), e, 0),
            },
        };
        let n = bytes.len() as u64;
        let src = match &path {
            Some(p) => Src::Bytes(&bytes, Some(p)),
            None => match std::str::from_utf8(&bytes) {
                Ok(t) => Src::Text(t),
                Err(_) => Src::Bytes(&bytes, None),
            },
        };
        match convert(&self.parser, src, false, Some(&id)) {
            Ok((encoding, line)) => {
                Done::Record { path, id: Some(id), bytes: n, encoding, reused: false, line: Some(line) }
            }
            Err(e) => failed(id, path, e, n),
        }
    }
}

enum Src<'a> {
    Bytes(&'a [u8], Option<&'a str>),
    Text(&'a str),
}

/// Parses and serializes one input (its record, wrapped with `id` for a stream), with the batch's
/// rules: an empty input or binary data is an error, and so is a parser panic (caught, so
/// that one bad input cannot stop the run). Returns the encoding and the JSON.
fn convert(parser: &Parser, src: Src<'_>, pretty: bool, id: Option<&Value>) -> Result<(String, Vec<u8>), String> {
    let attempt = catch_unwind(AssertUnwindSafe(|| -> Result<(String, Vec<u8>), String> {
        let doc = parse_guarded(parser, src)?;
        let encoding = doc.source().encoding().name().to_string();
        let rec = doc.record();
        drop(doc);
        let json = match id {
            Some(id) => serde_json::to_vec(&PipeRecord { kind: "record", id, record: &rec }),
            None if pretty => serde_json::to_vec_pretty(&rec),
            None => serde_json::to_vec(&rec),
        };
        Ok((encoding, json.map_err(|e| format!("internal error: cannot serialize the record: {e}"))?))
    }));
    attempt.unwrap_or_else(|_| Err(PANIC_MSG.into()))
}

const PANIC_MSG: &str = "internal error: the parser failed on this input (please report it, with the file)";

fn parse_guarded(parser: &Parser, src: Src<'_>) -> Result<crate::Document, String> {
    let len = match src {
        Src::Bytes(b, _) => b.len(),
        Src::Text(t) => t.len(),
    };
    if len == 0 {
        return Err("empty input (0 bytes): nothing to convert".into());
    }
    let doc = catch_unwind(AssertUnwindSafe(|| match src {
        Src::Bytes(b, name) => parser.parse_bytes_named(b, name),
        Src::Text(t) => parser.parse_str(t),
    }))
    .map_err(|_| PANIC_MSG.to_string())?
    .map_err(|e| e.to_string())?;
    if doc.looks_binary() {
        return Err("looks like binary data, not a text document: not converted".into());
    }
    Ok(doc)
}

/// Reads a whole input, refusing directories, special files and inputs over `max` bytes
/// before reading them.
fn read_input(path: &Path, max: u64) -> Result<Vec<u8>, String> {
    let meta = fs::metadata(path).map_err(|e| format!("cannot read: {}", describe_read(&e)))?;
    if meta.is_dir() {
        return Err("is a directory".into());
    }
    if !meta.is_file() {
        return Err("not a regular file (a device, socket or named pipe): not read".into());
    }
    let too_large = |size: u64| {
        format!(
            "input is {size} bytes, more than the limit of {max} bytes; raise it with --max-bytes if it really is a document"
        )
    };
    if meta.len() > max {
        return Err(too_large(meta.len()));
    }
    let f = File::open(path).map_err(|e| format!("cannot read: {}", describe_read(&e)))?;
    let mut buf = Vec::with_capacity(meta.len() as usize);
    f.take(max.saturating_add(1)).read_to_end(&mut buf).map_err(|e| format!("cannot read: {}", describe_read(&e)))?;
    if buf.len() as u64 > max {
        return Err(too_large(buf.len() as u64));
    }
    Ok(buf)
}

fn sha256_hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    Sha256::digest(bytes).iter().fold(String::with_capacity(64), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

// ---------------------------------------------------------------------------------------
// Sinks: finished inputs, in order → the output. They run on the calling thread.

/// Where finished inputs go, in input order, on the calling thread.
trait Sink {
    /// One finished input.
    fn emit(&mut self, d: &Done) -> Result<(), BatchError>;
    /// No result is ready: a stream flushes what it has.
    fn idle(&mut self) -> Result<(), BatchError> {
        Ok(())
    }
}

fn write_error_line(w: &mut impl Write, f: &Failure) -> io::Result<()> {
    let line = ErrorLine { kind: "error", id: f.id.as_ref(), path: f.path.as_deref(), error: &f.error };
    serde_json::to_writer(&mut *w, &line)?;
    w.write_all(b"\n")
}

/// A directory output: records are on disk already; error entries go to `errors.jsonl`.
struct DirSink {
    root: PathBuf,
    errors: Option<(PathBuf, BufWriter<File>)>,
}

impl Sink for DirSink {
    fn emit(&mut self, d: &Done) -> Result<(), BatchError> {
        let Done::Failed { failure, .. } = d else { return Ok(()) };
        if self.errors.is_none() {
            let tmp = tmp_path(&self.root.join(ERRORS_FILE), TMP_SUFFIX)?;
            let _ = fs::remove_file(&tmp);
            let f =
                OpenOptions::new().write(true).create_new(true).open(&tmp).map_err(|e| out_err(&tmp, describe(&e)))?;
            self.errors = Some((tmp, BufWriter::new(f)));
        }
        if let Some((tmp, w)) = &mut self.errors {
            write_error_line(w, failure).map_err(|e| out_err(tmp, describe(&e)))?;
        }
        Ok(())
    }
}

impl DirSink {
    fn finish(self) -> Result<(), BatchError> {
        let path = self.root.join(ERRORS_FILE);
        match self.errors {
            Some((tmp, w)) => {
                let f = w.into_inner().map_err(|e| out_err(&tmp, describe(e.error())))?;
                f.sync_all().map_err(|e| out_err(&tmp, describe(&e)))?;
                drop(f);
                fs::rename(&tmp, &path).map_err(|e| out_err(&path, describe(&e)))?;
                sync_dir(&path);
            }
            None => {
                // No error this time: no errors file, and no temporary one an interrupted run left.
                if let Ok(tmp) = tmp_path(&path, TMP_SUFFIX) {
                    let _ = fs::remove_file(tmp);
                }
                match fs::remove_file(&path) {
                    Ok(()) => sync_dir(&path),
                    Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                    Err(e) => {
                        let cause = format!("cannot remove the previous run's errors: {}", describe(&e));
                        return Err(out_err(&path, cause));
                    }
                }
            }
        }
        Ok(())
    }
}

/// A JSON Lines file, built in a temporary file and renamed at the end.
struct JsonlFile {
    path: PathBuf,
    tmp: PathBuf,
    old_path: PathBuf,
    w: BufWriter<File>,
    old: Option<OldReader>,
}

impl JsonlFile {
    fn create(path: &Path, resume: bool) -> Result<JsonlFile, BatchError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| out_err(parent, describe(&e)))?;
        }
        if fs::metadata(path).is_ok_and(|m| m.is_dir()) {
            return Err(out_err(path, "is a directory; a JSON Lines output is a file (name it *.jsonl)"));
        }
        let tmp = tmp_path(path, TMP_SUFFIX).map_err(|e| out_err(path, e))?;
        let old_path = tmp_path(path, OLD_SUFFIX).map_err(|e| out_err(path, e))?;
        let size = |p: &Path| fs::symlink_metadata(p).ok().filter(|m| m.is_file()).map(|m| m.len());
        let mut old = None;
        if resume {
            // The most advanced of: an interrupted run's file, the file a resumed run was
            // reading from, the finished file.
            match (size(&tmp), size(&old_path)) {
                (Some(t), o) if o.is_none_or(|o| t >= o) => {
                    fs::rename(&tmp, &old_path).map_err(|e| out_err(&old_path, describe(&e)))?;
                    old = Some(old_path.clone());
                }
                (_, Some(_)) => old = Some(old_path.clone()),
                _ if size(path).is_some() => old = Some(path.to_path_buf()),
                _ => {}
            }
        }
        let old = match old {
            Some(p) => Some(OldReader {
                r: BufReader::new(File::open(&p).map_err(|e| out_err(&p, describe(&e)))?),
                next: None,
                done: false,
            }),
            None => None,
        };
        let _ = fs::remove_file(&tmp);
        let f = OpenOptions::new().write(true).create_new(true).open(&tmp).map_err(|e| out_err(&tmp, describe(&e)))?;
        Ok(JsonlFile { path: path.to_path_buf(), tmp, old_path, w: BufWriter::with_capacity(1 << 16, f), old })
    }

    fn finish(self) -> Result<(), BatchError> {
        let f = self.w.into_inner().map_err(|e| out_err(&self.tmp, describe(e.error())))?;
        f.sync_all().map_err(|e| out_err(&self.tmp, describe(&e)))?;
        drop(f);
        fs::rename(&self.tmp, &self.path).map_err(|e| out_err(&self.path, describe(&e)))?;
        sync_dir(&self.path);
        let _ = fs::remove_file(&self.old_path);
        Ok(())
    }
}

impl Sink for JsonlFile {
    fn emit(&mut self, d: &Done) -> Result<(), BatchError> {
        let r = match d {
            Done::Record { line: Some(line), .. } => self.w.write_all(line).and_then(|_| self.w.write_all(b"\n")),
            Done::Record { line: None, .. } => Ok(()),
            Done::Failed { failure, .. } => write_error_line(&mut self.w, failure),
        };
        r.map_err(|e| out_err(&self.tmp, describe(&e)))
    }
}

/// The previous run's lines, read alongside the inputs.
struct OldReader {
    r: BufReader<File>,
    next: Option<(Probe, Vec<u8>)>,
    done: bool,
}

impl OldReader {
    /// The previous line for the input shown as `shown`, if it is the next line and a
    /// current record; an error line or a stale record for it is passed over.
    fn take_for(&mut self, shown: &str) -> Option<OldLine> {
        while self.next.is_none() && !self.done {
            let mut buf = Vec::new();
            match self.r.read_until(b'\n', &mut buf) {
                Ok(_) if buf.last() == Some(&b'\n') => {
                    buf.pop();
                    // A line that does not parse (damaged) is passed over.
                    if let Ok(p) = serde_json::from_slice::<Probe>(&buf) {
                        self.next = Some((p, buf));
                    }
                }
                // The end, a truncated last line, or a read error: nothing more to take.
                _ => self.done = true,
            }
        }
        let (p, _) = self.next.as_ref()?;
        let path = p.source.as_ref().and_then(|s| s.path.as_deref()).or(p.path.as_deref());
        if path != Some(shown) {
            return None;
        }
        let (p, line) = self.next.take()?;
        if p.kind.is_some() || p.schema.as_deref() != Some(SCHEMA_ID) {
            return None;
        }
        let s = p.source?;
        Some(OldLine { sha256: s.sha256, encoding: s.encoding, line })
    }
}

/// JSON Lines to a stream, flushed whenever the workers wait.
struct StreamSink<W: Write> {
    w: BufWriter<W>,
}

impl<W: Write> Sink for StreamSink<W> {
    fn emit(&mut self, d: &Done) -> Result<(), BatchError> {
        match d {
            Done::Record { line: Some(line), .. } => {
                self.w.write_all(line)?;
                self.w.write_all(b"\n")?;
            }
            Done::Record { line: None, .. } => {}
            Done::Failed { failure, .. } => write_error_line(&mut self.w, failure)?,
        }
        Ok(())
    }

    fn idle(&mut self) -> Result<(), BatchError> {
        Ok(self.w.flush()?)
    }
}

/// Counts for the [`Summary`], and the [`Progress`] calls.
struct Tally<'p> {
    s: Summary,
    progress: &'p mut dyn Progress,
}

impl<'p> Tally<'p> {
    fn new(progress: &'p mut dyn Progress) -> Tally<'p> {
        Tally { s: Summary::default(), progress }
    }

    fn add(&mut self, d: &Done) {
        let index = self.s.files;
        self.s.files += 1;
        let (path, id, bytes, outcome) = match d {
            Done::Record { path, id, bytes, encoding, reused, .. } => {
                self.s.records += 1;
                if *reused {
                    self.s.reused += 1;
                } else {
                    self.s.converted += 1;
                }
                match self.s.encodings.get_mut(encoding.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        self.s.encodings.insert(encoding.clone(), 1);
                    }
                }
                let outcome = if *reused { Outcome::Reused { encoding } } else { Outcome::Converted { encoding } };
                (path.as_deref(), id.as_ref(), *bytes, outcome)
            }
            Done::Failed { failure, bytes } => {
                self.s.errors += 1;
                if self.s.first_errors.len() < SUMMARY_ERRORS {
                    self.s.first_errors.push(failure.clone());
                }
                (failure.path.as_deref(), failure.id.as_ref(), *bytes, Outcome::Failed { error: &failure.error })
            }
        };
        self.s.bytes += bytes;
        self.progress.done(&Event { index, path, id, bytes, outcome });
    }

    fn finish(self, start: Instant, jobs: usize, output: String) -> Summary {
        let mut s = self.s;
        s.seconds = start.elapsed().as_secs_f64();
        let secs = s.seconds.max(1e-9);
        s.files_per_second = s.files as f64 / secs;
        s.mb_per_second = s.bytes as f64 / 1e6 / secs;
        s.jobs = jobs;
        s.output = output;
        s
    }
}

// ---------------------------------------------------------------------------------------
// The engine: a reader thread, a rayon pool, and a reorder buffer on the calling thread.

type Feed<J> = Box<dyn FnOnce(&mut dyn FnMut(J) -> bool) + Send>;

enum Msg<O> {
    Done(u64, O),
    Panicked(u64),
    End(u64),
}

/// Runs `work` on every job `feed` pushes, on `jobs` threads, and hands the results to
/// `emit` in push order, with at most `window` jobs pushed but not yet emitted. `emit` gets
/// `None` whenever no result is ready (a stream flushes there). `feed` runs on its own
/// thread and stops when `push` returns false (the run failed).
fn run_ordered<J: Send + 'static, O: Send + 'static>(
    jobs: usize,
    window: usize,
    feed: Feed<J>,
    work: Arc<dyn Fn(J) -> O + Send + Sync>,
    emit: &mut dyn FnMut(Option<O>) -> Result<(), BatchError>,
) -> Result<(), BatchError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .thread_name(|i| format!("vanban-batch-{i}"))
        .build()
        .map_err(|e| BatchError::Internal(format!("cannot start {jobs} worker threads: {e}")))?;
    let pool = Arc::new(pool);
    let stop = Arc::new(AtomicBool::new(false));
    let (tx, rx) = mpsc::channel::<Msg<O>>();
    let (permit_tx, permit_rx) = mpsc::sync_channel::<()>(window);
    for _ in 0..window {
        let _ = permit_tx.send(());
    }
    {
        let pool = pool.clone();
        let stop = stop.clone();
        std::thread::Builder::new()
            .name("vanban-batch-reader".into())
            .spawn(move || {
                let mut n = 0u64;
                let mut push = |job: J| -> bool {
                    if stop.load(Ordering::Relaxed) || permit_rx.recv().is_err() {
                        return false;
                    }
                    let (seq, tx, work, stop) = (n, tx.clone(), work.clone(), stop.clone());
                    n += 1;
                    pool.spawn(move || {
                        if stop.load(Ordering::Relaxed) {
                            return;
                        }
                        let msg = match catch_unwind(AssertUnwindSafe(|| work(job))) {
                            Ok(out) => Msg::Done(seq, out),
                            Err(_) => Msg::Panicked(seq),
                        };
                        let _ = tx.send(msg);
                    });
                    true
                };
                feed(&mut push);
                let _ = tx.send(Msg::End(n));
            })
            .map_err(|e| BatchError::Internal(format!("cannot start the reader thread: {e}")))?;
    }
    let mut pending: BTreeMap<u64, O> = BTreeMap::new();
    let mut next = 0u64;
    let mut total = None;
    let result = (|| loop {
        if total == Some(next) {
            return Ok(());
        }
        let msg = match rx.try_recv() {
            Ok(m) => m,
            Err(mpsc::TryRecvError::Empty) => {
                emit(None)?;
                rx.recv().map_err(|_| BatchError::Internal("the workers stopped before the end".into()))?
            }
            Err(mpsc::TryRecvError::Disconnected) => {
                return Err(BatchError::Internal("the workers stopped before the end".into()));
            }
        };
        match msg {
            Msg::Done(seq, out) => {
                pending.insert(seq, out);
            }
            Msg::Panicked(seq) => return Err(BatchError::Internal(format!("a worker failed on input #{}", seq + 1))),
            Msg::End(n) => total = Some(n),
        }
        while let Some(out) = pending.remove(&next) {
            next += 1;
            emit(Some(out))?;
            let _ = permit_tx.send(());
        }
    })();
    if result.is_err() {
        stop.store(true, Ordering::Relaxed);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_stay_inside() {
        let rel = |p: &str| out_rel(None, Path::new(p)).map(|p| p.to_string_lossy().into_owned());
        assert_eq!(rel("a/b.txt").as_deref(), Some("a/b.txt.json"));
        assert_eq!(rel("../x.txt").as_deref(), Some("x.txt.json"));
        assert_eq!(rel("/etc/../../passwd").as_deref(), Some("passwd.json"));
        assert_eq!(rel("./a/../../b/./c.txt").as_deref(), Some("b/c.txt.json"));
        assert_eq!(rel(".."), None);
        assert_eq!(rel("/"), None);
        let based = out_rel(Some(Path::new("/mnt/arch")), Path::new("/mnt/arch/2023/a.txt")).unwrap();
        assert_eq!(based, Path::new("2023/a.txt.json"));
    }

    #[test]
    fn ordered_engine_keeps_order_and_bounds_the_window() {
        use std::sync::atomic::AtomicUsize;
        let in_flight = Arc::new(AtomicUsize::new(0));
        let max_seen = Arc::new(AtomicUsize::new(0));
        let (f, m) = (in_flight.clone(), max_seen.clone());
        let feed: Feed<u64> = Box::new(move |push| {
            for i in 0..500 {
                let now = f.fetch_add(1, Ordering::SeqCst) + 1;
                m.fetch_max(now, Ordering::SeqCst);
                if !push(i) {
                    break;
                }
            }
        });
        let work = Arc::new(|i: u64| {
            std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 300));
            i * 2
        });
        let mut got = Vec::new();
        run_ordered(3, 8, feed, work, &mut |o| {
            if let Some(o) = o {
                got.push(o);
                in_flight.fetch_sub(1, Ordering::SeqCst);
            }
            Ok(())
        })
        .unwrap();
        assert_eq!(got, (0..500).map(|i| i * 2).collect::<Vec<_>>());
        // At most the window, plus the one being pushed while the window is full.
        assert!(max_seen.load(Ordering::SeqCst) <= 9, "{}", max_seen.load(Ordering::SeqCst));
    }
}
