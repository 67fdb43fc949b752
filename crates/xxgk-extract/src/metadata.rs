//! Metadata and prose: the title, organ and year, the text of the prose sections, and the
//! information processing fee figures that section 六 states.

use crate::layout::is_page_number;
use crate::normalize::{Glyph, PosText, SourcePos};
use crate::problem::ReadingRule;

/// A value read from the text, with where it stood.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Found<T> {
    pub value: T,
    pub pos: SourcePos,
    pub raw: String,
    pub rule: Option<ReadingRule>,
}

/// The report's title, organ and year, as far as the text states them.
#[derive(Debug, Default)]
pub(crate) struct Metadata {
    pub title: Option<Found<String>>,
    pub organ: Option<Found<String>>,
    pub year: Option<Found<u32>>,
    pub publication_date: Option<Found<String>>,
    pub contact: Contact,
}

/// The contact details the report gives (`地址：…，邮编：…，电话：…，电子邮箱：…`).
#[derive(Debug, Default)]
pub(crate) struct Contact {
    pub address: Option<Found<String>>,
    pub postcode: Option<Found<String>>,
    pub phone: Option<Found<String>>,
    pub email: Option<Found<String>>,
}

/// Glyphs of some lines without whitespace, and the text they spell.
struct Flat {
    glyphs: Vec<Glyph>,
    text: Vec<char>,
}

impl Flat {
    fn of(lines: &[&PosText]) -> Self {
        let glyphs: Vec<Glyph> = lines
            .iter()
            .flat_map(|l| l.glyphs.iter())
            .filter(|g| !g.ch.is_whitespace())
            .copied()
            .collect();
        let text = glyphs.iter().map(|g| g.ch).collect();
        Self { glyphs, text }
    }

    /// The first index at or after `from` where `needle` starts.
    fn find(&self, needle: &str, from: usize) -> Option<usize> {
        let needle: Vec<char> = needle.chars().collect();
        let (first, rest) = needle.split_first()?;
        let last_start = self.text.len().checked_sub(needle.len())?;
        // Candidates are where the first char stands: the text is read once for it, and only
        // those few places are compared in full (this runs over whole sections of prose).
        let mut at = from;
        while at <= last_start {
            at += self
                .text
                .get(at..=last_start)?
                .iter()
                .position(|c| c == first)?;
            if self.text.get(at + 1..at + needle.len()) == Some(rest) {
                return Some(at);
            }
            at += 1;
        }
        None
    }

    fn starts_with_at(&self, at: usize, needle: &str) -> bool {
        needle
            .chars()
            .enumerate()
            .all(|(k, c)| self.text.get(at + k) == Some(&c))
    }

    fn found(&self, start: usize, end: usize, value: String) -> Option<Found<String>> {
        let slice = self.glyphs.get(start..end)?;
        Some(Found {
            value,
            pos: slice.first()?.pos,
            raw: slice.iter().map(|g| g.raw).collect(),
            rule: None,
        })
    }

    fn published(&self, start: usize, end: usize) -> String {
        self.glyphs
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .map(|g| g.raw)
            .collect()
    }

    /// A 4-digit year followed by `年` at or after `from`: (index of the digits, year).
    fn year_at_or_after(&self, from: usize) -> Option<(usize, u32)> {
        let mut i = from;
        while i + 4 < self.text.len() {
            let digits = self.text.get(i..i + 4)?;
            let is_year = digits.iter().all(char::is_ascii_digit)
                && self.text.get(i + 4) == Some(&'年')
                && (i == 0 || !self.text.get(i - 1).is_some_and(char::is_ascii_digit));
            if is_year {
                let year: u32 = digits.iter().collect::<String>().parse().ok()?;
                if (1990..=2100).contains(&year) {
                    return Some((i, year));
                }
            }
            i += 1;
        }
        None
    }
}

