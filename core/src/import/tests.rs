use super::*;
use crate::registers::validate::ProblemKind;
use time::macros::date;

const AS_OF: time::Date = date!(2023 - 08 - 23);

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../examples/data/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn bundled_samples_import() {
    let items = items(&sample("items.csv"), "2017-80").unwrap();
    assert_eq!(items.items().len(), 6);
    let i2 = items.get("HA-GAT-002").unwrap();
    assert_eq!(
        i2.frequency.tiers.len(),
        2,
        "tiered frequency of 娱乐场所监督检查"
    );
    assert_eq!(i2.ratio_cap().map(|r| r.0), Some(500));
    let t = targets(&sample("targets.csv"), AS_OF).unwrap();
    assert_eq!(t.targets().len(), 10_000);
    let p = inspectors(&sample("inspectors.csv"), AS_OF).unwrap();
    assert_eq!(p.inspectors().len(), 72);
}

/// The 附件1 template as published: a title row, "填报部门", headers with stray spaces
/// and line breaks, blank numbered rows, and the "填表人：" footer.
const TEMPLATE_ITEMS: &str = "省公安厅“双随机、一公开”监管事项随机抽查清单（样例）,,,,,,,,,,,\n\
填报部门：（盖章）,,,,,,,,,,,\n\
序号,事项编码,部 门,\"抽 查\n事 项\",检 查对 象,检查内容,事 项类 别,检查方式,检查部门实施层级,检查依据,抽查比例,抽查频次,备 注\n\
1,SC-001,省市场监督管理局,年度报告公示信息的检查,企业、个体工商户、农民专业合作社,年度报告、即时公示信息是否真实,一般检查事项,现场检查、书面检查、网络检查、专业机构检查,省、市、县市场监管部门,《企业信息公示暂行条例》第三条、第八条,3%,1次/年,\n\
2,,,,,,,,,,,,\n\
3,,,,,,,,,,,,\n\
填表人：,,,,,,,,,,,\n";

#[test]
fn template_quirks_are_tolerated() {
    let list = items(TEMPLATE_ITEMS.as_bytes(), "v1").unwrap();
    assert_eq!(list.items().len(), 1);
    assert_eq!(
        list.items()[0].target_scope,
        vec!["企业", "个体工商户", "农民专业合作社"]
    );
}

#[test]
fn gb18030_csv_imports() {
    let (gbk, _, _) = encoding_rs::GB18030.encode(TEMPLATE_ITEMS);
    assert!(
        std::str::from_utf8(&gbk).is_err(),
        "the fixture must really be GB18030"
    );
    assert_eq!(
        items(&gbk, "v1").unwrap(),
        items(TEMPLATE_ITEMS.as_bytes(), "v1").unwrap()
    );
}

#[test]
fn several_bad_rows_all_reported_with_rows_and_nothing_returned() {
    let csv = "序号,统一社会信用代码,企业名称,成立日期,住所,行政区划代码,行业,对象类型,信用类别,风险等级,所属部门,状态\n\
1,91350100M000100Y43,甲公司,2015-01-01,郑州,410105,R9011,企业,A,低,治安总队,存续\n\
2,91350100M000100Y44,乙公司,2015-01-01,郑州,410105,R9011,企业,A,低,治安总队,存续\n\
3,91110000802100433B,丙公司,2023-02-29,郑州,4101,R9011,企业,E,低,治安总队,存续\n\
4,91350100M000100Y43,丁公司,2015-01-01,郑州,410105,R9011,公司,A,低,治安总队,存续\n";
    let e = targets(csv.as_bytes(), AS_OF).unwrap_err();
    let got: Vec<(Option<usize>, &str, ProblemKind)> = e
        .problems
        .iter()
        .map(|p| (p.row, p.field.as_str(), p.kind))
        .collect();
    for want in [
        (Some(3), "uscc", ProblemKind::InvalidUscc),
        (Some(4), "established", ProblemKind::InvalidDate),
        (Some(4), "credit", ProblemKind::UnknownValue),
        (Some(5), "kind", ProblemKind::UnknownValue),
    ] {
        assert!(got.contains(&want), "missing {want:?} in {got:?}");
    }
    // Row 4's region is only checked once the row parses; row 5's duplicate only once
    // its kind is readable: fix-and-rerun then reports them, nothing is silently taken.
    assert!(e.problems.iter().all(|p| p.row.is_some()));
}

