//! The rules of `vanban check`, as data: one [`Rule`] per code, in [`RULES`].
//!
//! A rule has a stable code (`VB` + three digits, grouped by stage: `0xx` decoding, `1xx`
//! header, `2xx` numbering, `3xx` plans, `4xx` signatures and recipients, `5xx` citations,
//! `9xx` suppression comments), a kebab-case name that names the problem (so it reads as
//! "allow numbering-gap"), a default [`Severity`], the [`Ruleset`] it comes from and a
//! one-paragraph explanation (what, why it matters, an example) that `vanban rule` prints.
//!
//! Codes are never reused: a retired code stays out of the table for good (`VB106`, the
//! header's doubt about a number, was folded into `VB102`).
//!
//! ```
//! use vanban::check::rules::{self, Severity};
//! let r = rules::by_code("VB201").unwrap();
//! assert_eq!((r.name, r.severity), ("numbering-gap", Severity::Warning));
//! assert_eq!(rules::find("numbering-gap").unwrap().code, "VB201");
//! ```

use serde::Serialize;

/// How serious a finding is. `Info` findings never fail a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A note: worth reading, never a failure.
    Info,
    /// A departure from the format that should be fixed before the document is issued.
    Warning,
    /// A fact that cannot be right (an impossible date, a law number of the wrong term).
    Error,
}

impl Severity {
    /// `info`, `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Reads `info`, `warning` or `error`.
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }

    /// One step less serious (`Info` stays `Info`): for findings about a part of the
    /// document the parser only guessed.
    pub fn lowered(self) -> Severity {
        match self {
            Severity::Error => Severity::Warning,
            _ => Severity::Info,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a rule comes from, which also says which documents it runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Ruleset {
    /// `core`: every text vanban reads, official or news — decoding, the numbering of the
    /// outline, announced counts, cited numbers, suppression comments.
    #[serde(rename = "core")]
    Core,
    /// `nd30-2020`: the format of Nghị định 30/2020/NĐ-CP for official documents. Rules on
    /// components every document has (number, date, issuer, signature, recipients) run on
    /// Party documents too; rules on the *form* of a component (Quốc hiệu, number and date
    /// forms, authority markers) run on state documents only.
    #[serde(rename = "nd30-2020")]
    Nd30,
    /// `party`: the forms of Party documents (Hướng dẫn 36-HD/VPTW) and of the Youth Union
    /// documents written in the same style: `ĐẢNG CỘNG SẢN VIỆT NAM`, `Số 15-NQ/TU`, `T/M`.
    #[serde(rename = "party")]
    Party,
}

impl Ruleset {
    /// Every ruleset.
    pub const ALL: [Ruleset; 3] = [Ruleset::Core, Ruleset::Nd30, Ruleset::Party];

    /// `core`, `nd30-2020` or `party`.
    pub fn as_str(self) -> &'static str {
        match self {
            Ruleset::Core => "core",
            Ruleset::Nd30 => "nd30-2020",
            Ruleset::Party => "party",
        }
    }
}

impl std::fmt::Display for Ruleset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable code, `VB` + three digits.
    pub code: &'static str,
    /// Kebab-case name of the problem.
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// The ruleset it belongs to.
    pub ruleset: Ruleset,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// One paragraph: what, why it matters, an example.
    pub explanation: &'static str,
}

const fn rule(
    code: &'static str,
    name: &'static str,
    severity: Severity,
    ruleset: Ruleset,
    summary: &'static str,
    explanation: &'static str,
) -> Rule {
    Rule { code, name, severity, ruleset, summary, explanation }
}

use Ruleset::{Core, Nd30, Party};
use Severity::{Error, Info, Warning};

