//! The parts of the `ianaports` command, as a library so that its tests and fuzz targets can
//! reach them. Not an API: programs use the `ianaports` crate.

#![warn(missing_docs, unreachable_pub)]

pub mod annotate;
pub mod args;
pub mod free;
pub mod ip_protocols;
pub mod output;
pub mod query;
pub mod search;
pub mod services;
pub mod suggest;