#[test]
fn duplicate_and_region_problems_point_at_their_rows() {
    let csv =
        "统一社会信用代码,企业名称,行政区划代码,行业,对象类型,信用类别,风险等级,所属部门,状态\n\
91350100M000100Y43,甲,410105,R9011,企业,A,低,治安总队,存续\n\
91110000802100433B,乙,4101,R9011,企业,A,低,治安总队,存续\n\
91350100M000100Y43,丙,410105,R9011,企业,A,低,治安总队,存续\n";
    let e = targets(csv.as_bytes(), AS_OF).unwrap_err();
    let got: Vec<_> = e
        .problems
        .iter()
        .map(|p| (p.row, p.field.as_str(), p.kind))
        .collect();
    assert!(
        got.contains(&(Some(3), "region", ProblemKind::InvalidRegion)),
        "{got:?}"
    );
    assert!(
        got.contains(&(Some(4), "id", ProblemKind::Duplicate)),
        "{got:?}"
    );
}

#[test]
fn missing_column_is_a_file_problem() {
    // 企业名称 is the one column a target register cannot do without.
    let e = targets("成立日期,住所\n2020-01-01,郑州\n".as_bytes(), AS_OF).unwrap_err();
    assert_eq!(e.problems[0].kind, ProblemKind::File);
    assert!(
        e.problems[0].message.contains("企业名称"),
        "{}",
        e.problems[0].message
    );
}

#[test]
fn full_width_codes_are_normalised() {
    let csv =
        "统一社会信用代码,企业名称,行政区划代码,行业,对象类型,信用类别,风险等级,所属部门,状态\n\
９１３５０１００Ｍ０００１００Ｙ４３,甲,４１０１０５,R9011,企业,Ａ,低,治安总队,存续\n";
    let reg = targets(csv.as_bytes(), AS_OF).unwrap();
    assert_eq!(reg.targets()[0].id, "91350100M000100Y43");
    assert_eq!(reg.targets()[0].region, "410105");
}

#[test]
fn inspector_problems_are_all_reported() {
    let csv = "人员编码,姓名,性别,所属部门,执法证号,执法证有效期起,执法证有效期至,状态,专家库\n\
P1,张三,男,治安总队,C1,2020-01-01,2022-01-01,在岗,否\n\
P2,李四,X,治安总队,C2,2020-01-01,2030-01-01,在岗,否\n\
P3,王五,女,治安总队,,,,在岗,是\n\
P4,赵六,女,治安总队,C4,2020-01-01,,在岗,否\n\
P5,钱七,女,治安总队,C5,2020-01-01,2030-01-01,出差,否\n";
    let e = inspectors(csv.as_bytes(), AS_OF).unwrap_err();
    let got: Vec<_> = e
        .problems
        .iter()
        .map(|p| (p.row, p.field.as_str(), p.kind))
        .collect();
    assert!(
        got.contains(&(Some(2), "valid_until", ProblemKind::QualificationNotValid)),
        "{got:?}"
    );
    assert!(
        got.contains(&(Some(3), "sex", ProblemKind::UnknownValue)),
        "{got:?}"
    );
    assert!(
        got.contains(&(Some(5), "certificate", ProblemKind::Missing)),
        "{got:?}"
    );
    assert!(
        got.contains(&(Some(6), "status", ProblemKind::UnknownValue)),
        "{got:?}"
    );
    assert!(
        !got.iter().any(|g| g.0 == Some(4)),
        "an expert without a certificate is allowed: {got:?}"
    );
}

#[test]
fn csv_export_round_trips() {
    let t = targets(&sample("targets.csv"), AS_OF).unwrap();
    let back = targets(targets_to_csv(&t).as_bytes(), AS_OF).unwrap();
    assert_eq!(back.root(), t.root());
    let p = inspectors(&sample("inspectors.csv"), AS_OF).unwrap();
    let back = inspectors(inspectors_to_csv(&p).as_bytes(), AS_OF).unwrap();
    assert_eq!(back.root(&[1; 32]), p.root(&[1; 32]));
    let i = items(&sample("items.csv"), "v").unwrap();
    let back = items(items_to_csv(&i).as_bytes(), "v").unwrap();
    assert_eq!(back.hash(), i.hash());
}

