//! Door rules shared by the server and the scanner in the browser: what a
//! scanned or typed credential is, and whether its holder may enter now.
//! The same functions decide online (on the server, with the database's
//! facts) and offline (in wasm, with the door pack the device keeps), so
//! both answer alike.
use serde::{Deserialize, Serialize};
use ticket::{Claims, Rejection, TicketVerifier};

/// Longest gate or device name accepted.
pub const GATE_MAX: usize = 40;
/// Longest credential (a ticket text is 143 characters).
pub const CREDENTIAL_MAX: usize = 200;
/// Most scans one sync may carry.
pub const SYNC_BATCH_MAX: usize = 500;
/// Longest allowed slot tolerance, in minutes.
pub const TOLERANCE_MAX_MINUTES: u32 = 720;

/// Why someone is not let in. The scanner shows each one differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// Not a ticket text nor a short code.
    NotATicket,
    /// A genuine-looking ticket of another fair.
    OtherFair,
    /// Signed with an unknown key, or altered.
    Forged,
    /// Valid on another day.
    NotToday,
    /// The slot starts later than the tolerance allows.
    TooEarly { slot: String },
    /// The slot ended longer ago than the tolerance allows.
    TooLate { slot: String },
    /// Cancelled, or replaced by a newer ticket.
    Revoked,
    /// Checked in before.
    AlreadyIn { at: i64, gate: String },
    /// A short code (or ticket number) this fair does not know.
    UnknownCode,
}

impl Refusal {
    /// The reason's stable name in the check-in API's answers (the log's
    /// `reason` column keeps the whole refusal as JSON).
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::NotATicket => "not_a_ticket",
            Refusal::OtherFair => "other_fair",
            Refusal::Forged => "forged",
            Refusal::NotToday => "not_today",
            Refusal::TooEarly { .. } => "too_early",
            Refusal::TooLate { .. } => "too_late",
            Refusal::Revoked => "revoked",
            Refusal::AlreadyIn { .. } => "already_in",
            Refusal::UnknownCode => "unknown_code",
        }
    }
}

/// The first admission of a ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Admission {
    pub ticket_id: u32,
    pub at: i64,
    pub gate: String,
}

/// What was presented at the door.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// The signed text of a QR code.
    Signed(String),
    /// A short code typed in, normalised (`ABCD-EFGH`).
    ShortCode(String),
    /// A ticket picked from the name search (`#123`).
    TicketId(u32),
}

impl Credential {
    /// Reads what a camera, a keyboard-wedge scanner or a person typed.
    pub fn read(input: &str) -> Result<Credential, Refusal> {
        let input = input.trim();
        if input.len() > CREDENTIAL_MAX {
            return Err(Refusal::NotATicket);
        }
        if input.len() > 3 && input[..3].eq_ignore_ascii_case(ticket::PREFIX) {
            return Ok(Credential::Signed(format!(
                "{}{}",
                ticket::PREFIX,
                input[3..].to_ascii_uppercase()
            )));
        }
        if let Some(id) = input.strip_prefix('#').and_then(|n| n.parse().ok()) {
            return Ok(Credential::TicketId(id));
        }
        ticket::normalise_short_code(input)
            .map(Credential::ShortCode)
            .ok_or(Refusal::NotATicket)
    }

    /// The text form, as stored and synced.
    pub fn text(&self) -> String {
        match self {
            Credential::Signed(text) | Credential::ShortCode(text) => text.clone(),
            Credential::TicketId(id) => format!("#{id}"),
        }
    }
}

/// Checks a ticket text's signature, fair and day. Revocation and the slot
/// are judged afterwards, with what the door knows of the ticket.
pub fn check_signed(verifier: &TicketVerifier, text: &str, now: i64) -> Result<Claims, Refusal> {
    verifier.verify(text, now, |_| false).map_err(|r| match r {
        Rejection::NotATicket => Refusal::NotATicket,
        Rejection::OtherFair { .. } => Refusal::OtherFair,
        Rejection::UnknownKey | Rejection::BadSignature => Refusal::Forged,
        Rejection::NotYetValid | Rejection::Expired => Refusal::NotToday,
        Rejection::Revoked => Refusal::Revoked,
    })
}

/// What the door knows of one ticket when judging it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownTicket {
    pub id: u32,
    pub slot_id: i64,
    pub revoked: bool,
}

/// A slot's admission window, with its label for messages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorSlot {
    pub id: i64,
    pub starts_at: i64,
    pub ends_at: i64,
    /// Local time range, e.g. "09:00–12:00".
    pub label: String,
}

