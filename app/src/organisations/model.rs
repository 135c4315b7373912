//! Organisation kinds, roles and what each role may do.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrgKind {
    /// Plans and runs fairs: job centres, chambers, trade-fair teams.
    Organiser,
    /// Exhibits at fairs.
    Employer,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Organiser => "organiser",
            OrgKind::Employer => "employer",
        }
    }

    pub fn parse(value: &str) -> Option<OrgKind> {
        match value {
            "organiser" => Some(OrgKind::Organiser),
            "employer" => Some(OrgKind::Employer),
            _ => None,
        }
    }

    /// The roles a member of such an organisation can have.
    pub fn roles(self) -> &'static [Role] {
        match self {
            OrgKind::Organiser => &[Role::Owner, Role::Organiser, Role::DoorStaff],
            OrgKind::Employer => &[Role::Owner, Role::Member],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Owner,
    Organiser,
    DoorStaff,
    Member,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Organiser => "organiser",
            Role::DoorStaff => "door_staff",
            Role::Member => "member",
        }
    }

    pub fn parse(value: &str) -> Option<Role> {
        match value {
            "owner" => Some(Role::Owner),
            "organiser" => Some(Role::Organiser),
            "door_staff" => Some(Role::DoorStaff),
            "member" => Some(Role::Member),
            _ => None,
        }
    }

    /// Invite and manage colleagues.
    pub fn can_manage_members(self) -> bool {
        self == Role::Owner
    }

    /// Plan fairs, halls and booths; approve bookings (organisers only).
    pub fn can_plan_fairs(self) -> bool {
        matches!(self, Role::Owner | Role::Organiser)
    }

    /// Admit people at the door.
    pub fn can_check_in(self) -> bool {
        matches!(self, Role::Owner | Role::Organiser | Role::DoorStaff)
    }

    /// Edit the company profile, bookings and jobs (employers only).
    pub fn can_act_for_employer(self) -> bool {
        matches!(self, Role::Owner | Role::Member)
    }
}

/// One organisation the signed-in person belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub organisation_id: i64,
    pub organisation_name: String,
    pub kind: OrgKind,
    pub role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub role: Role,
    /// Whether this is the person looking.
    pub you: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvite {
    pub email: String,
    pub role: Role,
}

/// An organisation as its members see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationDetails {
    pub membership: Membership,
    /// A new organiser organisation waits for the administrators.
    pub approval: crate::admin::Approval,
    pub members: Vec<Member>,
    pub pending_invites: Vec<PendingInvite>,
}

/// What an invitation link shows before it is accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteDetails {
    pub organisation_name: String,
    pub role: Role,
    pub email: String,
    /// Whether an account exists for the invited address already.
    pub has_account: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_and_fit_their_kind() {
        for role in [Role::Owner, Role::Organiser, Role::DoorStaff, Role::Member] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert!(OrgKind::Organiser.roles().contains(&Role::DoorStaff));
        assert!(!OrgKind::Employer.roles().contains(&Role::DoorStaff));
        assert!(!OrgKind::Organiser.roles().contains(&Role::Member));
    }

    #[test]
    fn door_staff_may_check_in_but_not_plan() {
        assert!(Role::DoorStaff.can_check_in());
        assert!(!Role::DoorStaff.can_plan_fairs());
        assert!(!Role::DoorStaff.can_manage_members());
        assert!(Role::Owner.can_manage_members());
        assert!(!Role::Organiser.can_manage_members());
    }
}
