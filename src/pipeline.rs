//! The pipeline: decode → normalize → lines → header → closing → outline → extract →
//! record, built once as a [`Parser`] and run on many documents.

use crate::closing::{self, Closing};
use crate::decode::{self, Encoding};
use crate::error::Error;
use crate::extract::{self, Abbreviation, Citation, Kind, Plan, Task};
use crate::formats::{self, Format};
use crate::header::{self, Header};
use crate::lines::Lines;
use crate::normalize::{self, TonePolicy};
use crate::outline::{self, NodeKind, Outline};
use crate::record::{self, Record};
use crate::source::{LineIndex, Source, Span};
use sha2::{Digest, Sha256};

/// The default largest input accepted, in bytes (64 MiB): no document is larger.
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;

/// Settings for a [`Parser`]; build one with [`Parser::builder`].
#[derive(Debug, Clone)]
pub struct Options {
    encoding: Option<Encoding>,
    tone: TonePolicy,
    keep_line_breaks: bool,
    keep_split_syllables: bool,
    max_bytes: usize,
    format: Option<Format>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            encoding: None,
            tone: TonePolicy::Traditional,
            keep_line_breaks: false,
            keep_split_syllables: false,
            max_bytes: DEFAULT_MAX_BYTES,
            format: None,
        }
    }
}

/// Builds a [`Parser`].
///
/// ```
/// use vanban::{Parser, decode::Encoding, normalize::TonePolicy};
/// let parser = Parser::builder().tone(TonePolicy::Modern).encoding(Some(Encoding::Utf8)).build();
/// let doc = parser.parse_str("Ủy ban hòa giải")?;
/// assert_eq!(doc.source().text(), "Uỷ ban hoà giải");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct ParserBuilder {
    opts: Options,
}

impl ParserBuilder {
    /// Reads every input in `encoding` instead of detecting it. Detection is the default.
    pub fn encoding(&mut self, encoding: Option<Encoding>) -> &mut Self {
        self.opts.encoding = encoding;
        self
    }

    /// Tone placement in `oa`/`oe`/`uy` syllables. [`TonePolicy::Traditional`] by default.
    pub fn tone(&mut self, tone: TonePolicy) -> &mut Self {
        self.opts.tone = tone;
        self
    }

    /// Keeps hard-wrapped lines apart instead of joining them. Off by default.
    pub fn keep_line_breaks(&mut self, yes: bool) -> &mut Self {
        self.opts.keep_line_breaks = yes;
        self
    }

    /// Leaves syllables that PDF text extraction cut with spaces as they are, instead of
    /// joining them where the spelling shows the cut. Off by default.
    ///
    /// ```
    /// use vanban::Parser;
    /// let text = "Quy ết đị nh số 12";
    /// assert_eq!(Parser::new().parse_str(text)?.source().text(), "Quyết định số 12");
    /// let keep = Parser::builder().keep_split_syllables(true).build();
    /// assert_eq!(keep.parse_str(text)?.source().text(), text);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn keep_split_syllables(&mut self, yes: bool) -> &mut Self {
        self.opts.keep_split_syllables = yes;
        self
    }

    /// Refuses inputs larger than `n` bytes. [`DEFAULT_MAX_BYTES`] by default.
    pub fn max_bytes(&mut self, n: usize) -> &mut Self {
        self.opts.max_bytes = n;
        self
    }

    /// Reads every input as `format` instead of telling it from the bytes
    /// ([`formats::detect`]). Detection is the default.
    pub fn format(&mut self, format: Option<Format>) -> &mut Self {
        self.opts.format = format;
        self
    }

    /// The parser, with these settings frozen.
    pub fn build(&self) -> Parser {
        Parser { opts: self.opts.clone() }
    }
}

/// Parses documents; build it once and reuse it.
///
/// ```
/// use vanban::Parser;
/// let parser = Parser::new();
/// let doc = parser.parse_bytes("Số: 470/KH-LĐLĐ\n\nKẾ HOẠCH\n\nTriển khai".as_bytes())?;
/// let rec = doc.record();
/// assert_eq!(rec.header.number.unwrap().text, "470/KH-LĐLĐ");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Parser {
    opts: Options,
}

impl Parser {
    /// A parser with the default settings.
    pub fn new() -> Parser {
        Parser::default()
    }

    /// A builder for a parser with other settings.
    pub fn builder() -> ParserBuilder {
        ParserBuilder::default()
    }

    /// Parses a text that is already decoded.
    pub fn parse_str(&self, text: &str) -> Result<Document, Error> {
        self.check_size(text.len())?;
        let decoded = decode::Decoded {
            text: text.to_string(),
            encoding: Encoding::Utf8,
            issues: Vec::new(),
            issue_count: 0,
            looks_binary: false,
        };
        let report = decode::DecodeReport { decoded, confidence: 1.0, lossy: Vec::new(), lossy_count: 0 };
        Ok(self.run(report, text.as_bytes(), None, Format::Text))
    }