/// Reads the title from the lines before the first heading, and the organ and year from the title
/// or, failing that, from the opening sentences (`现公布…2024年度政府信息公开工作情况`,
/// `本报告由…根据`).
pub(crate) fn read_metadata(preamble: &[&PosText], opening: &[&PosText]) -> Metadata {
    let mut meta = Metadata::default();
    let candidates: Vec<&PosText> = preamble
        .iter()
        .filter(|l| !l.is_blank() && !is_page_number(l))
        .take(12)
        .copied()
        .collect();
    'search: for start in 0..candidates.len() {
        for len in 1..=3 {
            let Some(window) = candidates.get(start..start + len) else {
                break;
            };
            let flat = Flat::of(window);
            if flat.text.len() > 80 {
                break;
            }
            if let Some(end) = title_end(&flat) {
                read_title(&flat, end, &mut meta);
                break 'search;
            }
        }
    }
    if meta.organ.is_none() || meta.year.is_none() {
        let lines: Vec<&PosText> = preamble.iter().chain(opening).take(8).copied().collect();
        let flat = Flat::of(&lines);
        if meta.organ.is_none() {
            meta.organ = organ_from_sentences(&flat);
        }
        if meta.year.is_none() {
            meta.year = year_from_sentences(&flat);
        }
    }
    meta
}

/// Reads `地址`, `邮编`, `电话` and `电子邮箱` where the report states them.
pub(crate) fn read_contact(lines: &[&PosText]) -> Contact {
    let flat = Flat::of(lines);
    let after_label = |labels: &[&str]| {
        labels.iter().find_map(|label| {
            let at = flat.find(label, 0)?;
            let mut start = at + label.chars().count();
            while matches!(flat.text.get(start), Some(':' | '：' | '为' | '是')) {
                start += 1;
            }
            Some(start)
        })
    };
    let take_while = |start: usize, keep: &dyn Fn(char) -> bool, limit: usize| {
        let mut end = start;
        while end < start + limit && flat.text.get(end).is_some_and(|c| keep(*c)) {
            end += 1;
        }
        end
    };
    let mut contact = Contact::default();
    if let Some(start) = after_label(&["邮政编码", "邮编"]) {
        let end = take_while(start, &|c| c.is_ascii_digit(), 6);
        if end - start == 6 {
            contact.postcode = flat.found(start, end, flat.published(start, end));
        }
    }
    if let Some(start) = after_label(&["联系电话", "咨询电话", "电话"]) {
        let phone_char =
            |c: char| c.is_ascii_digit() || matches!(c, '-' | '—' | '(' | ')' | '、' | '/');
        let end = take_while(start, &phone_char, 40);
        let text = flat.published(start, end);
        let text = text
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .to_owned();
        if text.chars().filter(char::is_ascii_digit).count() >= 7 {
            let end = start + text.chars().count();
            contact.phone = flat.found(start, end, text);
        }
    }
    if let Some(start) = after_label(&["电子邮箱", "电子邮件", "邮箱", "E-mail", "Email", "email"])
    {
        let email_char =
            |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '@');
        let end = take_while(start, &email_char, 80);
        let text = flat.published(start, end).trim_end_matches('.').to_owned();
        if text.contains('@') {
            let end = start + text.chars().count();
            contact.email = flat.found(start, end, text);
        }
    }
    if let Some(start) = after_label(&["通信地址", "联系地址", "地址"]) {
        // The address runs to the end of its clause; brackets inside it stay, a bracket closing
        // the sentence around it does not.
        let mut end = start;
        let mut depth = 0usize;
        while end < start + 60 {
            match flat.text.get(end) {
                Some('(' | '（') => depth += 1,
                Some(')' | '）') if depth == 0 => break,
                Some(')' | '）') => depth -= 1,
                Some(',' | '，' | ';' | '；' | '。') | None => break,
                Some(_) => {}
            }
            end += 1;
        }
        let stop = ["邮编", "邮政编码", "电话"]
            .iter()
            .filter_map(|w| flat.find(w, start))
            .filter(|at| *at < end)
            .min()
            .unwrap_or(end);
        let text = flat.published(start, stop);
        if text.chars().any(crate::normalize::is_cjk) {
            contact.address = flat.found(start, stop, text);
        }
    }
    contact
}

