//! Word documents (`.docx`: a zip of WordprocessingML parts) to text.
//!
//! In: the bytes of the archive. Out: the body's text, one paragraph per line, with the
//! labels of Word's automatic numbering as a reader sees them (`I.`, `1.`, `a)`, read from
//! `word/numbering.xml`, directly or through a paragraph style), and tables read cell by
//! cell, row by row — every line of a cell before the next cell, a blank line after each
//! cell and each table — so that the two columns of an official header (issuer and number
//! on the left, Quốc hiệu and date on the right) never interleave. Runs set in a legacy
//! Vietnamese font are decoded with the encoding the font implies: `.Vn…` fonts are TCVN3
//! (`.Vn…H`, the capital fonts, in capitals), `VNI-…` fonts are VNI; Word keeps their text
//! as the Windows-1252 reading of the legacy bytes. Headers, footers, footnotes, comments,
//! deleted and hidden text are left out.
//!
//! Limits, checked before anything is inflated and again while reading: at most
//! [`MAX_ENTRIES`] entries, each part read at most [`MAX_ENTRY_BYTES`] inflated (counted
//! as read, whatever the archive declares), [`MAX_TOTAL_BYTES`] in all, tables nested at
//! most [`MAX_TABLE_DEPTH`] deep. Entities a DOCTYPE declares are never expanded.

use crate::error::Error;
use crate::legacy;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The most entries an archive may list.
pub const MAX_ENTRIES: u64 = 10_000;
/// The most bytes one part may inflate to.
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// The most bytes all the entries may declare, and all the parts read may inflate to.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// The deepest nesting of tables.
pub const MAX_TABLE_DEPTH: usize = 64;
/// The deepest nesting of paragraphs (text boxes inside paragraphs).
const MAX_PARA_DEPTH: usize = 16;

fn bad(reason: impl Into<String>) -> Error {
    Error::Malformed { format: "docx", reason: reason.into() }
}

/// The text of a `.docx` file, one paragraph per line.
pub fn to_text(bytes: &[u8]) -> Result<String, Error> {
    let entries = entry_count(bytes)?;
    if entries > MAX_ENTRIES {
        return Err(bad(format!("the archive lists {entries} entries, more than the limit of {MAX_ENTRIES}")));
    }
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| bad(format!("not a readable zip archive: {e}")))?;
    if zip.len() as u64 > MAX_ENTRIES {
        return Err(bad(format!("the archive lists {} entries, more than the limit of {MAX_ENTRIES}", zip.len())));
    }
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let f = zip.by_index_raw(i).map_err(|e| bad(format!("entry {i}: {e}")))?;
        declared = declared.saturating_add(f.size());
    }
    if declared > MAX_TOTAL_BYTES {
        return Err(bad(format!(
            "the archive's entries inflate to {declared} bytes, more than the limit of {MAX_TOTAL_BYTES} (a zip bomb?)"
        )));
    }
    let mut budget = MAX_TOTAL_BYTES;
    let document = read_part(&mut zip, "word/document.xml", &mut budget)?
        .ok_or_else(|| bad("no word/document.xml in the archive"))?;
    let numbering = match read_part(&mut zip, "word/numbering.xml", &mut budget)? {
        Some(x) => Numbering::parse(&x)?,
        None => Numbering::default(),
    };
    let styles = match read_part(&mut zip, "word/styles.xml", &mut budget)? {
        Some(x) => Styles::parse(&x)?,
        None => Styles::default(),
    };
    body_text(&document, &numbering, &styles)
}

