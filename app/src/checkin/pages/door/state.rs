//! The scanner page's state, shared by its view and its browser side, and
//! the words for each refusal.
use crate::{
    checkin::{
        model::{Admission, Refusal, ScanAnswer, ScanUpload},
        pack::{DoorPack, DoorTicket},
    },
    error::{AppError, Problem},
    i18n::*,
    scanner::queue::OfflineQueue,
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// What the big result screen shows.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Shown {
    pub admitted: bool,
    pub name: Option<String>,
    pub slot: Option<String>,
    pub reason: Option<String>,
    /// Admitted without the server: waiting to sync.
    pub queued: bool,
}

/// The scanner's state. Every field is a signal, so the whole is `Copy`
/// and handlers can share it.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(super) struct Door {
    pub slug: StoredValue<String>,
    pub pack: RwSignal<Option<DoorPack>>,
    pub load_error: RwSignal<Option<AppError>>,
    pub online: RwSignal<bool>,
    /// Admissions made without the server, waiting to sync.
    pub queue: RwSignal<OfflineQueue<ScanUpload>>,
    /// This device's admissions (also those not yet in the pack).
    pub mine: RwSignal<Vec<Admission>>,
    /// Offline admissions the server refused on sync (e.g. another device
    /// had let the person in already).
    pub conflicts: RwSignal<Vec<ScanAnswer>>,
    pub shown: RwSignal<Option<Shown>>,
    /// How long the last verification took on this device, in ms.
    pub verify_ms: RwSignal<Option<f64>>,
    pub matches: RwSignal<Vec<DoorTicket>>,
    pub gate: RwSignal<String>,
    pub device: RwSignal<String>,
    pub syncing: RwSignal<bool>,
    pub walk_in_problem: RwSignal<Option<(String, Problem)>>,
    pub camera_on: RwSignal<bool>,
    pub camera_note: RwSignal<Option<String>>,
}

impl Door {
    pub fn new(slug: String) -> Door {
        Door {
            slug: StoredValue::new(slug),
            pack: RwSignal::new(None),
            load_error: RwSignal::new(None),
            online: RwSignal::new(true),
            queue: RwSignal::new(OfflineQueue::new()),
            mine: RwSignal::new(Vec::new()),
            conflicts: RwSignal::new(Vec::new()),
            shown: RwSignal::new(None),
            verify_ms: RwSignal::new(None),
            matches: RwSignal::new(Vec::new()),
            gate: RwSignal::new(String::new()),
            device: RwSignal::new(String::new()),
            syncing: RwSignal::new(false),
            walk_in_problem: RwSignal::new(None),
            camera_on: RwSignal::new(false),
            camera_note: RwSignal::new(None),
        }
    }
}

pub(super) fn reason_text(
    i18n: I18nContext<Locale>,
    refusal: &Refusal,
    pack: Option<&DoorPack>,
) -> String {
    match refusal {
        Refusal::NotATicket => t_string!(i18n, door.reason_not_a_ticket).to_string(),
        Refusal::OtherFair => t_string!(i18n, door.reason_other_fair).to_string(),
        Refusal::Forged => t_string!(i18n, door.reason_forged).to_string(),
        Refusal::NotToday => t_string!(i18n, door.reason_not_today).to_string(),
        Refusal::TooEarly { slot } => {
            t_string!(i18n, door.reason_too_early, slot = slot.clone()).to_string()
        }
        Refusal::TooLate { slot } => {
            t_string!(i18n, door.reason_too_late, slot = slot.clone()).to_string()
        }
        Refusal::Revoked => t_string!(i18n, door.reason_revoked).to_string(),
        Refusal::AlreadyIn { at, gate } => {
            let time = pack.map(|p| p.clock(*at)).unwrap_or_default();
            if gate.is_empty() {
                t_string!(i18n, door.reason_already_in, time = time).to_string()
            } else {
                t_string!(
                    i18n,
                    door.reason_already_in_at,
                    time = time,
                    gate = gate.clone()
                )
                .to_string()
            }
        }
        Refusal::UnknownCode => t_string!(i18n, door.reason_unknown_code).to_string(),
    }
}
