//! The scanner for door staff: camera, keyboard-wedge scanners, typed short
//! codes and name search. Tickets are verified here, in wasm, with the
//! fair's public keys; online the server records each scan and answers
//! duplicates from other devices, offline admissions queue on the device
//! (IndexedDB) and sync when the network is back. This file is the view;
//! what runs in the browser is in `device` (`browser/`, or `inert.rs` on
//! the server, where no handler ever runs).
use super::{
    device,
    state::{Door, reason_text},
};
use crate::{
    error::AppError,
    i18n::*,
    parts::{error_message, problem_message},
    scanner::{queue::OfflineQueue, reader::CodeReader},
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

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

    Effect::new(move |_| device::start(door));
    // The camera, a hand scanner and typing all end in the same check.
    let reader = CodeReader::new(move |code| device::scan(door, i18n, code));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = input.get_untracked();
        input.set(String::new());
        reader.typed(&text);
    };
    let admit_match = move |id: u32| {
        door.matches.set(Vec::new());
        device::scan(door, i18n, format!("#{id}"));
    };
    let dismiss = move || {
        door.shown.set(None);
        if let Some(field) = input_ref.get_untracked() {
            let _ = field.focus();
        }
    };
    let toggle_camera = move |_| device::toggle_camera(door, i18n, reader, video_ref);
    let walk_in = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (name, slot) = (walk_in_name.get_untracked(), walk_in_slot.get_untracked());
        device::walk_in(door, i18n, name, slot, walk_in_name);
    };
    let save_gate = move |value: String| {
        door.gate.set(value);
        device::save_gate(door);
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
                    {move || t_string!(i18n, door.pending, count = door.queue.with(OfflineQueue::len)).to_string()}
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
