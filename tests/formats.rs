//! Word documents and web pages read as the text a reader sees (issue #9), and the inputs
//! that are refused: `.doc`, PDF, zip bombs, archives of too many entries.

use std::io::{Cursor, Write};
use vanban::formats::Format;
use vanban::{Error, Parser};
use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/><w:suff w:val="space"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%3)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"#;

/// A paragraph; `num` puts it in list 1 at that level.
fn p(text: &str, num: Option<u8>) -> String {
    let ppr = num.map_or(String::new(), |l| {
        format!(r#"<w:pPr><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="1"/></w:numPr></w:pPr>"#)
    });
    let text = escape(text);
    format!(r#"<w:p>{ppr}<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r></w:p>"#)
}

fn cell(lines: &[&str]) -> String {
    let ps: String = lines.iter().map(|l| p(l, None)).collect();
    format!(r#"<w:tc><w:tcPr><w:tcW w:w="4000" w:type="dxa"/></w:tcPr>{ps}</w:tc>"#)
}

fn document(body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}<w:sectPr/></w:body></w:document>"#
    )
}

fn docx(parts: &[(&str, &str)]) -> Vec<u8> {
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        z.start_file(*name, opts).unwrap();
        z.write_all(data.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

const LEFT: [&str; 3] = ["ỦY BAN NHÂN DÂN", "HUYỆN X", "Số: 85/KH-UBND"];
const RIGHT: [&str; 3] =
    ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "X, ngày 05 tháng 3 năm 2024"];

/// The body after the header: (text, list level).
const BODY: [(&str, Option<u8>); 14] = [
    ("KẾ HOẠCH", None),
    ("Tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2024", None),
    ("MỤC ĐÍCH, YÊU CẦU", Some(0)),
    ("Mục đích", Some(1)),
    ("Phát huy sức mạnh khối đại đoàn kết toàn dân tộc.", None),
    ("Yêu cầu", Some(1)),
    ("Tổ chức trang trọng, tiết kiệm, hiệu quả.", None),
    ("NỘI DUNG", Some(0)),
    ("Thời gian", Some(1)),
    ("Từ ngày 01/11/2024 đến ngày 18/11/2024.", None),
    ("Tổ chức thực hiện", Some(1)),
    ("Phòng Văn hóa và Thông tin chủ trì, phối hợp với các cơ quan liên quan.", None),
    ("TM. ỦY BAN NHÂN DÂN", None),
    ("CHỦ TỊCH", None),
];

fn plan_docx() -> Vec<u8> {
    let table = format!("<w:tbl><w:tblPr/><w:tr>{}{}</w:tr></w:tbl>", cell(&LEFT), cell(&RIGHT));
    let body: String = BODY.iter().map(|(t, n)| p(t, *n)).collect();
    let doc = document(&(table + &body + &p("Nguyễn Văn A", None)));
    docx(&[("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", &doc), ("word/numbering.xml", NUMBERING)])
}

/// The same plan as a text file, laid out as the converter lays it out.
fn plan_text() -> String {
    let labels = ["", "", "I. ", "1. ", "", "2. ", "", "II. ", "1. ", "", "2. ", "", "", ""];
    let mut s = format!("{}\n\n{}\n\n", LEFT.join("\n"), RIGHT.join("\n"));
    for ((t, _), l) in BODY.iter().zip(labels) {
        s += &format!("{l}{t}\n");
    }
    s + "Nguyễn Văn A\n"
}

#[test]
fn docx_plan_reads_as_its_text() {
    let parser = Parser::new();
    let doc = parser.parse_bytes_named(&plan_docx(), Some("plan.docx")).unwrap();
    assert_eq!(doc.format(), Format::Docx);
    assert_eq!(doc.source().original(), plan_text());
    let rec = doc.record();
    assert_eq!(rec.source.format, "docx");
    assert_eq!(rec.source.path.as_deref(), Some("plan.docx"));
    let txt = parser.parse_str(&plan_text()).unwrap().record();
    assert_eq!(txt.source.format, "text");
    assert_eq!(rec.header.issuer.name.as_deref(), Some("ỦY BAN NHÂN DÂN HUYỆN X"), "{:#?}", rec.header);
    assert_eq!(rec.header.number.as_ref().unwrap().text, "85/KH-UBND");
    assert_eq!(rec.header.date.as_ref().unwrap().iso.as_deref(), Some("2024-03-05"));
    assert_eq!(rec.kind, "official");
    let mut a = serde_json::to_value(&rec).unwrap();
    let mut b = serde_json::to_value(&txt).unwrap();
    for v in [&mut a, &mut b] {
        v.as_object_mut().unwrap().remove("source");
    }
    assert_eq!(a, b);
    let sections: Vec<String> = rec.sections.iter().map(|s| format!("{}", serde_json::to_value(s).unwrap())).collect();
    assert!(sections.iter().any(|s| s.contains("MỤC ĐÍCH")), "{sections:#?}");
}

#[test]
fn vntime_runs_are_decoded_as_tcvn3() {
    // "Cộng hòa xã hội" in TCVN3 bytes, stored as Word stores them: their cp1252 reading.
    let tcvn3: &[u8] = b"C\xE9ng h\xDFa x\xB7 h\xE9i ch\xF1 ngh\xDCa Vi\xD6t Nam";
    let cp1252: String = tcvn3.iter().map(|&b| cp1252_char(b)).collect();
    let run = |font: &str, t: &str| {
        format!(r#"<w:p><w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr><w:t>{t}</w:t></w:r></w:p>"#)
    };
    let body = run(".VnTime", &cp1252) + &run(".VnTimeH", "c\u{e9}ng ho\u{b5}") + &run("VNI-Times", "Coäng hoøa");
    let bytes = docx(&[("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", &document(&body))]);
    let doc = Parser::new().parse_bytes(&bytes).unwrap();
    assert_eq!(doc.source().original(), "Cộng hòa xã hội chủ nghĩa Việt Nam\nCỘNG HOÀ\nCộng hòa\n");
}

fn cp1252_char(b: u8) -> char {
    const HIGH: &str = "€\u{81}‚ƒ„…†‡ˆ‰Š‹Œ\u{8d}Ž\u{8f}\u{90}‘’“”•–—˜™š›œ\u{9d}žŸ";
    if (0x80..0xA0).contains(&b) { HIGH.chars().nth(usize::from(b - 0x80)).unwrap() } else { char::from(b) }
}

#[test]
fn zip_bombs_and_crowded_archives_are_refused() {
    // 80 MiB of zeros deflates to about 80 KiB; the part is refused while it is read.
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    z.start_file("word/document.xml", opts).unwrap();
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..80 {
        z.write_all(&zeros).unwrap();
    }
    let bomb = z.finish().unwrap().into_inner();
    assert!(bomb.len() < 1024 * 1024);
    let e = Parser::new().parse_bytes(&bomb).unwrap_err();
    assert!(matches!(e, Error::Malformed { format: "docx", .. }), "{e}");
    assert!(e.to_string().contains("limit"), "{e}");

    // Many small parts adding up past the total declared limit.
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let chunk = vec![b'a'; 8 * 1024 * 1024];
    for i in 0..40 {
        z.start_file(format!("word/media/{i}.bin"), opts).unwrap();
        z.write_all(&chunk).unwrap();
    }
    z.start_file("word/document.xml", opts).unwrap();
    z.write_all(document(&p("x", None)).as_bytes()).unwrap();
    let e = Parser::new().parse_bytes(&z.finish().unwrap().into_inner()).unwrap_err();
    assert!(e.to_string().contains("zip bomb"), "{e}");

    // Thousands of entries.
    let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("word/document.xml", stored).unwrap();
    z.write_all(document(&p("x", None)).as_bytes()).unwrap();
    for i in 0..10_001 {
        z.start_file(format!("e{i}"), stored).unwrap();
    }
    let e = Parser::new().parse_bytes(&z.finish().unwrap().into_inner()).unwrap_err();
    assert!(e.to_string().contains("10002 entries"), "{e}");
}

#[test]
fn deep_tables_and_doctype_entities_are_bounded() {
    let deep = "<w:tbl><w:tr><w:tc>".repeat(100) + &p("x", None) + &"</w:tc></w:tr></w:tbl>".repeat(100);
    let bytes = docx(&[("word/document.xml", &document(&deep))]);
    let e = Parser::new().parse_bytes(&bytes).unwrap_err();
    assert!(e.to_string().contains("nested"), "{e}");
    // Entities a DOCTYPE declares are not expanded.
    let xml = r#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;">]>
<w:document xmlns:w="w"><w:body><w:p><w:r><w:t>Số &b; &amp; &#272;</w:t></w:r></w:p></w:body></w:document>"#;
    let doc = Parser::new().parse_bytes(&docx(&[("word/document.xml", xml)])).unwrap();
    assert_eq!(doc.source().original(), "Số  & Đ\n");
}

#[test]
fn news_page_keeps_the_article_only() {
    let page = r#"<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Báo Lao động Thủ đô</title><style>p{}</style></head>
<body>
<nav class="menu"><ul><li><a href="/">Trang chủ</a></li><li><a>Thời sự</a></li><li><a>Công đoàn</a></li></ul></nav>
<div class="breadcrumb">Công đoàn &gt; Tin tức</div>
<article>
<h1>Công đoàn Thủ đô triển khai Kế hoạch chăm lo Tết cho đoàn viên</h1>
<p class="sapo">(LĐTĐ) Ngày 12/3, Liên đoàn Lao động thành phố Hà Nội tổ chức hội nghị triển khai Kế hoạch số 15/KH-LĐLĐ về chăm lo Tết cho đoàn viên, người lao động.</p>
<p>Theo kế hoạch, các cấp Công đoàn tập trung vào ba nhóm nhiệm vụ trọng tâm.</p>
<p>Thứ nhất, rà soát, nắm bắt tình hình đời sống, việc làm của đoàn viên, người lao động.</p>
<p>Thứ hai, tổ chức các hoạt động thăm hỏi, tặng quà cho đoàn viên có hoàn cảnh khó khăn.</p>
<p>Thứ ba, phối hợp với người sử dụng lao động bảo đảm tiền lương, tiền thưởng Tết.</p>
<div class="audio-player">Nghe bài viết</div>
<p><strong>Minh An</strong></p>
</article>
<aside><h3>Tin liên quan</h3><ul><li><a>Hội nghị Ban Chấp hành khóa mới</a></li></ul></aside>
<div class="comment-box">Bình luận của bạn</div>
<footer>Cơ quan chủ quản: Liên đoàn Lao động thành phố Hà Nội</footer>
</body></html>"#;
    let doc = Parser::new().parse_bytes_named(page.as_bytes(), Some("tin.html")).unwrap();
    assert_eq!(doc.format(), Format::Html);
    let text = doc.source().original();
    for gone in ["Trang chủ", "Tin liên quan", "Hội nghị Ban Chấp hành", "Bình luận", "Cơ quan chủ quản", "Nghe bài"]
    {
        assert!(!text.contains(gone), "{gone} in {text}");
    }
    let rec = doc.record();
    assert_eq!(rec.source.format, "html");
    assert_eq!(rec.kind, "news", "{text}");
    assert_eq!(
        rec.header.title.as_deref(),
        Some("Công đoàn Thủ đô triển khai Kế hoạch chăm lo Tết cho đoàn viên"),
        "{text}"
    );
    let json = serde_json::to_value(&rec.sections).unwrap();
    let ordinals: Vec<(&str, &str)> =
        json.as_array().unwrap().iter().map(|s| (s["kind"].as_str().unwrap(), s["label"].as_str().unwrap())).collect();
    assert_eq!(ordinals, [("ordinal", "nhất"), ("ordinal", "hai"), ("ordinal", "ba")], "{text}");
}

#[test]
fn doc_and_pdf_are_refused_with_a_converter_named() {
    let doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0rest of a Word 97 file";
    let e = Parser::new().parse_bytes(doc).unwrap_err();
    assert!(matches!(e, Error::Unsupported { .. }));
    assert!(e.to_string().contains("libreoffice --headless --convert-to docx"), "{e}");
    let e = Parser::new().parse_bytes(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj").unwrap_err();
    assert!(e.to_string().contains("pdftotext -layout"), "{e}");
    // Forcing a format reads the bytes as that format.
    let parser = Parser::builder().format(Some(Format::Text)).build();
    assert_eq!(parser.parse_bytes(b"<html><body><p>Hi</p></body></html>").unwrap().format(), Format::Text);
    let parser = Parser::builder().format(Some(Format::Html)).build();
    assert_eq!(parser.parse_bytes(b"<p>Xin</p><p>chao</p>").unwrap().source().original(), "Xin\nchao\n");
}

/// Escapes text for an HTML element body.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The seed as a newspaper would serve it: its headline line in `<h1>`, its other lines as
/// paragraphs of an `<article>`, between a menu, a column of related links and a footer.
fn as_news_page(text: &str, headline: Option<&str>) -> String {
    let mut page = String::from(
        "<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Báo</title>\
         <script>var x = 1;</script></head><body>\
         <nav><ul><li><a href=\"/\">Trang chủ</a></li><li><a>Thời sự</a></li></ul></nav>\
         <article>\n",
    );
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let tag = if headline.is_some_and(|h| line.starts_with(h)) { "h1" } else { "p" };
        page.push_str(&format!("<{tag}>{}</{tag}>\n", escape(line)));
    }
    page.push_str(
        "</article><aside><h3>Tin liên quan</h3><ul><li><a>Tin khác trong ngày</a></li></ul></aside>\
         <footer>Giấy phép hoạt động báo điện tử</footer></body></html>",
    );
    page
}

fn outline_labels(rec: &vanban::Record) -> Vec<(String, String)> {
    let json = serde_json::to_value(&rec.sections).unwrap();
    fn walk(v: &serde_json::Value, out: &mut Vec<(String, String)>) {
        for s in v.as_array().into_iter().flatten() {
            out.push((s["kind"].to_string(), s["label"].to_string()));
            walk(&s["children"], out);
        }
    }
    let mut out = Vec::new();
    walk(&json, &mut out);
    out
}

#[test]
fn news_seeds_served_as_web_pages_read_as_their_text() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let from_text = Parser::new().parse_str(&text).unwrap().record();
        if from_text.kind != "news" {
            continue;
        }
        seen += 1;
        let page = as_news_page(&text, from_text.header.title.as_deref());
        assert!(page.contains("<h1>"), "{}: headline on one line", path.display());
        let doc = Parser::new().parse_bytes_named(page.as_bytes(), Some("tin.html")).unwrap();
        assert_eq!(doc.format(), Format::Html);
        let from_html = doc.record();
        let name = path.display();
        for chrome in ["Trang chủ", "Tin liên quan", "Giấy phép", "var x"] {
            assert!(!doc.source().original().contains(chrome), "{name}: {chrome} kept");
        }
        assert_eq!(from_html.kind, from_text.kind, "{name}");
        assert_eq!(from_html.header.title, from_text.header.title, "{name}");
        assert_eq!(outline_labels(&from_html), outline_labels(&from_text), "{name}");
        assert!(!outline_labels(&from_text).is_empty() || from_text.header.title.is_some(), "{name}");
    }
    assert_eq!(seen, 3, "the three news seeds");
}

/// The TCVN3 byte of each character a `.VnTime` run can hold, read back from the decoder
/// (one byte per character; combining tones and control bytes left out).
fn tcvn3_encoder() -> std::collections::HashMap<char, u8> {
    let mut map = std::collections::HashMap::new();
    for b in 0x20..=0xFFu8 {
        let s = vanban::legacy::decode_tcvn3(&[b]);
        let mut chars = s.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            map.entry(c).or_insert(b);
        }
    }
    map
}

