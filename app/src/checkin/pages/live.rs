//! The organiser's live view of the door: checked in per slot and per
//! quarter hour, refreshed every few seconds without a reload; the slot
//! tolerance and the tokens of the check-in API.
use crate::{
    checkin::{
        api::{CreateDoorToken, RevokeDoorToken, SetCheckinTolerance, get_live_door},
        model::LiveDoor,
    },
    i18n::*,
    parts::{FormAlert, TextField, action_error, error_message, field_problem, reloads_after},
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;

/// How often the view asks for new figures.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const REFRESH_SECS: u64 = 5;

/// Counts `ticks` up every [`REFRESH_SECS`] in the browser; the server
/// renders the figures once.
#[cfg(feature = "hydrate")]
fn tick_every_few_seconds(ticks: RwSignal<u64>) {
    Effect::new(move |_| {
        set_interval(
            move || ticks.update(|t| *t += 1),
            std::time::Duration::from_secs(REFRESH_SECS),
        )
    });
}

#[cfg(not(feature = "hydrate"))]
fn tick_every_few_seconds(_ticks: RwSignal<u64>) {}

#[component]
pub fn LiveDoorPage() -> impl IntoView {
    let i18n = use_i18n();
    let fair_id = crate::parts::id_param();
    let tolerance = ServerAction::<SetCheckinTolerance>::new();
    let create_token = ServerAction::<CreateDoorToken>::new();
    let revoke_token = ServerAction::<RevokeDoorToken>::new();
    let ticks = RwSignal::new(0u64);
    tick_every_few_seconds(ticks);
    let reloads = (
        reloads_after(tolerance, false),
        reloads_after(create_token, false),
        reloads_after(revoke_token, false),
    );
    // Figures refresh on a timer; the settings only after a change, so
    // nobody's typing is replaced while they type.
    let figures = Resource::new(
        move || (fair_id(), ticks.get()),
        |(id, _)| get_live_door(id),
    );
    let settings = Resource::new(
        move || (fair_id(), reloads.0.get(), reloads.1.get(), reloads.2.get()),
        |(id, ..)| get_live_door(id),
    );
    view! {
        <section class="page">
            <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || figures.get().map(|result| match result {
                    Ok(live) => view! { <LiveFigures live /> }.into_any(),
                    Err(e) => view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
                })}
            </Transition>
            <Transition fallback=|| ()>
                {move || settings.get().and_then(Result::ok).map(|live| view! {
                    <DoorSettings live tolerance create_token revoke_token />
                })}
            </Transition>
        </section>
    }
}

