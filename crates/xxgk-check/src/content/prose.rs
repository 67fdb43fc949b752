//! Reading what a report's prose states: the counts of R12 and the statistical period of R13,
//! by a small, explicit set of wordings (specified in `schema/README.md`, "Content rules").
//! Anything else is not read: a wording outside the set yields nothing, never a guess.

/// What a stated count is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Topic {
    /// 新收…申请 N 件: the new applications.
    NewReceived,
    /// 收到/受理…申请 N 件: new applications, or new plus carried over.
    Received,
    /// 上年结转 N 件.
    CarriedOver,
    /// 办结/答复 N 件: the total concluded.
    Concluded,
    /// 予以公开 N 件.
    Granted,
    /// 部分公开 N 件.
    PartiallyGranted,
    /// 结转下年度 N 件.
    CarriedForward,
    /// 行政复议 N 件/起.
    Review,
    /// 行政诉讼 N 件/起: either kind of lawsuit, or both.
    Litigation,
}

/// A number the prose states, in the sentence that states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stated<T> {
    /// What is stated.
    pub what: T,
    /// The number.
    pub value: u64,
    /// The number as the text writes it with its measure word (`21起`), without whitespace.
    pub written: String,
    /// The sentence, without whitespace.
    pub sentence: String,
    /// 1-based position, in characters of the section's text, of the sentence's first character.
    pub position: usize,
}

/// Ends of a sentence.
const SENTENCE_ENDS: &[char] = &['。', '；', ';', '！', '!', '？', '?'];
/// Starts of a clause within a sentence: what a count's wording is read after.
const CLAUSE_STARTS: &[char] = &[
    '，', ',', '、', '：', ':', '（', '(', '）', ')', '“', '”', '"', '《', '》',
];
/// Measure words of a count of applications or cases.
const UNITS: &[char] = &['件', '条', '起', '宗'];
/// A sentence with one of these is about a comparison, a cumulative figure, or a scope the
/// tables may not have (an area, the organ's own level, a part of it acting for it): not read.
const UNSURE: &[&str] = &[
    "累计",
    "同比",
    "环比",
    "较上年",
    "比上年",
    "较去年",
    "比去年",
    "去年",
    "上年同期",
    "增长",
    "增加",
    "减少",
    "下降",
    "上升",
    "持平",
    "平均",
    "全国",
    "全省",
    "全市",
    "全区",
    "全县",
    "全州",
    "全旗",
    "全盟",
    "全镇",
    "全乡",
    "各级",
    "各地",
    "各部门",
    "各单位",
    "所属",
    "系统",
    "本级",
    "代表",
    "办公室",
    "政府办",
];
/// Words that may stand between a wording and its number.
const FILLERS: &[&str] = &[
    "共计", "合计", "总计", "总数", "数量", "件数", "共", "计", "达", "为", "是", "了", "的", "有",
];
/// Wordings of last year's applications carried over.
const CARRIED_OVER: &[&str] = &[
    "上年结转",
    "上年度结转",
    "结转上年",
    "上一年度结转",
    "上一年结转",
];
/// Wordings of applications carried forward to next year.
const CARRIED_FORWARD: &[&str] = &[
    "结转下年",
    "结转至下年",
    "结转到下年",
    "结转下一年",
    "结转至下一年",
    "结转到下一年",
    "转入下年",
    "顺延至下年",
    "顺延到下年",
];
/// Verbs of receiving applications.
const RECEIVING: &[&str] = &["新收", "收到", "受理", "接收", "接到"];
/// A review or lawsuit count with one of these is about an outcome or another act.
const CASE_OTHER: &[&str] = &[
    "化解",
    "维持",
    "纠正",
    "审结",
    "撤回",
    "终止",
    "驳回",
    "败诉",
    "胜诉",
    "调解",
    "其他结果",
];

