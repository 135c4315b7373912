//! Admission time slots of a fair: when, how many, open or by invitation.
use super::plan::PlanActions;
use crate::{
    error::AppError,
    fairs::{EntryMode, Slot, SlotForm},
    i18n::*,
    parts::{FormAlert, SelectField, TextField, action_error, field_problem},
    tr,
};
use leptos::prelude::*;

pub fn entry_mode_text(i18n: leptos_i18n::I18nContext<Locale>, mode: EntryMode) -> String {
    match mode {
        EntryMode::Open => t_string!(i18n, plan.entry_open).to_string(),
        EntryMode::Invite => t_string!(i18n, plan.entry_invite).to_string(),
    }
}

#[component]
pub fn SlotsSection(
    fair_id: i64,
    slots: Vec<Slot>,
    defaults: (String, String),
    actions: PlanActions,
) -> impl IntoView {
    let i18n = use_i18n();
    let add_error = action_error(actions.add_slot);
    let delete_error = action_error(actions.delete_slot);
    let new_slot = SlotForm {
        starts: defaults.0,
        ends: defaults.1,
        capacity: String::new(),
        entry_mode: "open".into(),
    };
    view! {
        <section class="card" aria-labelledby="slots-heading">
            <h2 id="slots-heading">{t!(i18n, plan.slots)}</h2>
            <FormAlert error=delete_error />
            {if slots.is_empty() {
                view! { <p>{t!(i18n, plan.no_slots)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list slot-list">
                        {slots.into_iter().map(|item| view! { <SlotItem item actions /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <ActionForm action=actions.add_slot attr:class="form compact" attr:novalidate=true>
                <h3>{t!(i18n, plan.add_slot)}</h3>
                <FormAlert error=add_error />
                <input type="hidden" name="fair_id" value=fair_id />
                <SlotFields id="new-slot".into() values=new_slot error=add_error />
                <button type="submit" class="button primary" disabled=actions.add_slot.pending()>{t!(i18n, plan.add_slot)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn SlotItem(item: Slot, actions: PlanActions) -> impl IntoView {
    let i18n = use_i18n();
    let slot_id = item.id;
    // Only this slot's form shows the error of the last update.
    let update_error = action_error(actions.update_slot);
    let error = Signal::derive(move || {
        if actions.last_slot.get() == Some(slot_id) {
            update_error.get()
        } else {
            None
        }
    });
    let mode = entry_mode_text(i18n, item.entry_mode);
    view! {
        <li class="slot">
            <p>
                <strong>{item.when.clone()}</strong> " · " {mode} " · "
                {t!(i18n, plan.taken_of, taken = item.taken, capacity = item.capacity)}
            </p>
            <details open=move || error.get().is_some()>
                <summary>{t!(i18n, plan.edit_slot)}</summary>
                <ActionForm action=actions.update_slot attr:class="form compact" attr:novalidate=true>
                    <FormAlert error=error />
                    <input type="hidden" name="slot_id" value=slot_id />
                    <SlotFields id=format!("slot-{slot_id}") values=item.form.clone() error=error />
                    <button type="submit" class="button">{t!(i18n, common.save)}</button>
                </ActionForm>
                <ActionForm action=actions.delete_slot attr:class="inline-form">
                    <input type="hidden" name="slot_id" value=slot_id />
                    <button type="submit" class="link-button">{t!(i18n, plan.delete_slot)}</button>
                </ActionForm>
            </details>
        </li>
    }
}

#[component]
fn SlotFields(id: String, values: SlotForm, error: Signal<Option<AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let options = vec![
        ("open".to_owned(), tr!(i18n, plan.entry_open)),
        ("invite".to_owned(), tr!(i18n, plan.entry_invite)),
    ];
    view! {
        <div class="field-row">
            <TextField name="slot[starts]" id=format!("{id}-starts") input_type="datetime-local" required=true
                label=tr!(i18n, plan.slot_starts) value=values.starts problem=field_problem(error, "starts") />
            <TextField name="slot[ends]" id=format!("{id}-ends") input_type="datetime-local" required=true
                label=tr!(i18n, plan.slot_ends) value=values.ends problem=field_problem(error, "ends") />
        </div>
        <div class="field-row">
            <TextField name="slot[capacity]" id=format!("{id}-capacity") input_type="text" required=true
                label=tr!(i18n, plan.capacity) value=values.capacity problem=field_problem(error, "capacity") />
            <SelectField name="slot[entry_mode]" id=format!("{id}-entry-mode") label=tr!(i18n, plan.entry_mode)
                problem=field_problem(error, "entry_mode") options=options selected=values.entry_mode />
        </div>
    }
}
