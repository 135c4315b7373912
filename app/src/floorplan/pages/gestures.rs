//! The editor's pointer gestures and the geometry it needs: where a
//! pointer is in the hall, a booth's neighbours, a free place for a new one.
use crate::floorplan::{Booth, MIN_SIDE_DM, Neighbour, Rect};
use leptos::ev;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Gesture {
    Move,
    Resize,
    Draw,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Drag {
    pub(super) gesture: Gesture,
    pub(super) booth: Option<i64>,
    pub(super) start: (f64, f64),
    pub(super) original: Rect,
}

/// Reads a pointer position in hall decimetres.
pub(super) fn hall_point(
    ev: &ev::PointerEvent,
    svg: &leptos::web_sys::Element,
    size: (i64, i64),
) -> (f64, f64) {
    let frame = svg.get_bounding_client_rect();
    if frame.width() <= 0.0 || frame.height() <= 0.0 {
        return (0.0, 0.0);
    }
    (
        (f64::from(ev.client_x()) - frame.left()) / frame.width() * size.0 as f64,
        (f64::from(ev.client_y()) - frame.top()) / frame.height() * size.1 as f64,
    )
}

pub(super) fn neighbours(booths: &[Booth]) -> Vec<Neighbour<'_>> {
    booths
        .iter()
        .map(|b| Neighbour {
            id: b.id,
            label: &b.label,
            rect: b.rect,
        })
        .collect()
}

/// A free place for a new 3 m × 3 m booth, scanning the grid row by row.
pub(super) fn free_place(booths: &[Booth], size: (i64, i64)) -> Rect {
    let side = 30.min(size.0).min(size.1).max(MIN_SIDE_DM);
    let mut y = 0;
    while y + side <= size.1 {
        let mut x = 0;
        while x + side <= size.0 {
            let candidate = Rect {
                x,
                y,
                width: side,
                depth: side,
            };
            if !booths.iter().any(|b| b.rect.overlaps(&candidate)) {
                return candidate;
            }
            x += 5;
        }
        y += 5;
    }
    Rect {
        x: 0,
        y: 0,
        width: side,
        depth: side,
    }
}
