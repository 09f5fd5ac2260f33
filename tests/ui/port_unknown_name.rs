const PORT: u16 = ianaports::port!("no-such-service");

fn main() {
    println!("{PORT}");
}