#[test]
fn xlsx_templates_import() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "执法检查人员名录库").unwrap();
    let header = [
        "序号",
        "人员编码",
        "姓名",
        "性别",
        "职务（职级）",
        "警号",
        "所属部门",
        "联系电话",
        "手机号码",
        "执法证号",
        "执法证有效期起",
        "执法证有效期至",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let rows = [[
        "1",
        "P1",
        "张三",
        "男",
        "一级警长",
        "100001",
        "治安总队",
        "0371-65550001",
        "13800000001",
        "C1",
        "2020-01-01",
        "2030-01-01",
    ]];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(3 + r as u32, c as u16, *v).unwrap();
        }
    }
    // A mobile typed as a number, and a numbering-only row, as in real sheets.
    ws.write_number(4, 0, 2.0).unwrap();
    ws.write_string(5, 1, "P2").unwrap();
    ws.write_string(5, 2, "李四").unwrap();
    ws.write_string(5, 6, "治安总队").unwrap();
    ws.write_number(5, 8, 13800000002.0).unwrap();
    ws.write_string(5, 9, "C2").unwrap();
    ws.write_string(5, 10, "2021-01-01").unwrap();
    ws.write_string(5, 11, "2031-01-01").unwrap();
    let bytes = wb.save_to_buffer().unwrap();
    let reg = inspectors(&bytes, AS_OF).unwrap();
    assert_eq!(reg.inspectors().len(), 2);
    assert_eq!(reg.inspectors()[1].personal.mobile, "13800000002");

    // And a bad XLSX row is reported with its sheet row number (1-based).
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["人员编码", "姓名", "所属部门", "性别"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["P1", "张三", "治安总队", "？"].iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    let e = inspectors(&wb.save_to_buffer().unwrap(), AS_OF).unwrap_err();
    assert!(
        e.problems
            .iter()
            .any(|p| p.row == Some(2) && p.field == "sex"),
        "{:?}",
        e.problems
    );
}

#[test]
fn xlsx_items_import() {
    use rust_xlsxwriter::Workbook;
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let rdr_rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(TEMPLATE_ITEMS.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    for (r, row) in rdr_rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, v).unwrap();
            }
        }
    }
    let list = items(&wb.save_to_buffer().unwrap(), "v1").unwrap();
    assert_eq!(list, items(TEMPLATE_ITEMS.as_bytes(), "v1").unwrap());

    // A lone cell at the sheet's far corner (XFD1048576) costs one cell, not the 17 billion
    // between it and A1 that a dense range would allocate; having no header, it is ignored.
    let ws = wb.worksheet_from_index(0).unwrap();
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    let list = items(&wb.save_to_buffer().unwrap(), "v1").unwrap();
    assert_eq!(list, items(TEMPLATE_ITEMS.as_bytes(), "v1").unwrap());
}

#[test]
fn row_numbers_count_blank_lines() {
    let csv = "人员编码,姓名,所属部门,性别,专家库\n\nP1,张三,治安总队,男,是\n\n\nP2,李四,治安总队,？,是\n";
    let e = inspectors(csv.as_bytes(), AS_OF).unwrap_err();
    let rows: Vec<_> = e
        .problems
        .iter()
        .filter(|p| p.field == "sex")
        .map(|p| p.row)
        .collect();
    assert_eq!(rows, vec![Some(6)], "{:?}", e.problems);
}

#[test]
fn unreadable_frequency_is_reported() {
    let csv = TEMPLATE_ITEMS.replace("1次/年", "经常检查");
    let e = items(csv.as_bytes(), "v1").unwrap_err();
    // Line 5: the header cell "抽 查\n事 项" spans lines 3 and 4.
    assert!(
        e.problems
            .iter()
            .any(|p| p.kind == ProblemKind::UnreadableFrequency && p.row == Some(5)),
        "{:?}",
        e.problems
    );
}

