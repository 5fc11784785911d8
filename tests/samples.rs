//! The user's two official samples, field by field, and every document of the shared
//! development set parsed without failure (read in place from `../shared`).

mod common;

use std::path::Path;

#[test]
fn lai_chau_plan_header() {
    let r = common::record_of(Path::new("corpus/seeds/004_965ccc07f17a42d3.txt"));
    assert_eq!(r.kind, "official");
    let h = &r.header;
    let n = h.number.as_ref().unwrap();
    assert_eq!(n.text, "470/KH-LĐLĐ");
    assert_eq!(
        (n.seq, n.year, n.type_code.as_deref(), n.issuer_code.as_deref()),
        (Some(470), None, Some("KH"), Some("LĐLĐ"))
    );
    assert_eq!(n.line, 6);
    assert_eq!(h.date.as_ref().unwrap().iso.as_deref(), Some("2023-08-23"));
    assert_eq!(h.place.as_deref(), Some("Lai Châu"));
    assert_eq!(h.issuer.name.as_deref(), Some("LIÊN ĐOÀN LAO ĐỘNG TỈNH LAI CHÂU"));
    assert_eq!(h.issuer.parent.as_deref(), Some("TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM"));
    let t = h.doc_type.as_ref().unwrap();
    assert_eq!((t.text.as_str(), t.code.as_deref()), ("KẾ HOẠCH", Some("KH")));
    assert_eq!(
        h.title.as_deref(),
        Some(
            "Triển khai thực hiện Kế hoạch số 349/KH-TLĐ, ngày 15/8/2023 của Tổng Liên đoàn Lao động Việt Nam về thực hiện \
             Chỉ thị số 21-CT/TW, ngày 04/5/2023 của Ban Bí thư về tiếp tục đổi mới, phát triển và nâng cao chất lượng giáo dục \
             nghề nghiệp đến năm 2030, tầm nhìn đến năm 2045"
        )
    );
    // The missing `II` is reported where `III` stands.
    let gap = r.diagnostics.iter().find(|d| d.code == "VB201").expect("a gap finding");
    assert!(gap.message.contains("`II` is missing"));
    assert_eq!(gap.line, Some(38));
}

#[test]
fn ben_tre_program_has_no_number_of_its_own() {
    let r = common::record_of(Path::new("corpus/seeds/001_cc5f5593ec550da5.txt"));
    assert_eq!(r.kind, "official");
    let h = &r.header;
    assert!(h.number.is_none(), "`Số: 11.28` is the received stamp's");
    let stamp = h.received.as_ref().unwrap();
    assert_eq!((stamp.number.as_deref(), stamp.date.as_deref()), (Some("11.28"), Some("18/5")));
    assert_eq!(h.doc_type.as_ref().unwrap().text, "CHƯƠNG TRÌNH");
    assert_eq!(
        h.title.as_deref(),
        Some(
            "Phối hợp hoạt động giữa Liên đoàn Lao động tỉnh với Sở Giáo dục và Đào tạo về nâng cao trình độ học vấn, \
             kỹ năng nghề nghiệp của công nhân, viên chức, lao động giai đoạn 2015-2020"
        )
    );
    assert!(r.diagnostics.iter().any(|d| d.code == "VB101" && d.message.contains("received stamp")));
    let names: Vec<Option<&str>> = r.signatories.iter().map(|s| s.name.as_deref()).collect();
    assert_eq!(names, [None, Some("Lê Văn Quyền")]);
}

#[test]
fn development_set_parses() {
    let Some(shared) = common::shared() else { return };
    let docs = shared.join("eval/dev/docs");
    let mut n = 0;
    for e in std::fs::read_dir(&docs).unwrap() {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        let rec = vanban::Parser::new().parse_bytes(&bytes).unwrap().record();
        assert!(rec.kind == "official" || rec.kind == "news", "{}: {}", p.display(), rec.kind);
        n += 1;
    }
    assert!(n >= 17, "the development set has its documents");
}
