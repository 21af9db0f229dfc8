pub mod browser;
pub mod page;
pub mod safety;
