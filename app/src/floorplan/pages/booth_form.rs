//! The form beside the floor plan: every booth property as text, so
//! everything the pointer does can be done with a keyboard too.
use super::{category_text, editor::Editing, extra_text};
use crate::{
    floorplan::{
        Booth, BoothCategory, BoothForm, Extra, Rect,
        api::{DeleteBooth, SaveBooth},
        metres_text,
    },
    i18n::*,
    parts::{FormAlert, SelectField, TextField, action_error, field_problem},
    tr,
};
use leptos::prelude::*;

#[component]
pub fn BoothPanel(
    hall_id: i64,
    size: (i64, i64),
    booths: RwSignal<Vec<Booth>>,
    editing: RwSignal<Editing>,
    save: ServerAction<SaveBooth>,
    on_deleted: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let _ = size;
    let delete = ServerAction::<DeleteBooth>::new();
    Effect::new(move |_| {
        if delete.value().with(|v| matches!(v, Some(Ok(())))) {
            on_deleted.run(());
        }
    });
    let delete_error = action_error(delete);
    // The form is drawn again when the selection or the booth changes.
    let target = Memo::new(move |_| match editing.get() {
        Editing::Nothing => None,
        Editing::New(rect) => Some((None, new_form(rect))),
        Editing::Booth(id) => booths.with(|list| {
            list.iter()
                .find(|b| b.id == id)
                .map(|b| (Some(b.clone()), BoothForm::from_booth(b)))
        }),
    });
    // Keyed by what it shows: another booth, or the same booth moved, gets
    // fresh inputs; a refresh with the same data keeps what is being typed.
    let shown = move || {
        target
            .get()
            .into_iter()
            .collect::<Vec<(Option<Booth>, BoothForm)>>()
    };
    view! {
        <section class="card booth-panel" aria-labelledby="booth-panel-heading">
            <Show when=move || target.with(Option::is_none)>
                <h2 id="booth-panel-heading">{t!(i18n, floorplan.booth_details)}</h2>
                <p>{t!(i18n, floorplan.select_hint)}</p>
            </Show>
            <For
                each=shown
                key=|(booth, form)| format!("{booth:?}{form:?}")
                children=move |(booth, form)| view! { <BoothEditForm hall_id booth form save delete delete_error /> }
            />
        </section>
    }
}

fn new_form(rect: Rect) -> BoothForm {
    BoothForm {
        x_m: metres_text(rect.x),
        y_m: metres_text(rect.y),
        width_m: metres_text(rect.width),
        depth_m: metres_text(rect.depth),
        category: BoothCategory::Standard.as_str().into(),
        ..Default::default()
    }
}

#[component]
fn BoothEditForm(
    hall_id: i64,
    booth: Option<Booth>,
    form: BoothForm,
    save: ServerAction<SaveBooth>,
    delete: ServerAction<DeleteBooth>,
    delete_error: Signal<Option<crate::error::AppError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = action_error(save);
    let booth_id = booth.as_ref().map(|b| b.id);
    let heading = match &booth {
        Some(b) => {
            let label = b.label.clone();
            tr!(i18n, floorplan.edit_booth, label = label.clone())
        }
        None => tr!(i18n, floorplan.new_booth),
    };
    let exhibitor = booth.as_ref().and_then(|b| b.exhibitor.clone());
    let area = booth.as_ref().map(|b| crate::floorplan::area_text(&b.rect));
    let categories = BoothCategory::ALL
        .into_iter()
        .map(|c| {
            (
                c.as_str().to_owned(),
                Signal::derive(move || category_text(i18n, c)),
            )
        })
        .collect::<Vec<_>>();
    let extras = [
        (Extra::Power, form.power.is_some()),
        (Extra::Table, form.table.is_some()),
        (Extra::Screen, form.screen.is_some()),
    ];
    view! {
        <h2 id="booth-panel-heading">{move || heading.get()}</h2>
        {area.map(|area| view! { <p class="meta">{t!(i18n, floorplan.area, area = area)}</p> })}
        {exhibitor.map(|name| view! { <p class="meta">{t!(i18n, floorplan.booked_by, name = name)}</p> })}
        <ActionForm action=save attr:class="form compact" attr:novalidate=true>
            <FormAlert error=error />
            <input type="hidden" name="hall_id" value=hall_id />
            {booth_id.map(|id| view! { <input type="hidden" name="booth_id" value=id /> })}
            <TextField name="booth[label]" id="booth-label" required=true label=tr!(i18n, floorplan.label)
                hint=tr!(i18n, floorplan.label_hint) value=form.label problem=field_problem(error, "label") />
            <div class="field-row">
                <TextField name="booth[x_m]" id="booth-x" required=true label=tr!(i18n, floorplan.x)
                    value=form.x_m problem=field_problem(error, "x_m") />
                <TextField name="booth[y_m]" id="booth-y" required=true label=tr!(i18n, floorplan.y)
                    value=form.y_m problem=field_problem(error, "y_m") />
            </div>
            <div class="field-row">
                <TextField name="booth[width_m]" id="booth-width" required=true label=tr!(i18n, floorplan.width)
                    value=form.width_m problem=field_problem(error, "width_m") />
                <TextField name="booth[depth_m]" id="booth-depth" required=true label=tr!(i18n, floorplan.depth)
                    value=form.depth_m problem=field_problem(error, "depth_m") />
            </div>
            <SelectField name="booth[category]" id="booth-category" label=tr!(i18n, floorplan.category)
                problem=field_problem(error, "category") options=categories selected=form.category />
            <TextField name="booth[price_eur]" id="booth-price" label=tr!(i18n, floorplan.price)
                value=form.price_eur problem=field_problem(error, "price_eur") />
            <fieldset class="choice">
                <legend>{t!(i18n, floorplan.extras)}</legend>
                {extras.into_iter().map(|(extra, checked)| view! {
                    <label class="choice-option">
                        <input type="checkbox" name=format!("booth[{}]", extra.as_str()) value="on" checked=checked />
                        <span>{extra_text(i18n, extra)}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <button type="submit" class="button primary" disabled=save.pending()>{t!(i18n, floorplan.save_booth)}</button>
        </ActionForm>
        {booth_id.map(|id| view! {
            <ActionForm action=delete attr:class="inline-form">
                <FormAlert error=delete_error />
                <input type="hidden" name="booth_id" value=id />
                <button type="submit" class="link-button danger">{t!(i18n, floorplan.delete_booth)}</button>
            </ActionForm>
        })}
    }
}
