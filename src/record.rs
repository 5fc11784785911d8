//! Stage 8, record: the wire types of the JSON record (`vanban/record/v1`).
//!
//! In: a parsed [`Document`](crate::Document). Out: a [`Record`] that serializes to the
//! contract in `RECORD.md`: every contract path is present, `null` or `[]` where the
//! document does not carry it, and every object read from the text has the 1-based `line`
//! where it starts in the original input. These types are kept apart from the internal
//! ones so that the pipeline can change without changing the wire format; fields are only
//! ever added.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The schema identifier every record carries.
pub const SCHEMA_ID: &str = "vanban/record/v1";

/// One document's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Record {
    /// Always `vanban/record/v1`.
    pub schema: String,
    /// Where the input came from.
    pub source: SourceInfo,
    /// `official`, `news` or `unknown`.
    pub kind: String,
    /// The evidence the kind was decided on.
    pub kind_reason: String,
    /// The header of an official document; for news only `title` is filled.
    pub header: HeaderRecord,
    /// The body's outline (for news: its enumerations only).
    pub sections: Vec<SectionRecord>,
    /// The actionable items of a plan or program.
    pub tasks: Vec<TaskRecord>,
    /// The plan or program, or null.
    pub plan: Option<PlanRecord>,
    /// Signature blocks in reading order.
    pub signatories: Vec<SignatoryRecord>,
    /// `Nơi nhận` items in order.
    pub recipients: Vec<String>,
    /// Other documents cited, once per number, first-seen order.
    pub citations: Vec<CitationRecord>,
    /// Abbreviations the text defines.
    pub abbreviations: Vec<AbbreviationRecord>,
    /// For a news article: its date, source tag, byline and the people it names; else null.
    pub article: Option<ArticleRecord>,
    /// Findings about the document.
    pub diagnostics: Vec<DiagnosticRecord>,
}

/// Where the input came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceInfo {
    /// The path as given, or null for standard input and library calls.
    pub path: Option<String>,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
    /// The encoding read: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `tcvn3`, `vni`,
    /// `viscii`, `cp1258`, `viqr`, or `tcvn3-cp1252` / `vni-cp1252` for legacy bytes that
    /// went through a Windows-1252 reader and were repaired.
    pub encoding: String,
    /// How sure the encoding detection was, 0 to 1 (1 when forced or marked by a BOM).
    pub encoding_confidence: f64,
    /// The input format: `text`, `docx` or `html`.
    pub format: String,
    /// Lines in the input.
    pub lines: u64,
}

/// The header.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HeaderRecord {
    /// Cơ quan ban hành and chủ quản.
    pub issuer: IssuerRecord,
    /// Số ký hiệu, or null.
    pub number: Option<NumberRecord>,
    /// Địa danh, or null.
    pub place: Option<String>,
    /// Ngày ban hành, or null.
    pub date: Option<DateRecord>,
    /// Tên loại, or null.
    pub doc_type: Option<DocTypeRecord>,
    /// Trích yếu (for news, the headline), or null.
    pub title: Option<String>,
    /// Line of the title, or null.
    pub title_line: Option<u64>,
    /// A received stamp, or null.
    pub received: Option<ReceivedRecord>,
    /// `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` as printed, or null.
    pub national_name: Option<String>,
    /// `Độc lập - Tự do - Hạnh phúc` as printed, or null.
    pub motto: Option<String>,
    /// `ĐẢNG CỘNG SẢN VIỆT NAM` or a Youth Union header on the motto side, or null.
    pub party_header: Option<String>,
    /// `Kính gửi:` recipients.
    pub addressees: Vec<String>,
    /// Độ khẩn, or null.
    pub urgency: Option<String>,
    /// Độ mật, or null.
    pub secrecy: Option<String>,
    /// True when the document is marked as a draft (`DỰ THẢO`).
    pub draft: bool,
    /// Căn cứ / Thực hiện / Xét lines.
    pub bases: Vec<BasisRecord>,
    /// The deciding authority printed above the căn cứ lines (thẩm quyền ban hành), or null.
    pub authority: Option<String>,
}

/// Cơ quan ban hành.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuerRecord {
    /// The issuing body, its lines joined by one space, or null.
    pub name: Option<String>,
    /// The parent body (cơ quan chủ quản), or null.
    pub parent: Option<String>,
    /// Line of the issuing body, or null.
    pub line: Option<u64>,
}