/// The number of entries the end-of-central-directory record (or its zip64 form) gives,
/// read before the archive is opened, so that a huge directory is never loaded.
fn entry_count(b: &[u8]) -> Result<u64, Error> {
    let from = b.len().saturating_sub(22 + 65_535);
    let Some(eocd) = (from..b.len().saturating_sub(21)).rev().find(|&i| b[i..].starts_with(b"PK\x05\x06")) else {
        return Err(bad("not a zip archive: no end of central directory"));
    };
    let n = u64::from(u16::from_le_bytes([b[eocd + 10], b[eocd + 11]]));
    if n != 0xFFFF {
        return Ok(n);
    }
    // Zip64: the locator sits just before the record and points at the zip64 record.
    let loc = eocd.checked_sub(20).filter(|&l| b[l..].starts_with(b"PK\x06\x07"));
    let rec = loc.map(|l| u64::from_le_bytes(b[l + 8..l + 16].try_into().unwrap_or_default()) as usize);
    match rec {
        Some(r) if r.checked_add(40).is_some_and(|e| e <= b.len()) && b[r..].starts_with(b"PK\x06\x06") => {
            Ok(u64::from_le_bytes(b[r + 32..r + 40].try_into().unwrap_or_default()))
        }
        _ => Err(bad("a zip64 archive without a readable zip64 directory")),
    }
}

/// The part `name` as text, inflated at most [`MAX_ENTRY_BYTES`] and within `budget`.
fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str, budget: &mut u64) -> Result<Option<String>, Error> {
    let file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(bad(format!("{name}: {e}"))),
    };
    if file.size() > MAX_ENTRY_BYTES {
        return Err(bad(format!("{name} inflates to {} bytes, more than the limit of {MAX_ENTRY_BYTES}", file.size())));
    }
    let cap = MAX_ENTRY_BYTES.min(*budget);
    let mut buf = Vec::with_capacity(file.size().min(cap) as usize);
    file.take(cap + 1).read_to_end(&mut buf).map_err(|e| bad(format!("{name}: {e}")))?;
    if buf.len() as u64 > cap {
        return Err(bad(format!("{name} inflates to more than {cap} bytes, past the limit (a zip bomb?)")));
    }
    *budget -= buf.len() as u64;
    Ok(Some(xml_text(&buf)))
}

/// XML bytes as text: UTF-8 (a mark dropped), or UTF-16 with a byte-order mark.
fn xml_text(b: &[u8]) -> String {
    use crate::decode::{Encoding, decode};
    if b.starts_with(b"\xFF\xFE") {
        decode(b, Some(Encoding::Utf16Le)).text
    } else if b.starts_with(b"\xFE\xFF") {
        decode(b, Some(Encoding::Utf16Be)).text
    } else {
        String::from_utf8_lossy(b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b)).into_owned()
    }
}

// ---------------------------------------------------------------------------------------
// XML helpers
// ---------------------------------------------------------------------------------------

fn local(name: &[u8]) -> &[u8] {
    name.rsplit(|&b| b == b':').next().unwrap_or(name)
}

/// The attribute whose local name is `name` (`w:val` → `val`), with the XML escapes read.
fn attr(e: &BytesStart, name: &str) -> Option<String> {
    let a = e.attributes().flatten().find(|a| local(a.key.as_ref()) == name.as_bytes())?;
    let raw = String::from_utf8_lossy(&a.value);
    Some(quick_xml::escape::unescape(&raw).map(|s| s.into_owned()).unwrap_or_else(|_| raw.into_owned()))
}

/// `w:val` of an on/off property: on unless it says `0`, `false` or `off`.
fn on(e: &BytesStart) -> bool {
    !matches!(attr(e, "val").as_deref(), Some("0" | "false" | "off"))
}

fn xml_error(part: &str, r: &Reader<&[u8]>, e: impl std::fmt::Display) -> Error {
    bad(format!("{part} at byte {}: {e}", r.buffer_position()))
}

/// Every element of `xml` as it opens, and the local name of each as it closes (`<x/>`
/// gives both); text is not needed here.
fn walk(part: &str, xml: &str, mut f: impl FnMut(Tag<'_>)) -> Result<(), Error> {
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => f(Tag::Open(&e)),
            Ok(Event::Empty(e)) => {
                f(Tag::Open(&e));
                f(Tag::Close(local(e.name().as_ref())));
            }
            Ok(Event::End(e)) => f(Tag::Close(local(e.name().as_ref()))),
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(xml_error(part, &r, e)),
        }
    }
}

enum Tag<'a> {
    Open(&'a BytesStart<'a>),
    Close(&'a [u8]),
}

// ---------------------------------------------------------------------------------------
// Numbering and styles
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    fmt: String,
    text: String,
    space: bool,
}

