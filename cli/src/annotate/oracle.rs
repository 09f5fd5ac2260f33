//! The check of a run that the tests and the fuzz target make: that an output is its input
//! with only registered service names inserted, in the two forms annotation writes them.

use memchr::memchr;

/// The service names that [`annotate`](super::annotate) inserted into `input` to write
/// `output`, in order; or where `output` is anything else than `input` with only registered
/// names inserted, as `(name)` or `,"KEY_service":"name"`. The tests and the fuzz target check
/// every run with it.
pub fn inserted_names<'o>(input: &[u8], output: &'o [u8]) -> Result<Vec<&'o str>, String> {
    const MEMBER_NAME: &[u8] = b"_service\":\"";
    let mut names = Vec::new();
    let (mut i, mut o) = (0, 0);
    while o < output.len() {
        if input.get(i) == Some(&output[o]) {
            i += 1;
            o += 1;
            continue;
        }
        let rest = &output[o..];
        let (name_start, name_end) = if rest.starts_with(b"(") {
            (1, memchr(b')', rest).ok_or("a `(` without its `)`")?)
        } else if rest.starts_with(b",\"") {
            let start = rest
                .windows(MEMBER_NAME.len())
                .position(|w| w == MEMBER_NAME)
                .ok_or("a JSON member that is not KEY_service")?
                + MEMBER_NAME.len();
            let end = memchr(b'"', &rest[start..]).ok_or("an unterminated JSON string")?;
            (start, start + end)
        } else {
            return Err(format!("the output differs from the input at byte {o}"));
        };
        let name = std::str::from_utf8(&rest[name_start..name_end])
            .map_err(|_| format!("an inserted name that is not UTF-8 at byte {o}"))?;
        if ianaports::by_name(name).is_empty() {
            return Err(format!(
                "\"{name}\", inserted at byte {o}, is not a service name"
            ));
        }
        names.push(name);
        o += name_end + 1;
    }
    if i != input.len() {
        return Err(format!("the input from byte {i} on is missing"));
    }
    Ok(names)
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
        assert!(names(":22", ":22(ssh").is_err());
        assert!(names(":22 x", ":22(ssh)").is_err());
        assert!(names(":22", ":23").is_err());
        assert!(names(":22", ":22(ssh) extra").is_err());
    }
}
