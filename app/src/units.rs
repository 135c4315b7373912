//! Lengths, areas and amounts as this app writes them (a decimal comma,
//! whole numbers without a fraction in form fields), and text made safe for
//! a link's query. One place each, so a form field, the floor plan, the
//! booking page and the confirmation agree.
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Whether a whole number keeps its zero fraction ("12,00") or not ("12").
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fraction {
    IfAny,
    Always,
}

/// `value` counted in tenths (`digits` 1) or hundredths (`digits` 2),
/// written with a decimal comma.
fn with_comma(value: i64, digits: u32, fraction: Fraction) -> String {
    let scale = 10_i64.pow(digits);
    if fraction == Fraction::IfAny && value % scale == 0 {
        format!("{}", value / scale)
    } else {
        let width = digits as usize;
        format!("{},{:0width$}", value / scale, (value % scale).abs())
    }
}

/// Metres from decimetres, for forms and labels: "4" or "2,5".
pub fn metres_text(dm: i64) -> String {
    with_comma(dm, 1, Fraction::IfAny)
}

/// Square metres from square decimetres, rounded to a tenth, as people
/// write them: "12" or "13,5".
pub fn square_metres_text(dm2: i64) -> String {
    with_comma((dm2 + 5) / 10, 1, Fraction::IfAny)
}

/// Square metres from square decimetres to the hundredth, as documents
/// write them: "12,00" or "13,75".
pub fn square_metres_exact(dm2: i64) -> String {
    with_comma(dm2, 2, Fraction::Always)
}

/// Euros from cents for a form field: "600" or "600,50".
pub fn euros_text(cents: i64) -> String {
    with_comma(cents, 2, Fraction::IfAny)
}

/// Euros with a comma and grouped thousands, as German invoices write
/// them: `1.250,00 €`.
pub fn format_euros(cents: i64) -> String {
    let digits = (cents / 100).abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{grouped},{:02} €", (cents % 100).abs())
}

/// Everything but the unreserved characters of RFC 3986.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes a value for a link's query (spaces as `%20`).
pub fn query_value(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// Percent-encodes a value as forms send it (spaces as `+`), as search
/// pages such as OpenStreetMap's expect.
pub fn form_value(value: &str) -> String {
    value
        .split(' ')
        .map(query_value)
        .collect::<Vec<_>>()
        .join("+")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_areas_drop_a_zero_fraction() {
        assert_eq!(metres_text(25), "2,5");
        assert_eq!(metres_text(40), "4");
        assert_eq!(metres_text(-15), "-1,5");
        assert_eq!(square_metres_text(1200), "12");
        assert_eq!(square_metres_text(1349), "13,5");
        assert_eq!(square_metres_text(1344), "13,4");
        assert_eq!(square_metres_exact(1200), "12,00");
        assert_eq!(square_metres_exact(1375), "13,75");
    }

    #[test]
    fn euros_for_fields_and_for_documents() {
        assert_eq!(euros_text(60_000), "600");
        assert_eq!(euros_text(60_050), "600,50");
        assert_eq!(euros_text(60_005), "600,05");
        assert_eq!(format_euros(125_050), "1.250,50 €");
        assert_eq!(format_euros(-5), "-0,05 €");
    }

    #[test]
    fn query_values_keep_only_unreserved_characters() {
        assert_eq!(query_value("Ab-_.~ z/ä&"), "Ab-_.~%20z%2F%C3%A4%26");
        assert_eq!(form_value("Halle B, Straße 1"), "Halle+B%2C+Stra%C3%9Fe+1");
        assert_eq!(form_value("a+b  c"), "a%2Bb++c");
    }
}
