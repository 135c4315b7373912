//! What the scanner does in the browser: starting up with what the device
//! kept, fetching the door pack, and syncing the offline queue ([`self`]);
//! judging scans and walk-ins ([`scan`]); the camera ([`camera`]).
mod camera;
mod scan;

pub use camera::toggle_camera;
pub use scan::{scan, walk_in};

use super::state::Door;
use crate::{
    checkin::{
        api::{get_door_pack, sync_scans},
        model::{Admission, SYNC_BATCH_MAX, ScanAnswer, ScanUpload},
        pack::DoorPack,
    },
    error::AppError,
    scanner::{
        browser::{self, load_json, save_json},
        queue::OfflineQueue,
    },
};
use leptos::{prelude::*, task::spawn_local};
use std::time::Duration;

/// Where a value of this fair's door is kept on the device.
fn key(door: Door, what: &str) -> String {
    format!("{what}:{}", door.slug.get_value())
}

pub fn start(door: Door) {
    browser::keep_for_offline();
    spawn_local(async move {
        let device = match browser::load("device").await {
            Some(id) => id,
            None => {
                let id = format!("device-{}", &browser::random_nonce()[..8]);
                browser::save("device", &id).await;
                id
            }
        };
        door.device.set(device);
        if let Some(gate) = browser::load("gate").await {
            door.gate.set(gate);
        }
        if let Some(queue) = load_json::<OfflineQueue<ScanUpload>>(&key(door, "queue")).await {
            door.queue.set(queue);
        }
        if let Some(mine) = load_json::<Vec<Admission>>(&key(door, "mine")).await {
            door.mine.set(mine);
        }
        if !refresh(door).await {
            // No network: the door list kept from before.
            match load_json::<DoorPack>(&key(door, "pack")).await {
                Some(pack) => door.pack.set(Some(pack)),
                None if door.load_error.get_untracked().is_none() => door
                    .load_error
                    .set(Some(AppError::Transport(String::new()))),
                None => {}
            }
        }
        sync(door).await;
    });
    let _ = window_event_listener(leptos::ev::online, move |_| {
        spawn_local(async move {
            if refresh(door).await {
                sync(door).await;
            }
        })
    });
    let _ = window_event_listener(leptos::ev::offline, move |_| door.online.set(false));
    let ticks = StoredValue::new(0u32);
    set_interval(
        move || {
            ticks.update_value(|t| *t += 1);
            // The door list every minute: new tickets, revocations and other
            // devices' admissions.
            let refresh_due = ticks.get_value().is_multiple_of(12);
            spawn_local(async move {
                if !browser::is_online() {
                    door.online.set(false);
                    return;
                }
                if !door.queue.with_untracked(OfflineQueue::is_empty) {
                    sync(door).await;
                } else if refresh_due || !door.online.get_untracked() {
                    refresh(door).await;
                }
            })
        },
        Duration::from_secs(5),
    );
}

pub fn save_gate(door: Door) {
    let gate = door.gate.get_untracked();
    spawn_local(async move {
        browser::save("gate", &gate).await;
    });
}

/// Fetches the door pack; true when the server answered.
async fn refresh(door: Door) -> bool {
    match get_door_pack(door.slug.get_value()).await {
        Ok(pack) => {
            save_json(key(door, "pack"), &pack);
            door.pack.set(Some(pack));
            door.online.set(true);
            door.load_error.set(None);
            true
        }
        Err(AppError::Transport(_)) => {
            door.online.set(false);
            false
        }
        Err(other) => {
            door.load_error.set(Some(other));
            false
        }
    }
}

/// Sends the queued scans, oldest first; each nonce is recorded once
/// however often this runs.
async fn sync(door: Door) {
    if door.syncing.get_untracked() || door.queue.with_untracked(OfflineQueue::is_empty) {
        return;
    }
    door.syncing.set(true);
    let batch = door.queue.with_untracked(|q| q.next_batch(SYNC_BATCH_MAX));
    let answer = sync_scans(
        door.slug.get_value(),
        door.gate.get_untracked(),
        door.device.get_untracked(),
        batch.clone(),
    )
    .await;
    door.syncing.set(false);
    match answer {
        Ok(answers) => {
            door.online.set(true);
            door.queue.update(|q| q.settle(&batch));
            save_json(key(door, "queue"), &door.queue.get_untracked());
            let refused: Vec<ScanAnswer> =
                answers.into_iter().filter(|a| a.verdict.is_err()).collect();
            if !refused.is_empty() {
                door.conflicts.update(|c| c.extend(refused));
            }
            refresh(door).await;
        }
        Err(AppError::Transport(_)) => door.online.set(false),
        Err(_) => {}
    }
}
