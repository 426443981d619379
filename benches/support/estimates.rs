//! Reading criterion's record of a finished benchmark, to print ratios
//! against a baseline measured in the same run.

/// The mean time of a finished benchmark, in nanoseconds, from criterion's
/// own record; `None` when it was not run.
pub fn mean_ns(group: &str, name: &str) -> Option<f64> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/criterion")
        .join(group)
        .join(name)
        .join("new/estimates.json");
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    json["mean"]["point_estimate"].as_f64()
}
