//! The text sizes on offer.
use serde::{Deserialize, Serialize};

pub const TEXT_SIZE_COOKIE: &str = "jf_text_size";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextSize {
    #[default]
    Normal,
    Large,
    Larger,
}

impl TextSize {
    pub const ALL: [TextSize; 3] = [TextSize::Normal, TextSize::Large, TextSize::Larger];

    pub fn as_str(self) -> &'static str {
        match self {
            TextSize::Normal => "normal",
            TextSize::Large => "large",
            TextSize::Larger => "larger",
        }
    }

    pub fn parse(value: &str) -> Option<TextSize> {
        TextSize::ALL.into_iter().find(|s| s.as_str() == value)
    }

    /// What the button shows: one more "+" per step.
    pub fn symbol(self) -> &'static str {
        match self {
            TextSize::Normal => "A",
            TextSize::Large => "A+",
            TextSize::Larger => "A++",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_round_trip_and_unknown_values_are_refused() {
        for size in TextSize::ALL {
            assert_eq!(TextSize::parse(size.as_str()), Some(size));
        }
        assert_eq!(TextSize::parse("huge"), None);
    }
}