/// A section's text without whitespace, each character with its 0-based position in the text.
struct Compact {
    chars: Vec<char>,
    at: Vec<usize>,
}

impl Compact {
    fn of(text: &str) -> Self {
        let (chars, at) = text
            .chars()
            .enumerate()
            .filter(|(_, c)| !c.is_whitespace())
            .map(|(i, c)| (c, i))
            .unzip();
        Self { chars, at }
    }

    /// The sentences, as ranges of `chars`.
    fn sentences(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        let mut start = 0;
        (0..=self.chars.len()).filter_map(move |i| {
            let end = i == self.chars.len() || SENTENCE_ENDS.contains(&self.chars[i]);
            if !end {
                return None;
            }
            let range = start..(i + 1).min(self.chars.len());
            start = i + 1;
            (!range.is_empty()).then_some(range)
        })
    }
}

/// The counts a section's text states in the wordings R12 reads, in text order; `year` is the
/// report year (a sentence naming another year is not read).
pub(crate) fn counts(text: &str, year: u16) -> Vec<Stated<Topic>> {
    let compact = Compact::of(text);
    let mut out = Vec::new();
    for range in compact.sentences() {
        let sentence = &compact.chars[range.clone()];
        let joined: String = sentence.iter().collect();
        if UNSURE.iter().any(|w| joined.contains(w)) || names_other_year(sentence, year) {
            continue;
        }
        for (i, c) in sentence.iter().enumerate() {
            if !UNITS.contains(c) || sentence.get(i + 1) == Some(&'次') {
                continue;
            }
            let Some((value, start)) = number_before(sentence, i) else {
                continue;
            };
            if start > 0 && sentence[start - 1] == '第' {
                continue;
            }
            let clause = sentence[..start]
                .iter()
                .rposition(|c| CLAUSE_STARTS.contains(c))
                .map_or(0, |p| p + 1);
            let context: String = sentence[clause..start].iter().collect();
            if let Some(what) = topic(&context) {
                out.push(Stated {
                    what,
                    value,
                    written: sentence[start..=i].iter().collect(),
                    sentence: joined.clone(),
                    position: compact.at[range.start] + 1,
                });
            }
        }
    }
    out
}

/// The statistical periods a section's text states (YYYY年1月1日[起]至YYYY年12月31日, one year
/// at both ends), as the year.
pub(crate) fn periods(text: &str) -> Vec<Stated<()>> {
    let compact = Compact::of(text);
    let mut out = Vec::new();
    for range in compact.sentences() {
        let sentence = &compact.chars[range.clone()];
        for start in 0..sentence.len() {
            let after_digit = start > 0 && digit(sentence[start - 1]).is_some();
            if let Some(year) = period_at(&sentence[start..]).filter(|_| !after_digit) {
                out.push(Stated {
                    what: (),
                    value: u64::from(year),
                    written: year.to_string(),
                    sentence: sentence.iter().collect(),
                    position: compact.at[range.start] + 1,
                });
                break;
            }
        }
    }
    out
}

/// A period starting at the first character, with the same year at both ends.
fn period_at(s: &[char]) -> Option<u16> {
    let (first, rest) = year_and(s)?;
    let rest = date_and(rest, 1, 1)?;
    let rest = rest.strip_prefix(&['起']).unwrap_or(rest);
    let rest = rest
        .strip_prefix(&['至'])
        .or_else(|| rest.strip_prefix(&['到']))
        .or_else(|| rest.strip_prefix(&['-']))
        .or_else(|| rest.strip_prefix(&['—']))
        .or_else(|| rest.strip_prefix(&['–']))
        .or_else(|| rest.strip_prefix(&['～']))
        .or_else(|| rest.strip_prefix(&['~']))?;
    let (last, rest) = year_and(rest)?;
    date_and(rest, 12, 31)?;
    (first == last).then_some(first)
}

