//! Stage 0, formats: container formats to plain text, before [decoding](crate::decode).
//!
//! In: the raw bytes of a file. Out: its [`Format`] — told from the bytes by [`detect`] or
//! forced with [`ParserBuilder::format`](crate::ParserBuilder::format) — and, for a Word
//! document ([`docx`]) or a saved web page ([`html`]), the text a reader sees, one
//! paragraph per line, which the rest of the pipeline reads as it reads a text file.
//!
//! Word 97–2003 `.doc` files, PDFs and other archives are refused with
//! [`Error::Unsupported`], which names a converter. Archives and markup past the safety
//! limits (see [`docx`]) are refused with [`Error::Malformed`].
//!
//! ```
//! use vanban::formats::{detect, Format};
//! assert_eq!(detect(b"  <!DOCTYPE html><html><body>x</body></html>").unwrap(), Format::Html);
//! assert_eq!(detect("Số: 12/KH-UBND".as_bytes()).unwrap(), Format::Text);
//! assert!(detect(b"%PDF-1.7\n...").unwrap_err().to_string().contains("pdftotext"));
//! ```

use crate::error::Error;
use serde::Serialize;

pub mod docx;
pub mod html;

/// An input format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[non_exhaustive]
pub enum Format {
    /// Plain text in any encoding [`crate::decode`] reads.
    #[default]
    Text,
    /// A Word document (Office Open XML, `.docx`).
    Docx,
    /// A web page (`.html`, `.htm`).
    Html,
}

impl Format {
    /// The name in the record's `/source/format`: `text`, `docx` or `html`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Docx => "docx",
            Format::Html => "html",
        }
    }

    /// The format of a name, case-insensitive (`htm` too); `None` for another name.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.to_ascii_lowercase().as_str() {
            "text" | "txt" => Some(Format::Text),
            "docx" => Some(Format::Docx),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }
}

const ZIP: &[u8] = b"PK\x03\x04";
const OLE2: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// The refusal of a Word 97–2003 document.
pub(crate) const DOC: Error = Error::Unsupported {
    format: ".doc (Word 97-2003)",
    hint: "convert it with `libreoffice --headless --convert-to docx FILE` (or to txt) first",
};

/// The refusal of a PDF.
pub(crate) const PDF: Error = Error::Unsupported {
    format: "PDF",
    hint: "extract its text with `pdftotext -layout FILE` first (scanned pages need OCR)",
};

/// The format of `bytes`: a zip holding `word/document.xml` is DOCX; markup that opens
/// with `<!DOCTYPE html`, `<html` or `<body` (after a byte-order mark, white space, an XML
/// declaration or comments) is HTML; anything else is text. `.doc`, PDF and other zip
/// archives are refused.
pub fn detect(bytes: &[u8]) -> Result<Format, Error> {
    if bytes.starts_with(OLE2) {
        return Err(DOC);
    }
    if bytes.starts_with(b"%PDF-") {
        return Err(PDF);
    }
    if bytes.starts_with(ZIP) {
        if contains(bytes, b"word/document.xml") {
            return Ok(Format::Docx);
        }
        return Err(Error::Unsupported {
            format: "a zip archive without a Word document",
            hint: "only .docx archives are read; extract the document from it first",
        });
    }
    if looks_html(bytes) { Ok(Format::Html) } else { Ok(Format::Text) }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Markup near the start: the first non-blank byte is `<` and the first 1 KiB names an
/// `html` or `body` element. UTF-16 pages are read by their ASCII bytes.
fn looks_html(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes
        .iter()
        .take(2048)
        .filter(|&&b| b != 0)
        .map(u8::to_ascii_lowercase)
        .skip_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n' | 0xEF | 0xBB | 0xBF | 0xFE | 0xFF))
        .take(1024)
        .collect();
    head.first() == Some(&b'<') && [&b"<!doctype html"[..], b"<html", b"<body"].iter().any(|n| contains(&head, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection() {
        assert_eq!(detect(b"\xEF\xBB\xBF\n <HTML lang=vi>").unwrap(), Format::Html);
        assert_eq!(detect(b"<?xml version=\"1.0\"?><!-- c --><html>").unwrap(), Format::Html);
        assert_eq!(detect(b"<p>Some text</p> then <html>").unwrap(), Format::Html);
        assert_eq!(detect(b"Text that mentions <html> later").unwrap(), Format::Text);
        assert_eq!(detect(b"").unwrap(), Format::Text);
        assert!(matches!(detect(OLE2), Err(Error::Unsupported { .. })));
        assert!(matches!(detect(b"PK\x03\x04xl/workbook.xml"), Err(Error::Unsupported { .. })));
        assert_eq!(detect(b"PK\x03\x04....word/document.xml").unwrap(), Format::Docx);
        for f in [Format::Text, Format::Docx, Format::Html] {
            assert_eq!(Format::from_name(f.name()), Some(f));
        }
    }
}
