//! The organiser's invitations of one fair: invite one person, or check a
//! whole list first and then send it with a progress bar; follow the states.
use super::read_chosen_file;
use crate::{
    error::AppError,
    fairs::pages::fair_id_param,
    i18n::*,
    invitations::{
        CHUNK, CheckedRow, ImportPreview, InvitationsView, InviteKind, InviteState, RowStatus,
        api::{InviteOne, check_invite_list, get_invitations, send_invites},
    },
    parts::{
        FormAlert, SelectField, TextField, action_error, error_message, field_problem,
        problem_message,
    },
    tr,
};
use leptos::{ev, prelude::*};
use leptos_i18n::Locale as _;
use leptos_meta::Title;

fn kind_options(i18n: leptos_i18n::I18nContext<Locale>) -> Vec<(String, Signal<String>)> {
    vec![
        (
            InviteKind::Jobseeker.as_str().to_owned(),
            tr!(i18n, invitations.kind_jobseeker),
        ),
        (
            InviteKind::Employer.as_str().to_owned(),
            tr!(i18n, invitations.kind_employer),
        ),
    ]
}

fn state_text(i18n: leptos_i18n::I18nContext<Locale>, state: InviteState) -> String {
    match state {
        InviteState::Queued => t_string!(i18n, invitations.state_queued),
        InviteState::Sent => t_string!(i18n, invitations.state_sent),
        InviteState::Failed => t_string!(i18n, invitations.state_failed),
        InviteState::Registered => t_string!(i18n, invitations.state_registered),
    }
    .to_string()
}