/// The signature at the end of a report: the organ above the date.
#[derive(Debug, Default)]
pub(crate) struct Signature {
    pub organ: Option<Found<String>>,
    /// `2025年1月20日`, as `2025-01-20`.
    pub date: Option<Found<String>>,
}

/// Reads the signature from the last lines of the report.
pub(crate) fn read_signature(last_lines: &[&PosText]) -> Signature {
    let lines: Vec<&PosText> = last_lines
        .iter()
        .filter(|l| !l.is_blank() && !is_page_number(l))
        .copied()
        .collect();
    let Some((index, date)) = lines.iter().enumerate().rev().take(3).find_map(|(i, l)| {
        let flat = Flat::of(&[*l]);
        date_line(&flat).map(|d| (i, d))
    }) else {
        return Signature::default();
    };
    let organ = index
        .checked_sub(1)
        .and_then(|i| lines.get(i))
        .and_then(|line| {
            let flat = Flat::of(&[*line]);
            let text: String = flat.text.iter().collect();
            let signs = [
                "人民政府",
                "办事处",
                "委员会",
                "办公室",
                "政府",
                "局",
                "厅",
                "委",
            ]
            .iter()
            .any(|suffix| text.ends_with(suffix));
            let is_name = text.chars().count() <= 30 && text.chars().all(is_name_char);
            (signs && is_name).then(|| {
                let mut found =
                    flat.found(0, flat.text.len(), flat.published(0, flat.text.len()))?;
                found.rule = Some(ReadingRule::OrganFromSignature);
                Some(found)
            })?
        });
    Signature {
        organ,
        date: Some(date),
    }
}

/// A line that is only a date: `2025年1月20日`.
fn date_line(flat: &Flat) -> Option<Found<String>> {
    let text: String = flat.text.iter().collect();
    let (year, rest) = text.split_once('年')?;
    let (month, rest) = rest.split_once('月')?;
    let day = rest.strip_suffix('日')?;
    let number = |s: &str, max: u32| {
        s.chars()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse::<u32>().ok())
            .flatten()
            .filter(|n| (1..=max).contains(n))
    };
    let (year, month, day) = (number(year, 2100)?, number(month, 12)?, number(day, 31)?);
    if year < 1990 {
        return None;
    }
    let mut found = flat.found(0, flat.text.len(), format!("{year:04}-{month:02}-{day:02}"))?;
    found.rule = Some(ReadingRule::DateFromSignature);
    Some(found)
}

/// The year of `2024年度政府信息公开…` or, failing that, the first year of the statistics period
/// (`统计期限自2024年1月1日`, `统计期限为2024年1月1日至…`, `统计时限从2024年1月1日到…`): a year
/// that opens on 1 January with `期限` or `时限` just before it.
fn year_from_sentences(flat: &Flat) -> Option<Found<u32>> {
    let mut from = 0;
    let mut fallback = None;
    while let Some((at, year)) = flat.year_at_or_after(from) {
        let mut after = at + 5;
        if flat.text.get(after) == Some(&'度') {
            after += 1;
        }
        let found = || {
            flat.found(at, at + 4, String::new()).map(|f| Found {
                value: year,
                pos: f.pos,
                raw: f.raw,
                rule: None,
            })
        };
        if flat.starts_with_at(after, "政府信息公开") {
            return found();
        }
        let before: String = flat
            .text
            .get(at.saturating_sub(6)..at)
            .unwrap_or_default()
            .iter()
            .collect();
        let period = before.contains("期限") || before.contains("时限");
        if fallback.is_none() && period && flat.starts_with_at(at + 5, "1月1日") {
            fallback = found();
        }
        from = at + 1;
    }
    fallback
}

/// Where the title in `flat` ends: after the `报告` that closes it, at the end of the text or
/// before a separator (`…年度报告_某某区人民政府` in an HTML `<title>`).
fn title_end(flat: &Flat) -> Option<usize> {
    let topic = flat.find("政府信息公开", 0)?;
    let mut from = topic;
    while let Some(at) = flat.find("报告", from) {
        let end = at + 2;
        match flat.text.get(end) {
            None => return Some(end),
            Some('-' | '_' | '|' | '—' | '–' | '丨') => return Some(end),
            _ => from = at + 1,
        }
    }
    None
}

