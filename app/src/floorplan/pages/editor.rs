//! The floor-plan editor: booths drawn, moved and resized with pointer or
//! touch on a half-metre grid, or moved with the arrow keys (Shift resizes),
//! or edited in the form beside the plan. The browser checks overlaps first
//! for a quick answer; the server decides.
use super::{
    availability_text,
    booth_form::BoothPanel,
    gestures::{Drag, Gesture, free_place, hall_point, neighbours},
    plan_view::availability_class,
    plan_view::label_size,
};
use crate::{
    error::{AppError, FORM, Problem},
    fairs::api::get_fair_plan,
    floorplan::{
        BoothForm, Hall, MIN_SIDE_DM, Rect, api::SaveBooth, area_text, check_booth, metres_text,
        snap,
    },
    i18n::*,
    parts::{FormAlert, error_message, problem_message},
    tr,
};
use leptos::{ev, prelude::*};

/// What the form beside the plan edits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Editing {
    Nothing,
    Booth(i64),
    /// A booth not yet saved, with its drawn (or proposed) place.
    New(Rect),
}

#[component]
pub(super) fn Editor(fair_id: i64, hall: Hall) -> impl IntoView {
    let i18n = use_i18n();
    let hall_id = hall.id;
    let size = (hall.width_dm, hall.depth_dm);
    let booths = RwSignal::new(hall.booths.clone());
    let editing = RwSignal::new(Editing::Nothing);
    let drag = RwSignal::new(None::<Drag>);
    let draft = RwSignal::new(None::<Rect>);
    let announcement = RwSignal::new(String::new());
    let local_error = RwSignal::new(None::<AppError>);
    // A move refused here after the last save was sent: that save's late
    // "saved" must not hide the refusal.
    let refused_since_save = RwSignal::new(false);
    let save = ServerAction::<SaveBooth>::new();
    let svg_ref = NodeRef::<leptos::svg::Svg>::new();

    // After every save, the server's plan is the truth: on success the
    // booth's new place stays, on refusal it snaps back.
    // Saves follow each other quickly (arrow keys), and answers can arrive
    // out of order: only the newest refresh, with no save in flight, may
    // replace the plan, or an older answer would undo a later move on screen.
    let newest_refresh = StoredValue::new(0u64);
    let refresh = move || {
        let generation = newest_refresh.get_value() + 1;
        newest_refresh.set_value(generation);
        leptos::task::spawn_local(async move {
            if let Ok(plan) = get_fair_plan(fair_id).await {
                // A save still in flight makes this answer stale; that save
                // refreshes again when it completes.
                if newest_refresh.get_value() != generation || save.pending().get_untracked() {
                    return;
                }
                if let Some(hall) = plan.halls.into_iter().find(|h| h.id == hall_id) {
                    booths.set(hall.booths);
                }
            }
        });
    };
    // Any new save (also from the booth form) starts a fresh report.
    Effect::new(move |_| {
        if save.input().with(Option::is_some) {
            refused_since_save.set(false);
        }
    });
    Effect::new(move |_| {
        if let Some(result) = save.value().get() {
            match result {
                Ok(id) => {
                    if matches!(editing.get_untracked(), Editing::New(_)) {
                        editing.set(Editing::Booth(id));
                    }
                    if !refused_since_save.get_untracked() {
                        local_error.set(None);
                        announcement.set(t_string!(i18n, floorplan.saved).to_string());
                    }
                }
                Err(e) => announcement.set(error_message(i18n, &e)),
            }
            refresh();
        }
    });

    // Moves or resizes a booth locally and asks the server to keep it.
    let commit = move |id: i64, rect: Rect| {
        let all = booths.get_untracked();
        let Some(booth) = all.iter().find(|b| b.id == id).cloned() else {
            return;
        };
        if booth.rect == rect {
            return;
        }
        let mut form = BoothForm::from_booth(&booth);
        form.x_m = metres_text(rect.x);
        form.y_m = metres_text(rect.y);
        form.width_m = metres_text(rect.width);
        form.depth_m = metres_text(rect.depth);
        if let Err(errors) = check_booth(&form, size, &neighbours(&all), Some(id)) {
            let problem = errors.get(FORM).unwrap_or(Problem::Overlaps);
            announcement.set(problem_message(i18n, problem));
            local_error.set(Some(AppError::Invalid(errors)));
            refused_since_save.set(true);
            booths.update(|list| {
                if let Some(b) = list.iter_mut().find(|b| b.id == id) {
                    b.rect = booth.rect;
                }
            });
            return;
        }
        local_error.set(None);
        refused_since_save.set(false);
        booths.update(|list| {
            if let Some(b) = list.iter_mut().find(|b| b.id == id) {
                b.rect = rect;
            }
        });
        announcement.set(
            t_string!(
                i18n,
                floorplan.moved,
                label = booth.label.clone(),
                x = metres_text(rect.x),
                y = metres_text(rect.y),
                width = metres_text(rect.width),
                depth = metres_text(rect.depth)
            )
            .to_string(),
        );
        save.dispatch(SaveBooth {
            hall_id,
            booth_id: Some(id),
            booth: form,
        });
    };

    let on_pointer_down_background = move |ev: ev::PointerEvent| {
        let Some(svg) = svg_ref.get_untracked() else {
            return;
        };
        let point = hall_point(&ev, &svg, size);
        let _ = svg.set_pointer_capture(ev.pointer_id());
        let start = (snap(point.0) as f64, snap(point.1) as f64);
        drag.set(Some(Drag {
            gesture: Gesture::Draw,
            booth: None,
            start,
            original: Rect {
                x: 0,
                y: 0,
                width: 0,
                depth: 0,
            },
        }));
        draft.set(None);
    };
    let start_booth_gesture = move |ev: &ev::PointerEvent, id: i64, gesture: Gesture| {
        ev.stop_propagation();
        ev.prevent_default();
        let Some(svg) = svg_ref.get_untracked() else {
            return;
        };
        let Some(rect) =
            booths.with_untracked(|list| list.iter().find(|b| b.id == id).map(|b| b.rect))
        else {
            return;
        };
        let _ = svg.set_pointer_capture(ev.pointer_id());
        editing.set(Editing::Booth(id));
        drag.set(Some(Drag {
            gesture,
            booth: Some(id),
            start: hall_point(ev, &svg, size),
            original: rect,
        }));
    };
    let on_pointer_move = move |ev: ev::PointerEvent| {
        let Some(d) = drag.get_untracked() else {
            return;
        };
        let Some(svg) = svg_ref.get_untracked() else {
            return;
        };
        let point = hall_point(&ev, &svg, size);
        let (dx, dy) = (point.0 - d.start.0, point.1 - d.start.1);
        let o = d.original;
        match (d.gesture, d.booth) {
            (Gesture::Draw, _) => {
                let (x1, y1) = (
                    snap(point.0).clamp(0, size.0),
                    snap(point.1).clamp(0, size.1),
                );
                let (x0, y0) = (d.start.0 as i64, d.start.1 as i64);
                draft.set(Some(Rect {
                    x: x0.min(x1),
                    y: y0.min(y1),
                    width: (x1 - x0).abs(),
                    depth: (y1 - y0).abs(),
                }));
            }
            (gesture, Some(id)) => {
                let rect = if gesture == Gesture::Move {
                    Rect {
                        x: snap(o.x as f64 + dx).clamp(0, (size.0 - o.width).max(0)),
                        y: snap(o.y as f64 + dy).clamp(0, (size.1 - o.depth).max(0)),
                        ..o
                    }
                } else {
                    Rect {
                        width: snap(o.width as f64 + dx)
                            .clamp(MIN_SIDE_DM, (size.0 - o.x).max(MIN_SIDE_DM)),
                        depth: snap(o.depth as f64 + dy)
                            .clamp(MIN_SIDE_DM, (size.1 - o.y).max(MIN_SIDE_DM)),
                        ..o
                    }
                };
                booths.update(|list| {
                    if let Some(b) = list.iter_mut().find(|b| b.id == id) {
                        b.rect = rect;
                    }
                });
            }
            _ => {}
        }
    };
    let on_pointer_up = move |_ev: ev::PointerEvent| {
        let Some(d) = drag.get_untracked() else {
            return;
        };
        drag.set(None);
        match (d.gesture, d.booth) {
            (Gesture::Draw, _) => match draft.get_untracked() {
                Some(rect) if rect.width >= MIN_SIDE_DM && rect.depth >= MIN_SIDE_DM => {
                    draft.set(None);
                    editing.set(Editing::New(rect));
                }
                _ => {
                    draft.set(None);
                    editing.set(Editing::Nothing);
                }
            },
            (_, Some(id)) => {
                let moved =
                    booths.with_untracked(|list| list.iter().find(|b| b.id == id).map(|b| b.rect));
                if let Some(rect) = moved.filter(|r| *r != d.original) {
                    // Put it back first so `commit` compares with the old place.
                    booths.update(|list| {
                        if let Some(b) = list.iter_mut().find(|b| b.id == id) {
                            b.rect = d.original;
                        }
                    });
                    commit(id, rect);
                }
            }
            _ => {}
        }
    };

    let on_booth_key = move |ev: ev::KeyboardEvent, id: i64| {
        let step = match ev.key().as_str() {
            "ArrowLeft" => (-1, 0),
            "ArrowRight" => (1, 0),
            "ArrowUp" => (0, -1),
            "ArrowDown" => (0, 1),
            "Enter" | " " => {
                ev.prevent_default();
                editing.set(Editing::Booth(id));
                return;
            }
            _ => return,
        };
        ev.prevent_default();
        let Some(rect) =
            booths.with_untracked(|list| list.iter().find(|b| b.id == id).map(|b| b.rect))
        else {
            return;
        };
        let next = if ev.shift_key() {
            rect.resized(step.0, step.1, size)
        } else {
            rect.nudged(step.0, step.1, size)
        };
        editing.set(Editing::Booth(id));
        commit(id, next);
    };

    let new_booth = move |_| {
        let place = booths.with_untracked(|list| free_place(list, size));
        editing.set(Editing::New(place));
    };
    let error = Signal::derive(move || local_error.get());
    let hall_name = hall.name.clone();
    let booth_ids = move || booths.with(|list| list.iter().map(|b| b.id).collect::<Vec<i64>>());
    view! {
        <h1>{t!(i18n, floorplan.editor_heading, hall = hall_name.clone())}</h1>
        <p class="meta">{t!(i18n, floorplan.hall_size, width = metres_text(size.0), depth = metres_text(size.1))}</p>
        <p id="plan-help" class="field-hint">{t!(i18n, floorplan.help)}</p>
        <p class="visually-hidden" role="status" aria-live="polite">{move || announcement.get()}</p>
        <div class="plan-editor">
            <div class="plan-canvas">
                <svg
                    node_ref=svg_ref
                    viewBox=format!("0 0 {} {}", size.0, size.1)
                    role="group"
                    aria-label=tr!(i18n, floorplan.plan_label, hall = hall_name.clone())
                    aria-describedby="plan-help"
                    on:pointermove=on_pointer_move
                    on:pointerup=on_pointer_up
                    on:pointercancel=on_pointer_up
                >
                    <defs>
                        <pattern id="grid" width="10" height="10" patternUnits="userSpaceOnUse">
                            <path d="M 10 0 L 0 0 0 10" class="grid-line" />
                        </pattern>
                    </defs>
                    <rect class="hall-outline editable" x="0" y="0" width=size.0 height=size.1 fill="url(#grid)"
                        on:pointerdown=on_pointer_down_background />
                    <For each=booth_ids key=|id| *id children=move |id: i64| {
                        // The element stays while its booth changes, so keyboard
                        // focus survives moves and saves.
                        let data = Memo::new(move |_| booths.with(|list| list.iter().find(|b| b.id == id).cloned()));
                        let rect = move || data.get().map(|b| b.rect).unwrap_or(Rect { x: 0, y: 0, width: 0, depth: 0 });
                        let selected = move || editing.get() == Editing::Booth(id);
                        let class = move || {
                            let base = data.get().map(|b| availability_class(b.availability)).unwrap_or("booth");
                            if selected() { format!("{base} selected") } else { base.to_owned() }
                        };
                        let label = move || {
                            data.get()
                                .map(|b| {
                                    let r = b.rect;
                                    t_string!(i18n, floorplan.booth_label, label = b.label.clone(),
                                        width = metres_text(r.width), depth = metres_text(r.depth),
                                        area = area_text(&r), x = metres_text(r.x), y = metres_text(r.y),
                                        state = availability_text(i18n, b.availability))
                                    .to_string()
                                })
                                .unwrap_or_default()
                        };
                        view! {
                            <g
                                class=class
                                tabindex="0"
                                role="button"
                                aria-label=label
                                aria-pressed=move || if selected() { "true" } else { "false" }
                                aria-describedby="plan-help"
                                on:keydown=move |ev| on_booth_key(ev, id)
                                on:pointerdown=move |ev| start_booth_gesture(&ev, id, Gesture::Move)
                            >
                                <rect x=move || rect().x y=move || rect().y width=move || rect().width height=move || rect().depth />
                                <text
                                    x=move || { let r = rect(); r.x + r.width / 2 }
                                    y=move || { let r = rect(); r.y + r.depth / 2 }
                                    font-size=move || data.get().map(|b| label_size(&b)).unwrap_or(8)
                                    text-anchor="middle"
                                    dominant-baseline="middle"
                                >
                                    {move || data.get().map(|b| b.label).unwrap_or_default()}
                                </text>
                            </g>
                            {move || selected().then(|| {
                                let r = rect();
                                view! {
                                    <rect class="resize-handle" x=r.x + r.width - 6 y=r.y + r.depth - 6 width="8" height="8"
                                        on:pointerdown=move |ev| start_booth_gesture(&ev, id, Gesture::Resize) />
                                }
                            })}
                        }
                    } />
                    {move || draft.get().map(|r| view! {
                        <rect class="draft" x=r.x y=r.y width=r.width height=r.depth />
                    })}
                </svg>
                // Below the plan, so a message that comes or goes never moves the booths
                // under a finger or pointer in the middle of a drag.
                <FormAlert error=error />
            </div>
            <div class="plan-side">
                <p><button type="button" class="button" on:click=new_booth>{t!(i18n, floorplan.new_booth)}</button></p>
                <BoothPanel hall_id size booths editing save on_deleted=Callback::new(move |_| { editing.set(Editing::Nothing); refresh(); }) />
            </div>
        </div>
    }
}
