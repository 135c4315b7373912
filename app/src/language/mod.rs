//! The languages on offer, as data: the list is `LOCALES` in `build.rs`, from
//! which leptos_i18n generates [`Locale`]. Every other place asks this module
//! (or the enum) instead of matching on language codes, so a new language is
//! a translation file and one list entry. Dates, numbers and prices are
//! formatted here too, for the reader, with patterns from that file.
use crate::i18n::Locale;
use leptos_i18n::Locale as _;

#[cfg(feature = "ssr")]
pub mod dates;
pub mod numbers;

/// The language with exactly this code (`de`, `en`, …), if it is on offer.
pub fn parse(code: &str) -> Option<Locale> {
    Locale::get_all()
        .iter()
        .copied()
        .find(|locale| locale.as_str() == code)
}

/// The language with this code, or the default language (the first of the
/// list) for a code that is not (or no longer) on offer.
pub fn or_default(code: &str) -> Locale {
    parse(code).unwrap_or_default()
}

/// The code of a language (`de`), for crates that do not use leptos_i18n.
pub fn code(locale: Locale) -> &'static str {
    locale.as_str()
}

/// Every language on offer except `current`, in list order: what the
/// language switch offers.
pub fn others(current: Locale) -> impl Iterator<Item = Locale> {
    Locale::get_all()
        .iter()
        .copied()
        .filter(move |locale| *locale != current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_on_offer_round_trips_and_unknown_codes_fall_back() {
        for locale in Locale::get_all() {
            assert_eq!(parse(locale.as_str()), Some(*locale));
        }
        assert_eq!(parse("EN"), None);
        assert_eq!(parse("xx"), None);
        assert_eq!(or_default("xx"), Locale::get_all()[0]);
        assert_eq!(or_default("en"), Locale::en);
        assert!(others(Locale::de).all(|l| l != Locale::de));
    }
}
