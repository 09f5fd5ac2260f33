//! The check of a run that the tests and the fuzz target make: that an output is its input
//! with only registered service names (and, with `--common`, names in common use) inserted,
//! in the forms annotation writes them.

use memchr::memchr;

/// A name that annotation inserted into its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inserted<'o> {
    /// The byte of the input before which the name was inserted.
    pub at: usize,
    /// The service name as written: `~name` (`~one|other`) for names in common use in the
    /// text form.
    pub name: &'o str,
}

/// The service names that [`annotate`](super::annotate) inserted into `input` to write
/// `output`, in order; or where `output` is anything else than `input` with only registered
/// names inserted, as `(name)` or `,"KEY_service":"name"`, or names in common use, as
/// `(~name)` or `,"KEY_common_use":"name"` (several joined by `|`). The tests and the fuzz
/// target check every run with it.
pub fn inserted_names<'o>(input: &[u8], output: &'o [u8]) -> Result<Vec<&'o str>, String> {
    Ok(insertions(input, output)?
        .into_iter()
        .map(|inserted| inserted.name)
        .collect())
}

/// What [`inserted_names`] finds, with where in the input each name went.
pub fn insertions<'o>(input: &[u8], output: &'o [u8]) -> Result<Vec<Inserted<'o>>, String> {
    const MEMBER_NAME: &[u8] = b"_service\":\"";
    const COMMON_USE_MEMBER_NAME: &[u8] = b"_common_use\":\"";
    let mut inserted = Vec::new();
    let (mut i, mut o) = (0, 0);
    while o < output.len() {
        if input.get(i) == Some(&output[o]) {
            i += 1;
            o += 1;
            continue;
        }
        let rest = &output[o..];
        let (name_start, name_end, common_use) = if rest.starts_with(b"(") {
            let end = memchr(b')', rest).ok_or("a `(` without its `)`")?;
            (1, end, rest.starts_with(b"(~"))
        } else if rest.starts_with(b",\"") {
            let member = |member: &[u8]| {
                let end = memchr(b':', rest)?;
                rest[..end + 2].ends_with(member).then_some(end + 2)
            };
            let (start, common_use) = match (member(MEMBER_NAME), member(COMMON_USE_MEMBER_NAME)) {
                (Some(start), _) => (start, false),
                (None, Some(start)) => (start, true),
                (None, None) => return Err("a JSON member that is not KEY_service".to_owned()),
            };
            let end = memchr(b'"', &rest[start..]).ok_or("an unterminated JSON string")?;
            (start, start + end, common_use)
        } else {
            return Err(format!("the output differs from the input at byte {o}"));
        };
        let name = std::str::from_utf8(&rest[name_start..name_end])
            .map_err(|_| format!("an inserted name that is not UTF-8 at byte {o}"))?;
        let known = match common_use {
            false => !ianaports::by_name(name).is_empty(),
            true => name
                .trim_start_matches('~')
                .split('|')
                .all(|name| ianaports::common_use_named(name).next().is_some()),
        };
        if !known {
            return Err(format!(
                "\"{name}\", inserted at byte {o}, is not a service name"
            ));
        }
        inserted.push(Inserted { at: i, name });
        o += name_end + 1;
    }
    if i != input.len() {
        return Err(format!("the input from byte {i} on is missing"));
    }
    Ok(inserted)
}

/// Checks a `--service-side` run against a plain run on the same `input`: both are `input`
/// with only registered names inserted, and `service_side` leaves names out but never adds
/// one: each of its names is one that `plain` inserted at the same place. Returns how many
/// names each run inserted.
pub fn check_service_side(
    input: &[u8],
    plain: &[u8],
    service_side: &[u8],
) -> Result<(usize, usize), String> {
    let plain = insertions(input, plain)?;
    let service_side = insertions(input, service_side)?;
    // Both lists are in input order: one walk through the plain names finds each.
    let mut plain_names = plain.iter();
    for inserted in &service_side {
        if !plain_names.any(|candidate| candidate == inserted) {
            return Err(format!(
                "--service-side inserted \"{}\" at byte {} of the input, where a plain run \
                 does not",
                inserted.name, inserted.at
            ));
        }
    }
    Ok((plain.len(), service_side.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_of_a_run_finds_every_departure_from_the_input() {
        let names = |input: &str, output: &str| {
            inserted_names(input.as_bytes(), output.as_bytes()).map(|n| n.join(" "))
        };
        assert_eq!(
            names(":22 :53", ":22(ssh) :53(domain)"),
            Ok("ssh domain".into())
        );
        assert_eq!(
            names("{\"p\":22}", "{\"p\":22,\"p_service\":\"ssh\"}"),
            Ok("ssh".into())
        );
        assert!(names(":22", ":22(no-such-service)").is_err());
        assert_eq!(
            names(":41641", ":41641(~tailscale)"),
            Ok("~tailscale".into())
        );
        assert_eq!(
            names(
                "{\"p\":41641}",
                "{\"p\":41641,\"p_common_use\":\"tailscale\"}"
            ),
            Ok("tailscale".into())
        );
        assert!(names(":41641", ":41641(~no-such-software)").is_err());
        assert!(names(":41641", ":41641(~tailscale|nope)").is_err());
        assert!(names("{\"p\":1}", "{\"p\":1,\"p_other\":\"ssh\"}").is_err());
        assert!(names(":22", ":22(ssh").is_err());
        assert!(names(":22 x", ":22(ssh)").is_err());
        assert!(names(":22", ":23").is_err());
        assert!(names(":22", ":22(ssh) extra").is_err());
    }

    #[test]
    fn a_service_side_run_only_leaves_names_out() {
        let input = b"SPT=40000 DPT=5432 :22";
        let plain = b"SPT=40000(safetynetp) DPT=5432(postgresql) :22(ssh)";
        assert_eq!(
            insertions(input, plain),
            Ok(vec![
                Inserted {
                    at: 9,
                    name: "safetynetp"
                },
                Inserted {
                    at: 18,
                    name: "postgresql"
                },
                Inserted {
                    at: 22,
                    name: "ssh"
                },
            ])
        );
        let check = |service_side: &[u8]| check_service_side(input, plain, service_side);
        assert_eq!(
            check(b"SPT=40000 DPT=5432(postgresql) :22(ssh)"),
            Ok((3, 2))
        );
        assert_eq!(check(input), Ok((3, 0)));
        assert!(check(b"SPT=40000(postgresql) DPT=5432 :22").is_err());
        assert!(check(b"SPT=40000 DPT=5432(postgresql)(ssh) :22").is_err());
        assert!(check(b"SPT=40000 DPT=5432 :22(ssh) x").is_err());
    }
}
