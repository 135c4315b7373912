//! The personal ticket page behind the link in the mail: a big QR code, the
//! short code, slot and venue, calendar and map; change slot, cancel, get
//! the mail again; bookmark exhibitors for the day's route. A small service
//! worker keeps the page for when the phone has no network at the fair.
use crate::{
    error::AppError,
    i18n::*,
    parts::{FormAlert, action_error, error_message},
    registration::{
        api::{CancelTicket, ChangeTicketSlot, ResendTicket, SetBookmark, get_ticket},
        model::{RouteStop, TicketPage, TicketStatus},
    },
    shell::set_http_status,
    tr,
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn TicketPageView() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.with(|p| p.get("token").unwrap_or_default());
    let cancel = ServerAction::<CancelTicket>::new();
    let change = ServerAction::<ChangeTicketSlot>::new();
    let bookmark = ServerAction::<SetBookmark>::new();
    let ticket = Resource::new(
        move || {
            (
                token(),
                cancel.version().get(),
                change.version().get(),
                bookmark.version().get(),
            )
        },
        |(token, ..)| get_ticket(token),
    );
    view! {
        <Title text=tr!(i18n, ticket.title) />
        // A personal page: never indexed, never shown in previews.
        <Meta name="robots" content="noindex" />
        <Suspense fallback=move || view! { <p class="page">{t!(i18n, common.loading)}</p> }>
            {move || ticket.get().map(|result| match result {
                Ok(page) => view! { <TicketView page token=token() cancel change bookmark /> }.into_any(),
                Err(e) => {
                    if matches!(e, AppError::NotFound) {
                        set_http_status(404);
                    }
                    view! {
                        <section class="page">
                            <h1>{t!(i18n, ticket.not_found)}</h1>
                            <p>{error_message(i18n, &e)}</p>
                        </section>
                    }.into_any()
                }
            })}
        </Suspense>
        <script src="/ticket-offline.js" defer></script>
    }
}