/// Số ký hiệu.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NumberRecord {
    /// As printed, without `Số:`.
    pub text: String,
    /// The sequence number, or null (a draft's blank).
    pub seq: Option<u64>,
    /// A letter after the sequence (`1583b`), or null.
    pub seq_suffix: Option<String>,
    /// The year of a legal-normative number, or null.
    pub year: Option<u32>,
    /// The type code (`KH`), or null (a công văn).
    pub type_code: Option<String>,
    /// The issuer code (`LĐLĐ`), or null.
    pub issuer_code: Option<String>,
    /// The drafting unit's code of a công văn (`KHCNTT`), or null.
    pub unit_code: Option<String>,
    /// `administrative`, `letter`, `legal_normative`, `party` or `other`; null if unread.
    pub style: Option<String>,
    /// The key used to compare numbers.
    pub key: String,
    /// Line of the number.
    pub line: u64,
}

/// Ngày ban hành.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateRecord {
    /// ISO 8601 of what is printed: `YYYY-MM-DD`, `--MM-DD`, `YYYY-MM` or `YYYY`; null if nothing is.
    pub iso: Option<String>,
    /// As printed.
    pub text: String,
    /// `day`, `month_day`, `month` or `year`.
    pub precision: Option<String>,
    /// Line of the date.
    pub line: u64,
}

/// Tên loại.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocTypeRecord {
    /// As printed (`KẾ HOẠCH`).
    pub text: String,
    /// Code from the official table (`KH`), or null.
    pub code: Option<String>,
    /// Name (`Kế hoạch`).
    pub name: String,
    /// Line of the tên loại.
    pub line: u64,
}

/// A received stamp.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReceivedRecord {
    /// The receiving body, or null.
    pub agency: Option<String>,
    /// The arrival number, or null.
    pub number: Option<String>,
    /// The arrival date as printed, or null.
    pub date: Option<String>,
    /// Line of the stamp.
    pub line: u64,
}

/// A căn cứ line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BasisRecord {
    /// The line's text.
    pub text: String,
    /// Its line.
    pub line: u64,
}

/// A node of the outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionRecord {
    /// Stable id from the node's position (`s2.1`).
    pub id: String,
    /// `part`, `chapter`, `section`, `article`, `roman`, `arabic`, `letter`, `ordinal`, `bullet`.
    pub kind: String,
    /// The label without punctuation (`III`, `2`, `1.2`, `b`, `Hai`, `nhất`, `-`).
    pub label: String,
    /// The label's value, or null (bullets).
    pub number: Option<u32>,
    /// The heading text without a trailing `:`, or null for an item that is a sentence.
    pub title: Option<String>,
    /// Line of the marker.
    pub line: u64,
    /// Child nodes.
    pub children: Vec<SectionRecord>,
}

/// An actionable item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskRecord {
    /// Stable id (`t1`, `t2`, …).
    pub id: String,
    /// Id of the outline node it comes from.
    pub section: String,
    /// Its text.
    pub text: String,
    /// The lead unit, or null.
    pub lead: Option<String>,
    /// Units taking part.
    pub partners: Vec<String>,
    /// Units assigned (the lead and the partners).
    pub assignees: Vec<String>,
    /// Deadline or cadence as printed, or null.
    pub deadline: Option<String>,
    /// Line of the item.
    pub line: u64,
}

/// A plan or program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanRecord {
    /// `Kế hoạch`, `Chương trình`, `Đề án` or `Phương án`.
    pub doc_type: Option<String>,
    /// Its title, or null.
    pub title: Option<String>,
    /// Its period.
    pub period: PeriodRecord,
    /// The parties of a coordination program.
    pub parties: Vec<String>,
    /// The number of contents the text announces, or null.
    pub announced_contents: Option<u32>,
}

/// A period in years.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodRecord {
    /// First year, or null.
    pub from: Option<i32>,
    /// Last year (or the horizon), or null.
    pub to: Option<i32>,
}

/// A signature block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatoryRecord {
    /// `TM.`, `KT.`, `TL.`, `TUQ.`, `Q.`, `T/M`, `K/T`, `T/L`, or null.
    pub authority: Option<String>,
    /// Further markers under the first, with their text (`KT. CHỦ TỊCH`).
    pub more_authorities: Vec<String>,
    /// The body or organisation line of the block, or null.
    pub on_behalf_of: Option<String>,
    /// The last position line before the name, or null.
    pub position: Option<String>,
    /// The name as printed, or null.
    pub name: Option<String>,
    /// True when `(Đã ký)` or a similar mark is printed.
    pub signed_mark: bool,
    /// Line where the block starts.
    pub line: u64,
}