/// Reads the title, and from it the year and the organ (the words before the year, or between
/// the year and `政府信息公开` when the title opens with the year).
fn read_title(flat: &Flat, end: usize, meta: &mut Metadata) {
    // A Markdown heading's `#` is markup, not part of the title.
    let mut start = flat.text.iter().take_while(|c| **c == '#').count();
    start += usize::from(flat.starts_with_at(start, "关于")) * 2;
    meta.title = flat.found(start, end, flat.published(start, end));
    let Some((at, year)) = flat.year_at_or_after(start).filter(|(at, _)| *at < end) else {
        return;
    };
    meta.year = flat.found(at, at + 4, String::new()).map(|f| Found {
        value: year,
        pos: f.pos,
        raw: f.raw,
        rule: None,
    });
    let (from, to) = if at > start {
        // `某某区政府信息公开工作2024年度报告`: the organ stops before the topic.
        let topic = flat
            .find("政府信息公开", start)
            .filter(|t| *t < at)
            .unwrap_or(at);
        (start, topic)
    } else {
        // `2024年南关区自强街道政府信息公开工作年度报告`: the organ follows the year.
        let mut from = at + 5;
        if flat.text.get(from) == Some(&'度') {
            from += 1;
        }
        (from, flat.find("政府信息公开", from).unwrap_or(from))
    };
    let mut name = flat.published(from, to);
    name = name.trim_matches(|c: char| !is_name_char(c)).to_owned();
    // `某某区人民政府信息公开…`: `政府` belongs to the organ.
    if name.ends_with("人民") && flat.starts_with_at(to, "政府") {
        name.push_str("政府");
    }
    if !name.is_empty() {
        meta.organ = flat.found(from, to.max(from + 1), name);
    }
}

fn is_name_char(c: char) -> bool {
    crate::normalize::is_cjk(c) || c.is_alphanumeric() || matches!(c, '(' | ')' | '（' | '）')
}

fn organ_from_sentences(flat: &Flat) -> Option<Found<String>> {
    if let Some(at) = flat.find("现公布", 0) {
        let from = at + 3;
        if let Some((year_at, _)) = flat.year_at_or_after(from)
            && year_at > from
            && year_at - from <= 40
        {
            let name = flat.published(from, year_at);
            return flat.found(from, year_at, name);
        }
    }
    if let Some(at) = flat.find("本报告由", 0) {
        let from = at + 4;
        let end = ["根据", "依据", "按照", "编制"]
            .iter()
            .filter_map(|w| flat.find(w, from))
            .min()?;
        if end > from && end - from <= 40 {
            let name = flat.published(from, end);
            return flat.found(from, end, name);
        }
    }
    None
}

/// Whether the lines of a document are wrapped at a fixed width (PDF text), so that a paragraph
/// continues on the next line.
pub(crate) fn is_wrapped(lines: &[&PosText]) -> bool {
    let mut lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.glyphs.iter().filter(|g| !g.ch.is_whitespace()).count())
        .filter(|n| *n >= 8)
        .collect();
    if lengths.len() < 6 {
        return false;
    }
    lengths.sort_unstable();
    let typical = lengths
        .get(lengths.len() * 9 / 10)
        .copied()
        .unwrap_or_default();
    let full = lengths
        .iter()
        .filter(|n| **n + 3 >= typical && **n <= typical + 3)
        .count();
    let ends_sentence = lines
        .iter()
        .filter(|l| l.glyphs.iter().filter(|g| !g.ch.is_whitespace()).count() >= 8)
        .filter(|l| ends_with_stop(l))
        .count();
    full * 10 >= lengths.len() * 6 && ends_sentence * 2 < lengths.len()
}

fn ends_with_stop(line: &PosText) -> bool {
    line.glyphs
        .iter()
        .rev()
        .find(|g| !g.ch.is_whitespace())
        .is_some_and(|g| matches!(g.ch, '。' | ':' | ';' | '!' | '?' | '：' | '；'))
}

