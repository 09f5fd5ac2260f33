//! Compile-time checked service names: [`port!`](crate::port!).

use crate::Protocol;

pub use ianaports_tables::PortOfName;

/// What [`port!`](crate::port!) evaluates, at compile time only.
pub const fn port_of_name(name: &str, protocol: Option<Protocol>) -> PortOfName {
    crate::generated::ALL.port_of_name(name, protocol)
}

/// The port of a service name, checked at compile time: a `u16` constant.
///
/// `port!("postgresql")` is the port of the name's first record that has one;
/// `port!("syslog", Udp)` the same among records over one protocol (a record without a
/// protocol counts for all). Names are ASCII-case-insensitive. An unknown name, or one with no
/// port on that protocol, is a compile error that says so; nothing happens at run time.
///
/// ```
/// const DATABASE: u16 = ianaports::port!("postgresql");
/// assert_eq!(DATABASE, 5432);
/// assert_eq!(ianaports::port!("syslog", Udp), 514);
/// assert_eq!(ianaports::port!("X11"), 6000);
/// ```
///
/// ```compile_fail
/// let port = ianaports::port!("no-such-service");
/// ```
///
/// ```compile_fail
/// // syslog has a port over udp only.
/// let port = ianaports::port!("syslog", Tcp);
/// ```
#[macro_export]
macro_rules! port {
    ($name:literal $(,)?) => {
        $crate::port!(@checked $name, ::core::option::Option::None, "")
    };
    ($name:literal, $protocol:ident $(,)?) => {
        $crate::port!(
            @checked $name,
            ::core::option::Option::Some($crate::Protocol::$protocol),
            ::core::concat!(" over ", ::core::stringify!($protocol))
        )
    };
    // Not an API: the one expansion of both forms.
    (@checked $name:literal, $protocol:expr, $over:expr) => {{
        const PORT: u16 = match $crate::__private::port_of_name($name, $protocol) {
            $crate::__private::PortOfName::Port(port) => port,
            $crate::__private::PortOfName::UnknownName => ::core::panic!(::core::concat!(
                "ianaports::port!: no service named \"",
                $name,
                "\" in the registry"
            )),
            $crate::__private::PortOfName::NoPort => ::core::panic!(::core::concat!(
                "ianaports::port!: service \"",
                $name,
                "\" has no port",
                $over
            )),
        };
        PORT
    }};
}