/// A cited document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CitationRecord {
    /// The words citing it.
    pub text: String,
    /// Its type (`Kế hoạch`, `Luật`, …), or null.
    pub doc_type: Option<String>,
    /// The number as printed.
    pub number: String,
    /// A normalized key for comparing numbers.
    pub key: String,
    /// Its date in ISO form where the sentence gives it, or null.
    pub date: Option<String>,
    /// Its issuer where the sentence gives it, or null.
    pub issuer: Option<String>,
    /// Line of the number.
    pub line: u64,
}

/// What a news article says of itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ArticleRecord {
    /// The publication date in ISO form, only what is printed (`--12-14`), or null.
    pub published: Option<String>,
    /// The source tag (`LĐTĐ`, `Baonghean.vn`), or null.
    pub source_tag: Option<String>,
    /// The author's name after the text, or null.
    pub byline: Option<String>,
    /// People named with their roles.
    pub people: Vec<PersonRecord>,
}

/// A person named with a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonRecord {
    /// The name as printed.
    pub name: String,
    /// The role as printed after the name.
    pub role: String,
    /// Line where the name stands.
    pub line: u64,
}

/// A defined abbreviation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AbbreviationRecord {
    /// Short form.
    pub short: String,
    /// Long form.
    pub long: String,
    /// Line of the definition.
    pub line: u64,
}

/// A finding about the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DiagnosticRecord {
    /// Rule code (`VB201`).
    pub code: String,
    /// Rule name (`numbering-gap`); `vanban rule CODE` explains it.
    pub name: String,
    /// `info`, `warning` or `error`.
    pub severity: String,
    /// What was found.
    pub message: String,
    /// 1-based line in the original input, or null for the whole document.
    pub line: Option<u64>,
    /// 1-based column, or null.
    pub column: Option<u64>,
    /// 1-based line where the finding's span ends, or null for the whole document.
    pub end_line: Option<u64>,
    /// What the official format asks for, or null.
    pub expected: Option<String>,
    /// What the document has, or null.
    pub actual: Option<String>,
    /// How to fix it, or null.
    pub suggestion: Option<String>,
}

/// The JSON Schema (draft 2020-12) of [`Record`].
pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Record)).unwrap_or_default()
}