/// Whether the holder of a known ticket may enter at `now`: not revoked,
/// not in before, and within the slot (widened by the tolerance).
pub fn judge(
    ticket: &KnownTicket,
    slot: Option<&DoorSlot>,
    now: i64,
    tolerance_secs: i64,
    admitted: Option<&Admission>,
) -> Result<(), Refusal> {
    if ticket.revoked {
        return Err(Refusal::Revoked);
    }
    if let Some(first) = admitted {
        return Err(Refusal::AlreadyIn {
            at: first.at,
            gate: first.gate.clone(),
        });
    }
    let Some(slot) = slot else {
        return Err(Refusal::UnknownCode);
    };
    if now < slot.starts_at - tolerance_secs {
        return Err(Refusal::TooEarly {
            slot: slot.label.clone(),
        });
    }
    if now > slot.ends_at + tolerance_secs {
        return Err(Refusal::TooLate {
            slot: slot.label.clone(),
        });
    }
    Ok(())
}

/// One ticket as the door list has it. Revoked tickets stay on the list,
/// so their short codes are answered "cancelled", not "unknown".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorTicket {
    pub id: u32,
    pub short_code: String,
    pub name: String,
    pub slot_id: i64,
    pub revoked: bool,
}

/// Everything a scanner needs to decide without network: the fair's public
/// keys, slots and tolerance, its tickets (the revocation list included)
/// and the admissions so far. Kept on the device while the door is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorPack {
    pub fair_id: i64,
    pub slug: String,
    pub fair_title: String,
    /// The fair's day, for short codes (ticket texts carry their own).
    pub door_opens_at: i64,
    pub door_closes_at: i64,
    pub tolerance_secs: i64,
    /// The venue's offset from UTC on the fair day, for showing times.
    pub utc_offset_secs: i64,
    pub keys: Vec<ticket::PublishedKey>,
    pub slots: Vec<DoorSlot>,
    pub tickets: Vec<DoorTicket>,
    pub admitted: Vec<Admission>,
    pub generated_at: i64,
}

/// The outcome of judging one credential on the device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgement {
    pub ticket_id: Option<u32>,
    pub name: Option<String>,
    pub slot: Option<String>,
    pub verdict: Result<(), Refusal>,
}

impl DoorPack {
    pub fn verifier(&self) -> TicketVerifier {
        TicketVerifier::new(u32::try_from(self.fair_id).unwrap_or(u32::MAX), &self.keys)
    }

    /// "10:02": a moment in the venue's time.
    pub fn clock(&self, at: i64) -> String {
        clock(at, self.utc_offset_secs)
    }

    fn slot(&self, id: i64) -> Option<&DoorSlot> {
        self.slots.iter().find(|s| s.id == id)
    }

    fn ticket_by_id(&self, id: u32) -> Option<&DoorTicket> {
        self.tickets.iter().find(|t| t.id == id)
    }

    /// Judges a credential with what the device knows; `admitted` answers
    /// for the pack's admissions and the device's own scans.
    pub fn judge(
        &self,
        verifier: &TicketVerifier,
        credential: &Credential,
        now: i64,
        admitted: impl Fn(u32) -> Option<Admission>,
    ) -> Judgement {
        let refused = |verdict| Judgement {
            ticket_id: None,
            name: None,
            slot: None,
            verdict: Err(verdict),
        };
        let (known, name) = match credential {
            Credential::Signed(text) => match check_signed(verifier, text, now) {
                Err(refusal) => return refused(refusal),
                // A ticket issued after the list was fetched is still
                // genuine: its own claims give the slot.
                Ok(claims) => match self.ticket_by_id(claims.ticket_id) {
                    Some(t) => (self.known(t), Some(t.name.clone())),
                    None => (
                        KnownTicket {
                            id: claims.ticket_id,
                            slot_id: i64::from(claims.slot_id),
                            revoked: false,
                        },
                        None,
                    ),
                },
            },
            Credential::ShortCode(code) => {
                if now < self.door_opens_at || now > self.door_closes_at {
                    return refused(Refusal::NotToday);
                }
                match self.tickets.iter().find(|t| &t.short_code == code) {
                    Some(t) => (self.known(t), Some(t.name.clone())),
                    None => return refused(Refusal::UnknownCode),
                }
            }
            Credential::TicketId(id) => match self.ticket_by_id(*id) {
                Some(t) => (self.known(t), Some(t.name.clone())),
                None => return refused(Refusal::UnknownCode),
            },
        };
        let slot = self.slot(known.slot_id);
        Judgement {
            ticket_id: Some(known.id),
            name,
            slot: slot.map(|s| s.label.clone()),
            verdict: judge(
                &known,
                slot,
                now,
                self.tolerance_secs,
                admitted(known.id).as_ref(),
            ),
        }
    }

    fn known(&self, ticket: &DoorTicket) -> KnownTicket {
        KnownTicket {
            id: ticket.id,
            slot_id: ticket.slot_id,
            revoked: ticket.revoked,
        }
    }

