//! Mails about fairs: personal invitations, tickets and waitlist places.
use super::{Message, compose};
use crate::{
    i18n::Locale,
    mail::layout::{Block, Mail, render},
};
use leptos_i18n::td_string;

/// What a fair invitation says: who invites, to what, when and where.
pub struct FairInvitation<'a> {
    pub name: &'a str,
    pub organisation: &'a str,
    pub fair: &'a str,
    pub when: &'a str,
    pub venue: &'a str,
    pub link: &'a str,
    pub unsubscribe_link: &'a str,
    /// An employer invited to book a booth (not a jobseeker to register).
    pub employer: bool,
}

/// A personal invitation to a fair, with the single-use link and a way to
/// get no more invitations.
pub fn fair_invitation(locale: Locale, invitation: &FairInvitation<'_>) -> Message {
    let (subject, body, action) = if invitation.employer {
        (
            td_string!(locale, mail.booth_invite_subject, fair = invitation.fair).to_string(),
            td_string!(
                locale,
                mail.booth_invite_body,
                organisation = invitation.organisation,
                fair = invitation.fair,
                when = invitation.when,
                venue = invitation.venue
            )
            .to_string(),
            td_string!(locale, mail.booth_invite_action).to_string(),
        )
    } else {
        (
            td_string!(locale, mail.fair_invite_subject, fair = invitation.fair).to_string(),
            td_string!(
                locale,
                mail.fair_invite_body,
                organisation = invitation.organisation,
                fair = invitation.fair,
                when = invitation.when,
                venue = invitation.venue
            )
            .to_string(),
            td_string!(locale, mail.fair_invite_action).to_string(),
        )
    };
    render(Mail {
        locale,
        subject,
        greeting: td_string!(locale, mail.greeting, name = invitation.name).to_string(),
        blocks: vec![
            Block::Text(body),
            Block::Action {
                label: action,
                link: invitation.link,
                lead: None,
            },
            Block::Note(td_string!(locale, mail.ignore_hint).to_string()),
        ],
        footer: Some((
            td_string!(locale, mail.unsubscribe_hint).to_string(),
            invitation.unsubscribe_link,
        )),
    })
}

/// The `Content-ID` of the QR code image inside ticket mails.
pub const TICKET_QR_CID: &str = "ticket-qr@jobfair";

/// Why a ticket mail is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TicketMailKind {
    Confirmed,
    Promoted,
    Changed,
    SentAgain,
}

pub struct TicketMail<'a> {
    pub name: &'a str,
    pub fair: &'a str,
    /// The time slot.
    pub when: &'a str,
    pub venue: &'a str,
    pub address: &'a str,
    pub short_code: &'a str,
    pub link: &'a str,
    pub kind: TicketMailKind,
}

pub fn ticket_code_label(locale: Locale) -> String {
    td_string!(locale, mail.ticket_code).to_string()
}

pub fn ticket_qr_alt(locale: Locale, fair: &str) -> String {
    td_string!(locale, mail.ticket_qr_alt, fair = fair).to_string()
}

/// The ticket: QR code inline (the caller attaches the PNG under
/// [`TICKET_QR_CID`]), short code, slot, venue and the personal link.
pub fn ticket_mail(locale: Locale, m: &TicketMail<'_>) -> Message {
    let greeting = td_string!(locale, mail.greeting, name = m.name).to_string();
    let intro = match m.kind {
        TicketMailKind::Confirmed => {
            td_string!(locale, mail.ticket_confirmed, fair = m.fair).to_string()
        }
        TicketMailKind::Promoted => {
            td_string!(locale, mail.ticket_promoted, fair = m.fair).to_string()
        }
        TicketMailKind::Changed => {
            td_string!(locale, mail.ticket_changed, fair = m.fair).to_string()
        }
        TicketMailKind::SentAgain => {
            td_string!(locale, mail.ticket_again, fair = m.fair).to_string()
        }
    };
    render(Mail {
        locale,
        subject: td_string!(locale, mail.ticket_subject, fair = m.fair).to_string(),
        greeting,
        blocks: vec![
            Block::Text(intro),
            Block::Image {
                cid: TICKET_QR_CID,
                alt: ticket_qr_alt(locale, m.fair),
                size: 240,
            },
            Block::Code(m.short_code),
            Block::Facts(vec![
                (
                    td_string!(locale, mail.ticket_slot).to_string(),
                    m.when.to_owned(),
                ),
                (
                    td_string!(locale, mail.ticket_venue).to_string(),
                    format!("{}, {}", m.venue, m.address),
                ),
                (ticket_code_label(locale), m.short_code.to_owned()),
            ]),
            Block::Text(td_string!(locale, mail.ticket_show).to_string()),
            Block::Action {
                label: td_string!(locale, mail.ticket_action).to_string(),
                link: m.link,
                lead: Some(td_string!(locale, mail.ticket_manage).to_string()),
            },
        ],
        footer: None,
    })
}

/// A place on the waitlist, with its position and the personal link.
pub fn waitlist_mail(
    locale: Locale,
    name: &str,
    fair: &str,
    when: &str,
    position: i64,
    link: &str,
) -> Message {
    compose(
        td_string!(locale, mail.waitlist_subject, fair = fair).to_string(),
        &td_string!(locale, mail.greeting, name = name).to_string(),
        td_string!(
            locale,
            mail.waitlist_body,
            fair = fair,
            when = when,
            position = position
        )
        .to_string(),
        td_string!(locale, mail.waitlist_action).to_string(),
        link,
        locale,
    )
}
