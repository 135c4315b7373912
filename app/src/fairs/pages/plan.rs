//! The organiser's page for one fair: status, details, co-organisers, time
//! slots and halls. Every change refreshes the page's data.
use super::{FairFields, OrganisersSection, SlotsSection, status_text};
use crate::{
    error::AppError,
    fairs::{
        FairPlan, FairStatus,
        api::{
            AddCoOrganiser, AddSlot, ChangeFairStatus, DeleteSlot, RemoveCoOrganiser, UpdateFair,
            UpdateSlot, get_fair_plan,
        },
    },
    floorplan::{api::AddHall, pages::HallsSection},
    i18n::*,
    parts::{FormAlert, action_error, error_message},
    tr,
};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// The actions of the planning page; any of them succeeding reloads the plan.
#[derive(Clone, Copy)]
pub struct PlanActions {
    pub update: ServerAction<UpdateFair>,
    pub status: ServerAction<ChangeFairStatus>,
    pub add_organiser: ServerAction<AddCoOrganiser>,
    pub remove_organiser: ServerAction<RemoveCoOrganiser>,
    pub add_slot: ServerAction<AddSlot>,
    pub update_slot: ServerAction<UpdateSlot>,
    pub delete_slot: ServerAction<DeleteSlot>,
    pub add_hall: ServerAction<AddHall>,
    /// Bumped when an action succeeded: the plan is loaded again. Failed
    /// actions keep the page (and what was typed) as it is.
    pub reloads: RwSignal<usize>,
    /// The slot whose edit form was sent last, so only it shows the error.
    pub last_slot: RwSignal<Option<i64>>,
}

/// Counts the successes of an action into `reloads`.
pub fn reload_on_success<I, O>(action: ServerAction<I>, reloads: RwSignal<usize>)
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            reloads.update(|n| *n += 1);
        }
    });
}

impl PlanActions {
    fn new() -> Self {
        let actions = Self {
            update: ServerAction::new(),
            status: ServerAction::new(),
            add_organiser: ServerAction::new(),
            remove_organiser: ServerAction::new(),
            add_slot: ServerAction::new(),
            update_slot: ServerAction::new(),
            delete_slot: ServerAction::new(),
            add_hall: ServerAction::new(),
            reloads: RwSignal::new(0),
            last_slot: RwSignal::new(None),
        };
        let reloads = actions.reloads;
        reload_on_success(actions.update, reloads);
        reload_on_success(actions.status, reloads);
        reload_on_success(actions.add_organiser, reloads);
        reload_on_success(actions.remove_organiser, reloads);
        reload_on_success(actions.add_slot, reloads);
        reload_on_success(actions.update_slot, reloads);
        reload_on_success(actions.delete_slot, reloads);
        reload_on_success(actions.add_hall, reloads);
        let (update_slot, last_slot) = (actions.update_slot, actions.last_slot);
        Effect::new(move |_| {
            if let Some(input) = update_slot.input().get() {
                last_slot.set(Some(input.slot_id));
            }
        });
        actions
    }
}

/// The fair id from the route, 0 when it is not a number (not found).
pub fn fair_id_param() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|id| id.parse().ok()).unwrap_or(0)))
}

