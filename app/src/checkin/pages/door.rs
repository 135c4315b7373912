//! The scanner for door staff: camera, keyboard-wedge scanners, typed short
//! codes and name search. Tickets are verified here, in wasm, with the
//! fair's public keys; online the server records each scan and answers
//! duplicates from other devices, offline admissions queue on the device
//! (IndexedDB) and sync when the network is back.
use crate::{
    checkin::{
        api::get_door_fairs,
        model::{Admission, DoorPack, DoorTicket, Refusal, ScanAnswer, ScanUpload},
    },
    error::{AppError, Problem},
    i18n::*,
    parts::{error_message, problem_message},
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The door list fairs the person may run.
#[component]
pub fn DoorListPage() -> impl IntoView {
    let i18n = use_i18n();
    let fairs = Resource::new(|| (), |_| get_door_fairs());
    view! {
        <Title text=t_string!(i18n, door.list_title).to_string() />
        <section class="page">
            <h1>{t!(i18n, door.list_title)}</h1>
            <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || fairs.get().map(|result| match result {
                    Ok(fairs) if fairs.is_empty() => view! { <p>{t!(i18n, door.no_fairs)}</p> }.into_any(),
                    Ok(fairs) => view! {
                        <ul class="card-list">
                            {fairs.into_iter().map(|f| view! {
                                <li class="card">
                                    <h2><a href=format!("/door/{}", f.slug)>{f.title}</a></h2>
                                    <p class="meta">{f.when}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// What the big result screen shows.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    admitted: bool,
    name: Option<String>,
    slot: Option<String>,
    reason: Option<String>,
    /// Admitted without the server: waiting to sync.
    queued: bool,
}

/// The scanner's state. Every field is a signal, so the whole is `Copy`
/// and handlers can share it.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
struct Door {
    slug: StoredValue<String>,
    pack: RwSignal<Option<DoorPack>>,
    load_error: RwSignal<Option<AppError>>,
    online: RwSignal<bool>,
    queue: RwSignal<Vec<ScanUpload>>,
    /// This device's admissions (also those not yet in the pack).
    mine: RwSignal<Vec<Admission>>,
    /// Offline admissions the server refused on sync (e.g. another device
    /// had let the person in already).
    conflicts: RwSignal<Vec<ScanAnswer>>,
    shown: RwSignal<Option<Shown>>,
    /// How long the last verification took on this device, in ms.
    verify_ms: RwSignal<Option<f64>>,
    matches: RwSignal<Vec<DoorTicket>>,
    gate: RwSignal<String>,
    device: RwSignal<String>,
    syncing: RwSignal<bool>,
    walk_in_problem: RwSignal<Option<(String, Problem)>>,
    camera_on: RwSignal<bool>,
    camera_note: RwSignal<Option<String>>,
}

impl Door {
    fn new(slug: String) -> Door {
        Door {
            slug: StoredValue::new(slug),
            pack: RwSignal::new(None),
            load_error: RwSignal::new(None),
            online: RwSignal::new(true),
            queue: RwSignal::new(Vec::new()),
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

fn reason_text(i18n: I18nContext<Locale>, refusal: &Refusal, pack: Option<&DoorPack>) -> String {
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

#[component]
pub fn ScannerPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let slug = params.with_untracked(|p| p.get("slug").unwrap_or_default());
    let door = Door::new(slug.clone());
    let input = RwSignal::new(String::new());
    let input_ref = NodeRef::<leptos::html::Input>::new();
    let next_ref = NodeRef::<leptos::html::Button>::new();
    // A refusal takes the focus, so it is read out and acknowledged; an
    // admission leaves it in the code field for the next scan.
    Effect::new(move |_| {
        if door.shown.with(|s| s.as_ref().is_some_and(|s| !s.admitted)) {
            request_animation_frame(move || {
                if let Some(button) = next_ref.get_untracked() {
                    let _ = button.focus();
                }
            });
        }
    });
    let video_ref = NodeRef::<leptos::html::Video>::new();
    let walk_in_name = RwSignal::new(String::new());
    // Only a change of the slots redraws the choice (not every refreshed
    // door list, which would reset what staff picked).
    let slots = Memo::new(move |_| {
        door.pack
            .with(|p| p.as_ref().map(|p| p.slots.clone()).unwrap_or_default())
    });
    let walk_in_slot = RwSignal::new(String::new());

    #[cfg(feature = "hydrate")]
    Effect::new(move |_| logic::start(door));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = input.get_untracked();
        input.set(String::new());
        #[cfg(feature = "hydrate")]
        logic::scan(door, i18n, text);
        #[cfg(not(feature = "hydrate"))]
        let _ = text;
    };
    let admit_match = move |id: u32| {
        door.matches.set(Vec::new());
        #[cfg(feature = "hydrate")]
        logic::scan(door, i18n, format!("#{id}"));
        #[cfg(not(feature = "hydrate"))]
        let _ = id;
    };
    let dismiss = move || {
        door.shown.set(None);
        if let Some(field) = input_ref.get_untracked() {
            let _ = field.focus();
        }
    };
    let toggle_camera = move |_| {
        #[cfg(feature = "hydrate")]
        logic::toggle_camera(door, i18n, video_ref);
        #[cfg(not(feature = "hydrate"))]
        let _ = video_ref;
    };
    let walk_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (name, slot) = (walk_in_name.get_untracked(), walk_in_slot.get_untracked());
        #[cfg(feature = "hydrate")]
        logic::walk_in(door, i18n, name, slot, walk_in_name);
        #[cfg(not(feature = "hydrate"))]
        let _ = (name, slot);
    };
    let save_gate = move |value: String| {
        door.gate.set(value);
        #[cfg(feature = "hydrate")]
        logic::save_gate(door);
    };
    let walk_in_error = move |field: &'static str| {
        move || {
            door.walk_in_problem
                .get()
                .filter(|(f, _)| f == field)
                .map(|(_, p)| problem_message(i18n, p))
        }
    };

    view! {
        <Title text=move || t_string!(i18n, door.scanner_title).to_string() />
        <section class="page door">
            <h1>
                {move || door.pack.get().map(|p| p.fair_title).unwrap_or_default()}
                " – " {t!(i18n, door.scanner_title)}
            </h1>
            <div class="door-status" role="status" aria-live="polite" data-testid="door-status">
                {move || if door.online.get() {
                    view! { <span class="badge status-published">{t!(i18n, door.online)}</span> }.into_any()
                } else {
                    view! { <span class="badge status-closed">{t!(i18n, door.offline)}</span> }.into_any()
                }}
                " "
                <span data-testid="pending">
                    {move || t_string!(i18n, door.pending, count = door.queue.with(Vec::len)).to_string()}
                </span>
                {move || door.pack.get().map(|p| view! {
                    " · "
                    <span>{t_string!(i18n, door.pack_facts, tickets = p.tickets.iter().filter(|t| !t.revoked).count(), time = p.clock(p.generated_at)).to_string()}</span>
                })}
                {move || door.verify_ms.get().map(|ms| view! {
                    " · "
                    <span data-testid="verify-ms">{t_string!(i18n, door.verify_time, ms = format!("{ms:.1}")).to_string()}</span>
                })}
            </div>
            {move || door.load_error.get().map(|e| view! {
                <div class="form-alert" role="alert">
                    {error_message(i18n, &e)}
                    {matches!(e, AppError::Unauthenticated).then(|| view! {
                        " " <a href="/login">{t!(i18n, nav.sign_in)}</a>
                    })}
                </div>
            })}
            {move || (door.pack.with(Option::is_none) && door.load_error.with(Option::is_none))
                .then(|| view! { <p>{t!(i18n, door.loading)}</p> })}

            <form class="door-entry" on:submit=submit>
                <div class="field">
                    <label for="door-code">{t!(i18n, door.code_label)}</label>
                    <p class="field-hint" id="door-code-hint">{t!(i18n, door.code_hint)}</p>
                    <input
                        id="door-code"
                        node_ref=input_ref
                        type="text"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        aria-describedby="door-code-hint"
                        prop:value=move || input.get()
                        on:input=move |ev| input.set(event_target_value(&ev))
                    />
                </div>
                <button type="submit" class="button primary">{t!(i18n, door.check)}</button>
            </form>

            {move || {
                let found = door.matches.get();
                (!found.is_empty()).then(|| {
                    let pack = door.pack.get_untracked();
                    view! {
                        <section aria-labelledby="matches-heading" class="card">
                            <h2 id="matches-heading">{t!(i18n, door.matches)}</h2>
                            <ul class="door-matches">
                                {found.into_iter().map(|t| {
                                    let slot = pack.as_ref()
                                        .and_then(|p| p.slots.iter().find(|s| s.id == t.slot_id))
                                        .map(|s| s.label.clone())
                                        .unwrap_or_default();
                                    let id = t.id;
                                    let label = t_string!(i18n, door.admit_person, name = t.name.clone()).to_string();
                                    view! {
                                        <li>
                                            <span>{t.name.clone()} " · " {slot} " · " {t.short_code.clone()}</span>
                                            " "
                                            <button type="button" class="button" aria-label=label on:click=move |_| admit_match(id)>
                                                {t!(i18n, door.admit)}
                                            </button>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                })
            }}

            <section class="card" aria-labelledby="camera-heading">
                <h2 id="camera-heading">{t!(i18n, door.camera)}</h2>
                <button type="button" class="button" on:click=toggle_camera aria-pressed=move || door.camera_on.get().to_string()>
                    {move || if door.camera_on.get() { t_string!(i18n, door.camera_stop) } else { t_string!(i18n, door.camera_start) }}
                </button>
                {move || door.camera_note.get().map(|note| view! { <p class="field-hint">{note}</p> })}
                <video node_ref=video_ref class="door-camera" hidden=move || !door.camera_on.get() muted=true aria-label=move || t_string!(i18n, door.camera_view).to_string()></video>
            </section>

            {move || {
                let conflicts = door.conflicts.get();
                (!conflicts.is_empty()).then(|| {
                    let pack = door.pack.get_untracked();
                    view! {
                        <section class="card" aria-labelledby="conflicts-heading">
                            <h2 id="conflicts-heading">{t!(i18n, door.conflicts)}</h2>
                            <ul>
                                {conflicts.into_iter().map(|c| {
                                    let reason = c.verdict.as_ref().err().map(|r| reason_text(i18n, r, pack.as_ref())).unwrap_or_default();
                                    view! { <li>{c.name.clone().unwrap_or_default()} " – " {reason}</li> }
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                })
            }}

            <details class="card">
                <summary>{t!(i18n, door.walk_in)}</summary>
                <form class="form" on:submit=walk_in novalidate=true>
                    <p class="field-hint">{move || if door.online.get() { t_string!(i18n, door.walk_in_hint) } else { t_string!(i18n, door.walk_in_offline) }}</p>
                    <p class="form-alert" role="alert" hidden=move || walk_in_error("form")().is_none()>{walk_in_error("form")}</p>
                    <div class="field">
                        <label for="walk-in-name">{t!(i18n, door.walk_in_name)}</label>
                        <input id="walk-in-name" type="text" autocomplete="off"
                            aria-invalid=move || walk_in_error("name")().map(|_| "true")
                            aria-describedby="walk-in-name-error"
                            prop:value=move || walk_in_name.get()
                            on:input=move |ev| walk_in_name.set(event_target_value(&ev)) />
                        <p class="field-error" id="walk-in-name-error">{walk_in_error("name")}</p>
                    </div>
                    <div class="field">
                        <label for="walk-in-slot">{t!(i18n, door.walk_in_slot)}</label>
                        <select id="walk-in-slot"
                            aria-describedby="walk-in-slot-error"
                            on:change=move |ev| walk_in_slot.set(event_target_value(&ev))>
                            <option value="">{t!(i18n, door.walk_in_pick)}</option>
                            {move || slots.get().into_iter().map(|s| view! {
                                <option value=s.id.to_string()>{s.label}</option>
                            }).collect_view()}
                        </select>
                        <p class="field-error" id="walk-in-slot-error">{walk_in_error("slot_id")}</p>
                    </div>
                    <button type="submit" class="button primary" disabled=move || !door.online.get()>{t!(i18n, door.walk_in_submit)}</button>
                </form>
            </details>

            <div class="field door-gate">
                <label for="door-gate">{t!(i18n, door.gate)}</label>
                <p class="field-hint" id="door-gate-hint">{t!(i18n, door.gate_hint)}</p>
                <input id="door-gate" type="text" maxlength="40" autocomplete="off" aria-describedby="door-gate-hint"
                    prop:value=move || door.gate.get()
                    on:change=move |ev| save_gate(event_target_value(&ev)) />
            </div>

            {move || door.shown.get().map(|shown| {
                let class = if shown.admitted { "door-result admitted" } else { "door-result refused" };
                view! {
                    <div class=class role="alert" data-testid="door-result" on:click=move |_| dismiss()>
                        <p class="door-verdict">
                            {if shown.admitted { t_string!(i18n, door.admitted) } else { t_string!(i18n, door.refused) }}
                        </p>
                        {shown.name.map(|n| view! { <p class="door-name">{n}</p> })}
                        {shown.slot.map(|s| view! { <p>{t_string!(i18n, door.slot, slot = s).to_string()}</p> })}
                        {shown.reason.map(|r| view! { <p class="door-reason">{r}</p> })}
                        {shown.queued.then(|| view! { <p>{t!(i18n, door.queued)}</p> })}
                        <button type="button" class="button" node_ref=next_ref on:click=move |ev| { ev.stop_propagation(); dismiss() }>
                            {t!(i18n, door.next)}
                        </button>
                    </div>
                }
            })}
        </section>
    }
}

#[cfg(feature = "hydrate")]
mod logic {
    //! What runs in the browser only.
    use super::{Door, Shown, reason_text};
    use crate::{
        checkin::{
            api::{get_door_pack, register_walk_in, sync_scans},
            browser,
            model::{
                Admission, Credential, DoorPack, Judgement, Refusal, SYNC_BATCH_MAX, ScanAnswer,
                ScanUpload, WalkInForm,
            },
        },
        error::{AppError, FORM, Problem},
        i18n::*,
        parts::error_message,
    };
    use futures::future::{Either, select};
    use leptos::{prelude::*, task::spawn_local};
    use leptos_i18n::I18nContext;
    use std::{pin::pin, time::Duration};
    use wasm_bindgen::prelude::Closure;

    /// Longest wait for the server before the device decides alone.
    const ONLINE_WAIT_MS: u32 = 2_500;
    const ADMITTED_SHOWN_MS: u64 = 2_500;

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
            if let Some(queue) = load_json::<Vec<ScanUpload>>(&key(door, "queue")).await {
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
                    if !door.queue.with_untracked(Vec::is_empty) {
                        sync(door).await;
                    } else if refresh_due || !door.online.get_untracked() {
                        refresh(door).await;
                    }
                })
            },
            Duration::from_secs(5),
        );
    }

    async fn load_json<T: serde::de::DeserializeOwned>(key: &str) -> Option<T> {
        serde_json::from_str(&browser::load(key).await?).ok()
    }

    fn save_json<T: serde::Serialize>(key: String, value: &T) {
        if let Ok(text) = serde_json::to_string(value) {
            spawn_local(async move {
                browser::save(&key, &text).await;
            });
        }
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

    /// Sends the queued scans; each nonce is recorded once however often
    /// this runs.
    async fn sync(door: Door) {
        if door.syncing.get_untracked() || door.queue.with_untracked(Vec::is_empty) {
            return;
        }
        door.syncing.set(true);
        let batch: Vec<ScanUpload> = door
            .queue
            .with_untracked(|q| q.iter().take(SYNC_BATCH_MAX).cloned().collect());
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
                door.queue
                    .update(|q| q.retain(|s| !batch.iter().any(|b| b.nonce == s.nonce)));
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
            Err(refusal) => Judgement {
                ticket_id: None,
                name: None,
                slot: None,
                verdict: Err(refusal.clone()),
            },
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
                Either::Left((Ok(_), _)) => {
                    show_error(door, i18n, &AppError::Transport(String::new()))
                }
            }
        });
    }

    /// Offline: the device's own judgement; an admission waits to sync.
    fn decide_alone(
        door: Door,
        i18n: I18nContext<Locale>,
        judgement: &Judgement,
        upload: ScanUpload,
    ) {
        if judgement.verdict.is_ok() {
            remember(door, judgement.ticket_id, upload.scanned_at);
            door.queue.update(|q| {
                q.push(ScanUpload {
                    offline: true,
                    ..upload
                })
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

    thread_local! {
        static CAMERA: std::cell::RefCell<Option<CameraClosures>> = const { std::cell::RefCell::new(None) };
    }

    type CameraClosures = (Closure<dyn FnMut(String)>, browser::FrameDecoder);

    pub fn toggle_camera(
        door: Door,
        i18n: I18nContext<Locale>,
        video_ref: NodeRef<leptos::html::Video>,
    ) {
        let Some(video) = video_ref.get_untracked() else {
            return;
        };
        if door.camera_on.get_untracked() {
            browser::stop_camera(&video);
            CAMERA.with(|c| c.borrow_mut().take());
            door.camera_on.set(false);
            door.camera_note.set(None);
            return;
        }
        // The same code in front of the camera is read many times a
        // second: it counts once until another code (or 4 s) passes.
        let last = StoredValue::new((String::new(), 0.0f64));
        let on_text = Closure::<dyn FnMut(String)>::new(move |text: String| {
            let at = browser::now_millis();
            let (previous, when) = last.get_value();
            if previous == text && at - when < 4_000.0 {
                return;
            }
            last.set_value((text.clone(), at));
            scan(door, i18n, text);
        });
        let decode = Closure::<dyn FnMut(Vec<u8>, u32, u32) -> Option<String>>::new(
            |luma: Vec<u8>, width: u32, height: u32| browser::decode_qr(&luma, width, height),
        );
        door.camera_on.set(true);
        spawn_local(async move {
            let mode = browser::start_camera(&video, &on_text, &decode).await;
            CAMERA.with(|c| *c.borrow_mut() = Some((on_text, decode)));
            match mode.as_str() {
                "detector" | "wasm" => door.camera_note.set(None),
                _ => {
                    door.camera_on.set(false);
                    door.camera_note
                        .set(Some(t_string!(i18n, door.camera_unavailable).to_string()));
                }
            }
        });
    }
}