/// Four digits and 年, then the rest.
fn year_and(s: &[char]) -> Option<(u16, &[char])> {
    let digits: Vec<u32> = s.iter().take(4).map_while(|c| digit(*c)).collect();
    if digits.len() != 4 || s.get(4) != Some(&'年') {
        return None;
    }
    let year = digits.iter().fold(0u32, |n, d| n * 10 + d);
    Some((u16::try_from(year).ok()?, &s[5..]))
}

/// `M月D日` with these values (a leading zero allowed), then the rest.
fn date_and(s: &[char], month: u32, day: u32) -> Option<&[char]> {
    let (m, rest) = small_number_and(s, '月')?;
    let (d, rest) = small_number_and(rest, '日')?;
    (m == month && d == day).then_some(rest)
}

fn small_number_and(s: &[char], unit: char) -> Option<(u32, &[char])> {
    let digits: Vec<u32> = s.iter().take(3).map_while(|c| digit(*c)).collect();
    if digits.is_empty() || digits.len() > 2 || s.get(digits.len()) != Some(&unit) {
        return None;
    }
    Some((
        digits.iter().fold(0, |n, d| n * 10 + d),
        &s[digits.len() + 1..],
    ))
}

/// Whether a sentence names a year (four digits and 年) other than `year`.
fn names_other_year(sentence: &[char], year: u16) -> bool {
    (0..sentence.len()).any(|i| {
        let before_is_digit = i > 0 && digit(sentence[i - 1]).is_some();
        !before_is_digit && year_and(&sentence[i..]).is_some_and(|(y, _)| y != year)
    })
}

/// An ASCII or full-width digit's value.
fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(u32::from(c) - u32::from('０')),
        _ => None,
    }
}

/// The number written just before `end` (Arabic digits, maybe with thousands separators, or
/// Chinese numerals) and where it starts.
fn number_before(s: &[char], end: usize) -> Option<(u64, usize)> {
    let mut arabic = s[..end]
        .iter()
        .rposition(|c| digit(*c).is_none() && *c != ',')
        .map_or(0, |p| p + 1);
    // A comma before the digits separates clauses.
    while arabic < end && s[arabic] == ',' {
        arabic += 1;
    }
    if arabic < end {
        let run = &s[arabic..end];
        if run.first() == Some(&',') || run.last() == Some(&',') {
            return None;
        }
        // A separator must stand before every group of three digits, or nowhere.
        let groups: Vec<&[char]> = run.split(|c| *c == ',').collect();
        if groups.len() > 1 && groups[1..].iter().any(|g| g.len() != 3) {
            return None;
        }
        let value = groups
            .iter()
            .flat_map(|g| g.iter())
            .try_fold(0u64, |n, c| {
                n.checked_mul(10)?.checked_add(u64::from(digit(*c)?))
            })?;
        return Some((value, arabic));
    }
    let start = s[..end]
        .iter()
        .rposition(|c| chinese_digit(*c).is_none() && chinese_unit(*c).is_none())
        .map_or(0, |p| p + 1);
    (start < end).then_some(())?;
    Some((chinese_number(&s[start..end])?, start))
}

fn chinese_digit(c: char) -> Option<u64> {
    "零一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u64)
        .or(match c {
            '〇' => Some(0),
            '两' => Some(2),
            _ => None,
        })
}

fn chinese_unit(c: char) -> Option<u64> {
    match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        '万' => Some(10_000),
        _ => None,
    }
}