/// `word/numbering.xml`: the levels of each abstract list, and each list instance.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, HashMap<u8, Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
}

fn level_of(e: &BytesStart) -> u8 {
    attr(e, "ilvl").and_then(|v| v.parse().ok()).unwrap_or(0).min(8)
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, Error> {
        let mut n = Numbering::default();
        let (mut abs, mut lvl, mut num, mut over): (Option<String>, Option<u8>, Option<String>, Option<u8>) =
            (None, None, None, None);
        walk("word/numbering.xml", xml, |t| match t {
            Tag::Open(e) => match local(e.name().as_ref()) {
                b"abstractNum" => abs = attr(e, "abstractNumId"),
                b"lvl" if abs.is_some() => {
                    let l = level_of(e);
                    lvl = Some(l);
                    let a = abs.clone().unwrap_or_default();
                    n.abstracts.entry(a).or_default().insert(
                        l,
                        Level { start: 1, fmt: "decimal".into(), text: format!("%{}.", l + 1), space: true },
                    );
                }
                name @ (b"start" | b"numFmt" | b"lvlText" | b"suff") => {
                    let (Some(a), Some(l)) = (&abs, lvl) else { return };
                    let Some(level) = n.abstracts.get_mut(a).and_then(|m| m.get_mut(&l)) else { return };
                    let v = attr(e, "val").unwrap_or_default();
                    match name {
                        b"start" => level.start = v.parse().unwrap_or(1),
                        b"numFmt" => level.fmt = v,
                        b"lvlText" => level.text = v,
                        _ => level.space = v != "nothing",
                    }
                }
                b"num" => num = attr(e, "numId"),
                b"abstractNumId" => {
                    if let Some(id) = &num {
                        n.nums.entry(id.clone()).or_default().0 = attr(e, "val").unwrap_or_default();
                    }
                }
                b"lvlOverride" => over = Some(level_of(e)),
                b"startOverride" => {
                    if let (Some(id), Some(l)) = (&num, over) {
                        let v = attr(e, "val").and_then(|v| v.parse().ok()).unwrap_or(1);
                        n.nums.entry(id.clone()).or_default().1.insert(l, v);
                    }
                }
                _ => {}
            },
            Tag::Close(name) => match name {
                b"abstractNum" => abs = None,
                b"lvl" => lvl = None,
                b"num" => num = None,
                b"lvlOverride" => over = None,
                _ => {}
            },
        })?;
        Ok(n)
    }
}

/// The counters of the lists met so far: keyed by abstract list, as Word shares one
/// sequence among the instances of a list unless an instance restarts it.
#[derive(Default)]
struct Counters {
    counts: HashMap<String, [Option<u32>; 9]>,
}

impl Counters {
    /// The label of the next paragraph of list `num_id` at level `ilvl`, or `None`.
    fn next(&mut self, numbering: &Numbering, num_id: &str, ilvl: u8) -> Option<String> {
        let (abs, overrides) = numbering.nums.get(num_id)?;
        let levels = numbering.abstracts.get(abs)?;
        let level = levels.get(&ilvl)?;
        let key = if overrides.is_empty() { format!("a{abs}") } else { format!("n{num_id}") };
        let start = |l: u8| overrides.get(&l).copied().or_else(|| levels.get(&l).map(|x| x.start)).unwrap_or(1);
        let counts = self.counts.entry(key).or_default();
        let i = usize::from(ilvl);
        counts[i] = Some(counts[i].map_or(start(ilvl), |c| c.saturating_add(1)));
        counts[i + 1..].iter_mut().for_each(|c| *c = None);
        let label = match level.fmt.as_str() {
            "none" => String::new(),
            "bullet" => "-".to_string(),
            _ => {
                let mut out = String::new();
                let mut chars = level.text.chars().peekable();
                while let Some(c) = chars.next() {
                    match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                        ('%', Some(d @ 1..=9)) => {
                            chars.next();
                            let l = (d - 1) as u8;
                            let n = counts[usize::from(l)].unwrap_or_else(|| start(l));
                            let fmt = levels.get(&l).map_or("decimal", |x| x.fmt.as_str());
                            out.push_str(&number(n, fmt));
                        }
                        _ => out.push(c),
                    }
                }
                out
            }
        };
        if label.is_empty() {
            return Some(label);
        }
        Some(if level.space { label + " " } else { label })
    }
}

