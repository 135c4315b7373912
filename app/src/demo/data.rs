//! The demo's people, organisations and jobs.
use super::*;

/// Demo accounts: email, name, organisation index, role.
pub(super) const ACCOUNTS: &[(&str, &str, usize, Role)] = &[
    ("organisator@jobfair.demo", "Sabine Keller", 0, Role::Owner),
    ("team@jobfair.demo", "Murat Yilmaz", 0, Role::Organiser),
    ("einlass@jobfair.demo", "Jonas Becker", 0, Role::DoorStaff),
    ("kammer@jobfair.demo", "Dr. Petra Hoffmann", 1, Role::Owner),
    ("arbeitgeber@jobfair.demo", "Lena Wagner", 2, Role::Owner),
];

/// Organisations: name, kind.
pub(super) const ORGANISATIONS: &[(&str, OrgKind)] = &[
    ("Agentur für Arbeit Frankfurt am Main", OrgKind::Organiser),
    ("IHK Gießen-Friedberg", OrgKind::Organiser),
    ("Rhein-Main Airport Services GmbH", OrgKind::Employer),
    ("SkyCater Frankfurt GmbH", OrgKind::Employer),
    ("Hessen Logistik Partner AG", OrgKind::Employer),
    ("Terminal Sicherheit GmbH", OrgKind::Employer),
    ("AeroTech Wartung GmbH", OrgKind::Employer),
    ("Main-Taunus Pflege gGmbH", OrgKind::Employer),
    ("Lahntal Maschinenbau GmbH", OrgKind::Employer),
    ("Wetterau Bau GmbH", OrgKind::Employer),
    ("Vogelsberg Energie eG", OrgKind::Employer),
];

/// Jobs per employer (by organisation index): title, kind, place of work.
pub(super) const JOBS: &[(usize, &str, &str, &str)] = &[
    (
        2,
        "Fachkraft für Flugzeugabfertigung (m/w/d)",
        "full_time",
        "Frankfurt am Main",
    ),
    (
        2,
        "Ausbildung Fachkraft für Lagerlogistik (m/w/d)",
        "apprenticeship",
        "Frankfurt am Main",
    ),
    (
        3,
        "Köchin / Koch in der Bordverpflegung (m/w/d)",
        "full_time",
        "Frankfurt am Main",
    ),
    (
        3,
        "Aushilfe Verpackung (Minijob)",
        "mini_job",
        "Kelsterbach",
    ),
    (
        4,
        "Berufskraftfahrer/in CE (m/w/d)",
        "full_time",
        "Raunheim",
    ),
    (4, "Disponent/in Teilzeit (m/w/d)", "part_time", "Raunheim"),
    (
        5,
        "Luftsicherheitsassistent/in (m/w/d)",
        "full_time",
        "Frankfurt am Main",
    ),
    (
        6,
        "Ausbildung Fluggerätmechaniker/in (m/w/d)",
        "apprenticeship",
        "Frankfurt am Main",
    ),
    (
        6,
        "Praktikum Instandhaltung",
        "internship",
        "Frankfurt am Main",
    ),
    (
        7,
        "Pflegefachkraft (m/w/d)",
        "full_time",
        "Hofheim am Taunus",
    ),
    (
        8,
        "Ausbildung Industriemechaniker/in (m/w/d)",
        "apprenticeship",
        "Wetzlar",
    ),
    (
        8,
        "Zerspanungsmechaniker/in Teilzeit (m/w/d)",
        "part_time",
        "Wetzlar",
    ),
    (
        9,
        "Ausbildung Maurer/in (m/w/d)",
        "apprenticeship",
        "Friedberg",
    ),
    (
        10,
        "Elektroniker/in für Energie- und Gebäudetechnik (m/w/d)",
        "full_time",
        "Lauterbach",
    ),
];

pub(super) const FIRST_NAMES: &[&str] = &[
    "Ayşe", "Tobias", "Fatima", "Lukas", "Olena", "Mehmet", "Sophie", "Daniel", "Amina", "Jan",
    "Irina", "Kevin", "Maria", "Hamid", "Julia", "Piotr", "Sara", "Felix", "Leila", "Marco",
];

pub(super) const LAST_NAMES: &[&str] = &[
    "Demir",
    "Schulz",
    "Haddad",
    "Weber",
    "Kovalenko",
    "Kaya",
    "Neumann",
    "Fischer",
    "Rahimi",
    "Zimmermann",
];
