//! Administration: regulatory profiles and their settings, teams, users and holiday calendars.

pub mod calendars;
pub mod profiles;
pub mod settings;
pub mod teams;
pub mod users;