#[component]
pub fn FairPlanPage() -> impl IntoView {
    let i18n = use_i18n();
    let fair_id = fair_id_param();
    let actions = PlanActions::new();
    let plan = Resource::new(
        move || (fair_id.get(), actions.reloads.get()),
        |(id, _)| get_fair_plan(id),
    );
    view! {
        <Title text=tr!(i18n, plan.title) />
        <section class="page">
            <p class="breadcrumb"><a href="/organise">{t!(i18n, plan.my_fairs)}</a></p>
            <Transition fallback=move || view! { <p>{t!(i18n, common.loading)}</p> }>
                {move || plan.get().map(|result| match result {
                    Ok(plan) => view! { <Plan plan actions /> }.into_any(),
                    Err(AppError::Unauthenticated) => view! {
                        <h1>{t!(i18n, plan.title)}</h1>
                        <p>{t!(i18n, account.sign_in_required)}</p>
                        <p><a class="button primary" href="/login">{t!(i18n, nav.sign_in)}</a></p>
                    }.into_any(),
                    Err(e) => view! {
                        <h1>{t!(i18n, plan.title)}</h1>
                        <p class="form-alert" role="alert">{error_message(i18n, &e)}</p>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Plan(plan: FairPlan, actions: PlanActions) -> impl IntoView {
    let i18n = use_i18n();
    let fair_id = plan.id;
    let public_link = plan
        .status
        .is_public()
        .then(|| format!("/fairs/{}", plan.slug));
    let saved = move || actions.update.value().get().is_some_and(|r| r.is_ok());
    let update_error = action_error(actions.update);
    let slot_defaults = (plan.form.starts.clone(), plan.form.ends.clone());
    let title = plan.form.title_de.clone();
    let venue = plan.form.venue_name.clone();
    let form = plan.form.clone();
    view! {
        <h1>{title}</h1>
        <p class="meta">
            {plan.when.clone()} " · " {venue} " · "
            <span class=format!("badge status-{}", plan.status.as_str())>{status_text(i18n, plan.status)}</span>
        </p>
        <p class="actions">
            {public_link.map(|href| view! { <a class="button" href=href>{t!(i18n, plan.public_page)}</a> })}
            <a class="button" href=format!("/organise/fairs/{fair_id}/dashboard")>{t!(i18n, plan.dashboard)}</a>
            <a class="button" href=format!("/organise/fairs/{fair_id}/invitations")>{t!(i18n, plan.invitations)}</a>
            <a class="button" href=format!("/organise/fairs/{fair_id}/bookings")>{t!(i18n, booking.nav)}</a>
            <a class="button" href=format!("/organise/fairs/{fair_id}/door")>{t!(i18n, plan.door_live)}</a>
        </p>
        <StatusPanel fair_id status=plan.status action=actions.status />
        <section class="card" aria-labelledby="details-heading">
            <h2 id="details-heading">{t!(i18n, plan.details)}</h2>
            <ActionForm action=actions.update attr:class="form" attr:novalidate=true>
                <p class="notice success" role="status" hidden=move || !saved()>{t!(i18n, plan.saved)}</p>
                <FormAlert error=update_error />
                <input type="hidden" name="fair_id" value=fair_id />
                <FairFields id="fair" values=form error=update_error />
                <button type="submit" class="button primary" disabled=actions.update.pending()>{t!(i18n, common.save)}</button>
            </ActionForm>
        </section>
        <OrganisersSection fair_id organisers=plan.organisers candidates=plan.candidates actions />
        <SlotsSection fair_id slots=plan.slots defaults=slot_defaults actions />
        <HallsSection fair_id halls=plan.halls add=actions.add_hall />
    }
}

#[component]
fn StatusPanel(
    fair_id: i64,
    status: FairStatus,
    action: ServerAction<ChangeFairStatus>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(action);
    let steps = status.next_steps();
    view! {
        <section class="card" aria-labelledby="status-heading">
            <h2 id="status-heading">{t!(i18n, plan.status)}</h2>
            <p>{t!(i18n, plan.status_now)} " " <strong>{status_text(i18n, status)}</strong></p>
            <FormAlert error=error />
            <div class="actions">
                {steps.into_iter().map(|next| {
                    let label = match next {
                        FairStatus::Published if status == FairStatus::Closed => tr!(i18n, plan.reopen),
                        FairStatus::Published => tr!(i18n, plan.publish),
                        FairStatus::Closed => tr!(i18n, plan.close),
                        FairStatus::Archived => tr!(i18n, plan.archive),
                        FairStatus::Draft => tr!(i18n, plan.publish),
                    };
                    view! {
                        <ActionForm action=action attr:class="inline-form">
                            <input type="hidden" name="fair_id" value=fair_id />
                            <input type="hidden" name="status" value=next.as_str() />
                            <button type="submit" class="button" class:primary=next == FairStatus::Published
                                disabled=action.pending()>{move || label.get()}</button>
                        </ActionForm>
                    }
                }).collect_view()}
            </div>
        </section>
    }
}
