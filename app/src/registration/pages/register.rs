//! The registration form: one screen on a phone, works before (and without)
//! the wasm bundle, and explains what happens to the data.
use crate::{
    error::{AppError, Problem},
    fairs::EntryMode,
    i18n::*,
    parts::{
        FormAlert, TextField, action_error, error_message, field_problem, kept_value, kept_values,
        problem_message,
    },
    registration::{
        api::{Register, get_registration_page},
        model::{INDUSTRIES, JOB_TYPES, Registered, RegistrationPage, SlotChoice},
    },
    shell::set_http_status,
    tr,
};
use leptos::prelude::*;
use leptos_i18n::{I18nContext, Locale as _};
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn RegisterPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.with(|p| p.get("slug").unwrap_or_default());
    let invite = move || query.with(|q| q.get("invite"));
    let page = Resource::new(
        move || (slug(), invite()),
        |(slug, invite)| get_registration_page(slug, invite),
    );
    view! {
        <Suspense fallback=move || view! { <p class="page">{t!(i18n, common.loading)}</p> }>
            {move || page.get().map(|result| match result {
                Ok(page) => view! { <RegisterView page /> }.into_any(),
                Err(e) => {
                    if matches!(e, AppError::NotFound) {
                        set_http_status(404);
                    }
                    view! {
                        <section class="page">
                            <h1>{t!(i18n, errors.not_found_title)}</h1>
                            <p>{error_message(i18n, &e)}</p>
                        </section>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

pub fn industry_label(i18n: I18nContext<Locale>, code: &str) -> String {
    match code {
        "logistics" => t_string!(i18n, catalog.logistics),
        "aviation" => t_string!(i18n, catalog.aviation),
        "retail" => t_string!(i18n, catalog.retail),
        "hospitality" => t_string!(i18n, catalog.hospitality),
        "health_care" => t_string!(i18n, catalog.health_care),
        "it" => t_string!(i18n, catalog.it),
        "crafts" => t_string!(i18n, catalog.crafts),
        "manufacturing" => t_string!(i18n, catalog.manufacturing),
        "public_service" => t_string!(i18n, catalog.public_service),
        "security" => t_string!(i18n, catalog.security),
        "cleaning" => t_string!(i18n, catalog.cleaning),
        "office" => t_string!(i18n, catalog.office),
        "full_time" => t_string!(i18n, catalog.full_time),
        "part_time" => t_string!(i18n, catalog.part_time),
        "apprenticeship" => t_string!(i18n, catalog.apprenticeship),
        "mini_job" => t_string!(i18n, catalog.mini_job),
        "internship" => t_string!(i18n, catalog.internship),
        _ => return code.to_owned(),
    }
    .to_string()
}

fn slot_label(i18n: I18nContext<Locale>, slot: &SlotChoice) -> String {
    let places = if slot.places_left > 0 {
        t_string!(i18n, register.places_left, count = slot.places_left).to_string()
    } else {
        t_string!(i18n, register.full_waitlist).to_string()
    };
    let invite = if slot.entry_mode == EntryMode::Invite {
        format!(" · {}", t_string!(i18n, register.invite_only))
    } else {
        String::new()
    };
    format!("{} · {places}{invite}", slot.when)
}

/// An error line under a group of inputs that is not a text field.
fn group_error(
    error: Signal<Option<AppError>>,
    field: &'static str,
    id: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    let problem = field_problem(error, field);
    view! {
        <p class="field-error" id=id hidden=move || problem.get().is_none()>
            {move || problem.get().map(|p| problem_message(i18n, p))}
        </p>
    }
}

#[component]
fn RegisterView(page: RegistrationPage) -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let action = ServerAction::<Register>::new();
    let error = action_error(action);
    let sent_again = move || {
        query.with(|q| q.get("sent").is_some())
            || matches!(action.value().get(), Some(Ok(Registered::SentAgain)))
    };
    let invite = page.invite.clone();
    let ui_language = i18n.get_locale_untracked().as_str();
    // Without JavaScript a form with an error comes back from the server:
    // what was chosen is chosen again.
    let language = kept_value("form[language]")
        .or_else(|| invite.as_ref().map(|i| i.language.clone()))
        .unwrap_or_else(|| ui_language.to_owned());
    let preselected = kept_value("form[slot_id]")
        .and_then(|id| id.parse::<i64>().ok())
        .or_else(|| invite.as_ref().and_then(|i| i.slot_id))
        .or_else(|| (page.slots.len() == 1).then(|| page.slots[0].id));
    let kept_interests = kept_values("form[interests][]");
    let kept_waitlist = kept_value("form[waitlist]").is_some();
    let kept_consent = kept_value("form[consent]").is_some();
    let needs_invite_field =
        invite.is_some() || page.slots.iter().any(|s| s.entry_mode == EntryMode::Invite);
    let title = t_string!(i18n, register.title, fair = page.fair_title.clone()).to_string();
    let slug = page.slug.clone();
    let privacy = page.privacy.clone();
    view! {
        <Title text=title.clone() />
        <section class="page narrow register-page">
            <h1>{title}</h1>
            <p class="lead">{page.when.clone()} <br /> {page.venue.clone()}</p>
            <p class="notice success" role="status" hidden=move || !sent_again()>
                {t!(i18n, register.sent_again)}
            </p>
            {if !page.open {
                view! { <p class="notice">{problem_message(i18n, Problem::RegistrationClosed)}</p> }.into_any()
            } else {
                view! {
                    <ActionForm action=action attr:class="form" attr:novalidate=true>
                        <FormAlert error=error />
                        <input type="hidden" name="slug" value=slug.clone() />
                        <TextField
                            name="form[name]" id="register-name" autocomplete="name" required=true
                            label=tr!(i18n, register.name)
                            problem=field_problem(error, "name")
                            value=invite.as_ref().map(|i| i.name.clone()).unwrap_or_default()
                        />
                        <TextField
                            name="form[email]" id="register-email" input_type="email" autocomplete="email" required=true
                            label=tr!(i18n, register.email)
                            hint=tr!(i18n, register.email_hint)
                            problem=field_problem(error, "email")
                            value=invite.as_ref().map(|i| i.email.clone()).unwrap_or_default()
                        />
                        <TextField
                            name="form[phone]" id="register-phone" input_type="tel" autocomplete="tel"
                            label=tr!(i18n, register.phone)
                            problem=field_problem(error, "phone")
                        />
                        <div class="field">
                            <label for="register-language">{t!(i18n, register.language)}</label>
                            <select id="register-language" name="form[language]">
                                {Locale::get_all().iter().map(|l| view! {
                                    <option value=l.as_str() selected=language == l.as_str()>
                                        {leptos_i18n::td_string!(*l, language.name)}
                                    </option>
                                }).collect_view()}
                            </select>
                        </div>
                        <fieldset class="choice" aria-describedby="register-slot-error">
                            <legend>{t!(i18n, register.slot)} <span class="required-mark" aria-hidden="true">" *"</span></legend>
                            {page.slots.iter().map(|slot| {
                                let id = format!("register-slot-{}", slot.id);
                                let label = slot_label(i18n, slot);
                                view! {
                                    <div class="choice-option">
                                        <input type="radio" id=id.clone() name="form[slot_id]" value=slot.id.to_string()
                                            checked=preselected == Some(slot.id) />
                                        <label for=id>{label}</label>
                                    </div>
                                }
                            }).collect_view()}
                            {group_error(error, "slot_id", "register-slot-error")}
                            <div class="choice-option">
                                <input type="checkbox" id="register-waitlist" name="form[waitlist]" value="yes" checked=kept_waitlist />
                                <label for="register-waitlist">{t!(i18n, register.waitlist)}</label>
                            </div>
                        </fieldset>
                        {needs_invite_field.then(|| view! {
                            <TextField
                                name="form[invite]" id="register-invite"
                                label=tr!(i18n, register.invite_code)
                                hint=tr!(i18n, register.invite_hint)
                                problem=field_problem(error, "invite")
                                value=invite.as_ref().map(|i| i.code.clone()).unwrap_or_default()
                            />
                        })}
                        <fieldset class="choice">
                            <legend>{t!(i18n, register.interests)}</legend>
                            <p class="field-hint">{t!(i18n, register.interests_hint)}</p>
                            <div class="chips">
                                {INDUSTRIES.iter().chain(JOB_TYPES.iter()).map(|code| {
                                    let id = format!("register-interest-{code}");
                                    let code = (*code).to_owned();
                                    let label = industry_label(i18n, &code);
                                    let checked = kept_interests.contains(&code);
                                    view! {
                                        <span class="chip">
                                            <input type="checkbox" id=id.clone() name="form[interests][]" value=code.clone() checked=checked />
                                            <label for=id>{label}</label>
                                        </span>
                                    }
                                }).collect_view()}
                            </div>
                            {group_error(error, "interests", "register-interests-error")}
                        </fieldset>
                        <details class="privacy-notice">
                            <summary>{t!(i18n, register.privacy_title)}</summary>
                            <p>{t!(i18n, register.privacy_what)}</p>
                            <p>{t!(i18n, register.privacy_why)}</p>
                            <p>{t!(i18n, register.privacy_who, organisers = privacy.organisers.clone())}</p>
                            <p>{t!(i18n, register.privacy_how_long, date = privacy.deleted_on.clone())}</p>
                            <p>{t!(i18n, register.privacy_rights)}</p>
                        </details>
                        <div class="choice-option consent">
                            <input type="checkbox" id="register-consent" name="form[consent]" value="yes" checked=kept_consent
                                aria-describedby="register-consent-error"
                                aria-invalid=move || field_problem(error, "consent").get().map(|_| "true") />
                            <label for="register-consent">{t!(i18n, register.consent)}</label>
                        </div>
                        {group_error(error, "consent", "register-consent-error")}
                        <button type="submit" class="button primary wide" disabled=action.pending()>
                            {t!(i18n, register.submit)}
                        </button>
                    </ActionForm>
                }.into_any()
            }}
            <p><a href=format!("/fairs/{}", page.slug)>{t!(i18n, register.back_to_fair)}</a></p>
        </section>
    }
}