    /// Tickets whose holder's name contains every word of `query` (case and
    /// accents aside), valid ones only, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&DoorTicket> {
        let words: Vec<String> = query.split_whitespace().map(fold).collect();
        if words.is_empty() {
            return Vec::new();
        }
        self.tickets
            .iter()
            .filter(|t| !t.revoked)
            .filter(|t| {
                let name = fold(&t.name);
                words.iter().all(|w| name.contains(w.as_str()))
            })
            .take(limit)
            .collect()
    }
}

/// "10:02": the time of day of a moment, at a fixed offset from UTC (the
/// venue's on the fair day; the device's own time zone may differ).
pub fn clock(at: i64, utc_offset_secs: i64) -> String {
    let minutes = (at + utc_offset_secs).rem_euclid(86_400) / 60;
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Lower case without the accents German and Turkish names often carry, so
/// "Ayse" finds "Ayşe" and "muller" finds "Müller".
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(|c| c.to_lowercase())
        .map(|c| match c {
            'ä' | 'á' | 'à' | 'â' | 'ã' | 'å' => 'a',
            'ö' | 'ó' | 'ò' | 'ô' | 'õ' | 'ø' => 'o',
            'ü' | 'ú' | 'ù' | 'û' => 'u',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ı' => 'i',
            'ş' | 'ś' | 'š' => 's',
            'ç' | 'ć' | 'č' => 'c',
            'ğ' => 'g',
            'ñ' | 'ń' => 'n',
            'ß' => 's',
            other => other,
        })
        .collect()
}

/// One scan as a device sends it: online at once, offline later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanUpload {
    /// Random, chosen by the device: the same nonce is recorded once.
    pub nonce: String,
    /// The ticket text, short code or `#ticket-id`.
    pub credential: String,
    /// Device time of the scan (used for scans made offline).
    pub scanned_at: i64,
    /// True when the device admitted it without the server.
    pub offline: bool,
}

/// What the server answers for one scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScanAnswer {
    pub nonce: String,
    pub ticket_id: Option<u32>,
    pub name: Option<String>,
    pub slot: Option<String>,
    pub verdict: Result<(), Refusal>,
    /// True when this nonce had been recorded before (a repeated sync).
    pub replayed: bool,
}

/// Walk-in registration at the door.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WalkInForm {
    pub name: String,
    pub slot_id: String,
    #[serde(default)]
    pub gate: String,
    #[serde(default)]
    pub device: String,
}

/// The organiser's live view of the door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveDoor {
    pub fair_id: i64,
    pub fair_title: String,
    pub slug: String,
    pub checked_in: i64,
    pub registered: i64,
    pub slots: Vec<LiveSlot>,
    /// Check-ins per quarter hour ("09:15", count), in order.
    pub quarters: Vec<(String, i64)>,
    pub tolerance_minutes: i64,
    pub tokens: Vec<DoorTokenView>,
    /// Local time of this reading ("10:42:05").
    pub as_of: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveSlot {
    pub label: String,
    pub capacity: i64,
    pub registered: i64,
    pub checked_in: i64,
}

/// An API token as the organiser sees it (never the token itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorTokenView {
    pub id: i64,
    pub label: String,
    pub created: String,
    pub revoked: bool,
}

