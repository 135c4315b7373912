//! Numbers and prices for the reader: the marks and the price pattern come
//! from the language's translation file (`language.decimal_mark`, …).
use crate::i18n::Locale;
use leptos_i18n::td_string;

/// A whole number with the language's thousands mark: "1.250" / "1,250".
pub fn whole(locale: Locale, n: i64) -> String {
    let digits = group(
        &n.unsigned_abs().to_string(),
        td_string!(locale, language.group_mark),
    );
    if n < 0 { format!("-{digits}") } else { digits }
}

/// An amount of cents in euros: "1.250,50 €" in German, "€1,250.50" in English.
pub fn price(locale: Locale, cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let euros = (cents / 100).unsigned_abs().to_string();
    let grouped = group(&euros, td_string!(locale, language.group_mark));
    let amount = format!(
        "{sign}{grouped}{}{:02}",
        td_string!(locale, language.decimal_mark),
        (cents % 100).abs()
    );
    td_string!(locale, language.price, amount = amount).to_string()
}

/// A value given in hundredths with two decimals: "12,50" / "12.50".
pub fn hundredths(locale: Locale, value: i64) -> String {
    let sign = if value < 0 { "-" } else { "" };
    format!(
        "{sign}{}{}{:02}",
        (value / 100).unsigned_abs(),
        td_string!(locale, language.decimal_mark),
        (value % 100).abs()
    )
}

/// Digits in groups of three from the right.
fn group(digits: &str, mark: &str) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(mark);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_and_numbers_follow_the_language() {
        assert_eq!(price(Locale::de, 125_050), "1.250,50 €");
        assert_eq!(price(Locale::de, 0), "0,00 €");
        assert_eq!(price(Locale::de, 123_456_789), "1.234.567,89 €");
        assert_eq!(price(Locale::en, 125_050), "€1,250.50");
        assert_eq!(whole(Locale::de, 1250), "1.250");
        assert_eq!(whole(Locale::en, -1_000_000), "-1,000,000");
        assert_eq!(whole(Locale::en, 999), "999");
        assert_eq!(hundredths(Locale::de, 1250), "12,50");
        assert_eq!(hundredths(Locale::en, 1205), "12.05");
    }
}
