//! Any bytes, read as a list cursor and as an If-Match header: the parsers never panic, a
//! cursor reads back as the text it came from unless its instant lay outside the stored range
//! (then it is clamped to the range's edge), and If-Match, when it reads, yields no more versions than the
//! header has tags, each written in it.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The service's own parsers, compiled from the service's source file.
#[path = "../../../src/domain/wire.rs"]
#[allow(dead_code)]
mod wire;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Some((at, id)) = wire::decode_cursor(text) {
        let again = wire::encode_cursor(at, id);
        assert_eq!(wire::decode_cursor(&again), Some((at, id)));
        if again != text {
            let edge = wire::clamp_instant(chrono::DateTime::<chrono::Utc>::MIN_UTC);
            let far = wire::clamp_instant(chrono::DateTime::<chrono::Utc>::MAX_UTC);
            assert!(at == edge || at == far, "{text:?} read as {at} {id}");
        }
    }
    match wire::IfMatch::parse(text) {
        Err(_) => {}
        Ok(wire::IfMatch::Any) => assert_eq!(text.trim(), "*"),
        Ok(wire::IfMatch::Versions(versions)) => {
            assert!(versions.len() <= text.matches(',').count() + 1);
            for v in versions {
                assert!(text.contains(&v.unsigned_abs().to_string()), "{v} from {text:?}");
            }
        }
    }
});
