//! Masking by the conventions Chinese public notices use: 张* / 欧阳**, 138****1234,
//! 110101********1234, addresses cut to the district.
//!
//! A mask keeps only what the convention keeps; the value itself stays provable through
//! its commitment (see `disclose`), so masking loses nothing for an authorized reader.

use super::result::FieldKind;

/// Two-character surnames (复姓) whose second character must not be read as a given name.
const COMPOUND_SURNAMES: [&str; 30] = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "夏侯", "轩辕", "令狐", "钟离", "独孤", "南宫", "西门", "万俟", "闻人", "澹台", "公冶", "太史",
    "申屠", "端木", "拓跋", "呼延", "东郭", "百里",
];

/// The mask for a field kind, if that field has a convention.
pub(crate) fn mask_for(kind: FieldKind) -> Option<fn(&str) -> String> {
    match kind {
        FieldKind::ContactName | FieldKind::InspectorName => Some(mask_name),
        FieldKind::ContactMobile => Some(mask_phone),
        FieldKind::ContactIdNumber => Some(mask_id_number),
        FieldKind::InspectorBadge => Some(mask_badge),
        FieldKind::TargetAddress => Some(cut_address),
        _ => None,
    }
}

/// 张三 → 张*, 张三丰 → 张**, 欧阳娜娜 → 欧阳**: the surname stays, each other character
/// becomes `*`; separators (`·`, space) stay so the shape of a name like 买买提·艾力 does.
pub fn mask_name(name: &str) -> String {
    let name = name.trim();
    let keep = COMPOUND_SURNAMES
        .iter()
        .find(|s| name.starts_with(*s) && name.chars().count() > 2)
        .map(|s| s.chars().count())
        .unwrap_or(1);
    let n = name.chars().count();
    name.chars()
        .enumerate()
        .map(|(i, c)| {
            if n > 1 && i < keep || c == '·' || c == ' ' {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// 13812345678 → 138****5678 (mobile: network prefix and last four); other numbers keep
/// only their last four digits, and short ones nothing.
pub fn mask_phone(phone: &str) -> String {
    let mut digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 13 && digits.starts_with("86") {
        digits.drain(..2);
    }
    let n = digits.len();
    match n {
        11 if digits.starts_with('1') => keep_ends(&digits, 3, 4),
        7.. => keep_ends(&digits, 0, 4),
        _ => "*".repeat(n.max(1)),
    }
}

/// 110101199001011234 → 110101********1234 (GB 11643: region code and the last four stay,
/// the birth date goes); a 15-digit first-generation number likewise keeps 6 + 4.
pub fn mask_id_number(id: &str) -> String {
    let id: String = id.trim().chars().collect();
    match id.chars().count() {
        18 | 15 => keep_ends(&id, 6, 4),
        n if n >= 8 => keep_ends(&id, 2, 2),
        n => "*".repeat(n.max(1)),
    }
}

/// 警号 010203 → 01****: only the issuing prefix stays. No national convention exists;
/// the last digits identify an officer within a unit, so they go.
pub fn mask_badge(badge: &str) -> String {
    let b = badge.trim();
    let n = b.chars().count();
    if n <= 2 {
        return "*".repeat(n.max(1));
    }
    keep_ends(b, 2, 0)
}

/// 河南省郑州市金水区花园路88号 → 河南省郑州市金水区: the address up to its county-level
/// division, recognised by name in the bundled GB/T 2260 list; where the county is not
/// recognised, up to the prefecture or the province; where nothing is, `*`. Fails closed:
/// a name not in the list (a development zone, an estate's "B区", a shop) is never kept.
pub fn cut_address(address: &str) -> String {
    let a = address.trim();
    match crate::publish::divisions::division_prefix(a) {
        0 => "*".into(),
        n => a.get(..n).unwrap_or("*").to_string(),
    }
}

/// Keeps `head` leading and `tail` trailing characters, stars in between.
fn keep_ends(s: &str, head: usize, tail: usize) -> String {
    let n = s.chars().count();
    s.chars()
        .enumerate()
        .map(|(i, c)| if i < head || i + tail >= n { c } else { '*' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_name("张三丰"), "张**");
        assert_eq!(mask_name("欧阳娜娜"), "欧阳**");
        assert_eq!(
            mask_name("欧阳"),
            "欧*",
            "a bare 欧阳 is surname 欧 and given name 阳"
        );
        assert_eq!(mask_name("买买提·艾力"), "买**·**");
        assert_eq!(mask_name("李"), "*");
    }

    #[test]
    fn phones() {
        assert_eq!(mask_phone("13812341234"), "138****1234");
        assert_eq!(mask_phone("+86 138-1234-5678"), "138****5678");
        assert_eq!(mask_phone("0371-65550000"), "********0000");
        assert_eq!(mask_phone("110"), "***");
    }

    #[test]
    fn id_numbers_and_badges() {
        assert_eq!(mask_id_number("11010119900101123X"), "110101********123X");
        assert_eq!(mask_id_number("110101900101123"), "110101*****1123");
        assert_eq!(mask_badge("010203"), "01****");
        assert_eq!(mask_badge("12"), "**");
    }

    #[test]
    fn addresses_cut_to_the_district() {
        assert_eq!(
            cut_address("河南省郑州市金水区花园路88号"),
            "河南省郑州市金水区"
        );
        assert_eq!(
            cut_address("广西壮族自治区南宁市青秀区民族大道1号"),
            "广西壮族自治区南宁市青秀区"
        );
        assert_eq!(
            cut_address("新疆维吾尔自治区阿克苏地区库车县人民路2号"),
            "新疆维吾尔自治区阿克苏地区库车县"
        );
        assert_eq!(cut_address("河南省新郑市龙湖镇文昌路3号"), "河南省新郑市");
        assert_eq!(cut_address("北京市朝阳区建国路1号"), "北京市朝阳区");
        assert_eq!(cut_address("花园路88号"), "*");
    }

    /// Issue 16, point 8: what the shape-based cut let through.
    #[test]
    fn addresses_fail_closed() {
        // A shop whose name ends in 市: no county, so province and city only.
        assert_eq!(cut_address("河南省郑州市丹尼斯百货超市"), "河南省郑州市");
        // An estate's block is no district.
        assert_eq!(
            cut_address("河南省郑州市金水区紫荆苑B区7幢2单元301室"),
            "河南省郑州市金水区"
        );
        assert_eq!(cut_address("河南省郑州市紫荆苑B区7幢"), "河南省郑州市");
        // A market: cut at the county, never inside 市场.
        assert_eq!(
            cut_address("河南省郑州市管城回族区东大街农贸市场12号"),
            "河南省郑州市管城回族区"
        );
        // Development zones are not county-level divisions of the list.
        assert_eq!(
            cut_address("河南省郑州市高新区科学大道100号"),
            "河南省郑州市"
        );
        assert_eq!(
            cut_address("河南省郑州市郑东新区商务外环路"),
            "河南省郑州市"
        );
        // Without a province, a unique prefecture still anchors its county.
        assert_eq!(cut_address("郑州市金水区花园路88号"), "郑州市金水区");
        // A bare county name is ambiguous nationwide (朝阳区: Beijing and Changchun).
        assert_eq!(cut_address("朝阳区建国路1号"), "*");
        // A name shared by counties of one province is not recognised without its city.
        assert_eq!(cut_address("河北省桥西区中山路1号"), "河北省");
        // Renamed after the bundled list (库车县 → 库车市): cut back to the prefecture.
        assert_eq!(
            cut_address("新疆维吾尔自治区阿克苏地区库车市天山路1号"),
            "新疆维吾尔自治区阿克苏地区"
        );
        // Autonomous counties and a province-administered county-level city.
        assert_eq!(
            cut_address("湖北省宜昌市长阳土家族自治县龙舟坪镇"),
            "湖北省宜昌市长阳土家族自治县"
        );
        assert_eq!(cut_address("河南省济源市天坛路1号"), "河南省济源市");
    }

    #[test]
    fn only_personal_fields_have_masks() {
        assert!(mask_for(FieldKind::ContactMobile).is_some());
        assert!(
            mask_for(FieldKind::Findings).is_none() && mask_for(FieldKind::TargetName).is_none()
        );
    }
}
