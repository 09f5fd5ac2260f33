//! `--json-key KEY`: the port in one member of a JSON object per line (Zeek's JSON logs),
//! whose name is added to the object as a member of its own.

use ianaports::Protocol;

use super::copy::Insertions;
use super::ports::{PortName, port_at, port_name};
use super::protocol::{protocol_of, protocol_word};

/// `--json-key KEY`: a JSON object on the line whose `KEY` is a port (a number, or a string of
/// digits) gets `"KEY_service": name` added as its last member. Everything else about the line
/// stays as it was; a line that is not a JSON object, lacks the key, or has `KEY_service`
/// already is copied unchanged.
pub(super) fn annotate_json(line: &[u8], key: &str, insertions: &mut Insertions) {
    let trimmed_len = line.len()
        - line
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_whitespace())
            .count();
    if line[..trimmed_len].last() != Some(&b'}') {
        return;
    }
    let Ok(object) = serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(line)
    else {
        return;
    };
    let added_key = format!("{key}_service");
    if object.contains_key(&added_key) {
        return;
    }
    let port = match object.get(key) {
        Some(serde_json::Value::Number(number)) => number.as_u64(),
        Some(serde_json::Value::String(text)) => port_at(text.as_bytes(), 0)
            .filter(|&(_, end)| end == text.len())
            .map(|(port, _)| u64::from(port)),
        _ => None,
    };
    let Some(port) = port.and_then(|port| u16::try_from(port).ok()) else {
        return;
    };
    let protocol = match object.get("proto").and_then(serde_json::Value::as_str) {
        Some(proto) => protocol_word(proto.as_bytes()).unwrap_or(Protocol::Tcp),
        None => protocol_of(line),
    };
    let member = match port_name(port, protocol, insertions.common_use) {
        Some(PortName::Registered(name)) => (added_key, name.to_owned()),
        Some(PortName::InCommonUse { port, protocol }) => {
            let key = format!("{key}_common_use");
            if object.contains_key(&key) {
                return;
            }
            let names: Vec<&str> = ianaports::in_common_use(port, protocol)
                .map(ianaports::CommonUse::name)
                .collect();
            (key, names.join("|"))
        }
        None => return,
    };
    let member = format!(
        ",{}:{}",
        serde_json::Value::from(member.0),
        serde_json::Value::from(member.1)
    );
    insertions.text_at(trimmed_len - 1, member);
}

#[cfg(test)]
mod tests {
    use super::super::{Target, annotated as with};

    #[test]
    fn json_lines() {
        let key = Target::JsonKey("id.resp_p".into());
        assert_eq!(
            with("{\"id.resp_p\":5432,\"proto\":\"tcp\"}\n", &key),
            "{\"id.resp_p\":5432,\"proto\":\"tcp\",\"id.resp_p_service\":\"postgresql\"}\n"
        );
        assert_eq!(
            with("{\"id.resp_p\": \"53\", \"proto\": \"udp\"} \n", &key),
            "{\"id.resp_p\": \"53\", \"proto\": \"udp\",\"id.resp_p_service\":\"domain\"} \n"
        );
        for unchanged in [
            "{\"id.resp_p\":5432,\"id.resp_p_service\":\"x\"}\n",
            "{\"id.resp_p\":70000}\n",
            "{\"id.resp_p\":-1}\n",
            "{\"id.resp_p\":22.5}\n",
            "{\"other\":22}\n",
            "[22]\n",
            "{\"id.resp_p\":22\n",
            "not json\n",
        ] {
            assert_eq!(with(unchanged, &key), unchanged);
        }
    }
}