/// Regression (found by the `import_xlsx_cells` fuzzer): a date-formatted cell holding a
/// serial no calendar date has (1.3e221) panicked converting it; it must be reported as a
/// bad date on its row, and an ordinary serial must still read as its date.
#[test]
fn xlsx_date_serials_out_of_range_are_reported() {
    use rust_xlsxwriter::{Format, Workbook};
    let csv = "统一社会信用代码,企业名称,成立日期,行政区划代码,行业,对象类型,信用类别,风险等级,所属部门,状态\n\
               91410302KE4W562M44,甲公司,,410302,Q8411,企业,A,低,省公安厅治安总队,存续\n\
               914101059YDWMH3W4L,乙公司,,410105,F5211,企业,A,较低,省公安厅治安总队,存续";
    let workbook = |second: f64| {
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        for (r, line) in csv.lines().enumerate() {
            for (c, v) in line.trim().split(',').enumerate() {
                ws.write_string(r as u32, c as u16, v).unwrap();
            }
        }
        ws.write_number_with_format(1, 2, 45_000.0, &date).unwrap();
        ws.write_number_with_format(2, 2, second, &date).unwrap();
        wb.save_to_buffer().unwrap()
    };
    let ok = targets(&workbook(45_001.0), AS_OF).unwrap();
    let dates: Vec<_> = ok.targets().iter().map(|t| t.established).collect();
    // The register is in id order: 914101059… (the second row) first.
    assert_eq!(
        dates,
        [Some(date!(2023 - 03 - 16)), Some(date!(2023 - 03 - 15))]
    );

    let e = targets(&workbook(1.266_616_974_842_344e221), AS_OF).unwrap_err();
    let bad: Vec<_> = e
        .problems
        .iter()
        .map(|p| (p.row, p.field.as_str()))
        .collect();
    assert_eq!(bad, vec![(Some(3), "established")], "{:?}", e.problems);

    let serials = [-1.0, 2_958_466.0, f64::NAN, f64::INFINITY];
    let shown: Vec<String> = serials
        .iter()
        .map(|s| {
            let dt = calamine::ExcelDateTime::new(*s, calamine::ExcelDateTimeType::DateTime, false);
            super::table::excel_serial_to_date(&dt)
        })
        .collect();
    assert_eq!(shown, ["-1", "2958466", "NaN", "inf"]);
}

#[test]
fn json_or_file_is_decided_by_one_rule() {
    use super::json_document;
    assert_eq!(json_document(b"{\"a\":1}"), Some(&b"{\"a\":1}"[..]));
    // A byte-order mark and leading white space are allowed; the mark is removed.
    assert_eq!(json_document(b"\xEF\xBB\xBF \n{}"), Some(&b" \n{}"[..]));
    assert_eq!(json_document("序号,企业名称\n".as_bytes()), None);
    assert_eq!(json_document(b"PK\x03\x04"), None);
    assert_eq!(json_document(b""), None);
    assert_eq!(json_document(b"[1]"), None);
}

/// A person waiting on a large register is told how far the import has come: every
/// PROGRESS_EVERY rows, the total, then the checking step; a refused file reports its rows
/// too, and still gives every problem.
#[test]
fn import_reports_progress() {
    let n = PROGRESS_EVERY + 5;
    let mut csv = String::from("对象编码,对象名称,对象类型\n");
    for i in 0..n {
        csv.push_str(&format!("X-{i:07},对象{i},行为\n"));
    }
    let mut seen = Vec::new();
    let (r, _) = targets_with_progress(csv.as_bytes(), AS_OF, &mut |p| seen.push(p)).unwrap();
    assert_eq!(r.targets().len(), n);
    assert_eq!(
        seen,
        [
            ImportProgress::Rows(PROGRESS_EVERY),
            ImportProgress::Rows(n),
            ImportProgress::Checking(n)
        ]
    );
    csv.push_str("X-0000001,重复,行为\n");
    seen.clear();
    let e = targets_with_progress(csv.as_bytes(), AS_OF, &mut |p| seen.push(p)).unwrap_err();
    assert_eq!(seen.last(), Some(&ImportProgress::Checking(n + 1)));
    assert!(
        e.problems
            .iter()
            .any(|p| p.kind == ProblemKind::Duplicate && p.row == Some(n + 2)),
        "{e}"
    );
}
