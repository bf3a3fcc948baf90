pub mod follow;
pub mod gates;
pub mod layout;
pub mod news;
pub mod rejected;
pub mod status;
pub mod timeline;