/// 十二, 一十二, 两百零五, 一万二千: a number in Chinese numerals with units; a bare digit
/// (三); `None` for a run of digits without units (二三), which is no count.
fn chinese_number(s: &[char]) -> Option<u64> {
    if !s.iter().any(|c| chinese_unit(*c).is_some()) {
        return match s {
            [one] => chinese_digit(*one),
            _ => None,
        };
    }
    // Units fall within a section (千 before 百 before 十), and 万 comes once.
    let (mut total, mut section, mut pending) = (0u64, 0u64, None::<u64>);
    let (mut last_unit, mut wan) = (u64::MAX, false);
    for c in s {
        if let Some(d) = chinese_digit(*c) {
            if pending.is_some() && d != 0 {
                return None;
            }
            pending = (d != 0).then_some(d);
        } else if let Some(unit) = chinese_unit(*c) {
            if unit == 10_000 {
                if wan {
                    return None;
                }
                (wan, last_unit) = (true, u64::MAX);
                total = (section + pending.take().unwrap_or(0)) * unit;
                section = 0;
            } else {
                if unit >= last_unit {
                    return None;
                }
                last_unit = unit;
                section += pending.take().unwrap_or(1) * unit;
            }
        }
    }
    Some(total + section + pending.unwrap_or(0))
}

/// The wording ends with `word`, once fillers are set aside.
fn strip_fillers(mut s: &str) -> &str {
    while let Some(rest) = FILLERS.iter().find_map(|f| s.strip_suffix(f)) {
        s = rest;
    }
    s
}

