//! `--annotate`: text copied from a reader to a writer with a service name beside every port
//! it names, line by line, in constant memory.
//!
//! The scanner works on bytes, so input that is not UTF-8 (binary, Latin-1 logs) is copied
//! as it is. Every byte of the input reaches the output; annotation only ever inserts
//! `(name)` after a port.
//!
//! What is a port:
//!
//! - **`HOST:PORT`**, where HOST is an IPv4 address (four groups, each 0-255:
//!   `999.999.999.999:22` is not one), a bracketed IPv6 address, an unbracketed one with
//!   `::` or all eight groups, `*`, `localhost`, or a host name with a dot and a letter.
//! - **Not `FILE:LINE`.** A host name whose last label is a file extension seen in logs and
//!   code (`hosts::FILE_EXTENSIONS`: `java`, `rs`, `py`, `md`, `yaml`... in any case) is a
//!   file name followed by a line number: `(Foo.java:42)`, `src/main.rs:42:5`, `app.py:80`,
//!   `README.md:53`, `config.yaml:3306` get no name. The cost: a host under the country
//!   domains that are also extensions, `.cc`, `.md`, `.py`, `.rs` and `.sh`
//!   (`mirror.example.rs:443`), is not annotated.
//! - **`DPT=`, `SPT=`, `dport=`, `sport=`** in any case, each a word of its own.
//! - **BSD and macOS netstat's `ADDRESS.PORT`** (`10.0.0.5.5432`, `*.22`, `fe80::1%lo0.631`),
//!   only on its socket lines: the line starts with `tcp`, `tcp4`, `tcp6`, `tcp46`, `udp`,
//!   `udp4`, `udp6` or `udp46`, then two numbers (Recv-Q, Send-Q), and the fourth or fifth
//!   word (the local or foreign address) is the whole of `ADDRESS.PORT`, ADDRESS an IPv4
//!   address, `*` or an IPv6 address. A dotted number anywhere else (`1.2.3.4.5`) is not a
//!   port.
//!
//! A port is one to five digits, at most 65535, without a leading zero, ending its token.
//! Its name is the registry's over the line's protocol (the first word that names one, tcp
//! otherwise). `Target::ServiceSide` names only the service's port of each pair on a line
//! (see `service_side`).

use std::io;

// The copy from reader to writer, line by line, with what the finders below insert.
mod copy;
// Which transport protocol a line speaks of (`tcp`, `UDP`, `PROTO=SCTP`...).
mod protocol;
// `Target::Text`: the ports of a line, after `HOST:` or `DPT=`, `sport=`...
mod ports;
// Whether the text before a port's `:` is a host (an IP address, `*`, a host name).
mod hosts;
// The `ADDRESS.PORT` of BSD and macOS netstat's socket lines.
mod bsd_netstat;
// `Target::ServiceSide`: only the service's port of each pair on a line.
mod service_side;
// `Target::Field`: one column of tab- or comma-separated lines.
mod fields;
// `Target::JsonKey`: one member of a JSON object per line.
mod json;
// The classes of bytes that the scanners tell apart, each defined once.
mod bytes;
// The check that an output is its input with only registered names inserted.
mod oracle;

pub use copy::annotate;
pub use oracle::{Inserted, check_service_side, inserted_names, insertions};

/// A line longer than this is copied without annotation rather than held in memory whole.
pub const MAX_LINE: usize = 64 * 1024;

/// What to annotate in each line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Every `HOST:PORT`, `[IPv6]:PORT`, `DPT=`, `SPT=`, `dport=` and `sport=` port, and the
    /// `ADDRESS.PORT` of BSD netstat's socket lines.
    Text,
    /// The ports `Text` finds, paired in order on each line (first with second, third with
    /// fourth), only the service's port of each pair named, as [`ianaports::server_port`]
    /// says; a port without a partner is named as by `Text`.
    ServiceSide,
    /// Column N (from 1) of tab-separated (when the line has a tab) or comma-separated input:
    /// a bare port, or the ports the text scanner finds in it.
    Field(usize),
    /// A field of a JSON object on each line, whose port's name is added as `KEY_service`.
    JsonKey(String),
}

/// Which names annotation writes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub enum Names {
    /// The registry's: `(name)`, or `"KEY_service"` in JSON.
    #[default]
    Registered,
    /// The registry's, and for a port it names nothing over the line's protocol, the names of
    /// the entries in common use for it (`--common`), marked: `(~name)`, `(~one|other)` for
    /// several, or `"KEY_common_use"` in JSON.
    AlsoInCommonUse,
}

/// What an annotation run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    /// Lines read, the last one counted even without a line break.
    pub lines: u64,
    /// Service names inserted.
    pub annotations: u64,
    /// Lines longer than [`MAX_LINE`], copied without annotation.
    pub long_lines: u64,
}

/// Which side of the copy failed.
#[derive(Debug)]
pub enum CopyError {
    /// Reading the input failed.
    Read(io::Error),
    /// Writing the output failed.
    Write(io::Error),
}

/// `input` annotated as `target` says: what the tests of each finder compare.
#[cfg(test)]
fn annotated(input: &str, target: &Target) -> String {
    let mut out = Vec::new();
    annotate(&mut input.as_bytes(), &mut out, target, Names::Registered).unwrap();
    String::from_utf8(out).unwrap()
}

/// `input` with every port the text scanner finds annotated.
#[cfg(test)]
fn annotated_text(input: &str) -> String {
    annotated(input, &Target::Text)
}