fn row_text(i18n: leptos_i18n::I18nContext<Locale>, row: &CheckedRow) -> String {
    match row.status {
        RowStatus::Ready => t_string!(i18n, invitations.row_ready).to_string(),
        RowStatus::Duplicate => t_string!(i18n, invitations.row_duplicate).to_string(),
        RowStatus::AlreadyInvited => t_string!(i18n, invitations.row_already_invited).to_string(),
        RowStatus::Unsubscribed => t_string!(i18n, invitations.row_unsubscribed).to_string(),
        RowStatus::Invalid => row
            .problems
            .iter()
            .map(|p| {
                let field = match p.field.as_str() {
                    "name" => t_string!(i18n, invitations.name).to_string(),
                    "email" => t_string!(i18n, invitations.email).to_string(),
                    "locale" => t_string!(i18n, invitations.language).to_string(),
                    "slot" => t_string!(i18n, invitations.slot).to_string(),
                    other => other.to_owned(),
                };
                format!("{field}: {}", problem_message(i18n, p.problem))
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

#[component]
pub fn InvitationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let fair_id = fair_id_param();
    let reloads = RwSignal::new(0u32);
    // The forms load once (they keep what is typed and their messages); the
    // list of invitations loads again after each change.
    let page = Resource::new(move || fair_id.get(), get_invitations);
    let data = Resource::new(
        move || (fair_id.get(), reloads.get()),
        |(id, _)| get_invitations(id),
    );
    // While invitations wait for the mail worker, look again every 5 s.
    Effect::new(move |_| {
        let handle = set_interval_with_handle(
            move || {
                let waiting = data.with_untracked(|d| {
                    d.as_ref()
                        .and_then(|r| r.as_ref().ok())
                        .is_some_and(|v| v.invites.iter().any(|i| i.state == InviteState::Queued))
                });
                if waiting {
                    reloads.update(|n| *n += 1);
                }
            },
            std::time::Duration::from_secs(5),
        );
        on_cleanup(move || {
            if let Ok(h) = handle {
                h.clear();
            }
        });
    });
    view! {
        <Title text=tr!(i18n, invitations.title) />
        <section class="page">
            <p class="breadcrumb">
                <a href="/organise">{t!(i18n, plan.my_fairs)}</a> " › "
                <a href=move || format!("/organise/fairs/{}", fair_id.get())>{t!(i18n, plan.title)}</a>
            </p>
            <Suspense fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || page.get().map(|result| match result {
                    Ok(view) => view! { <Invitations view data reloads /> }.into_any(),
                    Err(e) => view! {
                        <h1>{t!(i18n, invitations.title)}</h1>
                        <p class="form-alert" role="alert">{error_message(i18n, &e)}</p>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Invitations(
    view: InvitationsView,
    data: Resource<Result<InvitationsView, AppError>>,
    reloads: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let fair_id = view.fair_id;
    let slots = view.slots.clone();
    view! {
        <h1>{t!(i18n, invitations.heading, title = view.title.clone())}</h1>
        // Type-erased: the full view types of both forms nest deeper than
        // the compiler's limits in builds without `erase_components`.
        {view! { <InviteOneForm fair_id slots reloads /> }.into_any()}
        {view! { <ListImport fair_id reloads /> }.into_any()}
        <Transition fallback=|| ()>
            {move || data.get().map(|result| match result {
                Ok(view) => view! { <InviteList view reloads /> }.into_any(),
                Err(e) => view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn InviteList(view: InvitationsView, reloads: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card" aria-labelledby="invites-heading">
            <h2 id="invites-heading">{t!(i18n, invitations.list_heading, count = view.invites.len())}</h2>
            <p><button type="button" class="button" on:click=move |_| reloads.update(|n| *n += 1)>{t!(i18n, invitations.refresh)}</button></p>
            {if view.invites.is_empty() {
                view! { <p>{t!(i18n, invitations.none)}</p> }.into_any()
            } else {
                view! {
                    <table class="data-table">
                        <thead><tr>
                            <th scope="col">{t!(i18n, invitations.name)}</th>
                            <th scope="col">{t!(i18n, invitations.email)}</th>
                            <th scope="col">{t!(i18n, invitations.slot)}</th>
                            <th scope="col">{t!(i18n, invitations.kind_column)}</th>
                            <th scope="col">{t!(i18n, invitations.state)}</th>
                        </tr></thead>
                        <tbody>
                            {view.invites.into_iter().map(|i| view! {
                                <tr>
                                    <td>{i.name}</td>
                                    <td>{i.email}</td>
                                    <td>{i.slot.unwrap_or_default()}</td>
                                    <td>{match i.kind {
                                        InviteKind::Jobseeker => t_string!(i18n, invitations.for_jobseeker).to_string(),
                                        InviteKind::Employer => t_string!(i18n, invitations.for_employer).to_string(),
                                    }}</td>
                                    <td>{state_text(i18n, i.state)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn InviteOneForm(
    fair_id: i64,
    slots: Vec<(String, String)>,
    reloads: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<InviteOne>::new();
    let error = action_error(action);
    let sent_to = move || action.value().get().and_then(Result::ok);
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            reloads.update(|n| *n += 1);
        }
    });
    // Each language by its own name, as language pickers show them.
    let languages: Vec<(String, Signal<String>)> = Locale::get_all()
        .iter()
        .map(|l| {
            let name = leptos_i18n::td_string!(*l, language.name);
            (
                l.as_str().to_owned(),
                Signal::derive(move || name.to_owned()),
            )
        })
        .collect();
    let mut slot_options = vec![(String::new(), tr!(i18n, invitations.any_slot))];
    slot_options.extend(
        slots
            .into_iter()
            .map(|(start, label)| (start, Signal::derive(move || label.clone()))),
    );
    view! {
        <section class="card" aria-labelledby="invite-one-heading">
            <h2 id="invite-one-heading">{t!(i18n, invitations.one_heading)}</h2>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <p class="notice success" role="status" hidden=move || sent_to().is_none()>
                    {move || sent_to().map(|email| t_string!(i18n, account.invite_sent, email = email).to_string())}
                </p>
                <FormAlert error=error />
                <input type="hidden" name="fair_id" value=fair_id />
                <SelectField name="kind" id="invite-kind" label=tr!(i18n, invitations.kind)
                    problem=field_problem(error, "kind") options=kind_options(i18n) />
                <div class="field-row">
                    <TextField name="row[name]" id="invite-name" required=true autocomplete="off" label=tr!(i18n, invitations.name)
                        problem=field_problem(error, "name") />
                    <TextField name="row[email]" id="invite-email" input_type="email" required=true label=tr!(i18n, invitations.email)
                        problem=field_problem(error, "email") />
                </div>
                <div class="field-row">
                    <SelectField name="row[locale]" id="invite-language" label=tr!(i18n, invitations.language)
                        problem=field_problem(error, "locale") options=languages />
                    <SelectField name="row[slot]" id="invite-slot" label=tr!(i18n, invitations.slot)
                        problem=field_problem(error, "slot") options=slot_options />
                </div>
                <button type="submit" class="button primary" disabled=action.pending()>{t!(i18n, invitations.send_one)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn ListImport(fair_id: i64, reloads: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let csv_text = RwSignal::new(String::new());
    let kind = RwSignal::new(InviteKind::Jobseeker);
    let check = Action::new(move |(text, kind): &(String, InviteKind)| {
        check_invite_list(fair_id, text.clone(), *kind)
    });
    let preview = Signal::derive(move || check.value().get().and_then(Result::ok));
    let check_error = Signal::derive(move || check.value().get().and_then(Result::err));
    let progress = RwSignal::new(None::<(usize, usize)>);
    let send_error = RwSignal::new(None::<AppError>);
    let on_file = move |ev: ev::Event| {
        let input = event_target::<leptos::web_sys::HtmlInputElement>(&ev);
        leptos::task::spawn_local(async move {
            if let Some(text) = read_chosen_file(input).await {
                csv_text.set(text);
            }
        });
    };
    let send_all = move |_| {
        let Some(preview) = preview.get_untracked() else {
            return;
        };
        let rows = preview.ready();
        let kind = kind.get_untracked();
        let total = rows.len();
        progress.set(Some((0, total)));
        send_error.set(None);
        leptos::task::spawn_local(async move {
            let mut done = 0;
            for chunk in rows.chunks(CHUNK) {
                match send_invites(fair_id, chunk.to_vec(), kind).await {
                    Ok(_) => {
                        done += chunk.len();
                        progress.set(Some((done, total)));
                    }
                    Err(e) => {
                        send_error.set(Some(e));
                        break;
                    }
                }
            }
            reloads.update(|n| *n += 1);
        });
    };
    view! {
        <section class="card" aria-labelledby="list-heading">
            <h2 id="list-heading">{t!(i18n, invitations.list_import_heading)}</h2>
            <p class="field-hint">{t!(i18n, invitations.list_hint)}</p>
            <div class="field">
                <label for="list-kind">{t!(i18n, invitations.kind)}</label>
                <select id="list-kind" on:change=move |ev| {
                    kind.set(InviteKind::parse(&event_target_value(&ev)).unwrap_or_default());
                    progress.set(None);
                }>
                    {kind_options(i18n).into_iter().map(|(value, text)| view! {
                        <option value=value>{move || text.get()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="invite-file">{t!(i18n, invitations.file)}</label>
                <input id="invite-file" type="file" accept=".csv,text/csv,text/plain" on:change=on_file />
            </div>
            <div class="field">
                <label for="invite-paste">{t!(i18n, invitations.paste)}</label>
                <textarea id="invite-paste" rows="5" prop:value=move || csv_text.get()
                    on:input=move |ev| csv_text.set(event_target_value(&ev))></textarea>
            </div>
            <p><button type="button" class="button" disabled=move || csv_text.with(String::is_empty) || check.pending().get()
                on:click=move |_| { progress.set(None); check.dispatch((csv_text.get_untracked(), kind.get_untracked())); }>
                {t!(i18n, invitations.check)}
            </button></p>
            <FormAlert error=check_error />
            {move || preview.get().map(|p| view! { <PreviewTable preview=p /> })}
            {move || preview.get().map(|p| {
                let ready = p.ready().len();
                view! {
                    <p><button type="button" class="button primary" disabled=move || ready == 0 || progress.get().is_some() on:click=send_all>
                        {t!(i18n, invitations.send_all, count = ready)}
                    </button></p>
                }
            })}
            {move || progress.get().map(|(done, total)| view! {
                <div class="progress">
                    <label for="invite-progress">{t!(i18n, invitations.progress_label)}</label>
                    <progress id="invite-progress" max=total value=done>{done}</progress>
                    <p role="status">{t!(i18n, invitations.progress, done = done, total = total)}</p>
                </div>
            })}
            <FormAlert error=Signal::derive(move || send_error.get()) />
        </section>
    }
}

#[component]
fn PreviewTable(preview: ImportPreview) -> impl IntoView {
    let i18n = use_i18n();
    let count = |status: RowStatus| preview.rows.iter().filter(|r| r.status == status).count();
    let (ready, invalid) = (count(RowStatus::Ready), count(RowStatus::Invalid));
    let skipped = preview.rows.len() - ready - invalid;
    view! {
        <p role="status">{t!(i18n, invitations.summary, ready = ready, invalid = invalid, skipped = skipped)}</p>
        <table class="data-table preview">
            <thead><tr>
                <th scope="col">{t!(i18n, invitations.line)}</th>
                <th scope="col">{t!(i18n, invitations.name)}</th>
                <th scope="col">{t!(i18n, invitations.email)}</th>
                <th scope="col">{t!(i18n, invitations.result)}</th>
            </tr></thead>
            <tbody>
                {preview.rows.into_iter().map(|row| {
                    let text = row_text(i18n, &row);
                    let bad = row.status != RowStatus::Ready;
                    view! {
                        <tr class:row-problem=bad>
                            <td>{row.row.line}</td>
                            <td>{row.row.name.clone()}</td>
                            <td>{row.row.email.clone()}</td>
                            <td>{text}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