/// Builds the record of a parsed document.
pub(crate) fn build(doc: &crate::Document) -> Record {
    use crate::extract::Kind;
    let p = doc.parts();
    let src = p.src;
    let line = |s: crate::Span| src.line_of(s) as u64;
    let h = p.header;
    let official = p.kind == Kind::Official;
    let mut header = HeaderRecord::default();
    if official {
        header.issuer = IssuerRecord {
            name: h.issuer.as_ref().map(|f| f.value.clone()),
            parent: h.parent.as_ref().map(|f| f.value.clone()),
            line: h.issuer.as_ref().map(|f| line(f.span)),
        };
        header.number = h.number.as_ref().map(|n| {
            let parts = n.parts.clone().unwrap_or_default();
            NumberRecord {
                text: n.text.clone(),
                seq: parts.seq,
                seq_suffix: parts.suffix,
                year: parts.year,
                type_code: parts.type_code,
                issuer_code: parts.issuer_code,
                unit_code: parts.unit_code,
                style: n.parts.as_ref().map(|p| {
                    serde_json::to_value(p.style).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
                }),
                key: crate::extract::number_key(&n.text),
                line: line(n.span),
            }
        });
        header.place = h.place.as_ref().map(|f| f.value.clone());
        header.date = h.date.as_ref().map(|d| DateRecord {
            iso: d.parts.iso(),
            text: d.text.clone(),
            precision: d.parts.precision().map(str::to_string),
            line: line(d.span),
        });
        header.doc_type = h.doc_type.as_ref().map(|f| DocTypeRecord {
            text: f.value.clone(),
            code: h.doc_type_info.and_then(|i| i.code).map(str::to_string),
            name: h.doc_type_info.map_or_else(String::new, |i| i.name.to_string()),
            line: line(f.span),
        });
        header.title = h.title.as_ref().map(|f| f.value.clone());
        header.title_line = h.title.as_ref().map(|f| line(f.span));
        header.received = h.received.as_ref().map(|r| ReceivedRecord {
            agency: r.agency.clone(),
            number: r.number.clone(),
            date: r.date.clone(),
            line: line(r.span),
        });
        header.national_name = h.national_name.map(|s| src.slice(s).replace('\n', " "));
        header.motto = h.motto.map(|s| src.slice(s).to_string());
        header.party_header = h.party_header.as_ref().map(|f| f.value.clone());
        header.addressees = h.addressees.iter().map(|a| a.value.clone()).filter(|a| !a.is_empty()).collect();
        header.urgency = h.urgency.as_ref().map(|f| f.value.clone());
        header.secrecy = h.secrecy.as_ref().map(|f| f.value.clone());
        header.draft = h.draft.is_some();
        header.authority = h.authority.as_ref().map(|f| f.value.clone());
        header.bases = h.bases.iter().map(|b| BasisRecord { text: b.value.clone(), line: line(b.span) }).collect();
    } else if let Some((t, s)) = p.news_title {
        header.title = Some(t.clone());
        header.title_line = Some(line(*s));
    }

    let o = p.outline;
    fn node(o: &crate::outline::Outline, i: usize, line: &dyn Fn(crate::Span) -> u64) -> SectionRecord {
        let n = &o.nodes[i];
        SectionRecord {
            id: o.id(i),
            kind: serde_json::to_value(n.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
            label: n.label.clone(),
            number: n.number,
            title: n.title.clone(),
            line: line(n.span),
            children: n.children.iter().map(|&c| node(o, c, line)).collect(),
        }
    }
    let sections = o.roots.iter().map(|&r| node(o, r, &line)).collect();
    let tasks = p
        .tasks
        .iter()
        .enumerate()
        .map(|(k, t)| {
            let mut assignees: Vec<String> = t.lead.iter().cloned().collect();
            assignees.extend(t.partners.iter().cloned());
            TaskRecord {
                id: format!("t{}", k + 1),
                section: o.id(t.node),
                text: t.text.clone(),
                lead: t.lead.clone(),
                partners: t.partners.clone(),
                assignees,
                deadline: t.deadline.clone(),
                line: line(t.span),
            }
        })
        .collect();
    let plan = p.plan.map(|pl| PlanRecord {
        doc_type: pl.doc_type.clone(),
        title: pl.title.clone(),
        period: PeriodRecord { from: pl.from, to: pl.to },
        parties: pl.parties.clone(),
        announced_contents: pl.announced.map(|a| a.0),
    });
    let signatories = p
        .closing
        .signatories
        .iter()
        .map(|s| SignatoryRecord {
            authority: s.authority.clone(),
            more_authorities: s.more_authorities.clone(),
            on_behalf_of: s.on_behalf_of.clone(),
            position: s.position.clone(),
            name: s.name.clone(),
            signed_mark: s.signed_mark,
            line: line(s.span),
        })
        .collect();
    let recipients = p.closing.recipients.iter().map(|r| r.0.clone()).collect();
    let citations = p
        .citations
        .iter()
        .map(|c| CitationRecord {
            text: c.text.clone(),
            doc_type: c.doc_type.clone(),
            number: c.number.clone(),
            key: c.key.clone(),
            date: c.date.and_then(|d| d.iso()),
            issuer: c.issuer.clone(),
            line: line(c.span),
        })
        .collect();
    let abbreviations = p
        .abbreviations
        .iter()
        .map(|a| AbbreviationRecord { short: a.short.clone(), long: a.long.clone(), line: line(a.span) })
        .collect();
    Record {
        schema: SCHEMA_ID.to_string(),
        source: SourceInfo {
            path: src.path().map(str::to_string),
            bytes: src.byte_len() as u64,
            sha256: src.sha256().to_string(),
            encoding: src.encoding().name().to_string(),
            encoding_confidence: (f64::from(p.encoding_confidence) * 100.0).round() / 100.0,
            format: p.format.name().to_string(),
            lines: p.line_count,
        },
        kind: serde_json::to_value(p.kind).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
        kind_reason: p.kind_reason.to_string(),
        header,
        sections,
        tasks,
        plan,
        signatories,
        recipients,
        citations,
        abbreviations,
        article: p.article.map(|a| ArticleRecord {
            published: a.published.as_ref().and_then(|d| d.0.iso()),
            source_tag: a.source_tag.as_ref().map(|t| t.0.clone()),
            byline: a.byline.as_ref().map(|t| t.0.clone()),
            people: a
                .people
                .iter()
                .map(|(n, r, s)| PersonRecord { name: n.clone(), role: r.clone(), line: line(*s) })
                .collect(),
        }),
        diagnostics: crate::diagnostics::collect(doc),
    }
}