/// What the clause before a number says it counts, if it is one of the wordings read.
fn topic(context: &str) -> Option<Topic> {
    let end = strip_fillers(context);
    let has = |words: &[&str]| words.iter().any(|w| context.contains(w));
    if has(CARRIED_OVER) {
        let only_carried = !has(RECEIVING) && !context.contains("本年");
        return (only_carried && (end.ends_with("结转") || end.ends_with("申请")))
            .then_some(Topic::CarriedOver);
    }
    if has(CARRIED_FORWARD) {
        return Some(Topic::CarriedForward);
    }
    if end.ends_with("予以公开") {
        return Some(Topic::Granted);
    }
    if end.ends_with("部分公开") {
        return Some(Topic::PartiallyGranted);
    }
    if ["办结", "答复", "办理完毕"]
        .iter()
        .any(|w| end.ends_with(w))
    {
        return Some(Topic::Concluded);
    }
    let case = strip_fillers(
        ["案件", "案", "申请"]
            .iter()
            .find_map(|w| end.strip_suffix(w))
            .unwrap_or(end),
    );
    if case.ends_with("行政复议") || case.ends_with("行政诉讼") {
        if has(CASE_OTHER) {
            return None;
        }
        return Some(if case.ends_with("行政复议") {
            Topic::Review
        } else {
            Topic::Litigation
        });
    }
    if end.ends_with("申请") && has(RECEIVING) {
        return Some(if context.contains("新收") {
            Topic::NewReceived
        } else {
            Topic::Received
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, year: u16) -> Vec<(Topic, u64)> {
        counts(text, year)
            .into_iter()
            .map(|s| (s.what, s.value))
            .collect()
    }

    // Sentences copied from the real reports of corpus/realworld and corpus/seeds.
    #[test]
    fn huaian_2024_section_one() {
        let text = "和针对性。2024 年，全市共受理政府信息公开申请 3119 件，答\n复 3050 件（含上年度结转申请 34 件，另有 103 件顺延到下年度\n答复），均在法定期限内予以答复。";
        // 全市: an area-wide figure, not read (the tables may be the organ's own).
        assert_eq!(read(text, 2024), []);
        let own = text.replace("全市", "市政府");
        assert_eq!(
            read(&own, 2024),
            [
                (Topic::Received, 3119),
                (Topic::Concluded, 3050),
                (Topic::CarriedOver, 34)
            ]
        );
    }

    #[test]
    fn huaian_2024_reviews_and_lawsuits() {
        let text = "政府信息公开行政复议 351\n件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚\n未审结 37 件；政府信息公开行政诉讼 46 件，其中结果维持 25\n件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。";
        assert_eq!(
            read(text, 2024),
            [(Topic::Review, 351), (Topic::Litigation, 46)]
        );
    }

    #[test]
    fn hongze_2024_wrapped_sentence() {
        let text =
            "2024 年，\n区政府办代表区政府受理政府\n信息公开申请 17 件，均已在法定期限内予以答复。";
        // The office acting for the government (代表): maybe not the tables' scope (95 new,
        // the whole district's in this report); not read.
        assert_eq!(read(text, 2024), []);
        let text = text.replace("区政府办代表", "");
        let read = counts(&text, 2024);
        assert_eq!(read.len(), 1);
        assert_eq!((read[0].what, read[0].value), (Topic::Received, 17));
        assert_eq!(read[0].position, 1);
        assert_eq!(
            read[0].sentence,
            "2024年，区政府受理政府信息公开申请17件，均已在法定期限内予以答复。"
        );
    }

    #[test]
    fn seeds_not_read() {
        for (text, year) in [
            (
                "2024年世纪街道便民服务中心共受理业务7900件，法定期限办结率100%，政务服务群众满意度评价均为好评。",
                2024,
            ),
            (
                "通过“一网统管”平台政府信息公开栏目处置依申请公开问题199件、政务新媒体问题70件,进一步提升了政府信息公开工作转办质效。",
                2024,
            ),
            ("三是提前化解行政复议案件1起,切实增强政府公信力。", 2024),
            (
                "比如,2024年我区因政府信息公开引起行政诉讼结果纠正2件,相关单位均已在法定期限内为申请人重新出具告知书。",
                2024,
            ),
            ("2023年受理政府信息公开申请21件。", 2024),
            ("受理政府信息公开申请21件，同比增长3件。", 2024),
            ("累计受理政府信息公开申请210件。", 2024),
        ] {
            assert_eq!(read(text, year), [], "{text}");
        }
        assert_eq!(
            read("2024年度, 共收到政府信息公开申请0件", 2024),
            [(Topic::Received, 0)]
        );
    }

    #[test]
    fn wordings_and_numerals() {
        let text = "本年新收政府信息公开申请一十二件，上年结转2件，办结十件（含上年结转两件），其中予以公开5件、部分公开1件，结转下年度继续办理4件。被申请行政复议3起，提起行政诉讼1,024件。";
        assert_eq!(
            read(text, 2024),
            [
                (Topic::NewReceived, 12),
                (Topic::CarriedOver, 2),
                (Topic::Concluded, 10),
                (Topic::CarriedOver, 2),
                (Topic::Granted, 5),
                (Topic::PartiallyGranted, 1),
                (Topic::CarriedForward, 4),
                (Topic::Review, 3),
                (Topic::Litigation, 1024),
            ]
        );
    }

    #[test]
    fn chinese_numerals() {
        let n = |s: &str| chinese_number(&s.chars().collect::<Vec<_>>());
        assert_eq!(n("十二"), Some(12));
        assert_eq!(n("一十二"), Some(12));
        assert_eq!(n("两百零五"), Some(205));
        assert_eq!(n("一万二千"), Some(12_000));
        assert_eq!(n("三"), Some(3));
        assert_eq!(n("二三"), None);
        assert_eq!(n("一万万"), None);
        assert_eq!(n("十百"), None);
    }

    #[test]
    fn periods_read() {
        let p = |t: &str| periods(t).iter().map(|s| s.value).collect::<Vec<_>>();
        assert_eq!(
            p("本报告中所列数据统计期限自2024年1月1日至2024年12月31日截止。"),
            [2024]
        );
        assert_eq!(
            p("报告所列统计期限自 2024 年 1 月 1 日至 2024 年 12 月 31 日。"),
            [2024]
        );
        assert_eq!(
            p("所列数据的统计期限自2024年1月1日起至2024年12月31日编制"),
            [2024]
        );
        assert_eq!(p("自2023年1月1日至2024年12月31日。"), Vec::<u64>::new());
        assert_eq!(
            p("自本年度1月1日至12月31日共办理7426笔业务。"),
            Vec::<u64>::new()
        );
    }
}
