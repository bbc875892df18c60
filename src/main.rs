fn main() -> std::process::ExitCode {
    werkconf::cli::main()
}
