//! The door pack: what a scanner keeps on the device to decide without
//! network, and the door's judgement of a code with it. Finding the
//! ticket is the scanner's ([`lookup::find_ticket`], the same function the
//! server uses); the door adds its rules (revoked, in before, slot).
use super::model::{Admission, DoorSlot, KnownTicket, Refusal, judge};
use crate::scanner::{
    code::Credential,
    lookup::{self, Found, ListedTicket, ShortCodeWindow},
};
use serde::{Deserialize, Serialize};
use ticket::TicketVerifier;

/// One ticket as the door list has it. Revoked tickets stay on the list,
/// so their short codes are answered "cancelled", not "unknown".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorTicket {
    pub id: u32,
    pub short_code: String,
    /// The holder's name; empty (and left out of the JSON) in a pack
    /// without names.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub slot_id: i64,
    pub revoked: bool,
}

impl ListedTicket for DoorTicket {
    fn ticket_id(&self) -> u32 {
        self.id
    }
    fn short_code(&self) -> &str {
        &self.short_code
    }
}

impl DoorTicket {
    fn known(&self) -> KnownTicket {
        KnownTicket {
            id: self.id,
            slot_id: self.slot_id,
            revoked: self.revoked,
        }
    }

    fn shown_name(&self) -> Option<String> {
        (!self.name.is_empty()).then(|| self.name.clone())
    }
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

impl Judgement {
    /// A refusal before any ticket was found.
    pub fn refused(refusal: Refusal) -> Judgement {
        Judgement {
            ticket_id: None,
            name: None,
            slot: None,
            verdict: Err(refusal),
        }
    }
}

impl DoorPack {
    pub fn verifier(&self) -> TicketVerifier {
        TicketVerifier::new(u32::try_from(self.fair_id).unwrap_or(u32::MAX), &self.keys)
    }

    /// "10:02": a moment in the venue's time.
    pub fn clock(&self, at: i64) -> String {
        clock(at, self.utc_offset_secs)
    }

    pub fn short_code_window(&self) -> ShortCodeWindow {
        ShortCodeWindow {
            opens_at: self.door_opens_at,
            closes_at: self.door_closes_at,
        }
    }

    fn slot(&self, id: i64) -> Option<&DoorSlot> {
        self.slots.iter().find(|s| s.id == id)
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
        let window = self.short_code_window();
        let (known, name) =
            match lookup::find_ticket(credential, verifier, window, now, &self.tickets) {
                Err(no_ticket) => return Judgement::refused(no_ticket.into()),
                Ok(Found::Listed(ticket)) => (ticket.known(), ticket.shown_name()),
                // A ticket issued after the list was fetched is still
                // genuine: its own claims give the slot.
                Ok(Found::Unlisted(claims)) => (
                    KnownTicket {
                        id: claims.ticket_id,
                        slot_id: i64::from(claims.slot_id),
                        revoked: false,
                    },
                    None,
                ),
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

    /// The same pack without its holders' names, for staff who may not
    /// see them: codes are still judged, the name search finds no one.
    pub fn without_names(mut self) -> DoorPack {
        for ticket in &mut self.tickets {
            ticket.name.clear();
        }
        self
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

#[cfg(test)]
mod tests {
    use super::*;
    use ticket::{Claims, TicketSigner};

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

    #[test]
    fn a_pack_without_names_judges_codes_but_shows_and_finds_no_one() {
        let signer = TicketSigner::from_seed(&[3; 32], 1);
        let pack = pack(&signer).without_names();
        assert!(pack.tickets.iter().all(|t| t.name.is_empty()));
        let json = serde_json::to_string(&pack).unwrap_or_default();
        assert!(
            !json.contains("Ayşe") && !json.contains("\"name\""),
            "{json}"
        );
        let judgement = pack.judge(
            &pack.verifier(),
            &Credential::ShortCode("ACDE-FGHJ".into()),
            DAY,
            |_| None,
        );
        assert_eq!((judgement.verdict, judgement.name), (Ok(()), None));
        assert!(pack.search("ayse", 10).is_empty());
        // Read back on a device, it is the same pack.
        let back: DoorPack = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(back, pack);
    }
}