/// `n` written in Word's number format `fmt`.
fn number(n: u32, fmt: &str) -> String {
    match fmt {
        "upperRoman" => crate::vocab::to_roman(n),
        "lowerRoman" => crate::vocab::to_roman(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerLetter" => letters(n).to_lowercase(),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

/// Word's letters: A … Z, then AA … ZZ, AAA …
fn letters(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    let c = char::from(b'A' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(c, ((n - 1) / 26 + 1).min(100) as usize).collect()
}

#[derive(Debug, Default, Clone)]
struct Style {
    based_on: Option<String>,
    num: Option<(Option<String>, Option<u8>)>,
    font: Option<String>,
}

/// `word/styles.xml`: fonts and list numbering that paragraphs and runs take from styles.
#[derive(Debug, Default)]
struct Styles {
    styles: HashMap<String, Style>,
    default_font: Option<String>,
}

/// The font a `w:rFonts` names for Latin text.
fn font_of(e: &BytesStart) -> Option<String> {
    attr(e, "ascii").or_else(|| attr(e, "hAnsi"))
}

impl Styles {
    fn parse(xml: &str) -> Result<Styles, Error> {
        let mut s = Styles::default();
        let mut cur: Option<(String, Style)> = None;
        let mut in_defaults = false;
        walk("word/styles.xml", xml, |t| match t {
            Tag::Open(e) => match local(e.name().as_ref()) {
                b"rPrDefault" => in_defaults = true,
                b"style" => cur = attr(e, "styleId").map(|id| (id, Style::default())),
                b"basedOn" => {
                    if let Some((_, st)) = &mut cur {
                        st.based_on = attr(e, "val");
                    }
                }
                b"numId" => {
                    if let Some((_, st)) = &mut cur {
                        st.num.get_or_insert_default().0 = attr(e, "val");
                    }
                }
                b"ilvl" => {
                    if let Some((_, st)) = &mut cur {
                        st.num.get_or_insert_default().1 = attr(e, "val").and_then(|v| v.parse().ok());
                    }
                }
                b"rFonts" => match &mut cur {
                    Some((_, st)) => st.font = font_of(e).or(st.font.take()),
                    None if in_defaults => s.default_font = font_of(e),
                    None => {}
                },
                _ => {}
            },
            Tag::Close(name) => match name {
                b"rPrDefault" => in_defaults = false,
                b"style" => {
                    if let Some((id, st)) = cur.take() {
                        s.styles.insert(id, st);
                    }
                }
                _ => {}
            },
        })?;
        Ok(s)
    }

    /// The first value `get` finds along the style's `basedOn` chain.
    fn find<T>(&self, id: Option<&str>, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut id = id?;
        for _ in 0..16 {
            let st = self.styles.get(id)?;
            if let Some(v) = get(st) {
                return Some(v);
            }
            id = st.based_on.as_deref()?;
        }
        None
    }
}

// ---------------------------------------------------------------------------------------
// The body
// ---------------------------------------------------------------------------------------

/// The legacy encoding a font implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Legacy {
    None,
    Tcvn3,
    Tcvn3Capitals,
    Vni,
}

fn legacy_of(font: Option<&str>) -> Legacy {
    let Some(f) = font.map(str::trim) else { return Legacy::None };
    let lower = f.to_ascii_lowercase();
    if lower.starts_with(".vn") {
        if f.ends_with('H') { Legacy::Tcvn3Capitals } else { Legacy::Tcvn3 }
    } else if lower.starts_with("vni-") || lower.starts_with("vni ") {
        Legacy::Vni
    } else {
        Legacy::None
    }
}

fn decode_run(enc: Legacy, text: &str) -> String {
    match enc {
        Legacy::None => text.to_string(),
        Legacy::Tcvn3 => legacy::restore_tcvn3_capitals(&legacy::repair_tcvn3_mojibake(text)).0,
        Legacy::Tcvn3Capitals => legacy::repair_tcvn3_mojibake(text).to_uppercase(),
        Legacy::Vni => legacy::repair_vni_mojibake(text),
    }
}

#[derive(Default)]
struct Para {
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<u8>,
    /// Runs of text by legacy encoding, merged while the encoding stays the same.
    segs: Vec<(Legacy, String)>,
}

impl Para {
    fn push(&mut self, enc: Legacy, s: &str) {
        match self.segs.last_mut() {
            Some((e, t)) if *e == enc => t.push_str(s),
            _ => self.segs.push((enc, s.to_string())),
        }
    }
}

#[derive(Default)]
struct Run {
    font: Option<String>,
    style_font: Option<String>,
    hidden: bool,
}

struct Out {
    lines: Vec<String>,
}

impl Out {
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }
}

fn body_text(xml: &str, numbering: &Numbering, styles: &Styles) -> Result<String, Error> {
    const PART: &str = "word/document.xml";
    let mut r = Reader::from_str(xml);
    let mut out = Out { lines: Vec::new() };
    let mut paras: Vec<Para> = Vec::new();
    let mut run: Option<Run> = None;
    let mut counters = Counters::default();
    let (mut tables, mut in_t, mut in_ppr, mut in_rpr) = (0usize, false, false, false);
    // Element depth inside a left-out subtree (mc:Fallback, a deletion), 0 when in none.
    let mut skip = 0usize;
    loop {
        let ev = r.read_event().map_err(|e| xml_error(PART, &r, e))?;
        let (e, empty) = match &ev {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if skip > 0 {
            match ev {
                Event::Start(_) => skip += 1,
                Event::End(_) => skip -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        if let Some(e) = e {
            let name = local(e.name().as_ref()).to_vec();
            match name.as_slice() {
                b"Fallback" | b"del" | b"moveFrom" | b"instrText" | b"delText" | b"footnoteReference"
                | b"endnoteReference"
                    if !empty =>
                {
                    skip = 1;
                }
                b"tbl" if !empty => {
                    tables += 1;
                    if tables > MAX_TABLE_DEPTH {
                        return Err(bad(format!("tables nested more than {MAX_TABLE_DEPTH} deep")));
                    }
                    out.blank();
                }
                b"p" => {
                    if paras.len() >= MAX_PARA_DEPTH {
                        return Err(bad(format!("paragraphs nested more than {MAX_PARA_DEPTH} deep")));
                    }
                    paras.push(Para::default());
                    if empty {
                        end_para(&mut paras, &mut out, &mut counters, numbering, styles);
                    }
                }
                b"pPr" if !empty => in_ppr = true,
                b"rPr" if !empty => in_rpr = true,
                b"pStyle" if in_ppr && run.is_none() => {
                    if let Some(p) = paras.last_mut() {
                        p.style = attr(e, "val");
                    }
                }
                b"numId" if in_ppr && run.is_none() => {
                    if let Some(p) = paras.last_mut() {
                        p.num_id = attr(e, "val");
                    }
                }
                b"ilvl" if in_ppr && run.is_none() => {
                    if let Some(p) = paras.last_mut() {
                        p.ilvl = attr(e, "val").and_then(|v| v.parse().ok());
                    }
                }
                b"r" if !empty => run = Some(Run::default()),
                b"rStyle" if in_rpr => {
                    if let Some(run) = &mut run {
                        run.style_font = styles.find(attr(e, "val").as_deref(), |s| s.font.clone());
                    }
                }
                b"rFonts" if in_rpr => {
                    if let Some(run) = &mut run {
                        run.font = font_of(e).or(run.font.take());
                    }
                }
                b"vanish" if in_rpr && on(e) => {
                    if let Some(run) = &mut run {
                        run.hidden = true;
                    }
                }
                b"t" if !empty && run.is_some() && !in_rpr => in_t = true,
                b"tab" | b"br" | b"cr" | b"noBreakHyphen" if run.is_some() && !in_rpr => {
                    let s = match name.as_slice() {
                        b"tab" => "\t",
                        b"noBreakHyphen" => "-",
                        _ => "\n",
                    };
                    text(&mut paras, run.as_ref(), styles, s);
                }
                _ => {}
            }
            continue;
        }
        match ev {
            Event::End(e) => match local(e.name().as_ref()) {
                b"tbl" => {
                    tables = tables.saturating_sub(1);
                    out.blank();
                }
                b"tc" => out.blank(),
                b"p" => end_para(&mut paras, &mut out, &mut counters, numbering, styles),
                b"pPr" => in_ppr = false,
                b"rPr" => in_rpr = false,
                b"r" => run = None,
                b"t" => in_t = false,
                _ => {}
            },
            Event::Text(t) if in_t => {
                let s = t.xml10_content().map_err(|e| xml_error(PART, &r, e))?;
                text(&mut paras, run.as_ref(), styles, &s);
            }
            Event::CData(t) if in_t => {
                let s = String::from_utf8_lossy(&t).into_owned();
                text(&mut paras, run.as_ref(), styles, &s);
            }
            Event::GeneralRef(g) if in_t => {
                // Character references and the five XML entities; an entity a DOCTYPE
                // declares is never expanded.
                let c = if g.is_char_ref() {
                    g.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    let name = g.decode().map_err(|e| xml_error(PART, &r, e))?;
                    quick_xml::escape::resolve_xml_entity(&name).map(str::to_string)
                };
                if let Some(c) = c {
                    text(&mut paras, run.as_ref(), styles, &c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    while out.lines.last().is_some_and(String::is_empty) {
        out.lines.pop();
    }
    let mut s = out.lines.join("\n");
    if !s.is_empty() {
        s.push('\n');
    }
    Ok(s)
}

/// Adds `s` of the current run to the innermost paragraph, with the run's legacy encoding.
fn text(paras: &mut [Para], run: Option<&Run>, styles: &Styles, s: &str) {
    let Some(p) = paras.last_mut() else { return };
    if run.is_some_and(|r| r.hidden) {
        return;
    }
    let font = run
        .and_then(|r| r.font.clone().or_else(|| r.style_font.clone()))
        .or_else(|| styles.find(p.style.as_deref(), |s| s.font.clone()))
        .or_else(|| styles.default_font.clone());
    p.push(legacy_of(font.as_deref()), s);
}

fn end_para(paras: &mut Vec<Para>, out: &mut Out, counters: &mut Counters, numbering: &Numbering, styles: &Styles) {
    let Some(p) = paras.pop() else { return };
    let style_num = styles.find(p.style.as_deref(), |s| s.num.clone());
    let num_id = p.num_id.clone().or_else(|| style_num.as_ref().and_then(|n| n.0.clone()));
    let ilvl = p.ilvl.or_else(|| style_num.as_ref().and_then(|n| n.1)).unwrap_or(0).min(8);
    let mut line = String::new();
    if let Some(id) = num_id.filter(|id| id != "0") {
        line.extend(counters.next(numbering, &id, ilvl));
    }
    for (enc, t) in &p.segs {
        line.push_str(&decode_run(*enc, t));
    }
    // A line break inside a paragraph stays a line break; the paragraph ends the line.
    out.lines.extend(line.split('\n').map(|l| l.trim_end().to_string()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        let roman = crate::vocab::to_roman;
        assert_eq!((roman(4), roman(14), roman(1999)), ("IV".into(), "XIV".into(), "MCMXCIX".into()));
        assert_eq!((roman(0), roman(4000)), ("0".into(), "4000".into()));
        assert_eq!((letters(1), letters(26), letters(27)), ("A".into(), "Z".into(), "AA".into()));
        assert_eq!(number(3, "lowerLetter"), "c");
    }

    #[test]
    fn fonts() {
        assert_eq!(legacy_of(Some(".VnTime")), Legacy::Tcvn3);
        assert_eq!(legacy_of(Some(".VnTimeH")), Legacy::Tcvn3Capitals);
        assert_eq!(legacy_of(Some("VNI-Times")), Legacy::Vni);
        assert_eq!(legacy_of(Some("Times New Roman")), Legacy::None);
        assert_eq!(decode_run(Legacy::Tcvn3Capitals, "c\u{e9}ng ho\u{b5}"), "CỘNG HOÀ");
        assert_eq!(decode_run(Legacy::Vni, "Coäng hoøa"), "Cộng hòa");
    }
}
