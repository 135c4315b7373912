//! Employer pages: the company profile, the jobs for a fair, and the public
//! exhibitor directory with each exhibitor's page.
mod directory;
mod exhibitor;
mod jobs;
mod parts;
mod profile;

pub use directory::DirectoryPage;
pub use exhibitor::ExhibitorPageView;
pub use jobs::EmployerJobsPage;
pub use profile::EmployerProfilePage;
