//! Lookups allocate nothing: a counting global allocator watches this test's thread.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write as _;

use ianaports::{PortRange, Protocol, Record};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|count| count.set(count.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_during(work: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    work();
    ALLOCATIONS.with(Cell::get) - before
}

/// A fixed buffer, so formatting can be checked without a `String`.
struct Buffer {
    bytes: [u8; 256],
    len: usize,
}

impl std::fmt::Write for Buffer {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        let end = self.len + text.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(std::fmt::Error)?
            .copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[test]
fn lookups_and_accessors_do_not_allocate() {
    let names = [
        "postgresql",
        "SSH",
        "Www-Http",
        "914c/g",
        "no-such-name",
        "",
        "x11",
    ];
    // The counter itself must see allocations, or a zero below would prove nothing.
    assert!(allocations_during(|| drop(std::hint::black_box(vec![1u8]))) >= 1);
    let count = allocations_during(|| {
        let mut seen = 0usize;
        let mut buffer = Buffer {
            bytes: [0; 256],
            len: 0,
        };
        for port in 0..=u16::MAX {
            for protocol in Protocol::ALL {
                seen += ianaports::lookup(port, protocol).map_or(0, |r| r.index());
                seen += ianaports::lookup_all(port, protocol).len();
                seen += ianaports::status(port, protocol) as usize;
            }
        }
        for name in names {
            for record in ianaports::by_name(name) {
                seen += record.name().map_or(0, str::len);
                #[cfg(feature = "descriptions")]
                {
                    seen += record.description().map_or(0, str::len);
                }
                seen += record.port_range().map_or(0, |r| usize::from(r.end()));
                buffer.len = 0;
                write!(buffer, "{record} {record:?}").unwrap();
                seen += buffer.len;
            }
        }
        for record in ianaports::records() {
            #[cfg(feature = "metadata")]
            {
                seen += record.assignment_notes().map_or(0, str::len);
            }
            seen += record.alias_target().map_or(0, |r| r.index());
        }
        seen += "UDP".parse::<Protocol>().map_or(0, |p| p as usize);
        // What 0.2 added: port ranges, index round trips, IP numbers, the records' Debug.
        for text in ["22", "6000-6063", "80-79", "70000", "abc", ""] {
            if let Ok(range) = text.parse::<PortRange>() {
                buffer.len = 0;
                write!(buffer, "{range} {range:?}").unwrap();
                seen += buffer.len + range.into_iter().map(usize::from).sum::<usize>();
            } else if let Err(error) = text.parse::<PortRange>() {
                buffer.len = 0;
                write!(buffer, "{error}").unwrap();
                seen += buffer.len;
            }
        }
        for index in [0, 9_999, ianaports::RECORD_COUNT, usize::MAX] {
            seen += Record::from_index(index).map_or(0, Record::index);
        }
        for number in 0..=u8::MAX {
            seen += Protocol::from_ip_number(number).map_or(0, |p| usize::from(p.ip_number()));
        }
        // What 0.3 added: the protocol numbers.
        for number in 0..=u8::MAX {
            let protocol = ianaports::ip_protocol(number);
            seen += protocol.keyword().map_or(0, str::len) + protocol.status() as usize;
            #[cfg(feature = "descriptions")]
            {
                seen += protocol.name().map_or(0, str::len);
            }
            #[cfg(feature = "metadata")]
            {
                seen += protocol.references().map_or(0, str::len);
            }
            buffer.len = 0;
            write!(buffer, "{protocol} {protocol:?}").unwrap();
            seen += buffer.len;
        }
        for keyword in ["gre", "IPV6-ROUTE", "argus (deprecated)", "", "no-such"] {
            seen +=
                ianaports::ip_protocol_by_keyword(keyword).map_or(0, |p| usize::from(p.number()));
        }
        // What 0.3 added for flows, and the ports in common use.
        for (a, b) in [
            (0, 0),
            (53422, 5432),
            (5432, 53422),
            (49668, 50123),
            (123, 123),
        ] {
            for protocol in Protocol::ALL {
                seen += ianaports::server_port(a, b, protocol).map_or(0, usize::from);
            }
        }
        #[cfg(feature = "common-use")]
        {
            for port in [1, 3000, 9200, 30080, 41641, 65535] {
                for protocol in Protocol::ALL {
                    for entry in ianaports::in_common_use(port, protocol) {
                        buffer.len = 0;
                        write!(buffer, "{entry} {entry:?}").unwrap();
                        seen += buffer.len + entry.source().len() + entry.description().len();
                    }
                }
            }
            for name in ["elasticsearch", "TAILSCALE", "", "no-such"] {
                seen += ianaports::common_use_named(name).count();
            }
            seen += ianaports::common_use().count();
        }
        let ssh = ianaports::by_name("ssh");
        seen += usize::from(ssh.is_empty());
        buffer.len = 0;
        write!(buffer, "{ssh:?}").unwrap();
        seen += buffer.len;
        std::hint::black_box(seen);
    });
    assert_eq!(count, 0, "lookups allocated {count} times");
}