#[component]
fn LiveFigures(live: LiveDoor) -> impl IntoView {
    let i18n = use_i18n();
    let title = t_string!(i18n, door.live_title, fair = live.fair_title.clone()).to_string();
    let fair_id = live.fair_id;
    let busiest = live
        .quarters
        .iter()
        .map(|(_, n)| *n)
        .max()
        .unwrap_or(1)
        .max(1);
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        <p class="actions">
            <a class="button" href=format!("/organise/fairs/{fair_id}")>{t!(i18n, booking.back_to_plan)}</a>
            <a class="button primary" href=format!("/door/{}", live.slug)>{t!(i18n, door.open_scanner)}</a>
        </p>
        <p class="door-total" data-testid="checked-in-total" aria-live="polite">
            {t_string!(i18n, door.live_total, checked_in = live.checked_in, registered = live.registered).to_string()}
        </p>
        <p class="meta">{t_string!(i18n, door.live_as_of, time = live.as_of.clone()).to_string()}</p>

        <section class="card" aria-labelledby="per-slot-heading">
            <h2 id="per-slot-heading">{t!(i18n, door.per_slot)}</h2>
            <table class="data-table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, door.slot_column)}</th>
                        <th scope="col">{t!(i18n, door.registered_column)}</th>
                        <th scope="col">{t!(i18n, door.checked_in_column)}</th>
                    </tr>
                </thead>
                <tbody>
                    {live.slots.into_iter().map(|s| view! {
                        <tr>
                            <th scope="row">{s.label}</th>
                            <td>{s.registered} " / " {s.capacity}</td>
                            <td>{s.checked_in}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>

        <section class="card" aria-labelledby="per-quarter-heading">
            <h2 id="per-quarter-heading">{t!(i18n, door.per_quarter)}</h2>
            {live.quarters.is_empty().then(|| view! { <p>{t!(i18n, door.none_yet)}</p> })}
            <table class="data-table quarter-table">
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, door.quarter_column)}</th>
                        <th scope="col">{t!(i18n, door.checked_in_column)}</th>
                    </tr>
                </thead>
                <tbody>
                    {live.quarters.into_iter().map(|(quarter, count)| {
                        let width = format!("width: {}%", count * 100 / busiest);
                        view! {
                            <tr>
                                <th scope="row">{quarter}</th>
                                <td><span class="bar" style=width aria-hidden="true"></span> {count}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn DoorSettings(
    live: LiveDoor,
    tolerance: ServerAction<SetCheckinTolerance>,
    create_token: ServerAction<CreateDoorToken>,
    revoke_token: ServerAction<RevokeDoorToken>,
) -> impl IntoView {
    let i18n = use_i18n();
    let fair_id = live.fair_id;
    let tolerance_error = action_error(tolerance);
    let token_error = action_error(create_token);
    let new_token = move || create_token.value().get().and_then(Result::ok);
    view! {
        <section class="card" aria-labelledby="tolerance-heading">
            <h2 id="tolerance-heading">{t!(i18n, door.tolerance_title)}</h2>
            <ActionForm action=tolerance attr:class="form" attr:novalidate=true>
                <FormAlert error=tolerance_error />
                <input type="hidden" name="fair_id" value=fair_id />
                <TextField
                    name="tolerance"
                    id="tolerance"
                    input_type="number"
                    label=tr!(i18n, door.tolerance_label)
                    hint=tr!(i18n, door.tolerance_hint)
                    value=live.tolerance_minutes.to_string()
                    problem=field_problem(tolerance_error, "tolerance")
                />
                <button type="submit" class="button">{t!(i18n, common.save)}</button>
            </ActionForm>
        </section>

        <section class="card" aria-labelledby="tokens-heading">
            <h2 id="tokens-heading">{t!(i18n, door.tokens_title)}</h2>
            <p>{t!(i18n, door.tokens_hint)}</p>
            <ul>
                {live.tokens.into_iter().map(|token| {
                    let id = token.id;
                    view! {
                        <li>
                            {token.label.clone()} " · " {token.created.clone()}
                            {if token.revoked {
                                view! { " · " <span class="badge status-closed">{t!(i18n, door.token_revoked)}</span> }.into_any()
                            } else {
                                view! {
                                    " "
                                    <ActionForm action=revoke_token attr:class="inline-form">
                                        <input type="hidden" name="fair_id" value=fair_id />
                                        <input type="hidden" name="token_id" value=id />
                                        <button type="submit" class="link-button" aria-label=t_string!(i18n, door.revoke_token_named, label = token.label.clone()).to_string()>
                                            {t!(i18n, door.revoke_token)}
                                        </button>
                                    </ActionForm>
                                }.into_any()
                            }}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <ActionForm action=create_token attr:class="form" attr:novalidate=true>
                <FormAlert error=token_error />
                <input type="hidden" name="fair_id" value=fair_id />
                <TextField
                    name="label"
                    id="token-label"
                    label=tr!(i18n, door.token_label)
                    problem=field_problem(token_error, "label")
                />
                <button type="submit" class="button">{t!(i18n, door.create_token)}</button>
            </ActionForm>
            {move || new_token().map(|token| view! {
                <div class="notice success" role="status">
                    <p>{t!(i18n, door.token_created)}</p>
                    <p><code data-testid="new-token">{token}</code></p>
                </div>
            })}
        </section>
    }
}
