//! The matrix's vocabulary: who may call (`Access`), who calls (`Caller`),
//! what a row sends (`Body`), the rows themselves, and the building blocks
//! rows are written with.
use super::fixture::{Fx, draft_fair_fields};
use reqwest::Method;
use serde_json::Value;

pub const ADMIN: &str = "betrieb@jobfair.example";
pub const FORGED: &str = "ausgedachtes-geheimnis-0000000000000";

/// Who may call an endpoint, and so who is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone: public data, signing up and in. Nobody is refused.
    Public,
    /// The proof is a secret link's token in the request; with a made-up
    /// one everyone is refused.
    Secret,
    /// Any signed-in person with a proven address, about their own things.
    SignedIn,
    /// Owners and organisers of the fair's organising organisations.
    Planner,
    /// Door staff (and planners) of the fair.
    Door,
    /// Members of the employer.
    Employer,
    /// Owners of the organisation.
    Owner,
    /// Members of the organisation (leaving it).
    Member,
    /// Installation administrators.
    Admin,
    /// The door API: a bearer token made by the fair's organisers.
    DoorToken,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caller {
    Anonymous,
    StrangerOrganiser,
    StrangerEmployer,
    DoorStaff,
    OtherCoOrganiser,
}

pub const CALLERS: [Caller; 5] = [
    Caller::Anonymous,
    Caller::StrangerOrganiser,
    Caller::StrangerEmployer,
    Caller::DoorStaff,
    Caller::OtherCoOrganiser,
];

impl Access {
    /// Whether `caller` may call it (then only the rightful call is made:
    /// a permitted call by someone else could change what later rows need).
    pub fn permits(self, caller: Caller) -> bool {
        match self {
            Access::Public => true,
            Access::SignedIn => caller != Caller::Anonymous,
            Access::Door | Access::Member => caller == Caller::DoorStaff,
            Access::Secret
            | Access::Planner
            | Access::Employer
            | Access::Owner
            | Access::Admin
            | Access::DoorToken => false,
        }
    }
}

/// What a row sends: form fields or JSON.
pub enum Body {
    Form(Vec<(&'static str, String)>),
    Json(Value),
    /// A logo upload: a small PNG in the `logo` field.
    Logo,
}

// The table: each server function and plain route, who may call it, and
// what the rightful call sends.

pub fn form(pairs: &[(&'static str, String)]) -> Body {
    Body::Form(pairs.to_vec())
}

/// The secret a row sends: the real one for the rightful call, a made-up
/// one for everyone else.
pub fn secret(real: bool, token: &str) -> String {
    if real {
        token.to_owned()
    } else {
        FORGED.to_owned()
    }
}

pub struct Row {
    pub endpoint: &'static str,
    pub access: Access,
    /// The rightful caller's session (`None`: anonymous).
    pub rightful: fn(&Fx) -> Option<&str>,
    /// The arguments; `true` for the rightful call.
    pub args: fn(&Fx, bool) -> Body,
}

pub fn anyone(_: &Fx) -> Option<&str> {
    None
}
pub fn organiser(fx: &Fx) -> Option<&str> {
    Some(&fx.organiser)
}
pub fn door(fx: &Fx) -> Option<&str> {
    Some(&fx.door)
}
pub fn employer(fx: &Fx) -> Option<&str> {
    Some(&fx.employer)
}
pub fn admin(fx: &Fx) -> Option<&str> {
    Some(&fx.admin)
}

pub fn none(_: &Fx, _: bool) -> Body {
    Body::Form(Vec::new())
}
pub fn on_fair(fx: &Fx, _: bool) -> Body {
    form(&[("fair_id", fx.fair.to_string())])
}
pub fn on_fair_slug(_: &Fx, _: bool) -> Body {
    form(&[("slug", "flughafen-frankfurt".into())])
}
pub fn on_employer(fx: &Fx, _: bool) -> Body {
    form(&[("organisation_id", fx.employer_org.to_string())])
}
pub fn on_ticket(fx: &Fx, real: bool) -> Body {
    form(&[("token", secret(real, &fx.ticket))])
}

pub struct Route {
    pub method: Method,
    /// The route as the router knows it.
    pub route: &'static str,
    pub access: Access,
    pub rightful: fn(&Fx) -> Option<&str>,
    /// The path to call; `true` for the rightful call.
    pub path: fn(&Fx, bool) -> String,
    pub body: fn(&Fx) -> Body,
}

pub fn no_body(_: &Fx) -> Body {
    Body::Form(Vec::new())
}

/// A server function's row.
pub fn row(
    endpoint: &'static str,
    access: Access,
    rightful: fn(&Fx) -> Option<&str>,
    args: fn(&Fx, bool) -> Body,
) -> Row {
    Row {
        endpoint,
        access,
        rightful,
        args,
    }
}

/// A plain route's row.
pub fn route(
    method: Method,
    route: &'static str,
    access: Access,
    rightful: fn(&Fx) -> Option<&str>,
    path: fn(&Fx, bool) -> String,
    body: fn(&Fx) -> Body,
) -> Route {
    Route {
        method,
        route,
        access,
        rightful,
        path,
        body,
    }
}

/// The draft fair's form with its id (what the rows send to change it).
pub fn fair_form(fx: &Fx) -> Vec<(&'static str, String)> {
    let mut fields = draft_fair_fields();
    fields.push(("fair_id", fx.draft.to_string()));
    fields
}

/// A slot of the draft fair.
pub fn slot_fields(fair: i64) -> Vec<(&'static str, String)> {
    vec![
        ("fair_id", fair.to_string()),
        ("slot[starts]", "2031-03-10T14:00".into()),
        ("slot[ends]", "2031-03-10T16:00".into()),
        ("slot[capacity]", "40".into()),
        ("slot[entry_mode]", "open".into()),
    ]
}

/// A 2×2 PNG, as an employer's logo.
pub fn tiny_png() -> Vec<u8> {
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, 2, 2);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap_or_else(|e| panic!("{e}"));
        writer
            .write_image_data(&[0x20; 16])
            .unwrap_or_else(|e| panic!("{e}"));
    }
    bytes
}