/// Every rule, in code order.
pub static RULES: &[Rule] = &[
    rule(
        "VB001",
        "invalid-byte-sequence",
        Warning,
        Core,
        "bytes that are not valid in the file's encoding were replaced",
        "Some bytes of the file are not valid in the encoding it was read in (UTF-8 unless another was detected or \
         given), and vanban replaced each run of them with U+FFFD (`�`). The characters there are lost: a name, \
         number or date on that line may read wrong in the record and in the document. Example: a UTF-8 file with a \
         stray Windows-1258 byte inside `Quyết định`. Re-save the file as UTF-8 from the original, or name the right \
         encoding with `--encoding`.",
    ),
    rule(
        "VB002",
        "binary-input",
        Error,
        Core,
        "the input looks like binary data, not a text document",
        "The input looks like binary data (an image, a `.doc` or `.pdf` file, an archive) rather than text. vanban \
         reads text, so the record and the other findings are only a best effort. Example: `quyet-dinh.pdf` given \
         as it is. Export the document to plain text (UTF-8) first, for example with Save As → Plain Text.",
    ),
    rule(
        "VB003",
        "lossy-character",
        Info,
        Core,
        "a character the file's legacy encoding cannot carry for sure",
        "The file is in TCVN3 (ABC), which has no codes for the toned capital letters: a `.VnTimeH` font draws the \
         lower-case code as a capital. vanban restores the capitals it can decide from the words around them and \
         lists here the ones it could not. Example: `ủy ban` at the start of a line that may have been `Ủy ban`. \
         Check these characters against the printed document, or convert the file to UTF-8 with a tool that knows \
         the font.",
    ),
    rule(
        "VB004",
        "low-encoding-confidence",
        Warning,
        Core,
        "the encoding was detected with low confidence",
        "The encoding was detected with low confidence: the bytes read almost equally well in two encodings (VNI \
         and Windows-1258, say), or there is too little text to judge. If the text is read in the wrong one, every \
         accented letter is wrong and so is every other finding. Example: a three-line note saved from an old \
         editor. Name the encoding with `--encoding tcvn3` (or `vni`, `cp1258`, …), or re-save the file as UTF-8.",
    ),
    rule(
        "VB101",
        "missing-document-number",
        Warning,
        Nd30,
        "the document has no số ký hiệu of its own",
        "The document has no số ký hiệu of its own (ô số 3 of Nghị định 30/2020/NĐ-CP, Điều 8): no `Số: …` line \
         under the issuing body. Every issued document carries one; archives and e-office systems file and cite it \
         by number. A received stamp (`ĐẾN Số: 11.28 Ngày: 18/5`) holds the receiving office's register number, not \
         the document's, and is never taken for it. Example: a program that starts with the stamp and `CHƯƠNG \
         TRÌNH` but has no `Số: 12/CTr-LĐLĐ`.",
    ),
    rule(
        "VB102",
        "malformed-document-number",
        Warning,
        Nd30,
        "the số ký hiệu does not have the official shape",
        "The số ký hiệu does not have the shape Nghị định 30/2020/NĐ-CP, Phụ lục I, II.3 gives it: the number, `/`, \
         the type abbreviation, `-` and the issuer's abbreviation (`15/QĐ-BNV`), or for a công văn the issuer's and \
         the drafting unit's abbreviations (`12/UBND-VX`), with no spaces. A malformed number cannot be filed or \
         cited reliably. Examples: `Số: 15 / QĐ - BNV` (spaces), `Số: QĐ15-BNV`, or a state document numbered in \
         the Party style `21-CT/UBND`.",
    ),
    rule(
        "VB103",
        "unknown-type-code",
        Warning,
        Nd30,
        "the type abbreviation of the number is in no known table",
        "The type abbreviation in the số ký hiệu is neither in the table of Nghị định 30/2020/NĐ-CP, Phụ lục III \
         (`QĐ`, `KH`, `BC`, `TB`, `CTr`, …) nor a known older or compound code (`CTrPH`, `QĐi`, …). It is usually a \
         typo, and a code outside the table makes the document hard to classify. Example: `Số: 12/KHH-UBND` for a \
         Kế hoạch, whose code is `KH`.",
    ),
    rule(
        "VB104",
        "type-code-mismatch",
        Warning,
        Nd30,
        "the type abbreviation of the number is for another type than the tên loại",
        "The type abbreviation in the số ký hiệu belongs to another type than the tên loại printed above the trích \
         yếu; it must be the abbreviation of the document's own type (Phụ lục III). It is often left over from the \
         template the document was written from. Example: a `KẾ HOẠCH` numbered `Số: 15/TB-UBND` (`TB` is Thông \
         báo).",
    ),
    rule(
        "VB105",
        "number-without-sequence",
        Info,
        Nd30,
        "the số ký hiệu has a blank where the number goes",
        "The số ký hiệu has no sequence number, only its ký hiệu: `Số:      /TB-UBND`. This is how a draft is \
         written (the văn thư gives the number when the document is issued) and is wrong in an issued document. \
         Example: a Thông báo marked `DỰ THẢO`.",
    ),
    rule(
        "VB107",
        "number-without-leading-zero",
        Warning,
        Nd30,
        "a number below 10 is written without its leading zero",
        "Numbers below 10 are written with a leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục I, II.3: `Số: \
         05/BNV-VP`), so that the year's numbers sort and compare alike in the register. Example: `Số: 5/KH-UBND` \
         should be `Số: 05/KH-UBND`.",
    ),
    rule(
        "VB108",
        "number-year-differs-from-date",
        Warning,
        Nd30,
        "the year in a legal-normative number is not the year of the date",
        "A legal-normative number carries the year of issue (`27/2024/QĐ-UBND`), and here that year differs from \
         the year of the ngày ban hành. One of the two is wrong, most often a number copied from last year's \
         document. Example: `Số: 27/2023/QĐ-UBND` dated `ngày 14 tháng 6 năm 2024`.",
    ),
    rule(
        "VB110",
        "missing-date",
        Warning,
        Nd30,
        "no place and date of issue was found",
        "No place and date of issue (ô số 4: `Hà Nội, ngày 05 tháng 01 năm 2020`) was found in the header. The \
         date decides when the document was issued and where it stands among the year's documents. Example: a \
         header with the Quốc hiệu and the number but no date line.",
    ),
    rule(
        "VB111",
        "impossible-date",
        Error,
        Nd30,
        "the date of issue does not exist in the calendar",
        "The date of issue does not exist in the calendar: a 31st in a 30-day month, a 29 February outside a leap \
         year, a month 13. Example: `Hà Nội, ngày 30 tháng 02 năm 2024`.",
    ),
    rule(
        "VB112",
        "incomplete-date",
        Info,
        Nd30,
        "the date of issue is printed with blanks",
        "The date of issue is printed with blanks (`ngày      tháng      năm 2025`). This is normal in a draft, \
         where the date is written when the document is signed, and wrong in an issued document. Only what is \
         printed is kept in the record. Example: the date line of a draft marked `DỰ THẢO`.",
    ),
    rule(
        "VB113",
        "nonstandard-date-format",
        Warning,
        Nd30,
        "the date of issue is not written `ngày DD tháng M năm YYYY`",
        "The date of issue is not written the way Nghị định 30/2020/NĐ-CP, Phụ lục I, II.4 asks: `ngày DD tháng M \
         năm YYYY`, in words with Arabic digits. Numeric forms such as `04/5/2023` belong in the body, not in ô số \
         4. Example: `Hà Nội, ngày 04/5/2023` should be `Hà Nội, ngày 04 tháng 5 năm 2023`.",
    ),
    rule(
        "VB114",
        "wrong-leading-zero-in-date",
        Warning,
        Nd30,
        "a leading zero is missing from the day or month of issue, or is one too many",
        "Days below 10 and the months 1 and 2 take a leading zero; the months 3 to 12 do not (Nghị định \
         30/2020/NĐ-CP, Phụ lục I, II.4: `ngày 05 tháng 01 năm 2020`, `ngày 29 tháng 6 năm 2019`). The zero before \
         January and February keeps a `1` or `2` from being turned into `11` or `12` by hand. Example: `ngày 5 \
         tháng 03 năm 2024` should be `ngày 05 tháng 3 năm 2024`.",
    ),
    rule(
        "VB115",
        "missing-place-name",
        Warning,
        Nd30,
        "the date of issue has no place name before it",
        "The date of issue has no địa danh before it. Nghị định 30/2020/NĐ-CP, Phụ lục I, II.4 writes both: central \
         bodies write the province or city where they sit, local bodies their own administrative unit. Example: \
         `ngày 05 tháng 3 năm 2024` alone should be `Bắc Ninh, ngày 05 tháng 3 năm 2024`.",
    ),
    rule(
        "VB120",
        "missing-issuer",
        Warning,
        Nd30,
        "no issuing body was found above the number",
        "No issuing body (tên cơ quan, tổ chức ban hành, ô số 2) was found above the số ký hiệu. The issuer says \
         who answers for the document and, with the number, identifies it. Example: a header that starts with `Số: \
         12/KH-UBND` and has no `ỦY BAN NHÂN DÂN …` line above it.",
    ),
    rule(
        "VB121",
        "missing-document-type",
        Warning,
        Nd30,
        "neither a tên loại nor a công văn's `V/v` was found",
        "Neither a tên loại (`KẾ HOẠCH`, `QUYẾT ĐỊNH`, …, ô số 5a) nor a công văn's `V/v …` trích yếu (ô số 5b) was \
         found in the header, so a reader cannot tell what kind of document this is. Example: a header whose date \
         line is followed directly by the body.",
    ),
    rule(
        "VB122",
        "missing-title",
        Warning,
        Nd30,
        "the tên loại is not followed by a trích yếu",
        "The tên loại is not followed by a trích yếu, the line that says what the document is about (ô số 5a). The \
         trích yếu is how the document is listed, searched and cited. Example: `KẾ HOẠCH` followed directly by `I. \
         MỤC ĐÍCH, YÊU CẦU`.",
    ),
    rule(
        "VB123",
        "missing-parent-body",
        Warning,
        Nd30,
        "a department issues the document without its parent body above it",
        "The issuing body is a department of a People's Committee (a Sở, Phòng or Chi cục) but no parent body (cơ \
         quan chủ quản) is printed above it. Nghị định 30/2020/NĐ-CP, Điều 8 and Phụ lục I print the direct \
         parent's name above the issuer's. Example: a header with `SỞ Y TẾ` alone instead of `ỦY BAN NHÂN DÂN TỈNH \
         BẮC NINH` / `SỞ Y TẾ`.",
    ),
    rule(
        "VB130",
        "missing-national-name",
        Warning,
        Nd30,
        "a state document without the Quốc hiệu",
        "A state document opens, on the right of the header, with the Quốc hiệu `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT \
         NAM` and, under it, the Tiêu ngữ `Độc lập - Tự do - Hạnh phúc` (ô số 1). Here the Quốc hiệu is missing, \
         often the sign of a header lost in conversion. Party documents (`ĐẢNG CỘNG SẢN VIỆT NAM`) and Youth Union \
         documents print their own header in its place and are not checked by this rule. Example: a Kế hoạch of a \
         UBND huyện with a number and a date but no Quốc hiệu.",
    ),
    rule(
        "VB131",
        "malformed-national-name",
        Warning,
        Nd30,
        "the Quốc hiệu is not `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` in capitals",
        "The Quốc hiệu is not printed as `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`, in capitals (the spelling `CỘNG HOÀ` \
         is equally official). Examples: `CỘNG HÒA XÃ HỘI CHỦ NGHĨA` without `VIỆT NAM`, or `Cộng hòa xã hội chủ \
         nghĩa Việt Nam` in lower case.",
    ),
    rule(
        "VB132",
        "missing-motto",
        Warning,
        Nd30,
        "the Quốc hiệu is not followed by the Tiêu ngữ",
        "The Quốc hiệu is not followed by the Tiêu ngữ `Độc lập - Tự do - Hạnh phúc` (ô số 1 of Nghị định \
         30/2020/NĐ-CP). Example: `CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM` followed directly by the date line.",
    ),
    rule(
        "VB133",
        "malformed-motto",
        Warning,
        Nd30,
        "the Tiêu ngữ is not `Độc lập - Tự do - Hạnh phúc`",
        "The Tiêu ngữ is not printed as `Độc lập - Tự do - Hạnh phúc`: a capital only at the start of each phrase, \
         the phrases joined by hyphens with a space on each side (Nghị định 30/2020/NĐ-CP, Phụ lục I). Example: \
         `Độc Lập – Tự Do – Hạnh Phúc`.",
    ),
    rule(
        "VB140",
        "missing-party-header",
        Warning,
        Party,
        "a Party-style number under a header with no Party (or Đoàn) name",
        "The number is written in the Party style (`15-NQ/TU`: number, hyphen, type, slash, issuer), but the header \
         has neither `ĐẢNG CỘNG SẢN VIỆT NAM` (or the Youth Union's `ĐOÀN TNCS HỒ CHÍ MINH`) nor the state's Quốc \
         hiệu. Party documents print the Party's name where state documents print the Quốc hiệu (Hướng dẫn \
         36-HD/VPTW). Example: `BAN THƯỜNG VỤ TỈNH ỦY` / `Số 15-NQ/TU` with no `ĐẢNG CỘNG SẢN VIỆT NAM`.",
    ),
    rule(
        "VB141",
        "malformed-party-number",
        Warning,
        Party,
        "a Party or Youth Union document numbered in the state form",
        "A Party or Youth Union document numbers itself `số-LOẠI/CƠ QUAN` (`Số 21-CT/TW`, `Số: 86-KH/ĐTN`): a \
         hyphen between the number and the type, a slash before the issuer. The form `21/CT-TW` is the state's. \
         Example: `Số 15/NQ-TU` under `ĐẢNG CỘNG SẢN VIỆT NAM` should be `Số 15-NQ/TU`.",
    ),
    rule(
        "VB142",
        "nonstandard-party-authority-marker",
        Warning,
        Party,
        "a Party document signed with a state authority marker",
        "Party documents mark the signer's authority with `T/M` (thay mặt), `K/T` (ký thay) or `T/L` (thừa lệnh), \
         not with the state forms `TM.`, `KT.`, `TL.`. Example: `TM. BAN THƯỜNG VỤ` in a resolution under `ĐẢNG \
         CỘNG SẢN VIỆT NAM` should be `T/M BAN THƯỜNG VỤ`.",
    ),
    rule(
        "VB201",
        "numbering-gap",
        Warning,
        Core,
        "a numbered heading or item skips a value",
        "A numbered heading or item skips a value: `III.` follows `I.`, or `4.` follows `2.`. Either an item was \
         deleted without renumbering the rest or a part of the text is missing, and references such as `mục II` \
         then point to the wrong place. Example: `I. MỤC ĐÍCH, YÊU CẦU` followed by `III. NHIỆM VỤ VÀ GIẢI PHÁP`.",
    ),
    rule(
        "VB202",
        "duplicate-number",
        Warning,
        Core,
        "two sibling headings or items carry the same number",
        "Two sibling headings or items carry the same number, so a reference to `khoản 2` or `mục II` is ambiguous. \
         Usually an item was inserted without renumbering the ones after it. Example: `1. …`, `2. …`, `2. …`.",
    ),
    rule(
        "VB203",
        "numbering-starts-late",
        Warning,
        Core,
        "a list of headings starts at a later value than the first",
        "A list of headings starts at a later value than the first: `II.` with no `I.` before it, or `Điều 2` as \
         the first article. Usually the first part was cut when the text was copied. Example: a body whose first \
         heading is `II. NỘI DUNG`.",
    ),
    rule(
        "VB204",
        "enumeration-starts-late",
        Info,
        Core,
        "a `Một là` / `Thứ nhất` enumeration starts at a later item",
        "A `Một là …` / `Thứ nhất …` enumeration starts at a later item. Its first item is probably inline, in the \
         sentence that introduces the list (`Cụ thể: Một là, …`), where it does not start a line; check that it is \
         there. Example: `Cụ thể: Một là, tổ chức …` followed by paragraphs `Hai là, …`, `Ba là, …`.",
    ),
    rule(
        "VB205",
        "numbering-out-of-order",
        Warning,
        Core,
        "a heading or item goes back to a lower number",
        "A heading or item goes back to a lower value than the one before it (`3.` after `5.`) without a new parent \
         heading in between. Usually a paragraph was moved without renumbering. Example: `4. …`, `5. …`, `3. …`.",
    ),
    rule(
        "VB206",
        "single-item-list",
        Info,
        Core,
        "a list with a single numbered item",
        "A list has a single numbered item: `a)` with no `b)`, or `1.` with no `2.`. A list of one needs no number, \
         or its other items are missing. Example: `4. Tổ chức thực hiện` whose only point is `a) …`.",
    ),
    rule(
        "VB300",
        "announced-count-verified",
        Info,
        Core,
        "the announced number of contents matches the enumeration",
        "The text announces how many contents, tasks or activities follow (`9 nội dung phối hợp`) and the \
         enumeration that follows has that many. This note records that the count was checked; it never fails a \
         check. Example: `với 6 nội dung phối hợp` followed by items `1.` to `6.`.",
    ),
    rule(
        "VB301",
        "announced-count-mismatch",
        Warning,
        Core,
        "the announced number of contents differs from the enumeration",
        "The text announces a number of contents, tasks or activities (`với 6 nội dung phối hợp`) but the \
         enumeration that follows reaches another count: one of them was edited without the other. When the items \
         are numbered headings rather than `Một là …` paragraphs, which list is meant is a guess and the finding is \
         an info. Example: `10 nhóm hoạt động trọng tâm` followed by `Một là` … `Chín là`.",
    ),
    rule(
        "VB401",
        "missing-signature-block",
        Warning,
        Nd30,
        "no signature block was found",
        "No signature block (ô số 7: the authority, the position and the signer's name, as in `TM. ỦY BAN NHÂN DÂN` \
         / `CHỦ TỊCH` / `Nguyễn Văn A`) was found after the body. A document without it has no one answering for \
         it. Example: a body that ends with `Nơi nhận:` and its list.",
    ),
    rule(
        "VB402",
        "signature-without-name",
        Warning,
        Nd30,
        "a signature block has no signer's name",
        "A signature block has no signer's name under the position. The name (họ tên, ô số 7b) is required: \
         without it the block names a post, not a person. In a draft (`DỰ THẢO`) the name is written on signing, \
         and for a block the parser found without an authority marker the block itself is a guess; in both cases \
         the finding is lowered to info. Example: `KT. CHỦ TỊCH` / `PHÓ CHỦ TỊCH` with nothing after it.",
    ),
    rule(
        "VB403",
        "nonstandard-authority-marker",
        Warning,
        Nd30,
        "the signing authority is not marked `TM.`, `KT.`, `TL.`, `TUQ.` or `Q.`",
        "The signing authority is marked with something other than the forms of Nghị định 30/2020/NĐ-CP, Phụ lục \
         I, II.7.b: `TM.` (thay mặt), `KT.` (ký thay), `TL.` (thừa lệnh), `TUQ.` (thừa ủy quyền) and `Q.` (quyền), \
         in capitals with a full stop. Examples: `TM ỦY BAN NHÂN DÂN` (no full stop), `T/M ỦY BAN NHÂN DÂN` (the \
         Party form), `K.T CHỦ TỊCH`.",
    ),
    rule(
        "VB404",
        "signature-without-position",
        Warning,
        Nd30,
        "a signature block has no position before the name",
        "A signature block has an authority or a body but no position (chức vụ, ô số 7a) before the name, as in \
         `TM. ỦY BAN NHÂN DÂN` / `Nguyễn Văn A` without `CHỦ TỊCH`. The position states in what capacity the \
         signer signs. Example: `TM. BAN THƯỜNG VỤ` followed directly by the name.",
    ),
    rule(
        "VB410",
        "missing-recipients",
        Warning,
        Nd30,
        "no `Nơi nhận:` list was found",
        "No `Nơi nhận:` list (ô số 9b) was found. Every document lists where it is sent and ends the list with the \
         archive line `Lưu: VT, …`. Example: a signature block with no `Nơi nhận:` before or after it.",
    ),
    rule(
        "VB411",
        "missing-archive-line",
        Warning,
        Nd30,
        "the `Nơi nhận:` list has no `Lưu: …` line",
        "The `Nơi nhận:` list does not end with the archive line `Lưu: VT, <drafting unit> (n).` (Nghị định \
         30/2020/NĐ-CP, Phụ lục I, II.9), which records that the original is kept by the văn thư and the drafting \
         unit. Example: a list whose last item is `- UBND các xã, thị trấn.`",
    ),
    rule(
        "VB501",
        "malformed-citation-number",
        Warning,
        Core,
        "a cited number lacks the year (or term) its type requires",
        "A cited document's number does not have the shape of its type: decrees and circulars are legal-normative \
         and carry their year (`15/2019/NĐ-CP`, `01/2011/TT-BNV`), laws carry the year and the National Assembly's \
         term (`74/2014/QH13`). A number without them cannot be looked up. Example: `Nghị định số 140/NĐ-CP` should \
         read `Nghị định số 140/2018/NĐ-CP`.",
    ),
    rule(
        "VB502",
        "law-number-term-mismatch",
        Error,
        Core,
        "a law number whose `QH` term does not cover its year",
        "A law or National Assembly resolution number ends with the term of the National Assembly that passed it \
         (`QH13`), and that term must cover the year in the number: QH13 2011–2016, QH14 2016–2021, QH15 \
         2021–2026, QH16 from 2026. A mismatch is a common typo in căn cứ lines and points to another law or to \
         none. Example: `Bộ luật Lao động số 45/2019/QH13` should be `45/2019/QH14`.",
    ),
    rule(
        "VB900",
        "invalid-suppression",
        Warning,
        Core,
        "a `vanban: ignore` comment names no known rule",
        "A `<!-- vanban: ignore … -->` comment names something that is not a rule code, a code prefix, a rule name \
         or a ruleset, so it suppresses nothing. Example: `<!-- vanban: ignore VB2O1 -->`, with the letter O for a \
         zero.",
    ),
    rule(
        "VB901",
        "unused-suppression",
        Info,
        Core,
        "a `vanban: ignore` comment suppressed no finding",
        "A `<!-- vanban: ignore … -->` comment suppressed no finding: the problem it was written for is gone, or \
         the comment is neither on the finding's line nor on the line just above it. Remove it, so that it does \
         not hide a later finding. Example: `<!-- vanban: ignore VB201 -->` above a list numbered `1.`, `2.`, `3.`.",
    ),
];

