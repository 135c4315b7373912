use crate::{
    admin::{
        PendingOrganisation,
        api::{DecideOrganisation, pending_organisations},
    },
    auth::pages::action_error,
    error::AppError,
    i18n::*,
    parts::{FormAlert, error_message},
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let i18n = use_i18n();
    let decide = ServerAction::<DecideOrganisation>::new();
    let error = action_error(decide);
    let pending = Resource::new(move || decide.version().get(), |_| pending_organisations());
    let decided = move || decide.value().get().and_then(Result::ok);
    view! {
        <Title text=tr!(i18n, admin.title) />
        <section class="page">
            <h1>{t!(i18n, admin.title)}</h1>
            <p class="lead">{t!(i18n, admin.lead)}</p>
            <p class="notice success" role="status" hidden=move || decided().is_none()>
                {move || decided().unwrap_or_default()}
            </p>
            <FormAlert error=error />
            <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || pending.get().map(|result| match result {
                    Ok(list) if list.is_empty() => view! { <p>{t!(i18n, admin.empty)}</p> }.into_any(),
                    Ok(list) => view! { <PendingList list decide /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <p><a class="button primary" href="/login">{t!(i18n, nav.sign_in)}</a></p>
                    }.into_any(),
                    Err(e) => view! { <p class="form-alert" role="alert">{error_message(i18n, &e)}</p> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// One card per organisation (a table would not fit a phone).
#[component]
fn PendingList(
    list: Vec<PendingOrganisation>,
    decide: ServerAction<DecideOrganisation>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="plain-list">
            {list.into_iter().map(|org| {
                let heading_id = format!("pending-{}", org.id);
                let name = org.name.clone();
                view! {
                    <li class="card">
                        <h2 id=heading_id>{org.name}</h2>
                        <p class="meta">{t!(i18n, admin.created)} ": " {org.created}</p>
                        <p>{t!(i18n, admin.owners)} ":"</p>
                        <ul class="plain-list">
                            {org.owners.into_iter().map(|(name, email)| view! {
                                <li>{name} " (" {email} ")"</li>
                            }).collect_view()}
                        </ul>
                        <p class="actions">
                            <DecisionForm id=org.id name=name.clone() approve=true decide />
                            <DecisionForm id=org.id name approve=false decide />
                        </p>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// One button: approve or decline; its accessible name names the
/// organisation, so a screen reader's list of buttons says which is which.
#[component]
fn DecisionForm(
    id: i64,
    name: String,
    approve: bool,
    decide: ServerAction<DecideOrganisation>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || {
        if approve {
            t_string!(i18n, admin.approve).to_string()
        } else {
            t_string!(i18n, admin.decline).to_string()
        }
    };
    let accessible = {
        let name = name.clone();
        move || format!("{}: {name}", label())
    };
    view! {
        <ActionForm action=decide attr:class="inline-form">
            <input type="hidden" name="organisation_id" value=id />
            <input type="hidden" name="approve" value=approve.to_string() />
            <button
                type="submit"
                class=if approve { "button primary" } else { "button" }
                aria-label=accessible
                disabled=decide.pending()
            >
                {label}
            </button>
        </ActionForm>
    }
}
