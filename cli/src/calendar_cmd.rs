//! `shuangsuiji calendar add|years`: the State Council holiday notices a department adds
//! itself (docs/publication.md: the `shuangsuiji/calendar/v1` file), kept where every
//! deadline is computed from (`shuangsuiji_case::calendar`).

use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum CalendarCmd {
    /// 载入放假通知 Add a year's State Council notice (JSON, shuangsuiji/calendar/v1);
    /// deadlines that were provisional for that year become final.
    Add { file: PathBuf },
    /// 已载入年份 The years whose notice is loaded, and where added years are kept.
    Years,
}

pub fn run(c: CalendarCmd) -> Result<(), String> {
    match c {
        CalendarCmd::Add { file } => {
            let years = shuangsuiji_case::calendar::add(&file).map_err(|e| e.to_string())?;
            println!(
                "已载入 Added: {} 年放假安排；相关期限已按通知重新计算 · deadlines for these years are now final",
                years
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("、")
            );
        }
        CalendarCmd::Years => {
            let cal = shuangsuiji_case::calendar::load().map_err(|e| e.to_string())?;
            let ys: Vec<String> = cal.years().map(|y| y.to_string()).collect();
            println!("已载入 Loaded: {}", ys.join(" "));
            if let Some(d) = shuangsuiji_case::calendar::dir() {
                println!(
                    "自行载入的年份保存在 Added years are kept in: {}",
                    d.display()
                );
            }
            println!("其他年份的期限为暂定 Other years' deadlines are provisional (statutory holidays, no 调休).");
        }
    }
    Ok(())
}
