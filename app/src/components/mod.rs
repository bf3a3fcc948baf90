pub mod gates;
pub mod layout;
pub mod status;
pub mod timeline;