/// The rule with this code (`VB201`).
pub fn by_code(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The rule with this code or name (`VB201` or `numbering-gap`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    by_code(code_or_name).or_else(|| RULES.iter().find(|r| r.name == code_or_name))
}

/// The rule table as Markdown, as the README carries it between its markers.
pub fn markdown_table() -> String {
    let mut s = String::from("| code | name | severity | ruleset | finds |\n| --- | --- | --- | --- | --- |\n");
    for r in RULES {
        s.push_str(&format!(
            "| `{}` | `{}` | {} | `{}` | {} |\n",
            r.code,
            r.name,
            r.severity,
            r.ruleset,
            r.summary.replace('|', "\\|")
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_well_formed_unique_and_sorted() {
        let mut prev = "";
        for r in RULES {
            assert!(r.code.len() == 5 && r.code.starts_with("VB") && r.code[2..].bytes().all(|b| b.is_ascii_digit()));
            assert!(r.code > prev, "{} after {prev}: keep the table in code order", r.code);
            prev = r.code;
            assert!(r.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{} is kebab-case", r.name);
            assert!(!r.name.starts_with("no-") && !r.name.starts_with("disallow"), "{} names the problem", r.name);
            assert_eq!(RULES.iter().filter(|o| o.name == r.name).count(), 1, "{} is unique", r.name);
            assert!(r.explanation.contains("Example"), "{} has an example", r.code);
        }
    }
}
