//! Account types shared by server and browser, and the sign-up rules.
use crate::{
    error::{FieldErrors, Problem},
    organisations::OrgKind,
    validation::{self, NAME_MAX},
};
use serde::{Deserialize, Serialize};

/// The signed-in person as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    /// Whether the person proved the address (opened a link mailed to it).
    /// Until then the account can do nothing that depends on the address.
    pub email_verified: bool,
}

/// What the sign-up form sends, unchecked. No password: the person chooses
/// it when they open the link mailed to the address, so nobody who merely
/// claims an address ever holds a password for its account.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SignUpForm {
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub kind: String,
}

/// A sign-up that passed every rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidSignUp {
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub kind: OrgKind,
}

impl SignUpForm {
    pub fn validate(&self) -> Result<ValidSignUp, FieldErrors> {
        let mut errors = FieldErrors::default();
        let name = validation::collect(
            &mut errors,
            "name",
            validation::required_text(&self.name, NAME_MAX),
        );
        let email = validation::collect(
            &mut errors,
            "email",
            validation::normalise_email(&self.email),
        );
        let organisation = validation::collect(
            &mut errors,
            "organisation",
            validation::required_text(&self.organisation, NAME_MAX),
        );
        let kind = validation::collect(
            &mut errors,
            "kind",
            OrgKind::parse(&self.kind).ok_or(Problem::InvalidChoice),
        );
        match (name, email, organisation, kind) {
            (Some(name), Some(email), Some(organisation), Some(kind)) => Ok(ValidSignUp {
                name,
                email,
                organisation,
                kind,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SignUpForm {
        SignUpForm {
            name: " Anna Schmidt ".into(),
            email: "Anna@Jobcenter.de".into(),
            organisation: "Jobcenter Frankfurt".into(),
            kind: "organiser".into(),
        }
    }

    #[test]
    fn a_complete_sign_up_is_accepted_and_normalised() {
        let valid = form().validate().ok();
        assert_eq!(
            valid.as_ref().map(|v| v.email.as_str()),
            Some("anna@jobcenter.de")
        );
        assert_eq!(
            valid.as_ref().map(|v| v.name.as_str()),
            Some("Anna Schmidt")
        );
        assert_eq!(valid.map(|v| v.kind), Some(OrgKind::Organiser));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let bad = SignUpForm {
            name: "".into(),
            email: "anna".into(),
            organisation: "".into(),
            kind: "admin".into(),
        };
        let errors = bad.validate().err().unwrap_or_default();
        assert_eq!(errors.get("name"), Some(Problem::Required));
        assert_eq!(errors.get("email"), Some(Problem::InvalidEmail));
        assert_eq!(errors.get("organisation"), Some(Problem::Required));
        assert_eq!(errors.get("kind"), Some(Problem::InvalidChoice));
    }
}

/// What deleting an account does to one of the person's organisations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrganisationFate {
    /// Others stay members (and an owner stays): the person just leaves.
    Left,
    /// The person is its only member: it is deleted too, with its drafts.
    Deleted,
    /// Others are members but no other owner: make someone owner first.
    BlockedLastOwner,
    /// Only member, and it has fairs beyond drafts (people registered for
    /// them, or their follow-up is kept): hand it over first.
    BlockedFairs,
    /// Only member, and it holds or has booked booths: cancel them first.
    BlockedBookings,
}

impl OrganisationFate {
    pub fn blocks(self) -> bool {
        !matches!(self, OrganisationFate::Left | OrganisationFate::Deleted)
    }
}

/// What deleting the account would do, shown before it is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletionPlan {
    /// Each organisation of the person (name) and its fate.
    pub organisations: Vec<(String, OrganisationFate)>,
}

impl DeletionPlan {
    pub fn possible(&self) -> bool {
        !self.organisations.iter().any(|(_, fate)| fate.blocks())
    }
}