/// A corpus text laid out as Word keeps it: the header lines up to the date in a two-cell
/// table (issuer block | Quốc hiệu or Party name, place and date), `I.` and `1.` headings as
/// Word list numbering (only where their numbers run on as Word would count them), and the
/// first body paragraph that fits the font as a `.VnTime` run. Returns the document and the
/// text a converter gives for it.
fn text_as_docx(text: &str) -> (Vec<u8>, String) {
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let motto = lines
        .iter()
        .position(|l| l.starts_with("CỘNG HÒA") || l.starts_with("ĐẢNG CỘNG SẢN"))
        .expect("a Quốc hiệu or Party name");
    let date = motto + lines[motto..].iter().position(|l| l.contains(", ngày ")).expect("a date line");
    let (left, right) = (&lines[..motto], &lines[motto..=date]);
    let table = format!("<w:tbl><w:tblPr/><w:tr>{}{}</w:tr></w:tbl>", cell(left), cell(right));
    let mut expected = format!("{}\n\n{}\n\n", left.join("\n"), right.join("\n"));
    let encoder = tcvn3_encoder();
    let mut vntime_done = false;
    let (mut roman, mut decimal) = (0, 0);
    let mut body = String::new();
    for line in &lines[date + 1..] {
        let (label, rest) = line.split_once(". ").unwrap_or(("", line));
        if vanban::vocab::roman_value(label) == Some(roman + 1) {
            roman += 1;
            decimal = 0;
            body += &p(rest, Some(0));
        } else if label.parse::<u32>().ok() == Some(decimal + 1) && roman > 0 {
            decimal += 1;
            body += &p(rest, Some(1));
        } else if !vntime_done && line.chars().count() > 40 && line.chars().all(|c| encoder.contains_key(&c)) {
            vntime_done = true;
            let run: String = line.chars().map(|c| cp1252_char(encoder[&c])).collect();
            let run = escape(&run);
            body += &format!(
                r#"<w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr><w:t xml:space="preserve">{run}</w:t></w:r></w:p>"#
            );
        } else {
            body += &p(line, None);
        }
        expected += &format!("{line}\n");
    }
    assert!(vntime_done && roman > 0 && decimal > 0, "the layout uses every feature");
    let doc = document(&(table + &body));
    let bytes =
        docx(&[("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", &doc), ("word/numbering.xml", NUMBERING)]);
    (bytes, expected)
}