fn starts_paragraph(line: &PosText) -> bool {
    let text: String = line
        .glyphs
        .iter()
        .filter(|g| !g.ch.is_whitespace())
        .take(3)
        .map(|g| g.ch)
        .collect();
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some('('), _) => true,
        (Some(c), Some('、' | '.' | '是'))
            if c.is_ascii_digit() || "一二三四五六七八九十".contains(c) =>
        {
            true
        }
        _ => false,
    }
}

/// The text of a prose section as published: blank lines and page numbers go; in wrapped text,
/// lines of one paragraph are joined.
pub(crate) fn prose(lines: &[&PosText], wrapped: bool) -> Option<Found<String>> {
    let mut text = String::new();
    let mut pos = None;
    let mut previous: Option<&PosText> = None;
    for line in lines {
        if line.is_blank() || is_page_number(line) {
            continue;
        }
        let published = line.published();
        let piece = published.trim();
        let continues = wrapped
            && previous.is_some_and(|p| !ends_with_stop(p))
            && line.indent() < 2
            && !starts_paragraph(line);
        if pos.is_none() {
            pos = line.first_pos();
        } else if continues {
            let joins_words = text.ends_with(|c: char| c.is_ascii_alphanumeric())
                && piece.starts_with(|c: char| c.is_ascii_alphanumeric());
            if joins_words {
                text.push(' ');
            }
        } else {
            text.push('\n');
        }
        text.push_str(piece);
        previous = Some(line);
    }
    let pos = pos?;
    // The opening words of the section, to recognise it by.
    let raw = text.chars().take(20).collect();
    Some(Found {
        value: text,
        pos,
        raw,
        rule: None,
    })
}

/// The fee figures of section 六 (《政府信息公开信息处理费管理办法》).
#[derive(Debug, Default)]
pub(crate) struct Fees {
    pub notices_issued: Option<Found<u64>>,
    pub notices_amount: Option<Found<String>>,
    pub collected: Option<Found<String>>,
}

/// Reads the fee figures from the sentences of section 六.
pub(crate) fn read_fees(lines: &[&PosText]) -> Fees {
    let flat = Flat::of(lines);
    let mut fees = Fees::default();
    let mut sentence_start = 0;
    for end in 0..=flat.text.len() {
        let at_stop =
            end == flat.text.len() || matches!(flat.text.get(end), Some('。' | ';' | '；'));
        if at_stop {
            if end > sentence_start {
                read_fee_sentence(&flat, sentence_start, end, &mut fees);
            }
            sentence_start = end + 1;
        }
    }
    fees
}