    /// Parses raw bytes, detecting their encoding.
    pub fn parse_bytes(&self, bytes: &[u8]) -> Result<Document, Error> {
        self.parse_bytes_named(bytes, None)
    }

    /// Parses raw bytes and records `path` as their origin in the record.
    ///
    /// A Word document (`.docx`) or a web page is read as the text a reader sees
    /// ([`formats`]); `.doc` and PDF inputs are refused with [`Error::Unsupported`].
    pub fn parse_bytes_named(&self, bytes: &[u8], path: Option<&str>) -> Result<Document, Error> {
        self.check_size(bytes.len())?;
        let format = match self.opts.format {
            Some(f) => f,
            None => formats::detect(bytes)?,
        };
        let mut report = match format {
            Format::Docx => {
                let text = formats::docx::to_text(bytes)?;
                let decoded = decode::Decoded {
                    text,
                    encoding: Encoding::Utf8,
                    issues: Vec::new(),
                    issue_count: 0,
                    looks_binary: false,
                };
                decode::DecodeReport { decoded, confidence: 1.0, lossy: Vec::new(), lossy_count: 0 }
            }
            _ => decode::decode_with_report(bytes, self.opts.encoding),
        };
        if format == Format::Html {
            report.decoded.text = formats::html::to_text(&report.decoded.text)?;
            report.decoded.looks_binary = false;
        }
        Ok(self.run(report, bytes, path, format))
    }

    fn check_size(&self, n: usize) -> Result<(), Error> {
        if n > self.opts.max_bytes {
            return Err(Error::TooLarge { size: n, limit: self.opts.max_bytes });
        }
        Ok(())
    }

    fn run(&self, report: decode::DecodeReport, bytes: &[u8], path: Option<&str>, format: Format) -> Document {
        let decode::DecodeReport { decoded, confidence, lossy, lossy_count } = report;
        // A converted document has one paragraph per line: no line of it is hard-wrapped.
        let keep_line_breaks = self.opts.keep_line_breaks || format != Format::Text;
        let norm_opts = normalize::Options {
            tone: self.opts.tone,
            keep_line_breaks,
            keep_split_syllables: self.opts.keep_split_syllables,
        };
        let n = normalize::normalize(&decoded.text, &norm_opts);
        let index = LineIndex::new(&decoded.text);
        let src = Source {
            path: path.map(str::to_string),
            byte_len: bytes.len(),
            sha256: hex(&Sha256::digest(bytes)),
            encoding: decoded.encoding,
            original: decoded.text,
            text: n.text,
            map: n.map,
            strong: n.strong,
            headings: n.headings,
            index,
        };
        let mut lines = Lines::new(&src);
        let header = header::parse(&src, &lines);
        let mut closing = closing::parse(&src, &lines, header.body_start);
        let (kind, kind_reason) = extract::kind(&src, &lines, &header, &closing);
        let (outline, news_title, body_end) = if kind != Kind::News {
            let o = outline::parse(&src, &lines, header.body_start..closing.start, false);
            (o, None, closing.end)
        } else {
            lines.mark_repeats(&src);
            closing = Closing { start: lines.len(), end: lines.len(), ..Default::default() };
            let end = extract::news_end(&lines);
            (outline::parse(&src, &lines, 0..end, true), extract::news_title(&src, &lines), end)
        };
        let cite_from = if kind != Kind::News { header.start } else { 0 };
        let own = header.number.as_ref().map(|n| n.text.as_str()).filter(|_| kind != Kind::News);
        // An official document's annexes after the signature cite documents too; a web
        // page's footer after it does not.
        let cite_to = if kind == Kind::Official { extract::document_end(&src, &lines, body_end) } else { body_end };
        let citations = extract::citations(&src, &lines, cite_from..cite_to, own);
        let article = (kind == Kind::News).then(|| extract::article(&src, &lines, 0..body_end));
        let abbreviations = extract::abbreviations(&src, &lines, 0..body_end);
        let title = match kind {
            Kind::Official => header.title.as_ref().map(|t| t.value.clone()),
            _ => news_title.as_ref().map(|t| t.0.clone()),
        };
        let body = if kind != Kind::News { header.body_start..closing.start } else { 0..body_end };
        let plan = extract::plan(&src, &lines, &header, kind, title.as_deref(), body);
        let tasks = extract::tasks(&src, &outline, kind, header.doc_type_info.map(|i| i.name));
        let issues = decoded.issues;
        let issue_count = decoded.issue_count;
        Document {
            src,
            lines,
            header,
            closing,
            outline,
            kind,
            kind_reason,
            news_title,
            article,
            citations,
            abbreviations,
            plan,
            tasks,
            decode_issues: issues,
            decode_issue_count: issue_count,
            looks_binary: decoded.looks_binary,
            encoding_confidence: confidence,
            lossy,
            lossy_count,
            format,
        }
    }
}

