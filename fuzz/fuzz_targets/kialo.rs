//! AFL harness: one input a run, fed to the kialo reader through
//! `argmap::fuzz::run` (which panics when the reader breaks a promise).

fn main() {
    afl::fuzz!(|data: &[u8]| {
        argmap::fuzz::run(argmap::fuzz::Target::Kialo, data);
    });
}