fn read_fee_sentence(flat: &Flat, start: usize, end: usize, fees: &mut Fees) {
    let sentence: String = flat
        .text
        .get(start..end)
        .unwrap_or_default()
        .iter()
        .collect();
    if !(sentence.contains("收费") || sentence.contains("处理费") || sentence.contains("收取"))
    {
        return;
    }
    let mentions_notice = sentence.contains("收费通知");
    let all_zero = ["均为0", "均为零", "都为0", "均是0", "均为0元"]
        .iter()
        .find_map(|w| sentence.find(w).map(|byte| (w, byte)));
    if let Some((word, byte)) = all_zero {
        let at = start + sentence.get(..byte).map_or(0, |s| s.chars().count()) + 2;
        let zero = |rule| Found {
            value: "0".to_owned(),
            pos: flat.glyphs.get(at).map(|g| g.pos).unwrap_or_default(),
            raw: (*word).to_owned(),
            rule: Some(rule),
        };
        if mentions_notice && (sentence.contains("件数") || sentence.contains("数量")) {
            let z = zero(ReadingRule::FeeAllZeroStated);
            fees.notices_issued.get_or_insert(Found {
                value: 0,
                pos: z.pos,
                raw: z.raw,
                rule: z.rule,
            });
        }
        if mentions_notice && sentence.contains("总金额") {
            fees.notices_amount
                .get_or_insert(zero(ReadingRule::FeeAllZeroStated));
        }
        if sentence.contains("实际收取") {
            fees.collected
                .get_or_insert(zero(ReadingRule::FeeAllZeroStated));
        }
        return;
    }
    let mut i = start;
    let mut found_number = false;
    while i < end {
        let is_digit = flat.text.get(i).is_some_and(char::is_ascii_digit);
        let after_digit = i > start
            && flat
                .text
                .get(i - 1)
                .is_some_and(|c| c.is_ascii_digit() || *c == '.');
        if !is_digit || after_digit {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < end
            && flat
                .text
                .get(j)
                .is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        {
            j += 1;
        }
        let number: String = flat.text.get(i..j).unwrap_or_default().iter().collect();
        let number = number.trim_end_matches(['.', ',']).to_owned();
        let unit = flat.text.get(j).copied();
        // The words just before the number say what it is.
        let context_start = i.saturating_sub(40).max(start);
        let before: String = flat
            .text
            .get(context_start..i)
            .unwrap_or_default()
            .iter()
            .collect();
        let last = |w: &str| before.rfind(w);
        let found = |value: String| Found {
            value,
            pos: flat.glyphs.get(i).map(|g| g.pos).unwrap_or_default(),
            raw: flat.published(i, (j + 1).min(end)),
            rule: Some(ReadingRule::FeeFigureFromProse),
        };
        match unit {
            Some('件' | '份' | '次' | '个') if mentions_notice => {
                if let Ok((count, _)) = crate::number::read_count(&number, &number) {
                    found_number = true;
                    let f = found(String::new());
                    fees.notices_issued.get_or_insert(Found {
                        value: count,
                        pos: f.pos,
                        raw: f.raw,
                        rule: f.rule,
                    });
                }
            }
            Some('元') => {
                let Ok((amount, _)) = crate::number::read_decimal(&number, &number, "元") else {
                    i = j;
                    continue;
                };
                found_number = true;
                let collected_last = last("收取") > last("收费通知") || before.contains("实际收取");
                if collected_last && last("收取").is_some() {
                    fees.collected.get_or_insert(found(amount));
                } else if mentions_notice {
                    fees.notices_amount.get_or_insert(found(amount));
                } else if before.contains("处理费") {
                    fees.collected.get_or_insert(found(amount));
                }
            }
            _ => {}
        }
        i = j;
    }
    let none_collected = [
        "未收取",
        "没有收取",
        "未向申请人收取",
        "不收取",
        "未产生",
        "未发生",
        "没有产生",
        "不存在",
    ]
    .iter()
    .find_map(|w| sentence.find(w));
    if !found_number
        && let Some(byte) = none_collected
        && sentence.contains("处理费")
    {
        let at = start + sentence.get(..byte).map_or(0, |s| s.chars().count());
        fees.collected.get_or_insert(Found {
            value: "0".to_owned(),
            pos: flat.glyphs.get(at).map(|g| g.pos).unwrap_or_default(),
            raw: flat.published(at, end),
            rule: Some(ReadingRule::FeeNoneCollectedStated),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::text_lines;

    fn lines(text: &str) -> Vec<PosText> {
        text_lines(text)
    }

    #[test]
    fn title_organ_year() {
        let l =
            lines("            淮安市人民政府\n     2024 年政府信息公开工作年度报告\n   本报告由");
        let refs: Vec<&PosText> = l.iter().collect();
        let m = read_metadata(&refs, &[]);
        assert_eq!(
            m.title.map(|t| t.value).as_deref(),
            Some("淮安市人民政府2024年政府信息公开工作年度报告")
        );
        assert_eq!(m.organ.map(|t| t.value).as_deref(), Some("淮安市人民政府"));
        assert_eq!(m.year.map(|t| t.value), Some(2024));
        let l = lines("2024年南关区自强街道政府信息公开工作\n年度报告\n根据《条例》规定，现公布。");
        let refs: Vec<&PosText> = l.iter().collect();
        let m = read_metadata(&refs, &[]);
        assert_eq!(m.organ.map(|t| t.value).as_deref(), Some("南关区自强街道"));
        for (text, title, organ) in [
            (
                "关于某某区2024年政府信息公开工作年度报告",
                "某某区2024年政府信息公开工作年度报告",
                "某某区",
            ),
            (
                "某某区2023年度政府信息公开工作年度报告_某某区人民政府",
                "某某区2023年度政府信息公开工作年度报告",
                "某某区",
            ),
            (
                "某某区人民政府信息公开工作2022年度报告",
                "某某区人民政府信息公开工作2022年度报告",
                "某某区人民政府",
            ),
            (
                "# 某某区2024年政府信息公开工作年度报告",
                "某某区2024年政府信息公开工作年度报告",
                "某某区",
            ),
        ] {
            let l = lines(text);
            let refs: Vec<&PosText> = l.iter().collect();
            let m = read_metadata(&refs, &[]);
            assert_eq!(m.title.map(|t| t.value).as_deref(), Some(title));
            assert_eq!(m.organ.map(|t| t.value).as_deref(), Some(organ), "{text}");
        }
    }

    #[test]
    fn year_from_the_statistics_period() {
        for (text, year) in [
            (
                "本报告所列数据的统计期限为2024年1月1日至2024年12月31日。",
                Some(2024),
            ),
            (
                "本报告中所列数据统计期限自2023年1月1日起至2023年12月31日止。",
                Some(2023),
            ),
            (
                "所列数据统计时限从2022年1月1日到2022年12月31日。",
                Some(2022),
            ),
            // Not a period: a year in a sentence about something else.
            ("2024年3月1日起施行的办法明确了期限。", None),
            ("期限为2024年6月1日。", None),
        ] {
            let l = lines(text);
            let refs: Vec<&PosText> = l.iter().collect();
            let m = read_metadata(&[], &refs);
            assert_eq!(m.year.map(|y| y.value), year, "{text}");
        }
    }

    #[test]
    fn contact_and_signature() {
        let l = lines(
            "如有疑问请联系（地址：某某区福祉大路1572号(政务中心)5楼，邮 编：130000，电话：0431-80767950，电子邮箱：a.b@163.com）。",
        );
        let refs: Vec<&PosText> = l.iter().collect();
        let c = read_contact(&refs);
        assert_eq!(
            c.address.map(|f| f.value).as_deref(),
            Some("某某区福祉大路1572号(政务中心)5楼")
        );
        assert_eq!(c.postcode.map(|f| f.value).as_deref(), Some("130000"));
        assert_eq!(c.phone.map(|f| f.value).as_deref(), Some("0431-80767950"));
        assert_eq!(c.email.map(|f| f.value).as_deref(), Some("a.b@163.com"));
        let l = lines("无。\n\n某某区人民政府办公室\n2025年1月20日\n");
        let refs: Vec<&PosText> = l.iter().collect();
        let signature = read_signature(&refs);
        assert_eq!(
            signature.date.map(|f| f.value).as_deref(),
            Some("2025-01-20")
        );
        assert_eq!(
            signature.organ.map(|f| f.value).as_deref(),
            Some("某某区人民政府办公室")
        );
    }

    #[test]
    fn fees_from_prose() {
        let read = |t: &str| {
            let l = lines(t);
            let refs: Vec<&PosText> = l.iter().collect();
            let f = read_fees(&refs);
            (
                f.notices_issued.map(|x| x.value),
                f.notices_amount.map(|x| x.value),
                f.collected.map(|x| x.value),
            )
        };
        assert_eq!(
            read("全年收取政府信息公开信息处理费 3940 元。"),
            (None, None, Some("3940".to_owned()))
        );
        assert_eq!(
            read("本年度未收取信息处理费，发出收费通知的件数和总金额以及实际收取的总金额均为0。"),
            (Some(0), Some("0".to_owned()), Some("0".to_owned()))
        );
        assert_eq!(
            read("共发出收费通知2件，总金额150元，实际收取100元。"),
            (Some(2), Some("150".to_owned()), Some("100".to_owned()))
        );
        assert_eq!(
            read("2024年度本单位未收取信息处理费。"),
            (None, None, Some("0".to_owned()))
        );
        assert_eq!(
            read("本年度未产生政府信息公开信息处理费。"),
            (None, None, Some("0".to_owned()))
        );
        assert_eq!(read("无"), (None, None, None));
    }
}
