pub mod gates;
pub mod layout;
pub mod rejected;
pub mod status;
pub mod timeline;
