pub mod code;
pub mod dots;
pub mod idea;
pub mod new_idea;
pub mod not_found;
pub mod results;
pub mod start;
pub mod theme;
