// syslog has a port over udp only.
const PORT: u16 = ianaports::port!("syslog", Tcp);

fn main() {
    println!("{PORT}");
}
