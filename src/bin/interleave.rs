//! `interleave`: the native command-line runner.

const HELP: &str = "\
interleave - run Python concurrency programs on a deterministic virtual clock

USAGE:
    interleave run FILE.py [OPTIONS]
    interleave --version
    interleave --help
";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--version") | Some("-V") => println!("interleave {}", env!("CARGO_PKG_VERSION")),
        Some("--help") | Some("-h") | None => print!("{HELP}"),
        Some(other) => {
            eprintln!("interleave: unknown command '{other}'\n\n{HELP}");
            std::process::exit(2);
        }
    }
}