#[component]
fn TicketView(
    page: TicketPage,
    token: String,
    cancel: ServerAction<CancelTicket>,
    change: ServerAction<ChangeTicketSlot>,
    bookmark: ServerAction<SetBookmark>,
) -> impl IntoView {
    let i18n = use_i18n();
    let resend = ServerAction::<ResendTicket>::new();
    let cancel_error = action_error(cancel);
    let change_error = action_error(change);
    let query = use_query_map();
    let resent = move || {
        resend
            .value()
            .get()
            .map(|r| r.unwrap_or(false))
            .or_else(|| query.with(|q| q.get("resent").map(|v| v == "1")))
    };
    let calendar = format!("/tickets/{token}/calendar.ics");
    let status_view = match page.status {
        TicketStatus::Active => view! {
            <div class="ticket-card">
                <div class="ticket-qr" inner_html=page.qr_svg.clone().unwrap_or_default()></div>
                <p class="ticket-code">
                    <span class="meta">{t!(i18n, ticket.short_code)}</span>
                    <br />
                    <strong data-testid="short-code">{page.short_code.clone().unwrap_or_default()}</strong>
                </p>
                <p class="meta">{t!(i18n, ticket.show_at_door)}</p>
            </div>
        }.into_any(),
        TicketStatus::Waiting { position } => view! {
            <p class="notice" role="status">{t!(i18n, ticket.waiting, position = position)}</p>
        }.into_any(),
        TicketStatus::Cancelled => view! {
            <p class="notice" role="status">{t!(i18n, ticket.cancelled)}</p>
        }.into_any(),
    };
    let active = page.status == TicketStatus::Active;
    let changeable = page.changeable;
    let other_slots = page.other_slots.clone();
    let has_other_slots = !other_slots.is_empty();
    let (token_change, token_resend, token_cancel) = (token.clone(), token.clone(), token.clone());
    let route: Vec<RouteStop> = page
        .exhibitors
        .iter()
        .filter(|e| e.bookmarked)
        .cloned()
        .collect();
    view! {
        <article class="page narrow ticket-page">
            <h1>{t!(i18n, ticket.heading, fair = page.fair_title.clone())}</h1>
            <p class="lead">{page.name.clone()}</p>
            {status_view}
            <dl class="facts">
                <dt>{t!(i18n, ticket.slot)}</dt>
                <dd>{page.slot_when.clone()}</dd>
                <dt>{t!(i18n, ticket.venue)}</dt>
                <dd>
                    {page.venue_name.clone()} <br /> {page.venue_address.clone()} <br />
                    <a href=page.map_link.clone() rel="noopener noreferrer">{t!(i18n, ticket.map)}</a>
                </dd>
            </dl>
            {active.then(|| view! {
                <p class="actions">
                    <a class="button" href=calendar.clone() download="ticket.ics">{t!(i18n, ticket.calendar)}</a>
                </p>
            })}

            {(changeable && has_other_slots).then(|| view! {
                <section aria-labelledby="change-heading" class="card">
                    <h2 id="change-heading">{t!(i18n, ticket.change_heading)}</h2>
                    <ActionForm action=change attr:class="form inline-form">
                        <FormAlert error=change_error />
                        <input type="hidden" name="token" value=token_change />
                        <div class="field">
                            <label for="change-slot">{t!(i18n, ticket.change_to)}</label>
                            <select id="change-slot" name="slot_id">
                                {other_slots.iter().map(|s| view! {
                                    <option value=s.id.to_string()>{format!("{} · {}", s.when, t_string!(i18n, register.places_left, count = s.places_left))}</option>
                                }).collect_view()}
                            </select>
                        </div>
                        <button type="submit" class="button" disabled=change.pending()>{t!(i18n, ticket.change_submit)}</button>
                    </ActionForm>
                </section>
            })}

            {active.then(|| view! {
                <section aria-labelledby="resend-heading" class="card">
                    <h2 id="resend-heading">{t!(i18n, ticket.resend_heading)}</h2>
                    <ActionForm action=resend attr:class="form inline-form">
                        <input type="hidden" name="token" value=token_resend />
                        <button type="submit" class="button" disabled=resend.pending()>{t!(i18n, ticket.resend_submit)}</button>
                    </ActionForm>
                    <p role="status" class="meta">
                        {move || resent().map(|queued| if queued {
                            t_string!(i18n, ticket.resent).to_string()
                        } else {
                            t_string!(i18n, ticket.resent_recently).to_string()
                        })}
                    </p>
                </section>
            })}

            <section aria-labelledby="route-heading">
                <h2 id="route-heading">{t!(i18n, ticket.route_heading)}</h2>
                {if route.is_empty() {
                    view! { <p class="meta">{t!(i18n, ticket.route_empty)}</p> }.into_any()
                } else {
                    view! {
                        <ol class="route">
                            {route.into_iter().map(|stop| view! {
                                <li><strong>{stop.name}</strong> " · " {stop.booths}</li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
                <h3>{t!(i18n, ticket.exhibitors)}</h3>
                <ul class="exhibitor-list">
                    {page.exhibitors.into_iter().map(|stop| {
                        let on = !stop.bookmarked;
                        let label = if stop.bookmarked { tr!(i18n, ticket.unbookmark) } else { tr!(i18n, ticket.bookmark) };
                        let token = token.clone();
                        view! {
                            <li>
                                <strong>{stop.name.clone()}</strong>
                                <span class="meta">" · " {stop.booths.clone()}</span>
                                {(!stop.jobs.is_empty()).then(|| view! { <br /><span class="meta">{stop.jobs.join(", ")}</span> })}
                                <ActionForm action=bookmark attr:class="inline-form">
                                    <input type="hidden" name="token" value=token />
                                    <input type="hidden" name="organisation_id" value=stop.organisation_id.to_string() />
                                    <input type="hidden" name="on" value=on.to_string() />
                                    <button type="submit" class="button small" aria-pressed=stop.bookmarked.to_string()
                                        aria-label=move || format!("{}: {}", label.get(), stop.name)>
                                        {move || label.get()}
                                    </button>
                                </ActionForm>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>

            {changeable.then(|| view! {
                <section aria-labelledby="cancel-heading" class="card danger-zone">
                    <h2 id="cancel-heading">{t!(i18n, ticket.cancel_heading)}</h2>
                    <details>
                        <summary>{t!(i18n, ticket.cancel_open)}</summary>
                        <p>{t!(i18n, ticket.cancel_lead)}</p>
                        <ActionForm action=cancel attr:class="form inline-form">
                            <FormAlert error=cancel_error />
                            <input type="hidden" name="token" value=token_cancel />
                            <button type="submit" class="button danger" disabled=cancel.pending()>{t!(i18n, ticket.cancel_submit)}</button>
                        </ActionForm>
                    </details>
                </section>
            })}
            <p><a href=format!("/fairs/{}", page.fair_slug)>{t!(i18n, ticket.to_fair)}</a></p>
        </article>
    }
}