/// Lines as an editor counts them: a final line end does not start another line.
fn line_count(text: &str) -> u64 {
    let b = text.as_bytes();
    let ends = (0..b.len()).filter(|&i| b[i] == b'\n' || (b[i] == b'\r' && b.get(i + 1) != Some(&b'\n'))).count();
    (ends + usize::from(!text.is_empty() && !text.ends_with(['\n', '\r']))) as u64
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// A parsed document: every stage's output, and the way to its [`Record`].
#[derive(Debug, Clone)]
pub struct Document {
    src: Source,
    lines: Lines,
    header: Header,
    closing: Closing,
    outline: Outline,
    kind: Kind,
    kind_reason: String,
    news_title: Option<(String, Span)>,
    article: Option<extract::Article>,
    citations: Vec<Citation>,
    abbreviations: Vec<Abbreviation>,
    plan: Option<Plan>,
    tasks: Vec<Task>,
    decode_issues: Vec<decode::DecodeIssue>,
    decode_issue_count: usize,
    looks_binary: bool,
    encoding_confidence: f32,
    lossy: Vec<decode::LossyChar>,
    lossy_count: usize,
    format: Format,
}

impl Document {
    /// The format the input was read as.
    pub fn format(&self) -> Format {
        self.format
    }

    /// How sure the encoding detection was, 0 to 1 (1 when forced or marked by a BOM).
    pub fn encoding_confidence(&self) -> f32 {
        self.encoding_confidence
    }

    /// Characters the input's encoding could not carry for sure (TCVN3's toned capitals),
    /// listed up to [`decode::MAX_LOSSY`], and how many there were in all.
    pub fn lossy(&self) -> (&[decode::LossyChar], usize) {
        (&self.lossy, self.lossy_count)
    }

    /// The decoded and normalized text with its way back to the input.
    pub fn source(&self) -> &Source {
        &self.src
    }

    /// The classified lines.
    pub fn lines(&self) -> &Lines {
        &self.lines
    }

    /// The header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Signatures and recipients.
    pub fn closing(&self) -> &Closing {
        &self.closing
    }

    /// The outline of the body.
    pub fn outline(&self) -> &Outline {
        &self.outline
    }

    /// Official, news or unknown.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Cited documents.
    pub fn citations(&self) -> &[Citation] {
        &self.citations
    }

    /// Abbreviations the text defines.
    pub fn abbreviations(&self) -> &[Abbreviation] {
        &self.abbreviations
    }

    /// The plan or program, if the document is or reports on one.
    pub fn plan(&self) -> Option<&Plan> {
        self.plan.as_ref()
    }

    /// The actionable items.
    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    fn line(&self, span: Span) -> u64 {
        self.src.line_of(span) as u64
    }

    /// The record of this document.
    pub fn record(&self) -> Record {
        record::build(self)
    }

    pub(crate) fn parts(&self) -> DocParts<'_> {
        DocParts {
            src: &self.src,
            header: &self.header,
            closing: &self.closing,
            outline: &self.outline,
            kind: self.kind,
            kind_reason: &self.kind_reason,
            news_title: self.news_title.as_ref(),
            article: self.article.as_ref(),
            citations: &self.citations,
            abbreviations: &self.abbreviations,
            plan: self.plan.as_ref(),
            tasks: &self.tasks,
            decode_issues: &self.decode_issues,
            decode_issue_count: self.decode_issue_count,
            looks_binary: self.looks_binary,
            encoding_confidence: self.encoding_confidence,
            lossy: &self.lossy,
            lossy_count: self.lossy_count,
            line_count: line_count(self.src.original()),
            format: self.format,
        }
    }

    /// The line of `span` in the original input.
    pub fn line_of(&self, span: Span) -> u64 {
        self.line(span)
    }

    /// True when the input looked like binary data rather than text.
    pub fn looks_binary(&self) -> bool {
        self.looks_binary
    }

    /// Whether a node kind counts as a heading in the record's top level.
    pub fn is_heading_kind(kind: NodeKind) -> bool {
        kind.is_structural()
    }
}

/// Borrowed view of a document for the record builder.
pub(crate) struct DocParts<'a> {
    pub src: &'a Source,
    pub header: &'a Header,
    pub closing: &'a Closing,
    pub outline: &'a Outline,
    pub kind: Kind,
    pub kind_reason: &'a str,
    pub news_title: Option<&'a (String, Span)>,
    pub article: Option<&'a extract::Article>,
    pub citations: &'a [Citation],
    pub abbreviations: &'a [Abbreviation],
    pub plan: Option<&'a Plan>,
    pub tasks: &'a [Task],
    pub decode_issues: &'a [decode::DecodeIssue],
    pub decode_issue_count: usize,
    pub looks_binary: bool,
    pub encoding_confidence: f32,
    pub lossy: &'a [decode::LossyChar],
    pub lossy_count: usize,
    pub line_count: u64,
    pub format: Format,
}
