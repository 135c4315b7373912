//! Judging a scan: at once on the device, with the door pack; online the
//! server's answer (which knows every device's scans) is shown instead,
//! offline an admission joins the queue. Walk-ins need the server.
use super::{key, refresh};
use crate::{
    checkin::{
        api::{register_walk_in, sync_scans},
        model::{Admission, Refusal, ScanUpload, WalkInForm},
        pack::{DoorPack, Judgement},
        pages::door::state::{Door, Shown, reason_text},
    },
    error::{AppError, FORM, Problem},
    i18n::*,
    parts::error_message,
    scanner::{
        browser::{self, save_json},
        code::Credential,
    },
};
use futures::future::{Either, select};
use leptos::{prelude::*, task::spawn_local};
use leptos_i18n::I18nContext;
use std::{pin::pin, time::Duration};

/// Longest wait for the server before the device decides alone.
const ONLINE_WAIT_MS: u32 = 2_500;
const ADMITTED_SHOWN_MS: u64 = 2_500;

fn admission_of(door: Door, pack: &DoorPack, ticket_id: u32) -> Option<Admission> {
    door.mine
        .with_untracked(|m| m.iter().find(|a| a.ticket_id == ticket_id).cloned())
        .or_else(|| {
            pack.admitted
                .iter()
                .find(|a| a.ticket_id == ticket_id)
                .cloned()
        })
}

fn remember(door: Door, ticket_id: Option<u32>, at: i64) {
    let Some(ticket_id) = ticket_id else { return };
    let gate = door.gate.get_untracked();
    door.mine.update(|m| {
        if !m.iter().any(|a| a.ticket_id == ticket_id) {
            m.push(Admission {
                ticket_id,
                at,
                gate,
            })
        }
    });
    save_json(key(door, "mine"), &door.mine.get_untracked());
}

fn show(door: Door, i18n: I18nContext<Locale>, judgement: &Judgement, queued: bool) {
    let admitted = judgement.verdict.is_ok();
    let pack = door.pack.get_untracked();
    door.shown.set(Some(Shown {
        admitted,
        name: judgement.name.clone(),
        slot: judgement.slot.clone(),
        reason: judgement
            .verdict
            .as_ref()
            .err()
            .map(|r| reason_text(i18n, r, pack.as_ref())),
        queued,
    }));
    browser::feedback(admitted);
    if admitted {
        let shown = door.shown.get_untracked();
        set_timeout(
            move || {
                if door.shown.get_untracked() == shown {
                    door.shown.set(None);
                }
            },
            Duration::from_millis(ADMITTED_SHOWN_MS),
        );
    }
}

fn show_error(door: Door, i18n: I18nContext<Locale>, error: &AppError) {
    door.shown.set(Some(Shown {
        admitted: false,
        name: None,
        slot: None,
        reason: Some(error_message(i18n, error)),
        queued: false,
    }));
    browser::feedback(false);
}

/// Judges a scan on the device at once; online the server's answer
/// (which knows every device's scans) is shown instead.
pub fn scan(door: Door, i18n: I18nContext<Locale>, text: String) {
    let text = text.trim().to_owned();
    if text.is_empty() {
        return;
    }
    let Some(pack) = door.pack.get_untracked() else {
        show_error(door, i18n, &AppError::Transport(String::new()));
        return;
    };
    let now = browser::now_seconds() as i64;
    let started = browser::now_millis();
    let credential = Credential::read(&text);
    let judgement = match &credential {
        Ok(c) => pack.judge(&pack.verifier(), c, now, |id| admission_of(door, &pack, id)),
        Err(no_ticket) => Judgement::refused((*no_ticket).into()),
    };
    door.verify_ms.set(Some(browser::now_millis() - started));
    // Not a code (or an unknown one, such as a name of eight letters):
    // maybe a name.
    let maybe_name = matches!(
        (&credential, &judgement.verdict),
        (Err(_), _) | (Ok(Credential::ShortCode(_)), Err(Refusal::UnknownCode))
    );
    let found: Vec<_> = if maybe_name {
        pack.search(&text, 8).into_iter().cloned().collect()
    } else {
        Vec::new()
    };
    let any_found = !found.is_empty();
    door.matches.set(found);
    if any_found {
        return;
    }
    let Ok(credential) = credential else {
        show(door, i18n, &judgement, false);
        return;
    };
    let upload = ScanUpload {
        nonce: browser::random_nonce(),
        credential: credential.text(),
        scanned_at: now,
        offline: false,
    };
    if !door.online.get_untracked() || !browser::is_online() {
        decide_alone(door, i18n, &judgement, upload);
        return;
    }
    spawn_local(async move {
        let request = pin!(sync_scans(
            door.slug.get_value(),
            door.gate.get_untracked(),
            door.device.get_untracked(),
            vec![upload.clone()],
        ));
        let timeout = pin!(browser::sleep(ONLINE_WAIT_MS));
        match select(request, timeout).await {
            Either::Left((Ok(mut answers), _)) if !answers.is_empty() => {
                let answer = answers.remove(0);
                door.online.set(true);
                let judgement = Judgement {
                    ticket_id: answer.ticket_id,
                    name: answer.name.or(judgement.name),
                    slot: answer.slot.or(judgement.slot),
                    verdict: answer.verdict,
                };
                if judgement.verdict.is_ok() {
                    remember(door, judgement.ticket_id, now);
                }
                show(door, i18n, &judgement, false);
            }
            Either::Left((Err(AppError::Transport(_)), _)) | Either::Right(_) => {
                door.online.set(false);
                decide_alone(door, i18n, &judgement, upload);
            }
            Either::Left((Err(error), _)) => show_error(door, i18n, &error),
            Either::Left((Ok(_), _)) => show_error(door, i18n, &AppError::Transport(String::new())),
        }
    });
}

/// Offline: the device's own judgement; an admission waits to sync.
fn decide_alone(door: Door, i18n: I18nContext<Locale>, judgement: &Judgement, upload: ScanUpload) {
    if judgement.verdict.is_ok() {
        remember(door, judgement.ticket_id, upload.scanned_at);
        door.queue.update(|q| {
            q.push(ScanUpload {
                offline: true,
                ..upload
            });
        });
        save_json(key(door, "queue"), &door.queue.get_untracked());
    }
    show(door, i18n, judgement, judgement.verdict.is_ok());
}

pub fn walk_in(
    door: Door,
    i18n: I18nContext<Locale>,
    name: String,
    slot_id: String,
    name_field: RwSignal<String>,
) {
    door.walk_in_problem.set(None);
    spawn_local(async move {
        let form = WalkInForm {
            name,
            slot_id,
            gate: door.gate.get_untracked(),
            device: door.device.get_untracked(),
        };
        match register_walk_in(door.slug.get_value(), form).await {
            Ok(answer) => {
                name_field.set(String::new());
                remember(door, answer.ticket_id, browser::now_seconds() as i64);
                let judgement = Judgement {
                    ticket_id: answer.ticket_id,
                    name: answer.name,
                    slot: answer.slot,
                    verdict: answer.verdict,
                };
                show(door, i18n, &judgement, false);
                refresh(door).await;
            }
            Err(AppError::Invalid(errors)) => {
                let first = ["name", "slot_id", FORM]
                    .into_iter()
                    .find_map(|f| errors.get(f).map(|p| (f.to_owned(), p)))
                    .unwrap_or((FORM.to_owned(), Problem::InvalidChoice));
                door.walk_in_problem.set(Some(first));
            }
            Err(error) => show_error(door, i18n, &error),
        }
    });
}
