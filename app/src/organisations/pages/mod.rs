//! Pages for organisations: the account overview and accepting invitations.
mod accept_invite;
mod account;

pub use accept_invite::AcceptInvitePage;
pub use account::AccountPage;

use super::Role;
use crate::i18n::*;
use leptos_i18n::{I18nContext, t_string};

pub fn role_text(i18n: I18nContext<Locale>, role: Role) -> String {
    match role {
        Role::Owner => t_string!(i18n, roles.owner),
        Role::Organiser => t_string!(i18n, roles.organiser),
        Role::DoorStaff => t_string!(i18n, roles.door_staff),
        Role::Member => t_string!(i18n, roles.member),
    }
    .to_string()
}
