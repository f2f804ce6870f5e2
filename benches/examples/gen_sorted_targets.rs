//! Writes a synthetic target register of N rows, sorted by id, for streaming draws:
//!
//!     cargo run --release -p shuangsuiji-benches --example gen_sorted_targets -- N OUT.csv

use shuangsuiji::registers::fields::uscc_check_char;
use std::io::Write;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let n: u64 = args
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or("usage: gen_sorted_targets N OUT.csv")?;
    let out = args.next().ok_or("usage: gen_sorted_targets N OUT.csv")?;
    let f = std::fs::File::create(&out).map_err(|e| e.to_string())?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, f);
    let industries = [
        "R9011", "I6450", "C2614", "Q8411", "F5162", "G5430", "F5211", "H6110", "M7520", "F5211",
    ];
    let risks = ["低", "低", "较低", "较低", "较高", "高"];
    let regions = ["410102", "410103", "410105", "410302"];
    writeln!(w, "统一社会信用代码,企业名称,成立日期,住所,行政区划代码,行业,对象类型,信用类别,风险等级,所属部门,状态").map_err(|e| e.to_string())?;
    for i in 0..n {
        let head = format!("91410100{i:09}");
        let check = uscc_check_char(&head).ok_or("check")?;
        let k = (i * 7919) as usize;
        writeln!(
            w,
            "{head}{check},企业{i},2015-01-01,河南省郑州市,{},{},企业,B,{},省公安厅治安总队,存续",
            regions[k % regions.len()],
            industries[k % industries.len()],
            risks[k % risks.len()]
        )
        .map_err(|e| e.to_string())?;
    }
    w.flush().map_err(|e| e.to_string())
}