#[test]
fn party_document_and_two_signer_program_read_as_their_text() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/official");
    for name in ["nghi-quyet-dang.txt", "chuong-trinh-phoi-hop.txt"] {
        let text = std::fs::read_to_string(root.join(name)).unwrap();
        let (bytes, expected) = text_as_docx(&text);
        let parser = Parser::new();
        let doc = parser.parse_bytes_named(&bytes, Some("van-ban.docx")).unwrap();
        assert_eq!(doc.format(), Format::Docx);
        assert_eq!(doc.source().original(), expected, "{name}");
        let mut a = serde_json::to_value(doc.record()).unwrap();
        let mut b = serde_json::to_value(parser.parse_str(&expected).unwrap().record()).unwrap();
        for v in [&mut a, &mut b] {
            v.as_object_mut().unwrap().remove("source");
        }
        assert_eq!(a, b, "{name}");
        // The text version is the corpus document itself with its blank lines dropped: the
        // same fields, on other line numbers.
        let mut corpus = serde_json::to_value(parser.parse_str(&text).unwrap().record()).unwrap();
        without_lines(&mut a);
        without_lines(&mut corpus);
        for field in ["kind", "header", "signatures", "recipients"] {
            assert_eq!(a[field], corpus[field], "{name}: {field}");
        }
    }
}

fn without_lines(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.retain(|k, _| !k.ends_with("line") && k != "span" && k != "lines");
            map.values_mut().for_each(without_lines);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(without_lines),
        _ => {}
    }
}

#[test]
fn deeply_nested_pages_are_refused() {
    let page = "<html><body>".to_string() + &"<div>".repeat(100_000) + "Số 1";
    let e = Parser::new().parse_bytes(page.as_bytes()).unwrap_err();
    assert!(matches!(e, Error::Malformed { format: "html", .. }), "{e}");
    assert!(e.to_string().contains("nested"), "{e}");
}
