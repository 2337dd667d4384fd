//! AFL harness: one input a run, fed to the iccma reader through
//! `argmap::fuzz::run` (which panics when the reader breaks a promise).

fn main() {
    afl::fuzz!(|data: &[u8]| {
        argmap::fuzz::run(argmap::fuzz::Target::Iccma, data);
    });
}
