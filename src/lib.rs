//! # vanban
//!
//! Turns Vietnamese administrative documents — plans (Kế hoạch), coordination programs
//! (Chương trình phối hợp), decisions, official letters, Party documents — and news
//! reports about them into structured JSON records.
//!
//! ## The pipeline
//!
//! ```text
//! bytes ─decode─▶ text ─normalize─▶ Source ─lines─▶ Lines ─header─▶ Header
//!                                                      ├─closing─▶ Closing (signatures, Nơi nhận)
//!                                                      ├─outline─▶ Outline (Phần … a), Một là …)
//!                                                      └─extract─▶ kind, citations, plan, tasks
//!                                            Document ─record─▶ Record (JSON, `vanban/record/v1`)
//! ```
//!
//! Each stage is a module that says what flows in and out. Every extracted item keeps a
//! [`Span`] into the normalized text; [`Source::loc`] maps it back to a line and column of
//! the original input, so a record's `line` fields point into the file as the user has it.
//! The library never prints.
//!
//! ## Example
//!
//! ```
//! use vanban::Parser;
//! let text = "LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU\n\nSố: 470/KH-LĐLĐ\n\n\
//!             CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n\
//!             Lai Châu, ngày 23 tháng 8 năm 2023\n\nKẾ HOẠCH\n\nTriển khai thực hiện Chỉ thị số 21-CT/TW\n";
//! let parser = Parser::new(); // build once, reuse for every document
//! let record = parser.parse_str(text)?.record();
//! assert_eq!(record.kind, "official");
//! assert_eq!(record.header.issuer.name.as_deref(), Some("LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU"));
//! assert_eq!(record.header.date.unwrap().iso.as_deref(), Some("2023-08-23"));
//! assert_eq!(record.citations[0].number, "21-CT/TW");
//! let json = serde_json::to_string(&parser.parse_str(text)?.record())?;
//! assert!(json.starts_with("{\"schema\":\"vanban/record/v1\""));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]
#![forbid(unsafe_code)]
// Stages address lines by index across several arrays (lines, spans, stamp ranges).
#![allow(clippy::needless_range_loop)]

pub mod batch;
pub mod check;
pub mod closing;
pub mod decode;
mod diagnostics;
mod error;
pub mod extract;
pub mod formats;
pub mod header;
pub mod legacy;
pub mod lines;
pub mod normalize;
pub mod outline;
mod pipeline;
pub mod record;
mod source;
pub(crate) mod syllable;
pub mod vocab;

pub use error::Error;
pub use pipeline::{DEFAULT_MAX_BYTES, Document, Parser, ParserBuilder};
pub use record::Record;
pub use source::{LineIndex, Loc, OffsetMap, Source, Span};