/// The fairs a person may run the door of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorFair {
    pub slug: String,
    pub title: String,
    pub when: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use ticket::TicketSigner;

    const DAY: i64 = 1_804_665_600;

    fn pack(signer: &TicketSigner) -> DoorPack {
        DoorPack {
            fair_id: 7,
            slug: "kassel".into(),
            fair_title: "Kassel".into(),
            door_opens_at: DAY - 3600,
            door_closes_at: DAY + 10 * 3600,
            tolerance_secs: 1800,
            utc_offset_secs: 3600,
            keys: vec![ticket::PublishedKey {
                fair_id: 7,
                key_id: signer.key_id(),
                public_key: signer.public_key(),
            }],
            slots: vec![DoorSlot {
                id: 1,
                starts_at: DAY,
                ends_at: DAY + 3 * 3600,
                label: "09:00–12:00".into(),
            }],
            tickets: vec![
                DoorTicket {
                    id: 100,
                    short_code: "ACDE-FGHJ".into(),
                    name: "Ayşe Yılmaz".into(),
                    slot_id: 1,
                    revoked: false,
                },
                DoorTicket {
                    id: 101,
                    short_code: "KMNP-QRTW".into(),
                    name: "Jürgen Müller".into(),
                    slot_id: 1,
                    revoked: true,
                },
            ],
            admitted: vec![],
            generated_at: DAY,
        }
    }

    fn signed(signer: &TicketSigner, fair_id: u32, ticket_id: u32) -> String {
        signer.sign(Claims {
            fair_id,
            ticket_id,
            slot_id: 1,
            valid_from: (DAY - 6 * 3600) as u32,
            valid_until: (DAY + 12 * 3600) as u32,
            key_id: 0,
        })
    }

    fn verdict(pack: &DoorPack, input: &str, now: i64) -> Result<(), Refusal> {
        let credential = Credential::read(input)?;
        pack.judge(&pack.verifier(), &credential, now, |_| None)
            .verdict
    }

    #[test]
    fn a_genuine_ticket_in_its_slot_is_admitted_with_its_name() {
        let signer = TicketSigner::from_seed(&[3; 32], 1);
        let pack = pack(&signer);
        let text = signed(&signer, 7, 100);
        let credential = Credential::read(&text).unwrap_or(Credential::TicketId(0));
        let judgement = pack.judge(&pack.verifier(), &credential, DAY + 600, |_| None);
        assert_eq!(judgement.verdict, Ok(()));
        assert_eq!(judgement.name.as_deref(), Some("Ayşe Yılmaz"));
        assert_eq!(judgement.slot.as_deref(), Some("09:00–12:00"));
        // A ticket issued after the list was fetched is admitted too.
        assert_eq!(verdict(&pack, &signed(&signer, 7, 555), DAY), Ok(()));
    }

    #[test]
    fn tampered_foreign_revoked_and_expired_tickets_are_refused() {
        let signer = TicketSigner::from_seed(&[3; 32], 1);
        let pack = pack(&signer);
        let text = signed(&signer, 7, 100);
        // One character of the signature changed.
        let mut tampered = text.clone().into_bytes();
        let at = tampered.len() - 10;
        tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap_or_default();
        assert_eq!(verdict(&pack, &tampered, DAY), Err(Refusal::Forged));
        assert_eq!(
            verdict(&pack, &signed(&signer, 8, 100), DAY),
            Err(Refusal::OtherFair)
        );
        let stranger = TicketSigner::from_seed(&[4; 32], 1);
        assert_eq!(
            verdict(&pack, &signed(&stranger, 7, 100), DAY),
            Err(Refusal::Forged)
        );
        assert_eq!(
            verdict(&pack, &signed(&signer, 7, 101), DAY),
            Err(Refusal::Revoked)
        );
        assert_eq!(verdict(&pack, &text, DAY + 86_400), Err(Refusal::NotToday));
        assert_eq!(verdict(&pack, "hello", DAY), Err(Refusal::NotATicket));
        assert_eq!(verdict(&pack, "JF:AAAA", DAY), Err(Refusal::NotATicket));
    }

    #[test]
    fn the_slot_window_is_widened_by_the_tolerance() {
        let signer = TicketSigner::from_seed(&[3; 32], 1);
        let pack = pack(&signer);
        let text = signed(&signer, 7, 100);
        assert_eq!(verdict(&pack, &text, DAY - 1800), Ok(()));
        assert_eq!(
            verdict(&pack, &text, DAY - 1801),
            Err(Refusal::TooEarly {
                slot: "09:00–12:00".into()
            })
        );
        assert_eq!(verdict(&pack, &text, DAY + 3 * 3600 + 1800), Ok(()));
        assert!(matches!(
            verdict(&pack, &text, DAY + 3 * 3600 + 1801),
            Err(Refusal::TooLate { .. })
        ));
    }

    #[test]
    fn short_codes_and_names_find_tickets_and_a_second_scan_is_refused() {
        let signer = TicketSigner::from_seed(&[3; 32], 1);
        let pack = pack(&signer);
        assert_eq!(verdict(&pack, "acde fghj", DAY), Ok(()));
        assert_eq!(verdict(&pack, "KMNP-QRTW", DAY), Err(Refusal::Revoked));
        assert_eq!(verdict(&pack, "ACDE-FGHK", DAY), Err(Refusal::UnknownCode));
        assert_eq!(
            verdict(&pack, "ACDE-FGHJ", DAY + 86_400),
            Err(Refusal::NotToday)
        );
        let found: Vec<u32> = pack.search("ayse yil", 10).iter().map(|t| t.id).collect();
        assert_eq!(found, vec![100]);
        // Revoked tickets are not offered by the name search.
        assert!(pack.search("müller", 10).is_empty());
        let first = Admission {
            ticket_id: 100,
            at: DAY + 60,
            gate: "Nord".into(),
        };
        let again = pack.judge(
            &pack.verifier(),
            &Credential::TicketId(100),
            DAY + 120,
            |id| (id == 100).then(|| first.clone()),
        );
        assert_eq!(pack.clock(DAY + 60), "09:01");
        assert_eq!(
            again.verdict,
            Err(Refusal::AlreadyIn {
                at: DAY + 60,
                gate: "Nord".into()
            })
        );
    }
}
